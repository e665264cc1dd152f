import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { z } from 'zod';
import { ImportError } from '../domain/index.js';
import { ImportErrors, MAX_ERRORS } from './import/errors.js';
import { checkXlsxArchive } from './xlsx-guard.js';

/*
 * Registers (entities, holdings, implementation status, screening cases …) are small tables that people
 * keep in spreadsheets. They come as CSV, JSON or XLSX and go through one reader: rows as plain records
 * of text (CSV, XLSX) or JSON values, each validated with the domain's zod schema, every error naming
 * file, row and field. The inventory's fast path (./import) is for millions of rows; this one is for
 * thousands and favours clarity.
 */

export const RECORD_FORMATS = ['.csv', '.json', '.xlsx'] as const;

/** One input row: 1-based data row number (header excluded; JSON array index + 1) and its fields. */
export interface InputRecord {
  row: number;
  fields: Record<string, unknown>;
}

/** Register rows already read (from a file, or a request body), with the name errors and the import log give them. */
export interface RegisterInput {
  file: string;
  records: readonly InputRecord[];
  sha256: string | null;
  startedAt?: string;
}

/**
 * Reads a CSV (header row), a JSON file (an array of objects, or an object with an `items` array) or an
 * XLSX workbook (first sheet, header row) into records. Empty cells are left out of the record so that
 * optional fields read as absent.
 */
export async function readRecords(file: string): Promise<InputRecord[]> {
  const ext = extname(file).toLowerCase();
  if (!(RECORD_FORMATS as readonly string[]).includes(ext))
    throw new ImportError(file, undefined, undefined, `unknown file type ${ext || '(none)'}: use .csv, .json or .xlsx`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ImportError(file, undefined, undefined, 'cannot read the file');
  }
  if (ext === '.json') return jsonRecords(file, bytes.toString('utf8'));
  if (ext === '.xlsx') return xlsxRecords(file, bytes);
  return csvRecords(file, bytes.toString('utf8'));
}

export function csvRecords(file: string, text: string): InputRecord[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new ImportError(file, bad.row === undefined ? undefined : bad.row + 1, undefined, `not valid CSV: ${bad.message}`);
  return parsed.data.map((r, i) => ({ row: i + 1, fields: dropEmpty(r) }));
}

export function jsonRecords(file: string, text: string): InputRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, undefined, undefined, `not valid JSON (${(error as Error).message})`);
  }
  const items = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items) ? (doc as { items: unknown[] }).items : undefined;
  if (!items) throw new ImportError(file, undefined, undefined, 'expected an array of records, or an object with an "items" array');
  return items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ImportError(file, i + 1, undefined, 'is not an object');
    return { row: i + 1, fields: item as Record<string, unknown> };
  });
}

/** The first sheet's rows; the archive is checked against XLSX_LIMITS first (xlsx-guard.ts), before anything is parsed. */
export async function xlsxRecords(file: string, bytes: Buffer): Promise<InputRecord[]> {
  await checkXlsxArchive(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Buffer being generic; the bytes are what it expects
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportError(file, undefined, undefined, `not a readable XLSX workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportError(file, undefined, undefined, 'the workbook has no sheet');
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell.value).trim()));
  const out: InputRecord[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const fields: Record<string, string> = {};
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const name = header[col];
      if (name) fields[name] = cellText(cell.value);
    });
    const kept = dropEmpty(fields);
    if (Object.keys(kept).length > 0) out.push({ row: r - 1, fields: kept });
  }
  return out;
}

/** Cells as the text a CSV would hold: dates as YYYY-MM-DD, booleans as true/false, formulas by result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

function dropEmpty(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === '' || v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out;
}

/**
 * Validates every record with `schema` and returns the parsed rows, or throws one ImportErrors listing
 * every problem (up to MAX_ERRORS) by file, row and field. Fields the schema does not know are refused
 * (a misspelt column would otherwise be dropped in silence) unless the schema itself allows them.
 */
export function parseRecords<S extends z.ZodType>(file: string, records: readonly InputRecord[], schema: S, options: { known?: readonly string[] } = {}): { row: number; value: z.output<S> }[] {
  const name = basename(file);
  const errors: ImportError[] = [];
  const out: { row: number; value: z.output<S> }[] = [];
  const known = options.known ? new Set(options.known) : undefined;
  for (const rec of records) {
    if (errors.length >= MAX_ERRORS) break;
    if (known) {
      const unknown = Object.keys(rec.fields).find((k) => !known.has(k));
      if (unknown !== undefined) {
        errors.push(new ImportError(name, rec.row, unknown, `is not a column of this format (known: ${[...known].join(', ')})`));
        continue;
      }
    }
    const parsed = schema.safeParse(rec.fields);
    if (parsed.success) out.push({ row: rec.row, value: parsed.data });
    else
      for (const issue of parsed.error.issues.slice(0, MAX_ERRORS - errors.length))
        errors.push(new ImportError(name, rec.row, issue.path.length ? issue.path.join('.') : undefined, issue.message));
  }
  if (errors.length > 0) throw new ImportErrors(name, errors, errors.length >= MAX_ERRORS);
  return out;
}

/** readRecords then parseRecords. */
export async function readRegister<S extends z.ZodType>(file: string, schema: S, options: { known?: readonly string[] } = {}) {
  return parseRecords(file, await readRecords(file), schema, options);
}
