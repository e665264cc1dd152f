import type { AssessmentResult, Finding, RuleId, Severity } from '../domain/index.js';
import { SEVERITY_RANK } from '../domain/index.js';
import { CATALOG_VERSION } from '../catalog/index.js';
import { concentrationRows } from './concentration.js';
import { createContext, type AssessOptions } from './context.js';
import { exposureRows } from './exposure.js';
import { accumulateCubes } from './cubes.js';
import { RULES } from './rules/index.js';
import { grouperScratch } from './rules/rule.js';
import type { Snapshot } from './snapshot.js';

export type { AssessOptions } from './context.js';

/**
 * One run of the engine: concentration and exposure metrics and the findings of every rule, as of
 * `options.date`. A member-state filter keeps that member state's rows and findings; an operator filter
 * keeps that operator's only. Union rows appear only without a filter.
 */
export function assess(snapshot: Snapshot, options: AssessOptions): AssessmentResult {
  const ctx = createContext(snapshot, options);
  const { concentration, criticality } = accumulateCubes(ctx);
  const input = { ctx, concentration, criticality, scratch: grouperScratch(snapshot.assets.count) };
  const findings = RULES.flatMap((rule) => rule(input)).sort(compareFindings);
  return {
    catalogVersion: CATALOG_VERSION,
    date: ctx.date,
    filter: ctx.filter,
    metrics: { concentration: concentrationRows(ctx, concentration), exposure: exposureRows(ctx, criticality) },
    findings,
  };
}

/** Most severe first, then by rule, then by id (ids hold the keys: operator, segment, supplier …). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface AssessmentSummary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byRule: Partial<Record<RuleId, number>>;
  affectedQuantity: number;
}

/** Counts for a one-line summary: findings by severity (every level, zeros included) and by rule. */
export function summarise(result: AssessmentResult): AssessmentSummary {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 } satisfies Record<Severity, number>;
  const byRule: Partial<Record<RuleId, number>> = {};
  let affectedQuantity = 0;
  for (const f of result.findings) {
    bySeverity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    affectedQuantity += f.affectedQuantity;
  }
  return { findings: result.findings.length, bySeverity, byRule, affectedQuantity };
}
