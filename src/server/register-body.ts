import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ImportError } from '../domain/index.js';
import { ImportErrors } from '../interchange/import/errors.js';
import { csvRecords, jsonRecords, xlsxRecords, type RecordSet, type RegisterInput } from '../interchange/records.js';
import { SpreadsheetTooLarge } from '../interchange/xlsx-guard.js';
import { sha256Hex } from '../store/audit/index.js';
import { HttpProblem, type FieldError } from './plugins/problem.js';

/*
 * Register bodies: the rows of a small register (entities, holdings, implementation status, screening
 * cases) sent as the file itself — CSV with a header row, JSON (`{items: [...]}` or an array) or, where a
 * route takes it, an XLSX workbook (first sheet) — and read as the CLI reads the file, so that errors
 * name the same row and field. Routes taking them keep the body a stream (`rawBody`).
 */

/** Registers of a few thousand rows and BOMs of a few thousand components fit well within this. */
export const BODY_LIMIT = 16 * 1024 ** 2;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** what every register route takes; some take XLSX_TYPE too */
export const REGISTER_TYPES = ['text/csv', 'application/json'] as const;
const FORMATS = { 'text/csv': 'csv', 'application/json': 'json', [XLSX_TYPE]: 'xlsx' } as const;
type Format = (typeof FORMATS)[keyof typeof FORMATS];

export const FileQuery = z.object({ filename: z.string().max(200).optional().describe('the name errors and the import log give the body') });

export const mediaType = (h: string | string[] | undefined) => (typeof h === 'string' ? h : '').split(';')[0]!.trim().toLowerCase();
export const unsupported = (want: string) => new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `send ${want}`);
export const safeName = (given: string | undefined, fallback: string) =>
  (given ? given.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) : '') || fallback;

/** The raw body, refused past BODY_LIMIT (these routes keep it a stream so that it is read, and hashed, as sent). */
export async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new HttpProblem(413, 'payload-too-large', 'Payload too large', `a body may hold at most ${BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Rows as the register imports take them (file name, records, digest), and how errors name them. */
export interface RegisterBody extends RegisterInput {
  /** JSON rows are named body.items.<i> in errors, the others `row <n>` */
  json: boolean;
}

/** A register body as rows named like a file's; `xlsx` lets a route take a workbook too. */
export async function registerBody(
  request: { headers: Record<string, string | string[] | undefined>; body: unknown },
  kind: string,
  filename?: string,
  options: { xlsx?: boolean } = {},
): Promise<RegisterBody> {
  const format: Format | undefined = FORMATS[mediaType(request.headers['content-type']) as keyof typeof FORMATS];
  if (!format || (format === 'xlsx' && !options.xlsx)) throw unsupported(options.xlsx ? `text/csv, application/json or ${XLSX_TYPE}` : 'text/csv or application/json');
  const json = format === 'json';
  const file = safeName(filename, `${kind}.${format}`);
  const bytes = await readBody(request.body);
  const set: RecordSet = await fromImportErrors(
    () => (format === 'xlsx' ? xlsxRecords(file, bytes) : format === 'json' ? jsonRecords(file, bytes) : csvRecords(file, bytes)),
    json,
  );
  if (set.records.length === 0) throw new HttpProblem(400, 'bad-request', 'Bad request', `${file}: no rows`, { errors: [{ path: json ? 'body.items' : 'body', message: 'must hold at least one row' }] });
  return { file, ...set, sha256: sha256Hex(bytes), json };
}

/**
 * The importer's refusal (file, row, field for each problem) as a 400 whose `errors` name the row and
 * field: `body.items.<i>.<field>` for JSON (i from 0, row i + 1), `row <n>.<field>` otherwise (data rows from 1).
 */
export function fromImportErrors<T>(run: () => T, json: boolean): T {
  const problem = (error: unknown): never => {
    if (error instanceof SpreadsheetTooLarge) throw new HttpProblem(413, 'payload-too-large', 'Payload too large', `${error.message}; nothing was written`);
    if (!(error instanceof ImportError)) throw error;
    const list = error instanceof ImportErrors ? error.errors : [error];
    const path = (e: ImportError) =>
      e.row === undefined ? 'body' : json ? ['body', 'items', e.row - 1, ...(e.field ? [e.field] : [])].join('.') : `row ${e.row}${e.field ? `.${e.field}` : ''}`;
    const errors: (FieldError & { row?: number; field?: string })[] = list.map((e) => ({ path: path(e), message: e.reason, ...(e.row !== undefined ? { row: e.row } : {}), ...(e.field ? { field: e.field } : {}) }));
    throw new HttpProblem(400, 'bad-request', 'Bad request', `${error.message}; nothing was written`, { errors });
  };
  try {
    const out = run();
    return (out instanceof Promise ? out.catch(problem) : out) as T;
  } catch (error) {
    return problem(error);
  }
}
