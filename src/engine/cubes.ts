import { rollUp, type ConcentrationCubes, type SupplierCube } from './concentration.js';
import type { EngineContext } from './context.js';
import { SLOTS } from './exposure.js';

export interface Cubes {
  concentration: ConcentrationCubes;
  /** quantity by operator × segment × criticality × designated; layout in exposure.ts (SLOTS) */
  criticality: Float64Array;
}

/**
 * Both metric cubes in a single pass over the assets: quantity per operator × segment × supplier
 * (concentration, SM05, SM06) and per operator × segment × criticality × designated (exposure, SM05).
 * "Designated" is judged against the member state of the asset's operator. Member-state and Union cubes
 * are rolled up from the operator cube: work proportional to the cube, not to the assets.
 */
export function accumulateCubes(ctx: EngineContext): Cubes {
  const { snapshot, criticality, designated } = ctx;
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const nOps = snapshot.operators.ids.length;
  const nFn = criticality.functions;
  const { codes, operatorBase } = criticality;
  const opMs = snapshot.operators.memberState;
  const bySupplier = new Float64Array(nOps * nSeg * nSup);
  const byCriticality = new Float64Array(nOps * nSeg * SLOTS);
  const { count, operator, segment, function: fn, supplier, quantity } = snapshot.assets;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    const cell = o * nSeg + segment[i];
    const sup = supplier[i];
    const q = quantity[i];
    bySupplier[cell * nSup + sup] += q;
    const c = codes[operatorBase[o] + segment[i] * nFn + fn[i]];
    byCriticality[cell * SLOTS + c * 2 + designated[opMs[o] * nSup + sup]] += q;
  }
  const operatorCube: SupplierCube = { scopes: nOps, segments: nSeg, suppliers: nSup, quantity: bySupplier };
  const memberState = rollUp(operatorCube, opMs, snapshot.memberStates.length);
  const union = rollUp(memberState, new Int32Array(snapshot.memberStates.length), 1);
  return { concentration: { operator: operatorCube, memberState, union }, criticality: byCriticality };
}
