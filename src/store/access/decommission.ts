import { UserError } from '../../domain/index.js';
import { decommissionAssets, decommissionDate, type Decommissioned } from '../asset-history.js';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Store } from '../open.js';
import { Forbidden, tenancyOf, type Scope } from './scope.js';

/**
 * Takes assets of the caller's scope out of service on `date`, audited, in one transaction: all of them
 * or, when one is not an asset in service within the scope, none. An id outside the scope gets the same
 * words as an id that does not exist, so the answer says nothing of other tenants' inventories.
 */
export function decommissionInScope(store: Store, scope: Scope, actor: Actor, ids: readonly string[], date: string): Decommissioned & { date: string } {
  const t = tenancyOf(scope);
  if (t.kind === 'aggregates') throw new Forbidden('this role may not change an inventory');
  const day = decommissionDate(date);
  const db = store.sqlite;
  const ownerOf = db.prepare('SELECT a.operator_id, o.member_state FROM assets a JOIN operators o ON o.operator_id = a.operator_id WHERE a.asset_id = ?').raw(true);
  return db.transaction(() => {
    const operators = new Set<string>();
    const memberStates = new Set<string>();
    for (const id of ids) {
      const owner = ownerOf.get(id) as [string, string] | undefined;
      const inScope = owner && (t.kind === 'all' || (t.kind === 'member-state' ? owner[1] === t.memberState : owner[0] === t.operatorId));
      if (!inScope) throw new UserError(`asset ${id} is not in service in your scope`);
      operators.add(owner[0]);
      memberStates.add(owner[1]);
    }
    const done = decommissionAssets(store, ids, day, `decommission by ${actor.name}`);
    appendAudit(store, actor, {
      action: 'assets.decommission',
      targetType: 'asset',
      memberState: memberStates.size === 1 ? [...memberStates][0] : undefined,
      operatorId: operators.size === 1 ? [...operators][0] : undefined,
      detail: { date: day, assetIds: done.ids },
    });
    return { ...done, date: day };
  }).immediate();
}
