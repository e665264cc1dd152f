import { resolvePolicy } from '../../catalog/resolve-policy.js';
import type { Snapshot } from '../../engine/snapshot.js';
import type { Store } from '../open.js';
import { loadSnapshot } from '../snapshot-load.js';
import { Forbidden, tenancyOf, type Scope } from './scope.js';

/**
 * The engine's snapshot narrowed to the scope: an authority's holds its member state's operators and
 * assets only, an operator's its own. Whatever the engine computes from it (assessments, simulations)
 * can then hold nothing from outside the scope. `date`: the day whose inventory in service it holds
 * (default today).
 */
export function loadScopedSnapshot(store: Store, scope: Scope, date?: string): { snapshot: Snapshot; filter: { memberState?: string; operatorId?: string } } {
  const t = tenancyOf(scope);
  const options = date !== undefined ? { date } : {};
  switch (t.kind) {
    case 'all':
      return { snapshot: loadSnapshot(store, {}, options), filter: {} };
    case 'aggregates':
      throw new Forbidden('this role works from aggregates only');
    case 'member-state':
      return { snapshot: narrowToMemberState(loadSnapshot(store, { memberState: t.memberState }, options), t.memberState), filter: { memberState: t.memberState } };
    case 'operator':
      return { snapshot: narrowToMemberState(loadSnapshot(store, { operatorId: t.operatorId }, options), t.memberState), filter: { operatorId: t.operatorId } };
  }
}

/**
 * The store's filtered snapshot still lists every member state's designations and policies (the engine
 * needs no more than the operators' own, but the loader keeps them whole). A scoped caller must not
 * learn of other member states' decisions, so they go, and the member-state dictionary shrinks to one.
 */
function narrowToMemberState(snapshot: Snapshot, memberState: string): Snapshot {
  const policy = snapshot.policies.get(memberState) ?? resolvePolicy(memberState, undefined);
  return {
    ...snapshot,
    memberStates: [memberState],
    // every operator left is of this member state: index 0 of the new dictionary
    operators: { ...snapshot.operators, memberState: new Int32Array(snapshot.operators.ids.length) },
    designations: snapshot.designations.filter((d) => d.member_state === memberState),
    policies: new Map([[memberState, policy]]),
  };
}
