import { parseScenario, type ScenarioInput } from '../../domain/scenario.js';
import { SIMULATION_DEFAULTS_VERSION } from '../../catalog/simulation-defaults.js';
import { buildCriticalityTable } from '../criticality.js';
import type { Snapshot } from '../snapshot.js';
import { buildCube, supplierQuantities } from './cube.js';
import { disruptionFigures } from './disruption.js';
import { concentrationChanges, exposureChanges } from './metrics.js';
import { requirements } from './requirements.js';
import { capacities, resolveScenario } from './resolve.js';
import { feasibility, routing, timeline, totals, twinTransition } from './results.js';
import { runSwaps } from './swap.js';
import type { SimulationResult } from './types.js';

export interface SimulateOptions {
  /** names the scenario in error messages (e.g. the file it was read from) */
  file?: string;
  /**
   * the snapshot is one scope's part of the inventory (a member state's, an operator's): operators and
   * member states the scenario names beyond it are left out with a note, instead of refused as unknown
   */
  scoped?: boolean;
}

/**
 * Runs a what-if scenario over a snapshot: which units restrictions require to be swapped, month by
 * month at each operator's capacity, where the replacements go, what it costs, whether deadlines hold,
 * and what it does to concentration, exposure, supply continuity and electronic waste. Pure: the
 * snapshot is read, never changed. docs/simulation.md gives every formula.
 */
export function simulate(snapshot: Snapshot, input: ScenarioInput, options: SimulateOptions = {}): SimulationResult {
  const file = options.file ?? 'scenario';
  const scenario = parseScenario(input, file);
  const resolved = resolveScenario(snapshot, scenario, file, options.scoped === true);
  const cube = buildCube(snapshot, buildCriticalityTable(snapshot), resolved.units);

  const nSeg = cube.segments;
  const nSup = cube.suppliers;
  const opQ = supplierQuantities(cube);
  const installed = new Float64Array(cube.operators * nSeg);
  for (let k = 0; k < installed.length; k++) for (let sup = 0; sup < nSup; sup++) installed[k] += opQ[k * nSup + sup];
  const capacity = capacities(snapshot, scenario, installed);

  const { jobs, restricted } = requirements(snapshot, cube, resolved);
  const out = runSwaps(snapshot, cube, resolved, jobs, restricted, capacity.perMonth);

  const touched = new Uint8Array(cube.operators * nSeg);
  const touchedOps = new Uint8Array(cube.operators);
  for (const j of jobs) {
    touched[j.operator * nSeg + j.segment] = 1;
    touchedOps[j.operator] = 1;
  }
  const feasible = feasibility(snapshot, resolved, jobs, capacity.perMonth, capacity.source);
  return {
    scenario: {
      name: scenario.name,
      version: scenario.version,
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      startDate: scenario.start_date,
      horizonMonths: scenario.horizon_months,
    },
    defaultsVersion: SIMULATION_DEFAULTS_VERSION,
    totals: totals(resolved, jobs, out, feasible.operators),
    timeline: timeline(snapshot, resolved, out, touchedOps),
    feasibility: feasible,
    replacement: routing(snapshot, out),
    concentration: concentrationChanges(snapshot, cube, out.after, touched),
    exposure: exposureChanges(snapshot, cube, out.after, restricted, scenario.start_date, touchedOps),
    disruption: disruptionFigures(snapshot, cube, resolved, restricted),
    twinTransition: twinTransition(snapshot, resolved, out, touchedOps),
    notes: resolved.notes,
  };
}
