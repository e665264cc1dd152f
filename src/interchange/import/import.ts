import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ImportError, UserError } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { importTimestamp, recordImport, referenceData } from '../../store/import-writes.js';
import { readCsv } from './csv.js';
import { IMPORT_KINDS, KINDS, type ImportKind, type TableKind } from './kinds.js';
import { importPolicyDocuments } from './policies.js';
import { ReplaceTracker, type ReplaceOptions, type Replacement } from './replace.js';
import { TableLoad, type LoadCounts } from './table-load.js';
import { RowStage } from './row-stage.js';
import type { References } from './validate.js';
import { parseOnWorker } from './parse-worker-host.js';
import { jsonRows, readJsonFile } from './json-rows.js';
import { sourceLabel, xlsxRecords } from '../records.js';

export interface ImportSummary {
  kind: ImportKind;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  ms: number;
  /** a replacement import's changes (ImportOptions.replace) */
  replacement?: Replacement;
}

export interface ImportOptions {
  /** called now and then with bytes (files) or rows (programmatic) done and in all */
  onProgress?: (done: number, total: number) => void;
  /** parse on a worker thread (CSV, and JSON of every kind but policies); by default, for files of 16 MB and more */
  worker?: boolean;
  /** who the import's history revisions (designations) name; default `import` */
  actor?: string;
  /** what the import log and history revisions call the file (an API upload: the name it was sent under, not its temporary path); default: the path */
  logAs?: string;
  /**
   * assets only: the file is the operator's whole inventory; what it does not hold left service on the
   * as-of date (replace.ts). With dryRun, nothing is written and the summary says what would change.
   */
  replace?: ReplaceOptions;
  /**
   * Called inside the import's transaction, after its rows and its import-log entry are written and
   * just before the commit (not for a dry run), with what it wrote: what a caller records of the import
   * (its audit entry, a job's status) then commits with the rows or not at all, and a process killed at
   * the commit leaves neither half. Throwing rolls the import back.
   */
  beforeCommit?: (done: ImportCommit) => void;
}

/** What an import is about to commit (ImportOptions.beforeCommit). */
export interface ImportCommit extends LoadCounts {
  /** the file's SHA-256; null for rows given in code */
  sha256: string | null;
  ms: number;
  replacement?: Replacement;
}

/**
 * Imports one CSV, JSON or XLSX file (chosen by extension; XLSX: the first sheet) of one kind, as one transaction: every row is
 * checked, and either all rows are written or, on any error, none (the error lists up to 20 problems,
 * each naming file, row and field). Rows are upserted by id, so re-importing a file changes nothing.
 */
export async function importFile(store: Store, kind: ImportKind, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  if (!IMPORT_KINDS.includes(kind)) throw new UserError(`unknown import kind "${String(kind)}"; kinds are ${IMPORT_KINDS.join(', ')}`);
  const name = basename(file);
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json' && ext !== '.xlsx') throw new ImportError(name, undefined, undefined, 'must be a .csv, .json or .xlsx file');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new UserError(`cannot read ${file}: no such file`);
  }
  const started = Date.now();
  const progress = (done: number) => opts.onProgress?.(done, size);
  const log = logger(store, kind, opts.logAs ?? file, opts, started);

  if (opts.replace && kind !== 'assets') throw new UserError('only an asset import can replace an inventory (--replace)');

  const useWorker = opts.worker ?? size >= WORKER_MIN_BYTES;
  if (ext === '.json' && (kind === 'policies' || !useWorker)) {
    const { doc, sha256 } = await readJsonFile(file, name);
    progress(size);
    const counts =
      kind === 'policies'
        ? importPolicyDocuments(store, doc, name, (c) => log(notEmpty(name, c), sha256))
        : await loadObjects(store, kind, name, numbered(jsonRows(doc, kind, name)), (c, r) => log(notEmpty(name, c), sha256, r), undefined, opts.replace);
    return { kind, file, ...counts, ms: Date.now() - started };
  }

  if (kind === 'policies') throw new ImportError(name, undefined, undefined, 'policies are JSON documents: give a .json file');
  if (ext === '.xlsx') {
    const bytes = await readFile(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const set = await xlsxRecords(name, bytes);
    progress(size);
    const label = sourceLabel(name, set.sheet);
    const counts = await loadObjects(store, kind, label, set.records, (c, r) => log(notEmpty(label, c), sha256, r), undefined, opts.replace, set.columns);
    return { kind, file, ...counts, ms: Date.now() - started };
  }
  // a CSV file, or a JSON one on the worker
  const refs = referenceData(store);
  const { load, tracker } = startLoad(store, kind, name, opts.replace);
  let sha256: string;
  try {
    sha256 = useWorker
      ? await parseOnWorker(load, kind, file, name, ext === '.json' ? 'json' : 'csv', refs, progress)
      : await csvInThread(load, kind, file, name, refs, progress);
  } catch (err) {
    load.abort();
    throw err;
  }
  let replacement: Replacement | undefined;
  const counts = load.finish((c) => {
    notEmpty(name, c);
    replacement = tracker?.decommission(store, name);
    log(c, sha256, replacement);
  });
  return { kind, file, ...counts, ms: Date.now() - started, ...(replacement ? { replacement } : {}) };
}

/** The load's transaction, and a replacement's tracker reading the inventory inside it. */
function startLoad(store: Store, kind: TableKind, name: string, replace: ReplaceOptions | undefined): { load: TableLoad; tracker?: ReplaceTracker } {
  if (!replace) return { load: new TableLoad(store, KINDS[kind], name) };
  let tracker: ReplaceTracker | undefined;
  const load = new TableLoad(store, KINDS[kind], name, { inspect: (v, n, rows) => tracker!.inspect(v, n, rows), dryRun: replace.dryRun === true });
  try {
    tracker = new ReplaceTracker(store, KINDS[kind], replace);
  } catch (err) {
    load.abort();
    throw err;
  }
  return { load, tracker };
}

/** CSV and JSON files from this size on are parsed on a worker thread while this thread writes. */
const WORKER_MIN_BYTES = 16 << 20;

async function csvInThread(load: TableLoad, kind: TableKind, file: string, name: string, refs: References, progress: (b: number) => void) {
  const stage = new RowStage(KINDS[kind], refs);
  return readCsv(file, name, {
    // the header's errors go with the first stretch's rows (flush)
    header: (names) => stage.header(names),
    record: (fields, count, row) => stage.csvRecord(fields, count, row),
    flush: () => load.apply(stage.take()),
    wants: () => !stage.stopped && !load.stopped,
    progress,
  });
}

/**
 * Imports rows given in code (objects keyed by the CSV column names; numbers may be numbers, lists
 * may be arrays or `;`-joined text), with the same checks and the same single transaction as a file.
 * `sourceName` stands for the file name in errors and in the import log.
 */
export async function importRows(
  store: Store,
  kind: ImportKind,
  rows: Iterable<Record<string, unknown>>,
  sourceName: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  const log = logger(store, kind, sourceName, opts, started);
  const total = Array.isArray(rows) ? rows.length : 0;
  if (opts.replace && kind !== 'assets') throw new UserError('only an asset import can replace an inventory');
  const counts =
    kind === 'policies'
      ? importPolicyDocuments(store, [...rows], sourceName, (c) => log(c, null))
      : await loadObjects(
          store,
          kind,
          sourceName,
          numbered(rows),
          (c, r) => log(c, null, r),
          (done) => opts.onProgress?.(done, total || done),
          opts.replace,
        );
  return { kind, file: sourceName, ...counts, ms: Date.now() - started };
}

/**
 * A file with no rows (a header alone, an empty array) is refused rather than logged as an import of
 * nothing: it is a file saved before it was filled, or a filter that matched nothing, and as a
 * replacement (--replace) it would decommission a whole inventory.
 */
function notEmpty(name: string, c: LoadCounts): LoadCounts {
  if (c.rows === 0) throw new ImportError(name, undefined, undefined, 'holds no rows (a header alone, or an empty list): nothing to import');
  return c;
}

/** Writes the import-log entry, then lets the caller write its own records of the import (ImportOptions.beforeCommit): inside the transaction. */
function logger(store: Store, kind: string, file: string, opts: ImportOptions, started: number) {
  const startedAt = new Date(started).toISOString();
  return (c: LoadCounts, sha256: string | null, replacement?: Replacement) => {
    recordImport(store, { kind, file, ...c, sha256, startedAt, finishedAt: importTimestamp(), actor: opts.actor });
    if (!opts.replace?.dryRun) opts.beforeCommit?.({ ...c, sha256, ms: Date.now() - started, ...(replacement ? { replacement } : {}) });
  };
}

/** Objects are checked and handed to the load this many at a time; progress is told every PROGRESS_EVERY. */
const STAGE_ROWS = 4_096;
const PROGRESS_EVERY = 65_536;

/** Objects numbered from 1 in the order given (JSON array positions; rows given in code). */
function* numbered(rows: Iterable<unknown>): Iterable<{ row: number; fields: unknown }> {
  let row = 0;
  for (const fields of rows) yield { row: ++row, fields };
}

/**
 * Rows as objects keyed by column name, each with the number errors give it (a JSON position, or the
 * row Excel shows); `columns`, where the source has a header (XLSX), is checked as a CSV header is.
 */
async function loadObjects(
  store: Store,
  kind: TableKind,
  name: string,
  rows: Iterable<{ row: number; fields: unknown }>,
  beforeCommit: (c: LoadCounts, replacement: Replacement | undefined) => void,
  onRows?: (done: number) => void,
  replace?: ReplaceOptions,
  columns?: readonly string[],
): Promise<LoadCounts & { replacement?: Replacement }> {
  const spec = KINDS[kind];
  const stage = new RowStage(spec, referenceData(store));
  const { load, tracker } = startLoad(store, kind, name, replace);
  try {
    if (columns) {
      stage.header([...columns]);
      await load.apply(stage.take());
    }
    let done = 0;
    for (const { row, fields } of rows) {
      done++;
      if (stage.stopped || load.stopped) break;
      stage.object(fields, row);
      if (done % STAGE_ROWS === 0) await load.apply(stage.take());
      if (done % PROGRESS_EVERY === 0) onRows?.(done);
    }
    await load.apply(stage.take());
    onRows?.(done);
  } catch (err) {
    load.abort();
    throw err;
  }
  let replacement: Replacement | undefined;
  const counts = load.finish((c) => {
    notEmpty(name, c);
    replacement = tracker?.decommission(store, name);
    beforeCommit(c, replacement);
  });
  return { ...counts, ...(replacement ? { replacement } : {}) };
}
