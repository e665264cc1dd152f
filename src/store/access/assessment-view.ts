import type { AssessmentResult, ConcentrationRow, ExposureRow, Finding, RuleId, ScopeLevel, Severity } from '../../domain/index.js';
import { tenancyOf, type Scope } from './scope.js';

/*
 * The dashboard's figures for one scope, cut from one whole-instance assessment held in memory. This is
 * the in-memory counterpart of the SQL scope filter: every row kept is tested against the tenancy.
 * Each figure keeps its explanation where the explanation's inputs are the row's own scope's: a
 * concentration row's (quantities and shares per supplier, reference data, within the row's scope); an
 * exposure row's (which names the designations behind it) and a finding's (its assets) only for scopes
 * that read such rows — never the union analyst's aggregates, which say how much, not which.
 */

export interface OperatorFacts {
  operatorId: string;
  name: string;
  memberState: string;
  quantity: number;
}

export interface DashboardView {
  generatedAt: string;
  date: string;
  catalogVersion: string;
  /** what the caller's reach holds */
  reach: { level: 'union' | 'member-state' | 'operator' | 'aggregates'; memberState?: string; operatorId?: string };
  totals: { memberStates: number; operators: number; quantity: number; findings: number; bySeverity: Record<Severity, number>; byRule: Partial<Record<RuleId, number>> };
  concentration: ConcentrationFigure[];
  exposure: ExposureFigure[];
  memberStates: { memberState: string; operators: number; quantity: number; findings: number; bySeverity: Record<Severity, number> }[];
  /** absent for aggregate-only scopes */
  operators?: { operatorId: string; name: string; memberState: string; quantity: number; findings: number; bySeverity: Record<Severity, number> }[];
  /** the most severe findings, without their asset lists; absent for aggregate-only scopes */
  topFindings?: FindingBrief[];
}

export type ConcentrationFigure = ConcentrationRow;
export type ExposureFigure = Omit<ExposureRow, 'explanation'> & { explanation?: ExposureRow['explanation'] };
/** a finding without its asset list (the explanation's inputs keep what the rule used) */
export type FindingBrief = Omit<Finding, 'assetIds'> & { assets: number; summary: string };

export const TOP_FINDINGS = 20;

const zeroSeverity = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

export function dashboardView(result: AssessmentResult, operators: OperatorFacts[], scope: Scope, generatedAt: string): DashboardView {
  const t = tenancyOf(scope);
  const rowIn = (r: { scope: ScopeLevel; memberState?: string; operatorId?: string }): boolean => {
    switch (t.kind) {
      // the whole instance sees Union and member-state rows here; operator rows are in stored assessments
      case 'all':
      case 'aggregates':
        return r.scope !== 'operator';
      case 'member-state':
        return r.scope !== 'union' && r.memberState === t.memberState;
      case 'operator':
        return r.scope === 'operator' && r.operatorId === t.operatorId;
    }
  };
  const opIn = (o: OperatorFacts) =>
    t.kind === 'all' || t.kind === 'aggregates' || (t.kind === 'member-state' ? o.memberState === t.memberState : o.operatorId === t.operatorId);
  const findingIn = (f: Finding) =>
    t.kind === 'all' || t.kind === 'aggregates' || (t.kind === 'member-state' ? f.memberState === t.memberState : f.operatorId === t.operatorId);

  const ops = operators.filter(opIn);
  const findings = result.findings.filter(findingIn);
  const bySeverity = zeroSeverity();
  const byRule: Partial<Record<RuleId, number>> = {};
  const msAgg = new Map<string, { memberState: string; operators: number; quantity: number; findings: number; bySeverity: Record<Severity, number> }>();
  const opAgg = new Map(ops.map((o) => [o.operatorId, { ...o, findings: 0, bySeverity: zeroSeverity() }]));
  if (t.kind !== 'operator') {
    for (const o of ops) {
      let m = msAgg.get(o.memberState);
      if (!m) msAgg.set(o.memberState, (m = { memberState: o.memberState, operators: 0, quantity: 0, findings: 0, bySeverity: zeroSeverity() }));
      m.operators++;
      m.quantity += o.quantity;
    }
  }
  for (const f of findings) {
    bySeverity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    const m = msAgg.get(f.memberState);
    if (m) (m.findings++, m.bySeverity[f.severity]++);
    const o = f.operatorId !== undefined ? opAgg.get(f.operatorId) : undefined;
    if (o) (o.findings++, o.bySeverity[f.severity]++);
  }
  const strip = <R extends { explanation: unknown }>({ explanation: _e, ...rest }: R) => rest;
  const view: DashboardView = {
    generatedAt,
    date: result.date,
    catalogVersion: result.catalogVersion,
    reach:
      t.kind === 'all'
        ? { level: 'union' }
        : t.kind === 'aggregates'
          ? { level: 'aggregates' }
          : t.kind === 'member-state'
            ? { level: 'member-state', memberState: t.memberState }
            : { level: 'operator', memberState: t.memberState, operatorId: t.operatorId },
    totals: {
      memberStates: new Set(ops.map((o) => o.memberState)).size,
      operators: ops.length,
      quantity: ops.reduce((a, o) => a + o.quantity, 0),
      findings: findings.length,
      bySeverity,
      byRule,
    },
    concentration: result.metrics.concentration.filter(rowIn),
    exposure: result.metrics.exposure.filter(rowIn).map((e) => (t.kind === 'aggregates' ? strip(e) : e)),
    memberStates: [...msAgg.values()].sort((a, b) => (a.memberState < b.memberState ? -1 : 1)),
  };
  if (t.kind !== 'aggregates') {
    view.operators = [...opAgg.values()];
    view.topFindings = findings.slice(0, TOP_FINDINGS).map(({ assetIds, ...f }) => ({ ...f, assets: assetIds.length, summary: f.explanation.text }));
  }
  return view;
}
