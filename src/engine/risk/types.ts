import type { AssessmentResult, Explanation, ProfileLevel } from '../../domain/index.js';
import type { Implementation, ImplementationStatus } from '../../domain/implementation.js';
import type { Catalog, LinkEffect, RiskAreaId } from '../../catalog/index.js';
import type { RiskDriverId, RiskLevel, RiskModel } from '../../catalog/risk-model.js';
import type { Snapshot } from '../snapshot.js';

/** A supplier's current risk-profile result level as judged by one member state's authority. */
export interface SupplierProfileLevel {
  supplierId: string;
  memberState: string;
  level: ProfileLevel;
}

/** Facts about an operator that the inventory does not hold. */
export interface OperatorFacts {
  /** critical services (essential entities, emergency services …) that rely on the operator's network */
  criticalServices?: number;
}

export interface RiskContext {
  snapshot: Snapshot;
  /** the assessment whose metrics and findings drive the scores; its filter decides which scopes are scored */
  result: AssessmentResult;
  /** implementation history; the latest row per measure × scope counts */
  implementations?: readonly Implementation[];
  /** current profile levels; a supplier counts as high-profile where its operator's member state rates it high */
  profiles?: readonly SupplierProfileLevel[];
  facts?: { operators?: Readonly<Record<string, OperatorFacts>> };
  catalog?: Catalog;
  model?: RiskModel;
}

export type RiskScope = 'member-state' | 'operator';
export type RiskDimension = 'likelihood' | 'impact';

export interface RiskDriver {
  name: RiskDriverId;
  dimension: RiskDimension;
  /** 0–1 */
  value: number;
  weight: number;
  /** points this driver adds to the raw score: 4 · weight · value / Σ weights of its dimension */
  contribution: number;
  /** false where the fact is not recorded and the model's unknownFactValue stands in */
  known: boolean;
  detail: string;
}

/** One linked measure and what its implementation status takes off the residual. */
export interface RiskMitigation {
  measure: string;
  effect: LinkEffect;
  dimension: RiskDimension;
  status: ImplementationStatus | 'not-recorded';
  /** the scope whose row gave the status: the most specific recorded one wins */
  statusFrom: 'operator' | 'member-state' | 'union' | 'none';
  /**
   * in-place, yet this many findings of the measure lie at the scored scope: the status earns the
   * in-progress factor instead of full credit (absent when not contradicted)
   */
  contradictedBy?: number;
  points: number;
}

export interface RiskScore {
  scope: RiskScope;
  memberState: string;
  operatorId?: string;
  riskArea: RiskAreaId;
  likelihood: number;
  impact: number;
  level: RiskLevel;
  residualLikelihood: number;
  residualImpact: number;
  residualLevel: RiskLevel;
  /** the unrounded values the whole numbers come from */
  raw: { likelihood: number; impact: number; residualLikelihood: number; residualImpact: number };
  drivers: RiskDriver[];
  mitigations: RiskMitigation[];
  explanation: Explanation;
}

export interface AreaEffect {
  riskArea: RiskAreaId;
  link: LinkEffect;
  before: { likelihood: number; impact: number; level: RiskLevel };
  after: { likelihood: number; impact: number; level: RiskLevel };
}

export interface RecommendedMeasure {
  rank: number;
  measure: string;
  title: string;
  currentStatus: ImplementationStatus | 'not-recorded';
  /** Σ over the target's risk areas of residual L × I before minus after */
  scoreReduction: number;
  /** the same over the unrounded residuals, which breaks ties */
  rawReduction: number;
  areas: AreaEffect[];
  explanation: string;
}

export type RecommendationTarget =
  | { kind: 'finding'; findingId: string; rule: string }
  | { kind: 'risk'; riskArea: RiskAreaId; residualLevel: RiskLevel };

export interface Recommendation {
  target: RecommendationTarget;
  scope: RiskScope;
  memberState: string;
  operatorId?: string;
  riskAreas: RiskAreaId[];
  /** best first; empty when every linked measure is in place, not applicable or past the cap */
  measures: RecommendedMeasure[];
}
