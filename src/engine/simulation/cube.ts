import type { CriticalityTable } from '../criticality.js';
import type { Snapshot } from '../snapshot.js';

/** Criticality classes of the cube, in the engine's code order (criticality.ts): critical, sensitive, other. */
export const CLASSES = 3;
/** Figures held per cell, interleaved so that one asset touches one cache line. */
export const FIELDS = 4;
export const QUANTITY = 0;
export const COST = 1;
export const WASTE = 2;
export const ENERGY = 3;

/** Per snapshot function index: the unit figures in force for this scenario (defaults with overrides applied). */
export interface UnitFigures {
  costEur: Float64Array;
  eWasteKg: Float64Array;
  annualKwh: Float64Array;
}

/**
 * Sums per operator × segment × supplier × criticality class, indexed
 * [(((o * segments + s) * suppliers + supplier) * CLASSES + class) * FIELDS + field]: the quantity, and the
 * quantity-weighted sums of unit cost, e-waste and energy of the functions in the cell. The simulation
 * runs on this cube, never on assets: within a cell every function is swapped at the same pace, so the
 * cell's figure per unit is its sum divided by its quantity.
 */
export interface SimulationCube {
  operators: number;
  segments: number;
  suppliers: number;
  data: Float64Array;
}

export const cellOf = (cube: SimulationCube, o: number, s: number, sup: number, cls: number) =>
  ((o * cube.segments + s) * cube.suppliers + sup) * CLASSES + cls;

/** Above this many operator × segment × function × supplier cells the fine first pass would take too much memory. */
const FINE_LIMIT = 8_000_000;

/**
 * One pass over the assets. When the operator × segment × function × supplier grid is small enough
 * (16 MB at Union scale), the pass only adds quantities into that grid and a second pass over the grid
 * applies criticality and unit figures: per asset one add instead of four plus three look-ups, which is
 * the dominant cost at 5 million assets. Otherwise each asset goes straight into the cube.
 */
export function buildCube(snapshot: Snapshot, criticality: CriticalityTable, unit: UnitFigures, path?: 'fine' | 'direct'): SimulationCube {
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const nOps = snapshot.operators.ids.length;
  const nFn = criticality.functions;
  const cube: SimulationCube = { operators: nOps, segments: nSeg, suppliers: nSup, data: new Float64Array(nOps * nSeg * nSup * CLASSES * FIELDS) };
  if (path === 'fine' || (path === undefined && nOps * nSeg * nFn * nSup <= FINE_LIMIT)) viaFineGrid(snapshot, criticality, unit, cube);
  else direct(snapshot, criticality, unit, cube);
  return cube;
}

function viaFineGrid(snapshot: Snapshot, criticality: CriticalityTable, unit: UnitFigures, cube: SimulationCube) {
  const { segments: nSeg, suppliers: nSup, operators: nOps, data } = cube;
  const nFn = criticality.functions;
  const fine = new Float64Array(nOps * nSeg * nFn * nSup);
  const { count, operator, segment, function: fn, supplier, quantity } = snapshot.assets;
  for (let i = 0; i < count; i++) fine[((operator[i] * nSeg + segment[i]) * nFn + fn[i]) * nSup + supplier[i]] += quantity[i];
  const { codes, operatorBase } = criticality;
  const { costEur, eWasteKg, annualKwh } = unit;
  for (let o = 0; o < nOps; o++) {
    for (let s = 0; s < nSeg; s++) {
      for (let f = 0; f < nFn; f++) {
        const from = ((o * nSeg + s) * nFn + f) * nSup;
        const c = codes[operatorBase[o] + s * nFn + f];
        for (let sup = 0; sup < nSup; sup++) {
          const q = fine[from + sup];
          if (q === 0) continue;
          const k = (((o * nSeg + s) * nSup + sup) * CLASSES + c) * FIELDS;
          data[k] += q;
          data[k + COST] += q * costEur[f];
          data[k + WASTE] += q * eWasteKg[f];
          data[k + ENERGY] += q * annualKwh[f];
        }
      }
    }
  }
}

function direct(snapshot: Snapshot, criticality: CriticalityTable, unit: UnitFigures, cube: SimulationCube) {
  const { segments: nSeg, suppliers: nSup, data } = cube;
  const nFn = criticality.functions;
  const { codes, operatorBase } = criticality;
  const { count, operator, segment, function: fn, supplier, quantity } = snapshot.assets;
  const { costEur, eWasteKg, annualKwh } = unit;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    const s = segment[i];
    const f = fn[i];
    const q = quantity[i];
    const k = (((o * nSeg + s) * nSup + supplier[i]) * CLASSES + codes[operatorBase[o] + s * nFn + f]) * FIELDS;
    data[k] += q;
    data[k + COST] += q * costEur[f];
    data[k + WASTE] += q * eWasteKg[f];
    data[k + ENERGY] += q * annualKwh[f];
  }
}

/** Quantity per operator × segment × supplier (classes summed): the shape of the engine's SupplierCube. */
export function supplierQuantities(cube: SimulationCube): Float64Array {
  const n = cube.operators * cube.segments * cube.suppliers;
  const out = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const base = c * CLASSES * FIELDS;
    out[c] = cube.data[base] + cube.data[base + FIELDS] + cube.data[base + 2 * FIELDS];
  }
  return out;
}
