import { DEFAULT_RISK_MODEL, riskLevel, type AreaModel, type RiskModel } from '../../catalog/risk-model.js';
import { CATALOG, findRiskArea, linksForRiskArea, type Catalog, type RiskAreaId } from '../../catalog/index.js';
import { RISK_AREA_IDS } from '../../catalog/risk-areas.js';
import { scopeFacts, type ScopeFacts } from './facts.js';
import { statusLookup, type StatusLookup } from './statuses.js';
import type { RiskContext, RiskDimension, RiskDriver, RiskMitigation, RiskScore } from './types.js';

/** Whole score 1–5 from a raw score: half up; the epsilon keeps 3.4999999 from float noise at 3.5. */
export const roundScore = (raw: number) => Math.min(5, Math.max(1, Math.floor(raw + 0.5 + 1e-9)));

/** Two decimals at most, for the arithmetic in explanations. */
const f = (n: number) => String(Math.round(n * 100) / 100);

function dimension(area: AreaModel, facts: ScopeFacts, which: RiskDimension): { raw: number; drivers: RiskDriver[] } {
  const weights = area[which];
  const total = weights.reduce((s, d) => s + d.weight, 0);
  const drivers = weights.map(({ driver, weight }): RiskDriver => {
    const v =
      driver === 'baseline'
        ? { value: area.baseline, known: true, detail: `baseline ${area.baseline} of the risk model` }
        : facts.drivers[driver];
    return { name: driver, dimension: which, value: v.value, weight, contribution: (4 * weight * v.value) / total, known: v.known, detail: v.detail };
  });
  return { raw: 1 + drivers.reduce((s, d) => s + d.contribution, 0), drivers };
}

/** The linked measures of an area with the points their status earns at the scope. */
export function mitigations(model: RiskModel, catalog: Catalog, area: RiskAreaId, facts: ScopeFacts, statusOf: StatusLookup): RiskMitigation[] {
  const m = model.mitigation;
  return linksForRiskArea(area, catalog).map((link) => {
    const { status, from, contradictedBy } = statusOf(link.measure, facts.memberState, facts.operatorId);
    // A contradicted in-place status earns what in-progress earns: declared done, the data shows work left.
    const factor = status === 'not-recorded' ? 0 : m.statusFactor[contradictedBy ? 'in-progress' : status];
    return {
      measure: link.measure,
      effect: link.effect,
      dimension: (m.impactMeasures as readonly string[]).includes(link.measure) ? 'impact' : 'likelihood',
      status,
      statusFrom: from,
      ...(contradictedBy ? { contradictedBy } : {}),
      points: (link.effect === 'primary' ? m.primary : m.supporting) * factor,
    };
  });
}

const formulaOf = (drivers: RiskDriver[]) =>
  `1 + 4 × (${drivers.map((d) => `${f(d.weight)} × ${f(d.value)}`).join(' + ')}) / ${f(drivers.reduce((s, d) => s + d.weight, 0))}`;

/** Scores one risk area at one scope: inherent from the drivers, residual after the linked measures. */
export function scoreArea(model: RiskModel, catalog: Catalog, facts: ScopeFacts, area: RiskAreaId, statusOf: StatusLookup): RiskScore {
  const areaModel = model.areas[area];
  const l = dimension(areaModel, facts, 'likelihood');
  const i = dimension(areaModel, facts, 'impact');
  const mits = mitigations(model, catalog, area, facts, statusOf);
  const reduce = (which: RiskDimension) => {
    const sum = mits.filter((x) => x.dimension === which).reduce((s, x) => s + x.points, 0);
    return { sum, applied: Math.min(model.mitigation.maxReduction, sum) };
  };
  const rl = reduce('likelihood');
  const ri = reduce('impact');
  const raw = {
    likelihood: l.raw,
    impact: i.raw,
    residualLikelihood: Math.max(1, l.raw - rl.applied),
    residualImpact: Math.max(1, i.raw - ri.applied),
  };
  const likelihood = roundScore(raw.likelihood);
  const impact = roundScore(raw.impact);
  const residualLikelihood = roundScore(raw.residualLikelihood);
  const residualImpact = roundScore(raw.residualImpact);
  const level = riskLevel(model, likelihood, impact);
  const residualLevel = riskLevel(model, residualLikelihood, residualImpact);

  const label = facts.operatorId ?? facts.memberState;
  const title = findRiskArea(area, catalog)?.shortTitle ?? area;
  const credited = (which: RiskDimension) => {
    const parts = mits.filter((x) => x.dimension === which && x.points > 0).map((x) => `${f(x.points)} (${x.measure} ${x.effect}, ${x.status}${x.contradictedBy ? ` contradicted by ${x.contradictedBy} finding(s), counted as in-progress` : ''})`);
    return parts.length ? parts.join(' + ') : '0';
  };
  const residualText = (which: RiskDimension, before: number, after: number) =>
    `${which} ${f(before)} − min(${f(model.mitigation.maxReduction)}, ${credited(which)}) = ${f(after)} → ${roundScore(after)}`;
  return {
    scope: facts.scope,
    memberState: facts.memberState,
    ...(facts.operatorId !== undefined ? { operatorId: facts.operatorId } : {}),
    riskArea: area,
    likelihood,
    impact,
    level,
    residualLikelihood,
    residualImpact,
    residualLevel,
    raw,
    drivers: [...l.drivers, ...i.drivers],
    mitigations: mits,
    explanation: {
      text:
        `${label}, ${area} ${title}: likelihood ${formulaOf(l.drivers)} = ${f(l.raw)} → ${likelihood}; ` +
        `impact ${formulaOf(i.drivers)} = ${f(i.raw)} → ${impact}; level ${level}. ` +
        `Residual: ${residualText('likelihood', l.raw, raw.residualLikelihood)}; ` +
        `${residualText('impact', i.raw, raw.residualImpact)}; residual level ${residualLevel}.`,
      formula:
        'raw = 1 + 4 × Σ(weight × value) / Σ weight per dimension; score = raw rounded half up; ' +
        'residual raw = max(1, raw − min(maxReduction, Σ points of the dimension\'s linked measures)); ' +
        'points = (primary or supporting weight) × status factor (in-place contradicted by findings of the measure at the scope: the in-progress factor); level = matrix[likelihood][impact]',
      inputs: {
        modelVersion: model.version,
        drivers: Object.fromEntries([...l.drivers, ...i.drivers].map((d) => [`${d.dimension}.${d.name}`, d.value])),
        reductions: { likelihood: rl.sum, impact: ri.sum, maxReduction: model.mitigation.maxReduction },
      },
    },
  };
}

/** What scoring and recommending share: the model, catalogue, facts per scope and status lookup. */
export interface RiskRun {
  model: RiskModel;
  catalog: Catalog;
  facts: ScopeFacts[];
  statusOf: StatusLookup;
}

export function prepareRiskRun(ctx: RiskContext): RiskRun {
  const model = ctx.model ?? DEFAULT_RISK_MODEL;
  return { model, catalog: ctx.catalog ?? CATALOG, facts: scopeFacts(ctx, model), statusOf: statusLookup(ctx.implementations ?? [], ctx.result.findings) };
}

/**
 * Inherent and residual scores of R1–R9 for every member state and operator the assessment covers:
 * member states first (by code), then operators (by id), areas in order.
 */
export function scoreRisks(ctx: RiskContext): RiskScore[] {
  const run = prepareRiskRun(ctx);
  return run.facts.flatMap((facts) => RISK_AREA_IDS.map((area) => scoreArea(run.model, run.catalog, facts, area, run.statusOf)));
}
