import { resolvePolicy } from '../catalog/resolve-policy.js';
import type { EffectivePolicy } from '../catalog/baseline-policy.js';
import { MEMBER_STATES, type Policy } from '../domain/index.js';
import { fromJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * The policy in force for a member state, read synchronously so that writers can use it inside their
 * transaction: the latest stored national policy (greatest imported_at, then version, as
 * latestPolicies in repositories.ts has it) merged over the secure5g default (not an EU rule), or the baseline alone.
 */

export function effectivePolicyOf(store: Store, memberState: string): EffectivePolicy {
  const doc = store.sqlite
    .prepare('SELECT document FROM policies WHERE member_state = ? ORDER BY imported_at DESC, version DESC LIMIT 1')
    .pluck()
    .get(memberState) as string | undefined;
  return resolvePolicy(memberState, doc === undefined ? undefined : fromJsonColumn<Policy>(doc, undefined as never));
}

/** Every member state's default transition period (months) under the policy in force now. */
export function defaultTransitionMonths(store: Store): Record<string, number> {
  const latest = new Map<string, Policy>();
  const rows = store.sqlite.prepare('SELECT member_state, document FROM policies ORDER BY imported_at, version').raw().all() as [string, string][];
  for (const [ms, doc] of rows) latest.set(ms, fromJsonColumn<Policy>(doc, undefined as never));
  return Object.fromEntries(Object.keys(MEMBER_STATES).map((ms) => [ms, resolvePolicy(ms, latest.get(ms)).defaultTransitionMonths]));
}
