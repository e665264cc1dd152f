import type { Explanation } from '../../components/ExplainPanel';

/*
 * The parts of a simulation result this page reads. The OpenAPI document describes the result loosely
 * (SimulationResult); the fields are those of src/engine/simulation/types.ts, in camelCase.
 */

export interface Monthly {
  toSwap: number[];
  nonCompliant: number[];
  swapped: number[];
  spendEur: number[];
  cumulativeSpendEur: number[];
}
interface Scoped {
  scope: 'union' | 'member-state' | 'operator';
  memberState?: string;
  operatorId?: string;
  explanation: Explanation;
}
export interface ConcentrationChange extends Scoped {
  segment: string;
  before: { hhi: number; topSupplierId: string | null; topShare: number };
  after: { hhi: number; topSupplierId: string | null; topShare: number };
}
export interface ExposureChange extends Scoped {
  before: { criticalExposure: number; sensitiveExposure: number };
  after: { criticalExposure: number; sensitiveExposure: number };
}
export interface TwinFigures extends Scoped {
  unitsDismantled: number;
  eWasteKg: number;
  annualKwhReplaced: number;
  annualKwhChange: number;
}
export interface DisruptionFigures {
  disruptionId: string;
  suppliers: string[];
  from: string;
  until: string | null;
  unitsAffected: number;
  subscribersAffected: number;
  monthsUntilSupportEnds: number | null;
  explanation: Explanation;
}
export interface Simulation {
  scenario: { name: string; version: string; description?: string; startDate: string; horizonMonths: number };
  totals: { unitsRequired: number; unitsSwapped: number; unitsLeftAtHorizon: number; spendEur: number; operatorsInScope: number; operatorsMissingDeadline: number; explanation: Explanation };
  timeline: { months: string[]; series: { union: Monthly }; explanation: Explanation };
  concentration: ConcentrationChange[];
  exposure: ExposureChange[];
  disruption: { disruptions: DisruptionFigures[]; noAlternative: unknown[] };
  twinTransition: { union: TwinFigures };
  notes: string[];
}
export interface Comparison {
  scenarios: { name: string; version: string; startDate: string; horizonMonths: number }[];
  rows: { metric: string; label: string; unit: string; values: (number | null)[]; explanation: Explanation }[];
}

/** a scenario to run or compare: saved (by name and version) or a document held in the page */
export type ScenarioRef = { kind: 'saved'; name: string; version: string } | { kind: 'inline'; document: Record<string, unknown> };
