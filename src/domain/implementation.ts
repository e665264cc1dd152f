import { z } from 'zod';
import { MEASURE_IDS } from '../catalog/measures.js';
import { Id, IsoDate, MemberStateCode, anyCase, optional } from './primitives.js';

/**
 * Implementation of a Toolbox measure at one scope: the Union, a member state or an operator. Rows are
 * history: a change of status is a new row with a later `recorded_on`, never an edit, and the status in
 * force at a scope is its latest row (see latestImplementations).
 */

export const IMPLEMENTATION_STATUSES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable'] as const;
export const ImplementationStatus = z.enum(IMPLEMENTATION_STATUSES);
export type ImplementationStatus = z.infer<typeof ImplementationStatus>;

export const IMPLEMENTATION_SCOPES = ['union', 'member-state', 'operator'] as const;

/** The fields are flat text so that a CSV or spreadsheet row maps onto them one column per field. */
export const Implementation = z
  .object({
    measure: anyCase(MEASURE_IDS, 'is not a measure of the catalogue (SM01–SM08, TM01–TM11, SA01–SA10)'),
    scope_level: anyCase(IMPLEMENTATION_SCOPES, 'must be union, member-state or operator'),
    member_state: optional(MemberStateCode),
    operator_id: optional(Id),
    status: anyCase(IMPLEMENTATION_STATUSES, 'must be in-place, in-progress, planned, not-planned or not-applicable'),
    evidence: optional(z.string().trim().max(2000, 'is longer than 2,000 characters')),
    owner: optional(z.string().trim().max(200, 'is longer than 200 characters')),
    due_date: optional(IsoDate),
    recorded_on: IsoDate,
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.scope_level === 'union') {
      if (r.member_state !== undefined) issue('member_state', 'must be empty for scope union');
      if (r.operator_id !== undefined) issue('operator_id', 'must be empty for scope union');
    }
    if (r.scope_level === 'member-state') {
      if (r.member_state === undefined) issue('member_state', 'is required for scope member-state');
      if (r.operator_id !== undefined) issue('operator_id', 'must be empty for scope member-state');
    }
    if (r.scope_level === 'operator') {
      // The member state is asked for too, so that a matrix by member state needs no inventory lookup.
      if (r.member_state === undefined) issue('member_state', 'is required for scope operator');
      if (r.operator_id === undefined) issue('operator_id', 'is required for scope operator');
    }
  });
export type Implementation = z.infer<typeof Implementation>;
export type ImplementationInput = z.input<typeof Implementation>;

/** Key of the scope a row speaks for: `union`, `ms:DE` or `op:OP-1`. */
export function implementationScopeKey(r: Pick<Implementation, 'scope_level' | 'member_state' | 'operator_id'>): string {
  return r.scope_level === 'union' ? 'union' : r.scope_level === 'member-state' ? `ms:${r.member_state}` : `op:${r.operator_id}`;
}

/**
 * The current row per measure × scope: the one with the latest `recorded_on`; on the same day the one
 * given later wins, since history is appended in order.
 */
export function latestImplementations(rows: readonly Implementation[]): Map<string, Implementation> {
  const latest = new Map<string, Implementation>();
  for (const r of rows) {
    const key = `${r.measure}@${implementationScopeKey(r)}`;
    const held = latest.get(key);
    if (!held || r.recorded_on >= held.recorded_on) latest.set(key, r);
  }
  return latest;
}
