import { readFile } from 'node:fs/promises';
import { ImportError } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { referenceData } from '../../store/import-writes.js';
import { policyVersionStatus } from '../../store/policies.js';
import { policyItems, policyValidation } from '../policy-validate.js';
import { sourceLabel, xlsxRecords } from '../records.js';
import { readCsv } from './csv.js';
import { ImportErrors, MAX_ERRORS } from './errors.js';
import { jsonRows, parseJsonFile } from './json-rows.js';
import { KINDS, type ImportKind, type TableKind } from './kinds.js';
import { RowStage } from './row-stage.js';

/*
 * The preview of an import: the file read by the importer's own readers and every row checked by the
 * importer's own validators (fields, references to stored suppliers, operators, products, profiles),
 * with nothing written. It answers the first rows as read (numbered as the errors number them: CSV and
 * JSON from 1 after the header, XLSX as Excel shows them) and every error found, up to MAX_ERRORS, so a
 * person sees what is wrong against the row it is in before submitting the import. What only the
 * writing finds (a policy version stored meanwhile, a row changed by someone else) can still refuse the
 * import itself, which checks everything again in its transaction.
 */

export const PREVIEW_ROWS = 50;

/** One row as read: its number and its cells in the order of `columns` ('' where absent). */
export interface PreviewRow {
  row: number;
  cells: string[];
}

export interface PreviewError {
  row?: number;
  field?: string;
  message: string;
}

/** The rows kept as read, keyed by column, before they are laid out as cells. */
interface Kept {
  row: number;
  fields: Record<string, string>;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  columns: string[];
  /** the first PREVIEW_ROWS rows as read */
  rows: PreviewRow[];
  totalRows: number;
  errors: PreviewError[];
  /** more errors than MAX_ERRORS: checking stopped there */
  truncated: boolean;
}

/** A value as a table cell shows it: text as given, other JSON values as JSON. */
const cell = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

const asFields = (o: unknown): Record<string, string> =>
  o !== null && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, cell(v)])) : { '': cell(o) };

/** Errors of a reader or validator (one ImportError, or ImportErrors listing several) as preview errors. */
export function previewErrors(err: ImportError): PreviewError[] {
  const list = err instanceof ImportErrors ? err.errors : [err];
  return list.map((e) => ({ ...(e.row !== undefined ? { row: e.row } : {}), ...(e.field !== undefined ? { field: e.field } : {}), message: e.reason }));
}

/**
 * Reads and checks `file` (extension `ext`) as an import of `kind` would, writing nothing. A file that
 * cannot be read at all (not UTF-8, not a workbook, not JSON) answers that one error and no rows.
 */
export async function previewImport(store: Store, kind: ImportKind, file: string, name: string, ext: '.csv' | '.json' | '.xlsx'): Promise<ImportPreview> {
  const out: Reading = { kind, fileName: name, columns: [], kept: [], totalRows: 0, errors: [], truncated: false };
  try {
    if (kind === 'policies') await previewPolicies(store, file, name, out);
    else await previewTable(store, kind, file, name, ext, out);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    out.errors.push(...previewErrors(err));
  }
  out.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  out.truncated ||= out.errors.length > MAX_ERRORS;
  const { kept, ...rest } = out;
  // cells, not an object keyed by column: the columns are the file's own names, shown as written
  return { ...rest, errors: out.errors.slice(0, MAX_ERRORS), rows: kept.map((k) => ({ row: k.row, cells: out.columns.map((c) => k.fields[c] ?? '') })) };
}

type Reading = Omit<ImportPreview, 'rows'> & { kept: Kept[] };

async function previewTable(store: Store, kind: TableKind, file: string, name: string, ext: string, out: Reading): Promise<void> {
  const spec = KINDS[kind];
  const stage = new RowStage(spec, referenceData(store));
  const seen = new Map<string, number>();
  const keep = (row: number, fields: Record<string, string>) => {
    out.totalRows++;
    if (out.kept.length < PREVIEW_ROWS) out.kept.push({ row, fields });
    // a repeated id is found by the store when the import writes; the preview finds it here
    const id = fields[spec.key]?.trim();
    if (!id) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, row);
    else out.errors.push({ row, field: spec.key, message: `duplicate id "${id}": it appears earlier in this file (row ${first})` });
  };
  const drain = () => {
    for (const e of stage.take().errors) out.errors.push({ ...(e.row !== undefined ? { row: e.row } : {}), ...(e.field !== undefined ? { field: e.field } : {}), message: e.reason });
  };
  let label = name;
  if (ext === '.csv') {
    let header: string[] = [];
    await readCsv(file, name, {
      header(names) {
        header = names;
        out.columns = names;
        stage.header(names);
      },
      record(fields, count, row) {
        const o: Record<string, string> = {};
        for (let i = 0; i < count && i < header.length; i++) o[header[i]!] = fields[i]!;
        keep(row, o);
        stage.csvRecord(fields, count, row);
      },
      flush: drain,
      wants: () => !stage.stopped,
      progress: () => {},
    });
  } else if (ext === '.xlsx') {
    const set = await xlsxRecords(name, await readFile(file));
    label = sourceLabel(name, set.sheet);
    out.columns = [...(set.columns ?? [])];
    stage.header([...out.columns]);
    for (const r of set.records) {
      keep(r.row, asFields(r.fields));
      stage.object(r.fields, r.row);
    }
  } else {
    const items = jsonRows(parseJsonFile(name, await readFile(file)), kind, name);
    const columns = new Set<string>();
    items.forEach((o, i) => {
      const fields = asFields(o);
      for (const k of Object.keys(fields)) columns.add(k);
      keep(i + 1, fields);
      stage.object(o, i + 1);
    });
    out.columns = [...columns];
  }
  drain();
  if (out.totalRows === 0 && out.errors.length === 0) out.errors.push({ message: `${label} holds no rows (a header alone, or an empty list): nothing to import` });
  out.truncated = stage.stopped && out.errors.length >= MAX_ERRORS;
}

async function previewPolicies(store: Store, file: string, name: string, out: Reading): Promise<void> {
  const items = policyItems(parseJsonFile(name, await readFile(file)));
  const columns = new Set<string>();
  const versions = new Set<string>();
  items.forEach((item, i) => {
    const row = i + 1;
    const fields = asFields(item);
    for (const k of Object.keys(fields)) columns.add(k);
    out.totalRows++;
    if (out.kept.length < PREVIEW_ROWS) out.kept.push({ row, fields });
    const v = policyValidation(item, name, row);
    out.errors.push(...v.errors.flatMap(previewErrors));
    if (!v.policy) return;
    const key = `${v.policy.member_state}\u0000${v.policy.version}`;
    if (versions.has(key)) out.errors.push({ row, field: 'version', message: `duplicate policy ${v.policy.member_state} version "${v.policy.version}" in this file` });
    else if (policyVersionStatus(store, v.policy) === 'conflict')
      out.errors.push({ row, field: 'version', message: `policy ${v.policy.member_state} version "${v.policy.version}" is stored already with other content: versions are immutable, give the new content a new version` });
    versions.add(key);
  });
  out.columns = [...columns];
}
