import { ZodError } from 'zod';
import { DesignationInput, Policy, type Designation, type PolicyInput } from '../../domain/index.js';
import { checkPolicy } from '../../domain/policy-check.js';
import { storePolicyVersion } from '../policies.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { fromJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import { checkDesignationReferences, completeDesignation, readDesignation } from '../designation-rows.js';
import { storeDesignation } from '../designations.js';
import { Forbidden, reaches, tenancyOf, type Scope } from './scope.js';
import { scopeRows, Where } from './sql.js';

/*
 * Scoped writes. Each checks the scope against both the new row and the row it replaces (an authority
 * may not move another member state's designation into its own), writes, and appends the audit entry
 * in the same transaction.
 */

/** Creates or replaces a designation; `created` tells which. A change is kept as a history revision. */
export function putDesignation(store: Store, scope: Scope, actor: Actor, input: unknown): { designation: Designation; created: boolean } {
  const parsed = DesignationInput.safeParse(input);
  if (!parsed.success) throw parsed.error;
  const given = parsed.data;
  if (!reaches(scope, given.member_state) || tenancyOf(scope).kind === 'operator') throw new Forbidden('you may only decide designations of your own member state');
  const db = store.sqlite;
  return db.transaction(() => {
    const prior = readDesignation(store, given.designation_id);
    // an id taken elsewhere answers like any other refusal, without saying where it is taken
    if (prior && !reaches(scope, prior.member_state)) throw new Forbidden('this designation id cannot be used: choose another');
    checkDesignationReferences(store, given);
    const d = completeDesignation(store, given);
    storeDesignation(store, d, { actor: actor.name, source: 'api' });
    appendAudit(store, actor, {
      action: prior ? 'designation.update' : 'designation.create',
      targetType: 'designation',
      targetId: d.designation_id,
      memberState: d.member_state,
      before: prior,
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

/**
 * Stores a version of a member state's policy under the shared version rule (src/store/policies.ts):
 * a new version becomes the one in force (audited); the same content under a stored version changes
 * nothing; other content under a stored version is refused. The document gets the same checks as an
 * imported one (src/domain/policy-check.ts); its problems come back as a validation error naming each path.
 */
export function putPolicy(store: Store, scope: Scope, actor: Actor, memberState: string, input: PolicyInput): StoredPolicyRow {
  const check = checkPolicy({ ...input, member_state: memberState });
  if (!check.policy) throw new ZodError(check.errors.map((e) => ({ code: 'custom' as const, path: e.at, message: e.message, input: undefined })));
  const p = check.policy;
  if (!reaches(scope, p.member_state) || tenancyOf(scope).kind === 'operator') throw new Forbidden('you may only set the policy of your own member state');
  const { stored } = storePolicyVersion(store, p, actor);
  return { memberState: stored.memberState, version: stored.version, importedAt: stored.importedAt, policy: stored.policy };
}
