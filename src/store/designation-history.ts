import { UserError, type Designation } from '../domain/index.js';
import { designationText, rowToDesignation, type DesignationRecord } from './designation-rows.js';
import { fromJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * The history of each designation (table designation_history, migration 0005): revision 1, 2, … each
 * holding the whole designation as it stood after the change. A write that leaves the designation as it
 * was stores nothing ("unchanged, not stored"). Revisions are only ever appended, in the transaction of
 * the write they record.
 */

export const DESIGNATION_CHANGES = ['created', 'amended', 'revoked'] as const;
export type DesignationChange = (typeof DESIGNATION_CHANGES)[number];

export interface DesignationRevision {
  designationId: string;
  revision: number;
  change: DesignationChange;
  designation: Designation;
  /** the date the change was decided, where one was given (e.g. the revocation date) */
  changeDate?: string;
  /** ISO timestamp of the write */
  recordedAt: string;
  /** who wrote it: a user's name, `cli`, `import` or `system` */
  actor: string;
  /** how: the command, the imported file, the API */
  source: string;
}

export interface RevisionMeta {
  actor: string;
  source: string;
  changeDate?: string;
}

interface HistoryRow {
  designation_id: string;
  revision: number;
  change: string;
  designation: string;
  change_date: string | null;
  recorded_at: string;
  actor: string;
  source: string;
}

const toRevision = (r: HistoryRow): DesignationRevision => ({
  designationId: r.designation_id,
  revision: Number(r.revision),
  change: r.change as DesignationChange,
  designation: fromJsonColumn<Designation>(r.designation, undefined as never),
  ...(r.change_date !== null ? { changeDate: r.change_date } : {}),
  recordedAt: r.recorded_at,
  actor: r.actor,
  source: r.source,
});

export function latestRevision(store: Store, id: string): DesignationRevision | undefined {
  const r = store.sqlite.prepare('SELECT * FROM designation_history WHERE designation_id = ? ORDER BY revision DESC LIMIT 1').get(id) as HistoryRow | undefined;
  return r && toRevision(r);
}

/** A first revision is a creation; a move into `revoked` is a revocation; anything else an amendment. */
export function changeKind(prior: Designation | undefined, next: Designation): DesignationChange {
  if (!prior) return 'created';
  return next.status === 'revoked' && prior.status !== 'revoked' ? 'revoked' : 'amended';
}

/** Appends a revision when `next` differs from the latest one (or there is none); call inside the write's transaction. */
export function appendRevisionIfChanged(store: Store, next: Designation, meta: RevisionMeta): DesignationRevision | undefined {
  const latest = latestRevision(store, next.designation_id);
  const text = designationText(next);
  if (latest && designationText(latest.designation) === text) return undefined;
  const row: HistoryRow = {
    designation_id: next.designation_id,
    revision: (latest?.revision ?? 0) + 1,
    change: changeKind(latest?.designation, next),
    designation: text,
    change_date: meta.changeDate ?? null,
    recorded_at: new Date().toISOString(),
    actor: meta.actor,
    source: meta.source,
  };
  store.sqlite
    .prepare(
      'INSERT INTO designation_history (designation_id, revision, change, designation, change_date, recorded_at, actor, source) ' +
        'VALUES (@designation_id, @revision, @change, @designation, @change_date, @recorded_at, @actor, @source)',
    )
    .run(row);
  return toRevision(row);
}

/**
 * After a bulk write of the designations table (an import), records a revision for every designation
 * that is new or differs from its latest revision. Designations are few (one per decision), so all are
 * compared. Returns the revisions appended.
 */
export function recordDesignationRevisions(store: Store, meta: RevisionMeta): DesignationRevision[] {
  const rows = store.sqlite.prepare('SELECT * FROM designations ORDER BY designation_id').all() as DesignationRecord[];
  const out: DesignationRevision[] = [];
  for (const r of rows) {
    const rev = appendRevisionIfChanged(store, rowToDesignation(r), meta);
    if (rev) out.push(rev);
  }
  return out;
}

/** Every revision of a designation, oldest first; empty when the id has no history. */
export function designationHistory(store: Store, id: string): DesignationRevision[] {
  return (store.sqlite.prepare('SELECT * FROM designation_history WHERE designation_id = ? ORDER BY revision').all(id) as HistoryRow[]).map(toRevision);
}

export function designationRevision(store: Store, id: string, revision: number): DesignationRevision {
  const r = store.sqlite.prepare('SELECT * FROM designation_history WHERE designation_id = ? AND revision = ?').get(id, revision) as HistoryRow | undefined;
  if (!r) throw new UserError(`designation ${id} has no revision ${revision} (see: secure5g designation history ${id})`);
  return toRevision(r);
}

export interface FieldChange {
  field: string;
  /** absent when the field was not set */
  from?: unknown;
  to?: unknown;
}

export interface RevisionDiff {
  designationId: string;
  from: { revision: number; change: DesignationChange; recordedAt: string };
  to: { revision: number; change: DesignationChange; recordedAt: string };
  changes: FieldChange[];
}

const FIELDS: readonly (keyof Designation)[] = [
  'member_state', 'supplier_id', 'kind', 'segments', 'legal_basis', 'decision_date', 'effective_date', 'transition_months', 'status', 'profile_id', 'profile_version', 'revoked_on',
];

/** The fields that differ between two revisions, in the designation's field order. */
export function diffRevisions(a: DesignationRevision, b: DesignationRevision): RevisionDiff {
  const changes: FieldChange[] = [];
  for (const f of FIELDS) {
    const x = a.designation[f];
    const y = b.designation[f];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ field: f, ...(x !== undefined ? { from: x } : {}), ...(y !== undefined ? { to: y } : {}) });
  }
  const head = (r: DesignationRevision) => ({ revision: r.revision, change: r.change, recordedAt: r.recordedAt });
  return { designationId: a.designationId, from: head(a), to: head(b), changes };
}
