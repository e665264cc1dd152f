import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportError, UserError, isoCountry } from '../../domain/index.js';
import { importFile, type ImportKind, type ImportSummary, type ReplaceOptions } from '../../interchange/index.js';
import { readCsv } from '../../interchange/import/csv.js';
import { xlsxRecords } from '../../interchange/records.js';
import { decodeText } from '../../interchange/text.js';
import { XLSX_TYPE } from '../register-body.js';
import { assertImportInScope, assertReplaceInScope, tenancyOf, type RowKeys, type Scope, type ScopedImportKind } from '../../store/access/index.js';
import { appendAudit, type Actor } from '../../store/audit/index.js';
import type { ServerContext } from '../context.js';
import { HttpProblem } from '../plugins/problem.js';
import type { ImportJob, ImportJobSummary } from './import-jobs.js';

/** Writes the request body to a file, refusing bodies over `limit` bytes; returns its size and SHA-256. */
export async function saveUpload(body: Readable, file: string, limit: number): Promise<{ bytes: number; sha256: string }> {
  let bytes = 0;
  const hash = createHash('sha256');
  await mkdir(dirname(file), { recursive: true });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      hash.update(chunk);
      if (bytes > limit) done(new HttpProblem(413, 'payload-too-large', 'Payload too large', `an import file may hold at most ${limit} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file));
  } catch (err) {
    await rm(dirname(file), { recursive: true, force: true });
    throw err;
  }
  return { bytes, sha256: hash.digest('hex') };
}

const KEY_COLUMNS: Record<ScopedImportKind, { id?: string; memberState?: string; operatorId?: string }> = {
  operators: { id: 'operator_id', memberState: 'member_state' },
  assets: { id: 'asset_id', operatorId: 'operator_id' },
  designations: { id: 'designation_id', memberState: 'member_state' },
  policies: { memberState: 'member_state' },
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? undefined : String(v));

/**
 * The deciding keys of every row of an uploaded file, read before the import so a scoped caller's rows
 * can be checked. They are read by the importer's own readers (encoding, separator, sheet, row numbers)
 * and a member state as the importer will store it (EL is GR), so the rows checked are the rows written.
 */
export async function readRowKeys(kind: ScopedImportKind, file: string, name: string, ext: ImportExtension): Promise<RowKeys[]> {
  const cols = KEY_COLUMNS[kind];
  const state = (v: unknown) => {
    const t = text(v)?.toUpperCase();
    return t === undefined ? undefined : isoCountry(t);
  };
  const keys = (o: Record<string, unknown>, row: number): RowKeys => ({
    row,
    id: cols.id ? text(o[cols.id]) : undefined,
    memberState: cols.memberState ? state(o[cols.memberState]) : undefined,
    operatorId: cols.operatorId ? text(o[cols.operatorId]) : undefined,
  });
  if (ext === '.json') {
    let doc: unknown;
    try {
      doc = JSON.parse(decodeText(name, await readFile(file), 'lines'));
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw new ImportError(name, undefined, undefined, `not valid JSON: ${(err as Error).message}`);
    }
    const wrapped = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[kind] : undefined;
    const items = Array.isArray(doc) ? doc : Array.isArray(wrapped) ? wrapped : kind === 'policies' ? [doc] : [];
    return items.map((o, i) => keys(o !== null && typeof o === 'object' ? (o as Record<string, unknown>) : {}, i + 1));
  }
  if (ext === '.xlsx') return (await xlsxRecords(name, await readFile(file))).records.map((r) => keys(r.fields, r.row));
  const out: RowKeys[] = [];
  let header: string[] = [];
  await readCsv(file, name, {
    header: (names) => void (header = names),
    record(fields, count, row) {
      const o: Record<string, string> = {};
      for (let i = 0; i < count && i < header.length; i++) o[header[i]!] = fields[i]!;
      out.push(keys(o, row));
    },
    flush: () => {},
    wants: () => true,
    progress: () => {},
  });
  return out;
}

export type ImportExtension = '.csv' | '.json' | '.xlsx';
export const IMPORT_CONTENT_TYPES: Record<string, ImportExtension> = { 'text/csv': '.csv', 'application/json': '.json', [XLSX_TYPE]: '.xlsx' };

/** An uploaded file waiting for its job (uploadPath, saveUpload). */
export interface Upload {
  file: string;
  name: string;
  ext: ImportExtension;
  bytes: number;
  sha256: string;
}

type ImportCaller = { scope: Scope; actor: Actor };

/** What a job's result keeps of an import (its summary, or what it is about to commit). */
const summaryOf = (s: Pick<ImportSummary, 'rows' | 'inserted' | 'updated' | 'unchanged' | 'ms' | 'replacement'>): ImportJobSummary => ({
  rows: s.rows,
  inserted: s.inserted,
  updated: s.updated,
  unchanged: s.unchanged,
  ms: s.ms,
  ...(s.replacement ? { replacement: s.replacement } : {}),
});

/**
 * A CSV or JSON upload from this size on is parsed on a worker thread: parsing a 4 MB stretch of a CSV
 * file on the server thread held it for ~0.15 s (bench/LOAD-NOTES.md), and a JSON document is parsed
 * whole; below it, starting a worker costs more than it saves.
 */
const SERVER_PARSE_WORKER_MIN_BYTES = 1 << 20;

/**
 * Queues an uploaded file's import. The job checks the caller's scope against every row first (whole-
 * instance callers skip this), then imports in one transaction, records the audit entry and refreshes
 * the dashboard. A replacement (`replace`) names an operator the caller reaches; its dry run writes
 * nothing, so it leaves no audit entry either.
 */
export function submitImport(ctx: ServerContext, kind: ImportKind, upload: Upload, caller: ImportCaller, replace?: ReplaceOptions): ImportJob {
  try {
    return queueImport(ctx, kind, upload, caller, replace);
  } catch (err) {
    // not queued (the job's row could not be written): no job will ever remove the upload
    rmSync(dirname(upload.file), { recursive: true, force: true });
    throw err;
  }
}

function queueImport(ctx: ServerContext, kind: ImportKind, upload: Upload, caller: ImportCaller, replace: ReplaceOptions | undefined): ImportJob {
  return ctx.jobs.submit(
    kind,
    upload.name,
    caller,
    upload.bytes,
    async ({ jobId }, progress, committing) => {
      if (tenancyOf(caller.scope).kind !== 'all') {
        if (kind === 'suppliers' || kind === 'products' || kind === 'certificates') throw new UserError(`${kind} are shared reference data: an administrator imports them`);
        if (replace) assertReplaceInScope(ctx.store, caller.scope, replace.operatorId);
        const keys = await readRowKeys(kind, upload.file, upload.name, upload.ext);
        assertImportInScope(ctx.store, caller.scope, kind, upload.name, keys);
      }
      const t = tenancyOf(caller.scope);
      const s = await importFile(ctx.store, kind, upload.file, {
        // this thread answers requests meanwhile: it only writes, in slices (table-load.ts), while a worker
        // parses a CSV or JSON table (importFile reads XLSX and policies here, whatever this says)
        worker: upload.bytes >= SERVER_PARSE_WORKER_MIN_BYTES,
        onProgress: progress,
        actor: caller.actor.name,
        logAs: `upload ${upload.name}`,
        ...(replace ? { replace } : {}),
        // the audit entry and the job's "done" commit with the rows: a kill at the commit leaves all or none
        beforeCommit(done) {
          const r = done.replacement;
          appendAudit(ctx.store, caller.actor, {
            action: r ? `import.${kind}.replace` : `import.${kind}`,
            targetType: 'import',
            targetId: jobId,
            memberState: t.kind === 'member-state' || t.kind === 'operator' ? t.memberState : undefined,
            operatorId: t.kind === 'operator' ? t.operatorId : undefined,
            detail: {
              file: upload.name,
              sha256: upload.sha256,
              rows: done.rows,
              inserted: done.inserted,
              updated: done.updated,
              unchanged: done.unchanged,
              ...(r ? { operatorId: r.operatorId, asOf: r.asOf, decommissioned: r.decommissioned } : {}),
            },
          });
          committing(summaryOf(done));
        },
      });
      const r = s.replacement;
      if (!r?.dryRun && s.inserted + s.updated + (r?.decommissioned.length ?? 0) > 0) ctx.dashboard.invalidate();
      return summaryOf(s);
    },
    // done, failed or refused: the upload goes (one left by a killed process goes at the next start, clearUploads)
    () => rm(dirname(upload.file), { recursive: true, force: true }),
  );
}

/**
 * Where a server's uploads wait for their job: a folder of the database's own under the OS temporary
 * folder (two servers on two databases must not clear each other's uploads at start; one database has
 * one server, docs/operations.md). An in-memory database gets a folder of this process's own.
 */
export function defaultUploadDir(dbFile: string): string {
  const owner = dbFile === ':memory:' ? `memory-${process.pid}-${randomUUID().slice(0, 8)}` : createHash('sha256').update(resolve(dbFile)).digest('hex').slice(0, 16);
  return join(tmpdir(), 'secure5g-uploads', owner);
}

/**
 * Removes every upload in the folder, returning how many there were. Called at server start, before any
 * request: what is there was left by an earlier process killed during an upload or a job, which the
 * start marks failed, so nothing reads it again.
 */
export function clearUploads(dir: string, opts: { removeDir?: boolean } = {}): number {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0; // no folder yet: nothing was ever uploaded
  }
  for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
  if (opts.removeDir) rmSync(dir, { recursive: true, force: true });
  return entries.length;
}

/** Each upload gets its own folder, so the file keeps the name the caller gave it (and errors name it). */
export function uploadPath(ctx: ServerContext, kind: string, ext: string, filename: unknown): { file: string; name: string } {
  const given = typeof filename === 'string' ? filename.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) : '';
  const name = given && given.toLowerCase().endsWith(ext) ? given : `${kind}${ext}`;
  return { file: join(ctx.uploadDir, randomUUID(), name), name };
}
