import type { ConcentrationRow, ScopeLevel } from '../domain/index.js';
import type { EngineContext } from './context.js';
import { num, pct } from './format.js';
import type { Snapshot } from './snapshot.js';

/**
 * Quantity per scope × segment × supplier in one flat array, indexed
 * [(scope * segments + segment) * suppliers + supplier].
 */
export interface SupplierCube {
  scopes: number;
  segments: number;
  suppliers: number;
  quantity: Float64Array;
}

/**
 * Sums a cube's scopes into coarser scopes (operators into member states, member states into the Union):
 * work proportional to the cube, not to the assets. `target[s]` is the coarse scope of fine scope s.
 */
export function rollUp(cube: SupplierCube, target: ArrayLike<number>, scopes: number): SupplierCube {
  const width = cube.segments * cube.suppliers;
  const out = new Float64Array(scopes * width);
  for (let s = 0; s < cube.scopes; s++) {
    const from = s * width;
    const to = target[s] * width;
    for (let k = 0; k < width; k++) out[to + k] += cube.quantity[from + k];
  }
  return { scopes, segments: cube.segments, suppliers: cube.suppliers, quantity: out };
}

export interface CellStats {
  total: number;
  hhi: number;
  top: number;
  topQuantity: number;
  topShare: number;
  suppliers: number;
}

/**
 * Concentration of one scope × segment; undefined when its total quantity is 0 (no shares exist).
 * HHI = Σ(100·q_i/Q)² is computed as 10,000·Σq_i²/Q², which keeps whole-number inputs exact.
 * Ties for the top supplier go to the smallest supplier id, so the result does not depend on load order.
 */
export function cellStats(cube: SupplierCube, scope: number, segment: number, supplierIds: readonly string[]): CellStats | undefined {
  const base = (scope * cube.segments + segment) * cube.suppliers;
  let total = 0;
  let sumSq = 0;
  let top = -1;
  let topQuantity = 0;
  let suppliers = 0;
  for (let k = 0; k < cube.suppliers; k++) {
    const q = cube.quantity[base + k];
    if (q > 0) {
      total += q;
      sumSq += q * q;
      suppliers++;
      if (q > topQuantity || (q === topQuantity && supplierIds[k] < supplierIds[top])) {
        topQuantity = q;
        top = k;
      }
    }
  }
  if (total <= 0) return undefined;
  return { total, hhi: (10_000 * sumSq) / (total * total), top, topQuantity, topShare: topQuantity / total, suppliers };
}

export interface ConcentrationCubes {
  operator: SupplierCube;
  memberState: SupplierCube;
  union: SupplierCube;
}

const FORMULA = 'share_i = q_i / Q; HHI = Σ_i (100 · share_i)² on 0–10,000; Q = Σ_i q_i over suppliers with q_i > 0';

function row(
  snapshot: Snapshot,
  cube: SupplierCube,
  scopeIndex: number,
  segment: number,
  scope: ScopeLevel,
  label: string,
  keys: { memberState?: string; operatorId?: string },
): ConcentrationRow | undefined {
  const stats = cellStats(cube, scopeIndex, segment, snapshot.suppliers.ids);
  if (!stats) return undefined;
  const base = (scopeIndex * cube.segments + segment) * cube.suppliers;
  const quantities: Record<string, number> = {};
  const shares: Record<string, number> = {};
  for (let k = 0; k < cube.suppliers; k++) {
    const q = cube.quantity[base + k];
    if (q > 0) {
      quantities[snapshot.suppliers.ids[k]] = q;
      shares[snapshot.suppliers.ids[k]] = q / stats.total;
    }
  }
  const segmentId = snapshot.segments[segment];
  const topSupplierId = snapshot.suppliers.ids[stats.top];
  return {
    scope,
    ...keys,
    segment: segmentId,
    hhi: stats.hhi,
    topSupplierId,
    topSupplierShare: stats.topShare,
    suppliers: stats.suppliers,
    quantity: stats.total,
    explanation: {
      text:
        `${label}, ${segmentId}: ${stats.suppliers} supplier(s) share a quantity of ${num(stats.total)}; ` +
        `${topSupplierId} holds the most (${pct(stats.topShare)}); HHI ${num(stats.hhi)}.`,
      formula: FORMULA,
      inputs: { total: stats.total, quantities, shares },
    },
  };
}

/**
 * Concentration rows, broad to narrow: the Union, then member states by code, then operators by id,
 * segments in catalogue order. A scope × segment with no quantity has no row.
 */
export function concentrationRows(ctx: EngineContext, cubes: ConcentrationCubes): ConcentrationRow[] {
  const { snapshot } = ctx;
  const nSeg = snapshot.segments.length;
  const rows: ConcentrationRow[] = [];
  const push = (r: ConcentrationRow | undefined) => r && rows.push(r);
  if (ctx.unionInScope) {
    for (let s = 0; s < nSeg; s++) push(row(snapshot, cubes.union, 0, s, 'union', 'Union', {}));
  }
  for (const m of byCode(snapshot.memberStates)) {
    if (!ctx.memberStateInScope[m]) continue;
    const ms = snapshot.memberStates[m];
    for (let s = 0; s < nSeg; s++) push(row(snapshot, cubes.memberState, m, s, 'member-state', ms, { memberState: ms }));
  }
  for (const o of byCode(snapshot.operators.ids)) {
    if (!ctx.operatorInScope[o]) continue;
    const id = snapshot.operators.ids[o];
    const ms = snapshot.memberStates[snapshot.operators.memberState[o]];
    for (let s = 0; s < nSeg; s++) {
      push(row(snapshot, cubes.operator, o, s, 'operator', id, { memberState: ms, operatorId: id }));
    }
  }
  return rows;
}

/** Indices of a dictionary in the order of its values, for output that does not depend on load order. */
export function byCode(values: readonly string[]): number[] {
  return values.map((_, i) => i).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
}
