import { toEntry, verifyAudit, type ExpectedHead, type AuditEntry, type AuditRow, type AuditVerification } from '../audit/index.js';
import type { Store } from '../open.js';
import { Forbidden, tenancyOf, type Scope } from './scope.js';
import { scopeRows, selectPage, Where, type Page, type PageRequest } from './sql.js';

export interface AuditFilter extends PageRequest {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** ISO timestamps, inclusive from, exclusive to */
  from?: string;
  to?: string;
}

/**
 * Audit entries in the scope: an auditor of a member state sees the entries about its member state's
 * data; entries about users, tokens and shared reference data carry no tenancy and are seen only by
 * whole-instance scopes.
 */
export function listAudit(store: Store, scope: Scope, f: AuditFilter = {}): Page<AuditEntry> {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state', operator: 'operator_id' })
    .eq('action', f.action)
    .eq('actor_id', f.actorId)
    .eq('target_type', f.targetType)
    .eq('target_id', f.targetId);
  if (f.from) w.add('at >= ?', f.from);
  if (f.to) w.add('at < ?', f.to);
  const page = selectPage<AuditRow>(store, '*', 'FROM audit_log', w, 'seq DESC', f);
  return { ...page, items: page.items.map(toEntry) };
}

/** The import log names every tenant's files, so only whole-instance scopes read it. */
export function listImportLog(store: Store, scope: Scope): Record<string, unknown>[] {
  if (tenancyOf(scope).kind !== 'all') return [];
  return store.sqlite.prepare('SELECT * FROM imports ORDER BY started_at DESC LIMIT 1000').all() as Record<string, unknown>[];
}

/** The chain's health concerns every entry, so only whole-instance scopes may run it. */
export function verifyAuditInScope(store: Store, scope: Scope, expect?: ExpectedHead): AuditVerification {
  if (tenancyOf(scope).kind !== 'all') throw new Forbidden('verifying the audit chain reads every entry: it needs a whole-instance scope');
  return verifyAudit(store, expect);
}
