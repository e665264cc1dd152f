import type { ResultLevelRule } from '../domain/profile.js';

/**
 * The project's default profile result-level rule (a reasoned default, not a figure from the Toolbox;
 * member states adopt or replace it through their policy's `profile_rule`). High: some criterion at 4
 * ("severe concern"), or the weighted mean at 2.5 or above. Medium: some criterion at 3, or the weighted
 * mean at 1.5 or above. Group 1 (likelihood of interference from a non-EU country) weighs twice as much
 * as each other group, because the coordinated risk assessment names it the key factor in a supplier's
 * profile.
 */
export const DEFAULT_LEVEL_RULE: ResultLevelRule = {
  rule_id: 'secure5g-default',
  description: 'High if any criterion scores 4 or the group-weighted mean is ≥ 2.5; medium if any criterion scores 3 or the mean is ≥ 1.5; else low. Weights C1 2, C2 1, C3 1. Unscored criteria are left out and listed.',
  group_weights: { C1: 2, C2: 1, C3: 1 },
  high: { max_score_at_least: 4, weighted_mean_at_least: 2.5 },
  medium: { max_score_at_least: 3, weighted_mean_at_least: 1.5 },
  unscored: 'ignore',
};

/**
 * The id the default rule had before it was renamed: it read as an EU rule, which it is not. Profiles
 * recorded and policies written under it stay readable: `currentRuleId` maps it on read, so the old id
 * never reaches an output.
 */
export const LEGACY_DEFAULT_RULE_ID = 'eu-baseline';

/** A stored or imported rule id as shown today (the legacy id of the default rule becomes its current id). */
export function currentRuleId(id: string): string {
  return id === LEGACY_DEFAULT_RULE_ID ? DEFAULT_LEVEL_RULE.rule_id : id;
}

/** A stored or imported rule with its id read through `currentRuleId` (a copy when it changes). */
export function withCurrentRuleId<R extends { rule_id: string }>(rule: R): R {
  const id = currentRuleId(rule.rule_id);
  return id === rule.rule_id ? rule : { ...rule, rule_id: id };
}
