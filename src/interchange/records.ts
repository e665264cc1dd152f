import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { z } from 'zod';
import { ImportError } from '../domain/index.js';
import { ImportErrors, MAX_ERRORS } from './import/errors.js';
import { checkXlsxArchive } from './xlsx-guard.js';
import { decodeText, detectDelimiter } from './text.js';

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

/** The rows of one file or body, and what the reader learnt of the file as a whole. */
export interface RecordSet {
  records: readonly InputRecord[];
  /** the header as written (CSV, XLSX): a column is checked even where every cell of it is empty */
  columns?: readonly string[];
  /** XLSX: the sheet read, named in errors; its rows are numbered as Excel shows them */
  sheet?: string;
}

/** Register rows already read (from a file, or a request body), with the name errors and the import log give them. */
export interface RegisterInput extends RecordSet {
  file: string;
  sha256: string | null;
  startedAt?: string;
}

/** How errors name a file, or one sheet of a workbook. */
export const sourceLabel = (file: string, sheet?: string) => (sheet === undefined ? file : `${file}, sheet "${sheet}"`);

/**
 * Reads a CSV (header row), a JSON file (an array of objects, or an object with an `items` array) or an
 * XLSX workbook (first sheet, header row) into records. Empty cells are left out of the record so that
 * optional fields read as absent.
 */
export async function readRecords(file: string): Promise<RecordSet> {
  const ext = extname(file).toLowerCase();
  if (!(RECORD_FORMATS as readonly string[]).includes(ext))
    throw new ImportError(file, undefined, undefined, `unknown file type ${ext || '(none)'}: use .csv, .json or .xlsx`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ImportError(file, undefined, undefined, 'cannot read the file');
  }
  const name = basename(file);
  const set = ext === '.json' ? jsonRecords(name, bytes) : ext === '.xlsx' ? await xlsxRecords(name, bytes) : csvRecords(name, bytes);
  // a file saved before it was filled: refused, as the inventory's importer refuses it
  if (set.records.length === 0) throw new ImportError(sourceLabel(name, set.sheet), undefined, undefined, 'holds no rows (a header alone, or an empty list): nothing to import');
  return set;
}

/**
 * CSV as spreadsheets write it: UTF-8 or UTF-16 (text.ts), fields separated by `,`, `;` or tab (the
 * header line tells), RFC 4180 quoting. A record with more or fewer fields than the header is refused.
 */
export function csvRecords(file: string, bytes: Uint8Array): RecordSet {
  const text = decodeText(file, bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimiter: detectDelimiter(text) });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) throw new ImportError(file, bad.row === undefined || bad.row === 0 ? undefined : bad.row, undefined, `not valid CSV: ${bad.message}`);
  const [head, ...rows] = parsed.data;
  if (!head) return { records: [], columns: [] };
  const columns = head.map((h) => h.trim());
  const errors: ImportError[] = [];
  const twice = columns.find((c, i) => c !== '' && columns.indexOf(c) !== i);
  if (twice !== undefined) errors.push(new ImportError(file, undefined, twice, 'column appears twice'));
  const records: InputRecord[] = [];
  rows.forEach((cells, i) => {
    if (cells.length !== columns.length) {
      if (errors.length < MAX_ERRORS) errors.push(new ImportError(file, i + 1, undefined, `has ${cells.length} fields, the header has ${columns.length}`));
      return;
    }
    const fields: Record<string, string> = {};
    cells.forEach((v, c) => (fields[columns[c]!] = v));
    records.push({ row: i + 1, fields: dropEmpty(fields) });
  });
  if (errors.length > 0) throw new ImportErrors(file, errors, errors.length >= MAX_ERRORS);
  return { records, columns };
}

/** An array of records, or an object with an `items` array; UTF-8 or UTF-16 with a byte-order mark. */
export function jsonRecords(file: string, bytes: Uint8Array): RecordSet {
  const text = decodeText(file, bytes, 'lines');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, undefined, undefined, `not valid JSON (${(error as Error).message})`);
  }
  const items = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items) ? (doc as { items: unknown[] }).items : undefined;
  if (!items) throw new ImportError(file, undefined, undefined, 'expected an array of records, or an object with an "items" array');
  return {
    records: items.map((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ImportError(file, i + 1, undefined, 'is not an object');
      return { row: i + 1, fields: item as Record<string, unknown> };
    }),
  };
}

/**
 * The first sheet of a workbook: header in its first row, then one record per non-empty row, numbered
 * as Excel numbers it (the first data row is row 2), so an error points at the row a user sees. The
 * archive is checked against XLSX_LIMITS first (xlsx-guard.ts), before anything is parsed.
 */
export async function xlsxRecords(file: string, bytes: Buffer): Promise<RecordSet> {
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
  const label = sourceLabel(file, sheet.name);
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell.value).trim()));
  const columns = header.filter((h) => h !== undefined && h !== '');
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new ImportError(label, 1, twice, 'column appears twice');
  const out: InputRecord[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const fields: Record<string, string> = {};
    let stray: number | undefined;
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const name = header[col];
      const problem = cellProblem(cell.value);
      if (problem) throw new ImportError(label, r, name || `${columnLetters(col)}`, `cell ${columnLetters(col)}${r} ${problem}`);
      const text = cellText(cell.value);
      if (name) fields[name] = text;
      else if (text.trim() !== '') stray ??= col;
    });
    if (stray !== undefined) throw new ImportError(label, r, undefined, `cell ${columnLetters(stray)}${r} holds a value under no header`);
    const kept = dropEmpty(fields);
    if (Object.keys(kept).length > 0) out.push({ row: r, fields: kept });
  }
  return { records: out, columns, sheet: sheet.name };
}

/** 1 → A, 27 → AA: the column as Excel labels it. */
function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A cell whose value cannot be read as what Excel shows: an error value (#N/A, #REF! …) would otherwise
 * read as an empty cell, and a formula a program wrote without computing it has no value at all.
 */
function cellProblem(v: ExcelJS.CellValue): string | undefined {
  if (v === null || typeof v !== 'object' || v instanceof Date) return undefined;
  if ('error' in v) return `holds the error ${String(v.error)}`;
  if (('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null)) {
    return 'holds a formula with no computed value: open and save the workbook in a spreadsheet program, or paste the values';
  }
  if ('result' in v && v.result !== null && typeof v.result === 'object' && 'error' in v.result) return `holds a formula whose result is the error ${String(v.result.error)}`;
  return undefined;
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
export function parseRecords<S extends z.ZodType>(file: string, input: RecordSet, schema: S, options: { known?: readonly string[] } = {}): { row: number; value: z.output<S> }[] {
  const name = sourceLabel(basename(file), input.sheet);
  const errors: ImportError[] = [];
  const out: { row: number; value: z.output<S> }[] = [];
  const known = options.known ? new Set(options.known) : undefined;
  if (known) {
    // each unknown column once per file, from the header where there is one (its cells may all be
    // empty: a misspelt column would otherwise be dropped in silence), else where a record first has it
    const unknown = (k: string) => `is not a column of this format (known: ${[...known].join(', ')})`;
    const seen = new Set<string>();
    for (const c of input.columns ?? []) {
      if (known.has(c) || seen.has(c)) continue;
      seen.add(c);
      errors.push(new ImportError(name, undefined, c === '' ? '(empty header)' : c, unknown(c)));
    }
    for (const rec of input.records)
      for (const k of Object.keys(rec.fields)) {
        if (known.has(k) || seen.has(k)) continue;
        seen.add(k);
        errors.push(new ImportError(name, rec.row, k, unknown(k)));
      }
    if (errors.length > 0) throw new ImportErrors(name, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);
  }
  for (const rec of input.records) {
    if (errors.length >= MAX_ERRORS) break;
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
