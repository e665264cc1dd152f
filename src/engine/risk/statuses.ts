import { latestImplementations, type Implementation } from '../../domain/implementation.js';
import type { RiskMitigation } from './types.js';

export interface StatusAt {
  status: RiskMitigation['status'];
  from: RiskMitigation['statusFrom'];
}

/** The status of a measure at a scope, given by whoever scores (and by recommend, to try a measure in place). */
export type StatusLookup = (measure: string, memberState: string, operatorId?: string) => StatusAt;

/**
 * The most specific recorded status wins: the operator's own row, else its member state's, else the
 * Union's. A member state's score reads its own row, else the Union's. Each row is the latest of its
 * measure × scope history.
 */
export function statusLookup(rows: readonly Implementation[]): StatusLookup {
  const latest = latestImplementations(rows);
  return (measure, memberState, operatorId) => {
    const op = operatorId === undefined ? undefined : latest.get(`${measure}@op:${operatorId}`);
    if (op) return { status: op.status, from: 'operator' };
    const ms = latest.get(`${measure}@ms:${memberState}`);
    if (ms) return { status: ms.status, from: 'member-state' };
    const union = latest.get(`${measure}@union`);
    if (union) return { status: union.status, from: 'union' };
    return { status: 'not-recorded', from: 'none' };
  };
}
