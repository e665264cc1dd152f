import type { ExposureRow, ScopeLevel } from '../domain/index.js';
import { byCode } from './concentration.js';
import type { EngineContext } from './context.js';
import { num, pct } from './format.js';

/**
 * Slots per operator × segment in the criticality cube (cubes.ts): criticality (critical, sensitive,
 * other) × designated (no, yes), i.e. [(operator * segments + segment) * SLOTS + slot(criticality, designated)].
 */
export const SLOTS = 6;
export const slot = (criticality: number, designated: number) => criticality * 2 + designated;

interface Sums {
  critical: number;
  designatedCritical: number;
  sensitive: number;
  designatedSensitive: number;
}

const FORMULA =
  'criticalExposure = designated critical quantity / critical quantity; ' +
  'sensitiveExposure = designated sensitive quantity / sensitive quantity; 0 when the denominator is 0';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

function describe(kind: string, part: number, whole: number): string {
  return whole > 0
    ? `${kind}: ${num(part)} of ${num(whole)} (${pct(part / whole)})`
    : `${kind}: no quantity, so exposure is 0`;
}

function row(ctx: EngineContext, scope: ScopeLevel, label: string, keys: { memberState?: string; operatorId?: string }, sums: Sums, designations: string[]): ExposureRow {
  return {
    scope,
    ...keys,
    criticalExposure: share(sums.designatedCritical, sums.critical),
    sensitiveExposure: share(sums.designatedSensitive, sums.sensitive),
    criticalQuantity: sums.critical,
    sensitiveQuantity: sums.sensitive,
    designatedCriticalQuantity: sums.designatedCritical,
    designatedSensitiveQuantity: sums.designatedSensitive,
    explanation: {
      text:
        `${label}: quantity supplied by suppliers designated by the asset's member state and in force on ${ctx.date} — ` +
        `${describe('critical', sums.designatedCritical, sums.critical)}; ${describe('sensitive', sums.designatedSensitive, sums.sensitive)}.`,
      formula: FORMULA,
      inputs: {
        date: ctx.date,
        criticalQuantity: sums.critical,
        designatedCriticalQuantity: sums.designatedCritical,
        sensitiveQuantity: sums.sensitive,
        designatedSensitiveQuantity: sums.designatedSensitive,
        designations,
      },
    },
  };
}

const zero = (): Sums => ({ critical: 0, designatedCritical: 0, sensitive: 0, designatedSensitive: 0 });

function add(into: Sums, from: Sums) {
  into.critical += from.critical;
  into.designatedCritical += from.designatedCritical;
  into.sensitive += from.sensitive;
  into.designatedSensitive += from.designatedSensitive;
}

/**
 * Exposure rows for every operator in scope, every member state with an operator in scope and, without a
 * filter, the Union — broad to narrow like the concentration rows. Unlike concentration, a scope with no
 * critical or sensitive quantity still has a row (exposure 0, and the explanation says why).
 */
export function exposureRows(ctx: EngineContext, cube: Float64Array): ExposureRow[] {
  const { snapshot } = ctx;
  const nSeg = snapshot.segments.length;
  const nOps = snapshot.operators.ids.length;
  const perOp: Sums[] = [];
  for (let o = 0; o < nOps; o++) {
    const sums = zero();
    for (let s = 0; s < nSeg; s++) {
      const b = (o * nSeg + s) * SLOTS;
      sums.critical += cube[b + slot(0, 0)] + cube[b + slot(0, 1)];
      sums.designatedCritical += cube[b + slot(0, 1)];
      sums.sensitive += cube[b + slot(1, 0)] + cube[b + slot(1, 1)];
      sums.designatedSensitive += cube[b + slot(1, 1)];
    }
    perOp.push(sums);
  }
  const perMs = snapshot.memberStates.map(zero);
  const hasOperator = new Uint8Array(snapshot.memberStates.length);
  const union = zero();
  for (let o = 0; o < nOps; o++) {
    const m = snapshot.operators.memberState[o];
    add(perMs[m], perOp[o]);
    add(union, perOp[o]);
    if (ctx.operatorInScope[o]) hasOperator[m] = 1;
  }
  const designationsOf = (m: number | undefined) =>
    ctx.activeDesignations.filter((d) => m === undefined || d.memberState === m).map((d) => d.designation.designation_id);

  const rows: ExposureRow[] = [];
  if (ctx.unionInScope) rows.push(row(ctx, 'union', 'Union', {}, union, designationsOf(undefined)));
  for (const m of byCode(snapshot.memberStates)) {
    if (!ctx.memberStateInScope[m] || !hasOperator[m]) continue;
    const ms = snapshot.memberStates[m];
    rows.push(row(ctx, 'member-state', ms, { memberState: ms }, perMs[m], designationsOf(m)));
  }
  for (const o of byCode(snapshot.operators.ids)) {
    if (!ctx.operatorInScope[o]) continue;
    const id = snapshot.operators.ids[o];
    const m = snapshot.operators.memberState[o];
    rows.push(row(ctx, 'operator', id, { memberState: snapshot.memberStates[m], operatorId: id }, perOp[o], designationsOf(m)));
  }
  return rows;
}
