import { Designation, Policy, UserError, type PolicyInput } from '../../domain/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { fromJsonColumn, toJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import type { DesignationTable } from '../schema.js';
import { toDesignation } from './inventory.js';
import { Forbidden, reaches, tenancyOf, type Scope } from './scope.js';
import { scopeRows, Where } from './sql.js';

/*
 * Scoped writes. Each checks the scope against both the new row and the row it replaces (an authority
 * may not move another member state's designation into its own), writes, and appends the audit entry
 * in the same transaction.
 */

/** Creates or replaces a designation; `created` tells which. */
export function putDesignation(store: Store, scope: Scope, actor: Actor, input: unknown): { designation: Designation; created: boolean } {
  const parsed = Designation.safeParse(input);
  if (!parsed.success) throw parsed.error;
  const d = parsed.data;
  if (!reaches(scope, d.member_state) || tenancyOf(scope).kind === 'operator') throw new Forbidden('you may only decide designations of your own member state');
  const db = store.sqlite;
  return db.transaction(() => {
    const prior = db.prepare('SELECT * FROM designations WHERE designation_id = ?').get(d.designation_id) as DesignationTable | undefined;
    // an id taken elsewhere answers like any other refusal, without saying where it is taken
    if (prior && !reaches(scope, prior.member_state)) throw new Forbidden('this designation id cannot be used: choose another');
    if (!db.prepare('SELECT 1 FROM suppliers WHERE supplier_id = ?').get(d.supplier_id)) throw new UserError(`supplier_id ${d.supplier_id} is not a known supplier`);
    const row: DesignationTable = { ...d, segments: toJsonColumn(d.segments) };
    db.prepare(
      `INSERT INTO designations (designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status)
       VALUES (@designation_id, @member_state, @supplier_id, @kind, @segments, @legal_basis, @effective_date, @transition_months, @status)
       ON CONFLICT (designation_id) DO UPDATE SET member_state = excluded.member_state, supplier_id = excluded.supplier_id, kind = excluded.kind,
       segments = excluded.segments, legal_basis = excluded.legal_basis, effective_date = excluded.effective_date,
       transition_months = excluded.transition_months, status = excluded.status`,
    ).run(row);
    appendAudit(store, actor, {
      action: prior ? 'designation.update' : 'designation.create',
      targetType: 'designation',
      targetId: d.designation_id,
      memberState: d.member_state,
      before: prior ? toDesignation(prior) : undefined,
      after: d,
    });
    return { designation: d, created: !prior };
  })();
}

export interface StoredPolicyRow {
  memberState: string;
  version: string;
  importedAt: string;
  policy: Policy;
}

/** The policy in force (latest stored) of each member state in scope. */
export function listPolicies(store: Store, scope: Scope, f: { memberState?: string } = {}): StoredPolicyRow[] {
  const w = scopeRows(new Where(), scope, { memberState: 'p.member_state' }).eq('p.member_state', f.memberState);
  w.add('p.imported_at = (SELECT MAX(imported_at) FROM policies q WHERE q.member_state = p.member_state)');
  const rows = store.sqlite
    .prepare(`SELECT p.member_state, p.version, p.imported_at, p.document FROM policies p${w} ORDER BY p.member_state, p.version DESC`)
    .all(...w.params) as { member_state: string; version: string; imported_at: string; document: string }[];
  const out = new Map<string, StoredPolicyRow>();
  for (const r of rows)
    if (!out.has(r.member_state))
      out.set(r.member_state, { memberState: r.member_state, version: r.version, importedAt: r.imported_at, policy: fromJsonColumn<Policy>(r.document, undefined as never) });
  return [...out.values()];
}

/** Stores a new version of a member state's policy; an existing version is immutable. */
export function putPolicy(store: Store, scope: Scope, actor: Actor, memberState: string, input: PolicyInput): StoredPolicyRow {
  const parsed = Policy.safeParse({ ...input, member_state: memberState });
  if (!parsed.success) throw parsed.error;
  const p = parsed.data;
  if (!reaches(scope, p.member_state) || tenancyOf(scope).kind === 'operator') throw new Forbidden('you may only set the policy of your own member state');
  const db = store.sqlite;
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM policies WHERE member_state = ? AND version = ?').get(p.member_state, p.version))
      throw new UserError(`policy version ${p.version} of ${p.member_state} exists already: versions are immutable, give a new one`);
    const before = listPolicies(store, { role: 'admin' }, { memberState: p.member_state })[0];
    const importedAt = new Date().toISOString();
    db.prepare('INSERT INTO policies (member_state, version, document, imported_at) VALUES (?, ?, ?, ?)').run(p.member_state, p.version, toJsonColumn(p), importedAt);
    appendAudit(store, actor, {
      action: 'policy.create',
      targetType: 'policy',
      targetId: `${p.member_state}@${p.version}`,
      memberState: p.member_state,
      before: before?.policy,
      after: p,
    });
    return { memberState: p.member_state, version: p.version, importedAt, policy: p };
  })();
}
