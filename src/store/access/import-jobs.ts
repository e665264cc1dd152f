import { fromJsonColumn, toJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import { Forbidden, tenancyOf, type Scope } from './scope.js';
import { scopeRows, selectPage, Where, type Page, type PageRequest } from './sql.js';

/*
 * Import jobs of the server, table import_jobs (migration 0007). A job row carries the tenancy of the
 * caller who started it, and every read narrows by the caller's scope in SQL: an operator sees its own
 * jobs, an authority those of its member state (its operators' included), whole-instance scopes all.
 */

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export interface ImportJobSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  ms: number;
  /** a replacement import's changes, with the ids */
  replacement?: { operatorId: string; asOf: string; dryRun: boolean; added: string[]; updated: string[]; unchanged: number; decommissioned: string[] };
}

/** One job as the API shows it. */
export interface ImportJob {
  jobId: string;
  kind: string;
  fileName: string;
  status: ImportJobStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  createdBy: string;
  bytes: number;
  /** bytes of the file read so far (rows for JSON documents) */
  progress?: { done: number; total: number };
  result?: ImportJobSummary;
  /** a message for the user: the import's own error (file, row, field) or a plain statement; never a stack trace */
  error?: string;
}

interface ImportJobRow {
  job_id: string;
  kind: string;
  file_name: string;
  bytes: number;
  member_state: string | null;
  operator_id: string | null;
  status: string;
  progress_done: number | null;
  progress_total: number | null;
  summary: string | null;
  error: string | null;
  created_by: string;
  created_by_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Who started the job, kept with it. */
export interface JobOwner {
  scope: Scope;
  actor: { userId?: string; name: string };
}

/** The tenancy columns of a job started by `scope`. */
function tenancyColumns(scope: Scope): { member_state: string | null; operator_id: string | null } {
  const t = tenancyOf(scope);
  switch (t.kind) {
    case 'all':
      return { member_state: null, operator_id: null };
    case 'aggregates':
      throw new Forbidden('this role may not import data');
    case 'member-state':
      return { member_state: t.memberState, operator_id: null };
    case 'operator':
      return { member_state: t.memberState, operator_id: t.operatorId };
  }
}

const UPSERT = `INSERT INTO import_jobs (job_id, kind, file_name, bytes, member_state, operator_id, status, progress_done, progress_total,
    summary, error, created_by, created_by_id, created_at, started_at, finished_at)
  VALUES (@job_id, @kind, @file_name, @bytes, @member_state, @operator_id, @status, @progress_done, @progress_total,
    @summary, @error, @created_by, @created_by_id, @created_at, @started_at, @finished_at)
  ON CONFLICT(job_id) DO UPDATE SET status = excluded.status, progress_done = excluded.progress_done,
    progress_total = excluded.progress_total, summary = excluded.summary, error = excluded.error,
    started_at = excluded.started_at, finished_at = excluded.finished_at`;

/**
 * Writes the whole job (insert, or update of its changing columns). The server writes the full row at
 * every change, so a row lost with the rollback of an import that was open on the same connection when
 * it was first written comes back at the next write.
 */
export function putImportJob(store: Store, job: ImportJob, owner: JobOwner): void {
  const row: ImportJobRow = {
    job_id: job.jobId,
    kind: job.kind,
    file_name: job.fileName,
    bytes: job.bytes,
    ...tenancyColumns(owner.scope),
    status: job.status,
    progress_done: job.progress?.done ?? null,
    progress_total: job.progress?.total ?? null,
    summary: job.result ? toJsonColumn(job.result) : null,
    error: job.error ?? null,
    created_by: job.createdBy,
    created_by_id: owner.actor.userId ?? null,
    created_at: job.createdAt,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
  };
  store.sqlite.prepare(UPSERT).run(row);
}

/** Only the progress columns (called often while a job runs). */
export function putImportJobProgress(store: Store, jobId: string, done: number, total: number): void {
  store.sqlite.prepare('UPDATE import_jobs SET progress_done = ?, progress_total = ? WHERE job_id = ?').run(done, total, jobId);
}

/** A job in the scope, or undefined when it does not exist or lies outside (the caller answers 404 for both). */
export function getImportJob(store: Store, scope: Scope, jobId: string): ImportJob | undefined {
  const w = scopeRows(new Where().add('job_id = ?', jobId), scope, { memberState: 'member_state', operator: 'operator_id' });
  const row = store.sqlite.prepare(`SELECT * FROM import_jobs${w}`).get(...w.params) as ImportJobRow | undefined;
  return row ? toJob(row) : undefined;
}

/** Jobs in the scope, newest first. */
export function listImportJobs(store: Store, scope: Scope, f: PageRequest & { status?: ImportJobStatus } = {}): Page<ImportJob> {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state', operator: 'operator_id' }).eq('status', f.status);
  const page = selectPage<ImportJobRow>(store, '*', 'FROM import_jobs', w, 'created_at DESC, job_id', f);
  return { ...page, items: page.items.map(toJob) };
}

/**
 * Marks every job a previous process left queued or running as failed, with `message` (its upload is
 * gone with that process's temporary files, and an interrupted import wrote nothing: it was one
 * transaction). Returns how many.
 */
export function failUnfinishedImportJobs(store: Store, message: string, at = new Date().toISOString()): number {
  return store.sqlite
    .prepare("UPDATE import_jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')")
    .run(message, at).changes;
}

function toJob(r: ImportJobRow): ImportJob {
  const job: ImportJob = {
    jobId: r.job_id,
    kind: r.kind,
    fileName: r.file_name,
    status: r.status as ImportJobStatus,
    createdAt: r.created_at,
    createdBy: r.created_by,
    bytes: Number(r.bytes),
  };
  if (r.started_at) job.startedAt = r.started_at;
  if (r.finished_at) job.finishedAt = r.finished_at;
  if (r.progress_done !== null && r.progress_total !== null) job.progress = { done: Number(r.progress_done), total: Number(r.progress_total) };
  const result = fromJsonColumn<ImportJobSummary | null>(r.summary, null);
  if (result) job.result = result;
  if (r.error) job.error = r.error;
  return job;
}
