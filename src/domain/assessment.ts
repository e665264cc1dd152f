import type { Severity } from './primitives.js';

/** Every figure the engine shows carries the rule or formula and the inputs behind it. */
export interface Explanation {
  /** One or two sentences a reader can check. */
  text: string;
  /** The formula or rule, in plain notation. */
  formula?: string;
  /** The numbers and ids that went in. */
  inputs: Record<string, unknown>;
}

export type ScopeLevel = 'union' | 'member-state' | 'operator';

export interface ConcentrationRow {
  scope: ScopeLevel;
  memberState?: string;
  operatorId?: string;
  segment: string;
  /** Herfindahl–Hirschman index on 0–10,000 over quantity shares. */
  hhi: number;
  topSupplierId: string;
  topSupplierShare: number;
  suppliers: number;
  quantity: number;
  explanation: Explanation;
}

export interface ExposureRow {
  scope: ScopeLevel;
  memberState?: string;
  operatorId?: string;
  criticalExposure: number;
  sensitiveExposure: number;
  criticalQuantity: number;
  sensitiveQuantity: number;
  designatedCriticalQuantity: number;
  designatedSensitiveQuantity: number;
  explanation: Explanation;
}

/** Rule ids: the Toolbox measure a rule serves, with a suffix where one measure has several rules (SM03-CAP). */
export type RuleId = 'SM03' | 'SM03-CAP' | 'SM05' | 'SM06' | 'TM07' | 'TM09';

export interface Finding {
  /** Stable across runs over the same data: rule and the keys of what it is about. */
  id: string;
  rule: RuleId;
  measure: string;
  severity: Severity;
  /** where in the network the finding is: the Union, a member state or an operator */
  level: ScopeLevel;
  memberState: string;
  operatorId?: string;
  segment?: string;
  supplierId?: string;
  productId?: string;
  affectedQuantity: number;
  assetIds: string[];
  deadline?: string;
  explanation: Explanation;
}

export interface AssessmentResult {
  catalogVersion: string;
  date: string;
  filter: { memberState?: string; operatorId?: string };
  metrics: { concentration: ConcentrationRow[]; exposure: ExposureRow[] };
  findings: Finding[];
}
