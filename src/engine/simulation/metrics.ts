import type { ScopeLevel } from '../../domain/index.js';
import { byCode, cellStats, rollUp, type SupplierCube } from '../concentration.js';
import { isInForce } from '../context.js';
import { num, pct } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import { CLASSES, FIELDS, type SimulationCube } from './cube.js';
import type { ConcentrationChange, ConcentrationState, ExposureChange, ExposureState } from './types.js';

const HHI_FORMULA = 'share_i = q_i / Q; HHI = Σ_i (100 · share_i)² on 0–10,000; after: q_i at the end of the horizon';

/** Quantity per scope × segment × supplier, classes summed, from a per-cell quantity vector. */
function supplierCube(nOps: number, nSeg: number, nSup: number, perCell: Float64Array): SupplierCube {
  const quantity = new Float64Array(nOps * nSeg * nSup);
  for (let c = 0; c < quantity.length; c++) quantity[c] = perCell[c * CLASSES] + perCell[c * CLASSES + 1] + perCell[c * CLASSES + 2];
  return { scopes: nOps, segments: nSeg, suppliers: nSup, quantity };
}

function state(cube: SupplierCube, scope: number, segment: number, ids: readonly string[]): ConcentrationState {
  const stats = cellStats(cube, scope, segment, ids);
  if (!stats) return { hhi: 0, topSupplierId: null, topShare: 0, suppliers: 0, quantity: 0 };
  return { hhi: stats.hhi, topSupplierId: ids[stats.top], topShare: stats.topShare, suppliers: stats.suppliers, quantity: stats.total };
}

function shares(cube: SupplierCube, scope: number, segment: number, ids: readonly string[]): Record<string, number> {
  const base = (scope * cube.segments + segment) * cube.suppliers;
  let total = 0;
  for (let k = 0; k < cube.suppliers; k++) total += cube.quantity[base + k];
  const out: Record<string, number> = {};
  for (let k = 0; k < cube.suppliers; k++) if (cube.quantity[base + k] > 0) out[ids[k]] = cube.quantity[base + k] / total;
  return out;
}

/**
 * HHI and top share before and after, reusing the engine's concentration code (cellStats, rollUp) on the
 * re-weighted quantity vector. Rows only where the scenario moved units: operator segments with swaps,
 * and the member states and Union segments that contain them.
 */
export function concentrationChanges(snapshot: Snapshot, cube: SimulationCube, after: Float64Array, touched: Uint8Array): ConcentrationChange[] {
  const { operators: nOps, segments: nSeg, suppliers: nSup } = cube;
  const ids = snapshot.suppliers.ids;
  const opMs = snapshot.operators.memberState;
  const nMs = snapshot.memberStates.length;
  const beforeCells = new Float64Array(after.length);
  for (let c = 0; c < beforeCells.length; c++) beforeCells[c] = cube.data[c * FIELDS];
  const op = { before: supplierCube(nOps, nSeg, nSup, beforeCells), after: supplierCube(nOps, nSeg, nSup, after) };
  const ms = { before: rollUp(op.before, opMs, nMs), after: rollUp(op.after, opMs, nMs) };
  const union = { before: rollUp(ms.before, new Int32Array(nMs), 1), after: rollUp(ms.after, new Int32Array(nMs), 1) };

  const msTouched = new Uint8Array(nMs * nSeg);
  const segTouched = new Uint8Array(nSeg);
  for (let o = 0; o < nOps; o++) {
    for (let s = 0; s < nSeg; s++) {
      if (touched[o * nSeg + s]) {
        msTouched[opMs[o] * nSeg + s] = 1;
        segTouched[s] = 1;
      }
    }
  }

  const rows: ConcentrationChange[] = [];
  const push = (scope: ScopeLevel, label: string, keys: { memberState?: string; operatorId?: string }, pair: { before: SupplierCube; after: SupplierCube }, index: number, s: number) => {
    const before = state(pair.before, index, s, ids);
    const afterState = state(pair.after, index, s, ids);
    const segment = snapshot.segments[s];
    const change = afterState.hhi - before.hhi;
    rows.push({
      scope,
      ...keys,
      segment,
      before,
      after: afterState,
      hhiChange: change,
      explanation: {
        text:
          `${label}, ${segment}: HHI ${num(before.hhi)} → ${num(afterState.hhi)} (${change >= 0 ? '+' : ''}${num(change)}); ` +
          `top supplier ${before.topSupplierId ?? 'none'} ${pct(before.topShare)} → ${afterState.topSupplierId ?? 'none'} ${pct(afterState.topShare)}; ` +
          `${before.suppliers} → ${afterState.suppliers} supplier(s).`,
        formula: HHI_FORMULA,
        inputs: { sharesBefore: shares(pair.before, index, s, ids), sharesAfter: shares(pair.after, index, s, ids) },
      },
    });
  };
  for (let s = 0; s < nSeg; s++) if (segTouched[s]) push('union', 'Union', {}, union, 0, s);
  for (const m of byCode(snapshot.memberStates)) {
    const code = snapshot.memberStates[m];
    for (let s = 0; s < nSeg; s++) if (msTouched[m * nSeg + s]) push('member-state', code, { memberState: code }, ms, m, s);
  }
  for (const o of byCode(snapshot.operators.ids)) {
    const id = snapshot.operators.ids[o];
    const code = snapshot.memberStates[opMs[o]];
    for (let s = 0; s < nSeg; s++) if (touched[o * nSeg + s]) push('operator', id, { memberState: code, operatorId: id }, op, o, s);
  }
  return rows;
}

interface Sums {
  critical: number;
  sensitive: number;
  before: [number, number];
  after: [number, number];
}

const EXPOSURE_FORMULA =
  'criticalExposure = flagged critical quantity / critical quantity (likewise sensitive); flagged = restricted by the scenario ' +
  'in the operator\'s member state, or designated in force there at the start date; 0 when the denominator is 0';

/**
 * Exposure of key assets to flagged suppliers before and after. "Flagged" joins the scenario's
 * restrictions and the member state's designations in force at the start, so a scenario restricting
 * suppliers that are not designated still shows its effect. Swaps keep a unit's criticality: only the
 * supplier changes.
 */
export function exposureChanges(snapshot: Snapshot, cube: SimulationCube, after: Float64Array, restricted: Uint8Array, startDate: string, touchedOps: Uint8Array): ExposureChange[] {
  const { operators: nOps, segments: nSeg, suppliers: nSup } = cube;
  const nMs = snapshot.memberStates.length;
  const opMs = snapshot.operators.memberState;
  const flagged = new Uint8Array(nMs * nSup);
  for (let m = 0; m < nMs; m++) {
    for (let s = 0; s < nSeg; s++) for (let sup = 0; sup < nSup; sup++) if (restricted[(m * nSeg + s) * nSup + sup]) flagged[m * nSup + sup] = 1;
  }
  const designations: string[] = [];
  for (const d of snapshot.designations) {
    const m = snapshot.memberStates.indexOf(d.member_state);
    const sup = snapshot.suppliers.ids.indexOf(d.supplier_id);
    if (m < 0 || sup < 0 || !isInForce(d, startDate)) continue;
    flagged[m * nSup + sup] = 1;
    designations.push(d.designation_id);
  }

  const zero = (): Sums => ({ critical: 0, sensitive: 0, before: [0, 0], after: [0, 0] });
  const perOp = Array.from({ length: nOps }, zero);
  for (let o = 0; o < nOps; o++) {
    const m = opMs[o];
    const sums = perOp[o];
    for (let s = 0; s < nSeg; s++) {
      for (let sup = 0; sup < nSup; sup++) {
        const cell = ((o * nSeg + s) * nSup + sup) * CLASSES;
        const f = flagged[m * nSup + sup];
        for (let c = 0; c < 2; c++) {
          const q = cube.data[(cell + c) * FIELDS];
          if (c === 0) sums.critical += q;
          else sums.sensitive += q;
          if (f) {
            sums.before[c] += q;
            sums.after[c] += after[cell + c];
          }
        }
      }
    }
  }
  const add = (into: Sums, from: Sums) => {
    into.critical += from.critical;
    into.sensitive += from.sensitive;
    for (const c of [0, 1]) {
      into.before[c] += from.before[c];
      into.after[c] += from.after[c];
    }
  };
  const perMs = Array.from({ length: nMs }, zero);
  const msTouched = new Uint8Array(nMs);
  const union = zero();
  for (let o = 0; o < nOps; o++) {
    add(perMs[opMs[o]], perOp[o]);
    add(union, perOp[o]);
    if (touchedOps[o]) msTouched[opMs[o]] = 1;
  }

  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const stateOf = (sums: Sums, which: 'before' | 'after'): ExposureState => ({
    criticalExposure: share(sums[which][0], sums.critical),
    sensitiveExposure: share(sums[which][1], sums.sensitive),
    flaggedCriticalQuantity: sums[which][0],
    flaggedSensitiveQuantity: sums[which][1],
  });
  const row = (scope: ScopeLevel, label: string, keys: { memberState?: string; operatorId?: string }, sums: Sums): ExposureChange => {
    const before = stateOf(sums, 'before');
    const afterState = stateOf(sums, 'after');
    return {
      scope,
      ...keys,
      criticalQuantity: sums.critical,
      sensitiveQuantity: sums.sensitive,
      before,
      after: afterState,
      explanation: {
        text:
          `${label}: flagged suppliers hold ${pct(before.criticalExposure)} → ${pct(afterState.criticalExposure)} of critical quantity ` +
          `(${num(before.flaggedCriticalQuantity)} → ${num(afterState.flaggedCriticalQuantity)} of ${num(sums.critical)}) and ` +
          `${pct(before.sensitiveExposure)} → ${pct(afterState.sensitiveExposure)} of sensitive quantity ` +
          `(${num(before.flaggedSensitiveQuantity)} → ${num(afterState.flaggedSensitiveQuantity)} of ${num(sums.sensitive)}).`,
        formula: EXPOSURE_FORMULA,
        inputs: { startDate, designations },
      },
    };
  };
  const rows: ExposureChange[] = [row('union', 'Union', {}, union)];
  for (const m of byCode(snapshot.memberStates)) {
    if (msTouched[m]) rows.push(row('member-state', snapshot.memberStates[m], { memberState: snapshot.memberStates[m] }, perMs[m]));
  }
  for (const o of byCode(snapshot.operators.ids)) {
    if (!touchedOps[o]) continue;
    const id = snapshot.operators.ids[o];
    rows.push(row('operator', id, { memberState: snapshot.memberStates[opMs[o]], operatorId: id }, perOp[o]));
  }
  return rows;
}
