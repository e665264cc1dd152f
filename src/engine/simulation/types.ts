import type { Explanation, ScopeLevel } from '../../domain/index.js';

/** Month-by-month figures of one scope; every array has one entry per month of the horizon. */
export interface MonthlyFigures {
  /** units the scenario requires to be swapped and still in place at the end of the month */
  toSwap: number[];
  /** of those, units whose deadline had passed by the end of the month */
  nonCompliant: number[];
  /** units swapped during the month */
  swapped: number[];
  spendEur: number[];
  cumulativeSpendEur: number[];
}

/** Chart-ready: one label per month, then one series set per scope. */
export interface Timeline {
  /** YYYY-MM of the day each month begins */
  months: string[];
  series: {
    union: MonthlyFigures;
    memberStates: Record<string, MonthlyFigures>;
    operators: Record<string, MonthlyFigures>;
  };
  explanation: Explanation;
}

/** Whether one operator meets one restriction's deadline at its swap capacity. */
export interface FeasibilityRow {
  operatorId: string;
  memberState: string;
  restrictionId: string;
  segments: string[];
  unitsRequired: number;
  /** capacity in units per month per segment this operator swaps with */
  capacityPerMonth: Record<string, number>;
  /** YYYY-MM of the first month swapping may start */
  startMonth: string;
  deadline: string;
  /** YYYY-MM of the month the last unit is swapped; null when it never is (no capacity or no alternative) */
  finishMonth: string | null;
  feasible: boolean;
  /** whole months after the deadline the last unit is swapped; 0 when feasible; null when never finished */
  monthsMissed: number | null;
  /** the swap stood still in some month because no supplier could take the units */
  stalledNoAlternative: boolean;
  explanation: Explanation;
}

export interface OperatorFeasibility {
  operatorId: string;
  memberState: string;
  feasible: boolean;
  /** the worst row; null when some restriction is never finished */
  monthsMissed: number | null;
  explanation: Explanation;
}

export interface ConcentrationState {
  hhi: number;
  topSupplierId: string | null;
  topShare: number;
  suppliers: number;
  quantity: number;
}

/** HHI and top share of one scope × segment before the scenario and at the end of its horizon. */
export interface ConcentrationChange {
  scope: ScopeLevel;
  memberState?: string;
  operatorId?: string;
  segment: string;
  before: ConcentrationState;
  after: ConcentrationState;
  hhiChange: number;
  explanation: Explanation;
}

export interface ExposureState {
  criticalExposure: number;
  sensitiveExposure: number;
  flaggedCriticalQuantity: number;
  flaggedSensitiveQuantity: number;
}

/** Share of key assets held by flagged suppliers (restricted by the scenario or designated), before and after. */
export interface ExposureChange {
  scope: ScopeLevel;
  memberState?: string;
  operatorId?: string;
  criticalQuantity: number;
  sensitiveQuantity: number;
  before: ExposureState;
  after: ExposureState;
  explanation: Explanation;
}

export interface DisruptionFigures {
  disruptionId: string;
  suppliers: string[];
  segments: string[];
  memberStates: string[];
  from: string;
  /** the day the suppliers can deliver and support again; null when the disruption has no end */
  until: string | null;
  affects: 'delivery' | 'support' | 'delivery-and-support';
  unitsAffected: number;
  operatorsAffected: number;
  /** Σ operators' subscribers × the largest share of a segment's units the disruption touches in that operator */
  subscribersAffected: number;
  /** whole months from the scenario start until the affected units lose support; null when support is not affected */
  monthsUntilSupportEnds: number | null;
  explanation: Explanation;
}

/** An operator segment in which every supplier present is disrupted at the same time. */
export interface NoAlternativeRow {
  disruptionId: string;
  operatorId: string;
  memberState: string;
  segment: string;
  unitsAffected: number;
  /** suppliers not disrupted that serve the segment elsewhere in the member state / the Union */
  memberStateAlternatives: string[];
  unionAlternatives: string[];
  explanation: Explanation;
}

/** Where the swap of an operator segment had to look beyond the operator's own suppliers, or could not. */
export interface ReplacementRouting {
  operatorId: string;
  memberState: string;
  segment: string;
  /** where the replacement units went, the first level that had a supplier */
  level: 'named' | 'operator' | 'member-state' | 'union' | 'none';
  /** months in which no supplier could take replacement units (restricted, disrupted or absent) */
  monthsStalled: number;
  targets: Record<string, number>;
  explanation: Explanation;
}

export interface TwinTransitionFigures {
  scope: ScopeLevel;
  memberState?: string;
  operatorId?: string;
  unitsDismantled: number;
  eWasteKg: number;
  /** yearly electricity of the units dismantled */
  annualKwhReplaced: number;
  /** yearly electricity change once the replacements run: replaced × (factor − 1) */
  annualKwhChange: number;
  explanation: Explanation;
}

export interface SimulationTotals {
  unitsRequired: number;
  unitsSwapped: number;
  unitsLeftAtHorizon: number;
  spendEur: number;
  operatorsInScope: number;
  operatorsMissingDeadline: number;
  explanation: Explanation;
}

export interface SimulationResult {
  scenario: { name: string; version: string; description?: string; startDate: string; horizonMonths: number };
  defaultsVersion: string;
  totals: SimulationTotals;
  timeline: Timeline;
  feasibility: { operators: OperatorFeasibility[]; rows: FeasibilityRow[] };
  replacement: ReplacementRouting[];
  concentration: ConcentrationChange[];
  exposure: ExposureChange[];
  disruption: { disruptions: DisruptionFigures[]; noAlternative: NoAlternativeRow[] };
  twinTransition: { union: TwinTransitionFigures; memberStates: TwinTransitionFigures[]; operators: TwinTransitionFigures[] };
  /** things the reader should know: ids that matched nothing, overlapping restrictions, … */
  notes: string[];
}
