import type { Finding } from '../../domain/index.js';
import { latestImplementations, type Implementation } from '../../domain/implementation.js';
import { findingsByMeasureScope } from '../contradictions.js';
import type { RiskMitigation } from './types.js';

export interface StatusAt {
  status: RiskMitigation['status'];
  from: RiskMitigation['statusFrom'];
  /** findings of the measure at the scored scope that contradict an in-place status (absent when none) */
  contradictedBy?: number;
}

/** The status of a measure at a scope, given by whoever scores (and by recommend, to try a measure in place). */
export type StatusLookup = (measure: string, memberState: string, operatorId?: string) => StatusAt;

/**
 * The most specific recorded status wins: the operator's own row, else its member state's, else the
 * Union's. A member state's score reads its own row, else the Union's. Each row is the latest of its
 * measure × scope history. An in-place status is contradicted where the scored scope itself (the
 * operator, or the member state with its operators) holds findings of the measure, whichever scope's
 * row the status came from: the data there says the measure is not (yet) working.
 */
export function statusLookup(rows: readonly Implementation[], findings: readonly Finding[] = []): StatusLookup {
  const latest = latestImplementations(rows);
  const seen = findingsByMeasureScope(findings);
  const found = (measure: string, memberState: string, operatorId?: string) =>
    seen.get(`${measure}@${operatorId === undefined ? `ms:${memberState}` : `op:${operatorId}`}`)?.length ?? 0;
  const at = (status: RiskMitigation['status'], from: RiskMitigation['statusFrom'], n: number): StatusAt =>
    status === 'in-place' && n > 0 ? { status, from, contradictedBy: n } : { status, from };
  return (measure, memberState, operatorId) => {
    const n = found(measure, memberState, operatorId);
    const op = operatorId === undefined ? undefined : latest.get(`${measure}@op:${operatorId}`);
    if (op) return at(op.status, 'operator', n);
    const ms = latest.get(`${measure}@ms:${memberState}`);
    if (ms) return at(ms.status, 'member-state', n);
    const union = latest.get(`${measure}@union`);
    if (union) return at(union.status, 'union', n);
    return { status: 'not-recorded', from: 'none' };
  };
}
