import type { Criticality } from '../domain/index.js';
import { BASELINE_POLICY, findFunction, type EffectivePolicy } from '../catalog/index.js';
import type { Snapshot } from './snapshot.js';

/** Criticality codes held in the lookup table; the order is the order of importance. */
export const CRITICAL = 0;
export const SENSITIVE = 1;
export const OTHER = 2;
export const CRITICALITY_NAMES: readonly Criticality[] = ['critical', 'sensitive', 'other'];
const CODE: Record<Criticality, number> = { critical: CRITICAL, sensitive: SENSITIVE, other: OTHER };

/** The policy for a member state: the snapshot's, else the secure5g default. */
export function policyFor(snapshot: Snapshot, memberState: string): EffectivePolicy {
  return snapshot.policies.get(memberState) ?? { ...BASELINE_POLICY, memberState };
}

/**
 * Criticality of one function in one segment under one policy. Start from the catalogue default of the
 * function (`other` for a function the catalogue does not know), then apply the policy's segment
 * overrides in order, then its function overrides in order: a function override is more specific than a
 * segment override and so wins, and within each kind the later entry wins. An override naming both a
 * segment and a function counts as a function override that applies only in that segment.
 */
export function criticalityOf(policy: EffectivePolicy, segment: string, fn: string): Criticality {
  let result: Criticality = findFunction(fn)?.criticality ?? 'other';
  for (const o of policy.criticalityOverrides) {
    if (o.function === undefined && o.segment === segment) result = o.criticality;
  }
  for (const o of policy.criticalityOverrides) {
    if (o.function === fn && (o.segment === undefined || o.segment === segment)) result = o.criticality;
  }
  return result;
}

/**
 * A lookup table of criticality codes indexed [(memberState * segments + segment) * functions + function].
 * An asset's criticality is one read: table[base[operator] + segment * functions + function], where
 * `base` holds each operator's member-state offset. The table is keyed by segment as well as function so
 * that a segment override follows the segment an asset is recorded in.
 */
export interface CriticalityTable {
  codes: Uint8Array;
  /** per operator: memberState * segments * functions */
  operatorBase: Int32Array;
  functions: number;
}

export function buildCriticalityTable(snapshot: Snapshot): CriticalityTable {
  const nMs = snapshot.memberStates.length;
  const nSeg = snapshot.segments.length;
  const nFn = snapshot.functions.length;
  const codes = new Uint8Array(nMs * nSeg * nFn);
  for (let m = 0; m < nMs; m++) {
    const policy = policyFor(snapshot, snapshot.memberStates[m]);
    for (let s = 0; s < nSeg; s++) {
      for (let f = 0; f < nFn; f++) {
        codes[(m * nSeg + s) * nFn + f] = CODE[criticalityOf(policy, snapshot.segments[s], snapshot.functions[f])];
      }
    }
  }
  const operatorBase = new Int32Array(snapshot.operators.ids.length);
  for (let o = 0; o < operatorBase.length; o++) operatorBase[o] = snapshot.operators.memberState[o] * nSeg * nFn;
  return { codes, operatorBase, functions: nFn };
}
