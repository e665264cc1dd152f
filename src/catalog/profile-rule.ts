import type { ResultLevelRule } from '../domain/profile.js';

/**
 * The project's default profile result-level rule (a reasoned default, not a figure from the Toolbox;
 * member states adopt or replace it through their policy's `profile_rule`). High: some criterion at 4
 * ("severe concern"), or the weighted mean at 2.5 or above. Medium: some criterion at 3, or the weighted
 * mean at 1.5 or above. Group 1 (likelihood of interference from a non-EU country) weighs twice as much
 * as each other group, because the coordinated risk assessment names it the key factor in a supplier's
 * profile.
 */
export const EU_BASELINE_LEVEL_RULE: ResultLevelRule = {
  rule_id: 'eu-baseline',
  description: 'High if any criterion scores 4 or the group-weighted mean is ≥ 2.5; medium if any criterion scores 3 or the mean is ≥ 1.5; else low. Weights C1 2, C2 1, C3 1. Unscored criteria are left out and listed.',
  group_weights: { C1: 2, C2: 1, C3: 1 },
  high: { max_score_at_least: 4, weighted_mean_at_least: 2.5 },
  medium: { max_score_at_least: 3, weighted_mean_at_least: 1.5 },
  unscored: 'ignore',
};
