import { Conflict, DesignationInput, UserError, type Designation } from '../domain/index.js';
import { appendAudit, type Actor } from './audit/index.js';
import { appendRevisionIfChanged, type DesignationRevision, type RevisionMeta } from './designation-history.js';
import { checkDesignationReferences, completeDesignation, designationToRow, readDesignation, rowToDesignation, type DesignationRecord } from './designation-rows.js';
import { inputError } from './input-errors.js';
import type { Store } from './open.js';
import { markDataChanged } from './snapshot-cache.js';

export {
  designationHistory,
  designationRevision,
  diffRevisions,
  recordDesignationRevisions,
  DESIGNATION_CHANGES,
  type DesignationChange,
  type DesignationRevision,
  type FieldChange,
  type RevisionDiff,
} from './designation-history.js';
export { readDesignation as getStoredDesignation } from './designation-rows.js';

/*
 * Designation decisions: create, amend and revoke one designation, each in one transaction with its
 * history revision and audit entry. Used by the CLI; the API's putDesignation (access/writes.ts) writes
 * through storeDesignation too, and imports record their revisions through recordDesignationRevisions.
 */

export interface DesignationWrite {
  designation: Designation;
  prior?: Designation;
  created: boolean;
  /** absent when the write changed nothing */
  revision?: DesignationRevision;
}

export interface WriteOptions {
  actor?: Actor;
  /** how the change came in, kept with the revision (default: the command) */
  source?: string;
}

/** A state the designation is not in for this change (revoking a revoked one): the API answers 409. */
export class DesignationStateConflict extends Conflict {
  override name = 'DesignationStateConflict';
}

const CLI_ACTOR: Actor = { name: 'cli' };

/** Writes a completed and checked designation, and its revision if it changed; call inside a transaction. */
export function storeDesignation(store: Store, d: Designation, meta: RevisionMeta): DesignationWrite {
  const prior = readDesignation(store, d.designation_id);
  store.sqlite
    .prepare(
      `INSERT INTO designations (designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status,
         decision_date, profile_id, profile_version, revoked_on)
       VALUES (@designation_id, @member_state, @supplier_id, @kind, @segments, @legal_basis, @effective_date, @transition_months, @status,
         @decision_date, @profile_id, @profile_version, @revoked_on)
       ON CONFLICT (designation_id) DO UPDATE SET member_state = excluded.member_state, supplier_id = excluded.supplier_id, kind = excluded.kind,
         segments = excluded.segments, legal_basis = excluded.legal_basis, effective_date = excluded.effective_date,
         transition_months = excluded.transition_months, status = excluded.status, decision_date = excluded.decision_date,
         profile_id = excluded.profile_id, profile_version = excluded.profile_version, revoked_on = excluded.revoked_on`,
    )
    .run(designationToRow(d));
  const revision = appendRevisionIfChanged(store, d, meta);
  if (revision) markDataChanged(store);
  return { designation: d, ...(prior ? { prior } : {}), created: !prior, ...(revision ? { revision } : {}) };
}

/** Parses a designation for a write; a problem becomes a UserError naming each field. */
export function parseDesignation(input: unknown, what = 'designation'): DesignationInput {
  const r = DesignationInput.safeParse(input);
  if (!r.success) throw inputError(what, r.error);
  return r.data;
}

function audit(store: Store, actor: Actor, action: string, w: DesignationWrite, detail?: Record<string, unknown>): void {
  appendAudit(store, actor, {
    action,
    targetType: 'designation',
    targetId: w.designation.designation_id,
    memberState: w.designation.member_state,
    before: w.prior,
    after: w.designation,
    ...(detail ? { detail } : {}),
  });
}

/** Records a new designation; an id already in use is refused (amend or revoke it instead). */
export function createDesignation(store: Store, input: unknown, opts: WriteOptions = {}): DesignationWrite {
  const d = parseDesignation(input);
  return store.sqlite.transaction(() => {
    if (readDesignation(store, d.designation_id))
      throw new UserError(`designation ${d.designation_id} exists already: change it with designation amend, or end it with designation revoke`);
    checkDesignationReferences(store, d);
    const w = storeDesignation(store, completeDesignation(store, d), { actor: (opts.actor ?? CLI_ACTOR).name, source: opts.source ?? 'designation create' });
    audit(store, opts.actor ?? CLI_ACTOR, 'designation.create', w);
    return w;
  })();
}

/** The fields an amendment may change; the designation's id, member state and supplier stay. */
export type DesignationAmendment = Partial<
  Pick<Designation, 'kind' | 'segments' | 'legal_basis' | 'decision_date' | 'effective_date' | 'transition_months' | 'status' | 'profile_id' | 'profile_version'>
>;

/** Changes a designation; a change that leaves it as it was stores no revision (`revision` absent). */
export function amendDesignation(store: Store, id: string, change: DesignationAmendment, opts: WriteOptions = {}): DesignationWrite {
  if (change.status === 'revoked') throw new UserError(`to revoke designation ${id}, use: secure5g designation revoke ${id} --date YYYY-MM-DD`);
  return store.sqlite.transaction(() => {
    const prior = readDesignation(store, id);
    if (!prior) throw new UserError(`no designation ${id} (see: secure5g designation list)`);
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const d = parseDesignation({ ...prior, ...defined }, `designation ${id}`);
    checkDesignationReferences(store, d);
    const w = storeDesignation(store, completeDesignation(store, d), { actor: (opts.actor ?? CLI_ACTOR).name, source: opts.source ?? 'designation amend' });
    if (w.revision) audit(store, opts.actor ?? CLI_ACTOR, 'designation.update', w);
    return w;
  })();
}

/**
 * Revokes a designation as of `date`, kept with the revision and, for one in force by then, as its
 * `revoked_on`: assessments dated before it still count it. One revoked before it took effect (or
 * while proposed) never counted and gets none. A designation already revoked is refused.
 */
export function revokeDesignation(store: Store, id: string, date: string, opts: WriteOptions & { reason?: string } = {}): DesignationWrite {
  return store.sqlite.transaction(() => {
    const prior = readDesignation(store, id);
    if (!prior) throw new UserError(`no designation ${id} (see: secure5g designation list)`);
    if (prior.status === 'revoked') throw new DesignationStateConflict(`designation ${id} is revoked already`);
    if (prior.decision_date !== undefined && date < prior.decision_date)
      throw new UserError(`the revocation date ${date} is before the decision date ${prior.decision_date} of designation ${id}`);
    const counted = prior.status === 'in-force' && prior.effective_date < date;
    const revoked: Designation = { ...prior, status: 'revoked', ...(counted ? { revoked_on: date } : {}) };
    const w = storeDesignation(store, revoked, { actor: (opts.actor ?? CLI_ACTOR).name, source: opts.source ?? 'designation revoke', changeDate: date });
    audit(store, opts.actor ?? CLI_ACTOR, 'designation.revoke', w, { date, ...(opts.reason !== undefined ? { reason: opts.reason } : {}) });
    return w;
  })();
}

export interface DesignationFilter {
  memberState?: string;
  supplierId?: string;
  status?: string;
}

export function listStoredDesignations(store: Store, f: DesignationFilter = {}): Designation[] {
  const where: string[] = [];
  const params: string[] = [];
  for (const [col, v] of [['member_state', f.memberState], ['supplier_id', f.supplierId], ['status', f.status]] as const) {
    if (v === undefined) continue;
    where.push(`${col} = ?`);
    params.push(v);
  }
  const sql = `SELECT * FROM designations${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY designation_id`;
  return (store.sqlite.prepare(sql).all(...params) as DesignationRecord[]).map(rowToDesignation);
}
