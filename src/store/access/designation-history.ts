import type { Designation } from '../../domain/index.js';
import type { Actor } from '../audit/index.js';
import {
  amendDesignation,
  designationHistory,
  diffRevisions,
  revokeDesignation,
  type DesignationAmendment,
  type DesignationRevision,
  type DesignationWrite,
  type RevisionDiff,
} from '../designations.js';
import type { Store } from '../open.js';
import { getDesignation } from './inventory.js';
import { Forbidden, OutOfScope, tenancyOf, type Scope } from './scope.js';

/*
 * A designation's lifecycle over the API: its revisions and their diff read like the designation itself
 * (GET /designations/:id's scope), and its amendment and revocation are its own member state's. A
 * designation the caller cannot read is not found, whether or not it exists.
 */

/** Every revision, oldest first; undefined when the designation is not in scope. */
export function designationHistoryInScope(store: Store, scope: Scope, id: string): DesignationRevision[] | undefined {
  return getDesignation(store, scope, id) ? designationHistory(store, id) : undefined;
}

/** The field changes between two revisions; undefined when the designation is not in scope or lacks either revision. */
export function diffRevisionsInScope(store: Store, scope: Scope, id: string, from: number, to: number): RevisionDiff | undefined {
  const history = designationHistoryInScope(store, scope, id) ?? [];
  const a = history.find((r) => r.revision === from);
  const b = history.find((r) => r.revision === to);
  return a && b ? diffRevisions(a, b) : undefined;
}

/** The designation a write may change: out of scope reads as missing (404); an operator's scope may read it but not decide. */
function decidable(store: Store, scope: Scope, id: string): Designation {
  const d = getDesignation(store, scope, id);
  if (!d) throw new OutOfScope(`no designation ${id}`);
  if (tenancyOf(scope).kind === 'operator') throw new Forbidden('you may only decide designations of your own member state');
  return d;
}

/** Changes the given fields (amendDesignation: revision `amended` and audit entry only when something changed). */
export function amendDesignationInScope(store: Store, scope: Scope, actor: Actor, id: string, change: DesignationAmendment): DesignationWrite {
  return store.sqlite.transaction(() => {
    decidable(store, scope, id);
    return amendDesignation(store, id, change, { actor, source: 'api' });
  })();
}

/** Revokes a designation as of `date` (revokeDesignation: revision `revoked`, revoked_on, audit entry with the reason). */
export function revokeDesignationInScope(store: Store, scope: Scope, actor: Actor, id: string, date: string, reason?: string): DesignationWrite {
  return store.sqlite.transaction(() => {
    decidable(store, scope, id);
    return revokeDesignation(store, id, date, { actor, source: 'api', ...(reason !== undefined ? { reason } : {}) });
  })();
}
