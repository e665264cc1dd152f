import { CRITERIA, CRITERION_GROUP_IDS, type CriterionGroupId } from '../catalog/criteria.js';
import type { Explanation } from '../domain/assessment.js';
import type { LevelConditions, ProfileAssessment, ProfileLevel, ResultLevelRule } from '../domain/profile.js';

/** The default rule lives in the catalogue, with the baseline policy that carries it. */
export { DEFAULT_LEVEL_RULE } from '../catalog/profile-rule.js';

export interface LevelResult {
  level: ProfileLevel;
  ruleId: string;
  /** The criteria that made the level what it is: empty for low. */
  drivers: string[];
  /** Group means over scored criteria (null: group not scored) and the weighted mean. */
  groupMeans: Record<CriterionGroupId, number | null>;
  weightedMean: number | null;
  unscored: string[];
  explanation: Explanation;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Applies a result-level rule to a profile's scores. For a weighted-mean condition the drivers are the
 * criteria scoring at or above the threshold: a mean can reach t only if some score does.
 */
export function profileLevel(profile: Pick<ProfileAssessment, 'scores'>, rule: ResultLevelRule): LevelResult {
  const scores = new Map<string, number>(profile.scores.map((s) => [s.criterion, s.score]));
  const unscored = CRITERIA.filter((c) => !scores.has(c.id)).map((c) => c.id);
  if (rule.unscored === 'worst') for (const id of unscored) scores.set(id, 4);
  const groupOf = new Map(CRITERIA.map((c) => [c.id, c.group]));

  const groupMeans = {} as Record<CriterionGroupId, number | null>;
  let weighted = 0;
  let weights = 0;
  for (const g of CRITERION_GROUP_IDS) {
    const vals = [...scores].filter(([id]) => groupOf.get(id) === g).map(([, v]) => v);
    const mean = vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
    groupMeans[g] = mean;
    if (mean !== null && rule.group_weights[g] > 0) {
      weighted += rule.group_weights[g] * mean;
      weights += rule.group_weights[g];
    }
  }
  const weightedMean = weights > 0 ? weighted / weights : null;

  const check = (c: LevelConditions): { drivers: string[]; reasons: string[] } => {
    const drivers = new Set<string>();
    const reasons: string[] = [];
    const atLeast = (t: number, inGroup?: CriterionGroupId) =>
      [...scores].filter(([id, v]) => v >= t && (inGroup === undefined || groupOf.get(id) === inGroup)).map(([id, v]) => `${id}=${v}`);
    if (c.max_score_at_least !== undefined) {
      const hit = atLeast(c.max_score_at_least);
      if (hit.length) {
        hit.forEach((h) => drivers.add(h.split('=')[0]));
        reasons.push(`${hit.join(', ')} at or above ${c.max_score_at_least}`);
      }
    }
    for (const [g, t] of Object.entries(c.group_max_at_least ?? {}) as [CriterionGroupId, number][]) {
      const hit = atLeast(t, g);
      if (hit.length) {
        hit.forEach((h) => drivers.add(h.split('=')[0]));
        reasons.push(`${hit.join(', ')} at or above ${t} in group ${g}`);
      }
    }
    if (c.weighted_mean_at_least !== undefined && weightedMean !== null && weightedMean >= c.weighted_mean_at_least) {
      const hit = atLeast(c.weighted_mean_at_least);
      hit.forEach((h) => drivers.add(h.split('=')[0]));
      reasons.push(`weighted mean ${round(weightedMean)} ≥ ${c.weighted_mean_at_least}, raised by ${hit.join(', ')}`);
    }
    return { drivers: [...drivers].sort(), reasons };
  };

  let level: ProfileLevel = 'low';
  let outcome = check(rule.high);
  if (outcome.reasons.length) level = 'high';
  else {
    outcome = check(rule.medium);
    level = outcome.reasons.length ? 'medium' : 'low';
  }
  const meansText = CRITERION_GROUP_IDS.map((g) => `${g} ${groupMeans[g] === null ? '—' : round(groupMeans[g]!)} (weight ${rule.group_weights[g]})`).join(', ');
  const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, v]) => `${id}=${v}`);
  return {
    level,
    ruleId: rule.rule_id,
    drivers: level === 'low' ? [] : outcome.drivers,
    groupMeans,
    weightedMean,
    unscored,
    explanation: {
      text:
        (level === 'low'
          ? `Low under rule ${rule.rule_id}: no condition for medium or high holds (highest scores ${top.join(', ') || 'none'}).`
          : `${level === 'high' ? 'High' : 'Medium'} under rule ${rule.rule_id}: ${outcome.reasons.join('; ')}.`) +
        ` Group means: ${meansText}; weighted mean ${weightedMean === null ? '—' : round(weightedMean)}.` +
        (unscored.length ? ` Not scored (${rule.unscored === 'worst' ? 'counted as 4' : 'left out'}): ${unscored.join(', ')}.` : ''),
      formula: 'weighted mean = Σ_g w_g · mean_g / Σ_g w_g over scored groups; high if any high condition, else medium if any medium condition, else low',
      inputs: { rule: rule.rule_id, scores: Object.fromEntries(scores), groupMeans, weightedMean, unscored },
    },
  };
}
