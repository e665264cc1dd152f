import { findMeasure, linksForRiskArea, type RiskAreaId } from '../../catalog/index.js';
import type { ScopeFacts } from './facts.js';
import { prepareRiskRun, scoreArea, scoreRisks, type RiskRun } from './score.js';
import type { StatusLookup } from './statuses.js';
import type { AreaEffect, Recommendation, RecommendedMeasure, RiskContext, RiskScore } from './types.js';

const f = (n: number) => String(Math.round(n * 100) / 100);
const value = (s: RiskScore) => s.residualLikelihood * s.residualImpact;
const rawValue = (s: RiskScore) => s.raw.residualLikelihood * s.raw.residualImpact;

/** The scope's statuses, except that `measure` is in place there. */
const withInPlace = (statusOf: StatusLookup, facts: ScopeFacts, measure: string): StatusLookup => (m, ms, op) =>
  m === measure && ms === facts.memberState && op === facts.operatorId ? { status: 'in-place', from: facts.scope } : statusOf(m, ms, op);

/**
 * Every measure linked to the areas that is not yet in place (or in place but contradicted by findings), nor
 * not applicable, at the scope, scored
 * again with it in place. A measure is kept when it lowers some residual raw score; ranked by the drop
 * in residual L × I summed over the areas, then by the drop in the unrounded product, then primary links
 * first, then by measure id.
 */
function rankMeasures(run: RiskRun, facts: ScopeFacts, areas: RiskAreaId[]): RecommendedMeasure[] {
  const before = new Map(areas.map((a) => [a, scoreArea(run.model, run.catalog, facts, a, run.statusOf)]));
  const candidates = new Map<string, { primary: boolean }>();
  for (const a of areas) {
    for (const link of linksForRiskArea(a, run.catalog)) {
      const held = candidates.get(link.measure);
      candidates.set(link.measure, { primary: (held?.primary ?? false) || link.effect === 'primary' });
    }
  }
  const ranked: (Omit<RecommendedMeasure, 'rank'> & { primary: boolean })[] = [];
  for (const [measure, { primary }] of candidates) {
    const current = run.statusOf(measure, facts.memberState, facts.operatorId);
    // a contradicted in-place measure stays a candidate: putting it really in place earns the rest of its credit
    if ((current.status === 'in-place' && !current.contradictedBy) || current.status === 'not-applicable') continue;
    const lookup = withInPlace(run.statusOf, facts, measure);
    let scoreReduction = 0;
    let rawReduction = 0;
    const effects: AreaEffect[] = [];
    for (const a of areas) {
      const link = linksForRiskArea(a, run.catalog).find((l) => l.measure === measure);
      if (!link) continue;
      const b = before.get(a)!;
      const after = scoreArea(run.model, run.catalog, facts, a, lookup);
      scoreReduction += value(b) - value(after);
      rawReduction += rawValue(b) - rawValue(after);
      effects.push({
        riskArea: a,
        link: link.effect,
        before: { likelihood: b.residualLikelihood, impact: b.residualImpact, level: b.residualLevel },
        after: { likelihood: after.residualLikelihood, impact: after.residualImpact, level: after.residualLevel },
      });
    }
    if (!(rawReduction > 1e-9)) continue;
    const moves = effects
      .map((e) => `${e.riskArea} ${e.before.likelihood}×${e.before.impact} ${e.before.level} → ${e.after.likelihood}×${e.after.impact} ${e.after.level}`)
      .join('; ');
    ranked.push({
      measure,
      title: findMeasure(measure, run.catalog)?.title ?? measure,
      currentStatus: current.status,
      scoreReduction,
      rawReduction,
      areas: effects,
      primary,
      explanation:
        `With ${measure} in place (now ${current.status}${current.contradictedBy ? `, contradicted by ${current.contradictedBy} finding(s)` : ''}): ${moves}; residual L × I falls by ${f(scoreReduction)} ` +
        `(unrounded by ${f(rawReduction)}).`,
    });
  }
  ranked.sort(
    (a, b) =>
      b.scoreReduction - a.scoreReduction ||
      b.rawReduction - a.rawReduction ||
      Number(b.primary) - Number(a.primary) ||
      (a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : 0),
  );
  return ranked.map(({ primary: _, ...m }, i) => ({ rank: i + 1, ...m }));
}

/**
 * Recommendations for each finding of the assessment (its rule's risk areas, per the model's
 * findingRiskAreas, at the finding's scope) and for each residual risk at a level of the model's
 * recommendAt: findings first in the assessment's order, then risks in score order. A finding whose scope
 * has no score (e.g. a member-state finding in a run narrowed to an operator) gets none.
 */
export function recommend(ctx: RiskContext, scores?: readonly RiskScore[]): Recommendation[] {
  const run = prepareRiskRun(ctx);
  const all = scores ?? scoreRisks(ctx);
  const factsOf = new Map(run.facts.map((x) => [`${x.scope}|${x.memberState}|${x.operatorId ?? ''}`, x]));
  const keys = (x: ScopeFacts) => ({ scope: x.scope, memberState: x.memberState, ...(x.operatorId !== undefined ? { operatorId: x.operatorId } : {}) });
  // Findings of one scope often share their areas (every TM07 finding of an operator bears on R3): rank once.
  const memo = new Map<string, RecommendedMeasure[]>();
  const ranked = (facts: ScopeFacts, areas: RiskAreaId[]) => {
    const key = `${facts.scope}|${facts.memberState}|${facts.operatorId ?? ''}|${areas.join()}`;
    let measures = memo.get(key);
    if (!measures) memo.set(key, (measures = rankMeasures(run, facts, areas)));
    return structuredClone(measures);
  };
  const out: Recommendation[] = [];
  for (const finding of ctx.result.findings) {
    if (finding.level === 'union') continue;
    const facts = factsOf.get(`${finding.level}|${finding.memberState}|${finding.level === 'operator' ? (finding.operatorId ?? '') : ''}`);
    if (!facts) continue;
    const areas = run.model.findingRiskAreas[finding.rule];
    out.push({ target: { kind: 'finding', findingId: finding.id, rule: finding.rule }, ...keys(facts), riskAreas: [...areas], measures: ranked(facts, [...areas]) });
  }
  for (const s of all) {
    if (!run.model.recommendAt.includes(s.residualLevel)) continue;
    const facts = factsOf.get(`${s.scope}|${s.memberState}|${s.operatorId ?? ''}`);
    if (!facts) continue;
    out.push({ target: { kind: 'risk', riskArea: s.riskArea, residualLevel: s.residualLevel }, ...keys(facts), riskAreas: [s.riskArea], measures: ranked(facts, [s.riskArea]) });
  }
  return out;
}
