import { describe, expect, it } from 'vitest';
import { ProfileAssessment, ResultLevelRule, type ProfileAssessmentInput } from '../../src/domain/profile.js';
import { DEFAULT_LEVEL_RULE, profileLevel } from '../../src/engine/profile-level.js';

const scores = (s: Record<string, number>) => ({
  scores: Object.entries(s).map(([criterion, score]) => ({ criterion, score, evidence: [{ text: 'seen' }] })),
});

describe('secure5g-default result level (weights C1 2, C2 1, C3 1)', () => {
  it('is low when no score reaches 3 and the weighted mean stays under 1.5', () => {
    // C1 (1+2+1+2)/4 = 1.5, C2 (1+0)/2 = 0.5, C3 (1+1)/2 = 1 → (2·1.5 + 0.5 + 1)/4 = 1.125
    const r = profileLevel(scores({ 'C1.1': 1, 'C1.2': 2, 'C1.3': 1, 'C1.4': 2, 'C2.1': 1, 'C2.2': 0, 'C3.1': 1, 'C3.2': 1 }), DEFAULT_LEVEL_RULE);
    expect(r.level).toBe('low');
    expect(r.drivers).toEqual([]);
    expect(r.weightedMean).toBeCloseTo(1.125, 12);
    expect(r.groupMeans).toEqual({ C1: 1.5, C2: 0.5, C3: 1 });
    expect(r.unscored).toEqual(['C2.3', 'C2.4', 'C3.3', 'C3.4']);
    expect(r.explanation.text).toContain('Not scored (left out): C2.3, C2.4, C3.3, C3.4');
  });

  it('is medium on one score of 3, naming that criterion', () => {
    // C1.3 = 3: C1 mean 2 → (4 + 0.5 + 1)/4 = 1.375 < 1.5, so only the score of 3 drives it.
    const r = profileLevel(scores({ 'C1.1': 1, 'C1.2': 2, 'C1.3': 3, 'C1.4': 2, 'C2.1': 1, 'C2.2': 0, 'C3.1': 1, 'C3.2': 1 }), DEFAULT_LEVEL_RULE);
    expect(r.level).toBe('medium');
    expect(r.drivers).toEqual(['C1.3']);
    expect(r.weightedMean).toBeCloseTo(1.375, 12);
    expect(r.explanation.text).toMatch(/^Medium under rule secure5g-default: C1\.3=3 at or above 3\./);
  });

  it('is medium on the weighted mean alone, naming the criteria at or above it', () => {
    // C1 all 2 → 2; C2 1, 1 → 1; C3.1 1 → 1 → (4 + 1 + 1)/4 = 1.5 exactly.
    const r = profileLevel(scores({ 'C1.1': 2, 'C1.2': 2, 'C1.3': 2, 'C1.4': 2, 'C2.1': 1, 'C2.2': 1, 'C3.1': 1 }), DEFAULT_LEVEL_RULE);
    expect(r.level).toBe('medium');
    expect(r.weightedMean).toBe(1.5);
    expect(r.drivers).toEqual(['C1.1', 'C1.2', 'C1.3', 'C1.4']);
  });

  it('is high on any score of 4', () => {
    const r = profileLevel(scores({ 'C1.1': 0, 'C2.4': 4, 'C3.1': 0 }), DEFAULT_LEVEL_RULE);
    // means C1 0, C2 4, C3 0 → (0 + 4 + 0)/4 = 1
    expect(r).toMatchObject({ level: 'high', drivers: ['C2.4'], weightedMean: 1 });
  });

  it('is high on a weighted mean of 2.5', () => {
    // C1 all 3 → 3; C2 2, 2 → 2; C3.1 2 → (6 + 2 + 2)/4 = 2.5; drivers: scores ≥ 2.5 = the four C1 criteria.
    const r = profileLevel(scores({ 'C1.1': 3, 'C1.2': 3, 'C1.3': 3, 'C1.4': 3, 'C2.1': 2, 'C2.2': 2, 'C3.1': 2 }), DEFAULT_LEVEL_RULE);
    expect(r).toMatchObject({ level: 'high', weightedMean: 2.5, drivers: ['C1.1', 'C1.2', 'C1.3', 'C1.4'] });
  });
});

describe('configured rules', () => {
  it('applies a member state rule with a group condition and equal weights', () => {
    const rule = ResultLevelRule.parse({
      rule_id: 'xx-policy', description: 'high on any group-1 score of 3', group_weights: { C1: 1, C2: 1, C3: 1 },
      high: { group_max_at_least: { C1: 3 } }, medium: { weighted_mean_at_least: 1 }, unscored: 'ignore',
    });
    const r = profileLevel(scores({ 'C1.3': 3, 'C2.1': 0, 'C3.1': 0 }), rule);
    expect(r).toMatchObject({ level: 'high', drivers: ['C1.3'] });
    // C2.1 = 3 is not in group C1: not high; mean (0 + 3 + 0)/3 = 1 ≥ 1 → medium, driver C2.1
    expect(profileLevel(scores({ 'C1.3': 0, 'C2.1': 3, 'C3.1': 0 }), rule)).toMatchObject({ level: 'medium', drivers: ['C2.1'], weightedMean: 1 });
  });

  it('counts unscored criteria as 4 under `worst`', () => {
    const rule = { ...DEFAULT_LEVEL_RULE, rule_id: 'cautious', unscored: 'worst' as const };
    const r = profileLevel(scores({ 'C1.1': 0 }), rule);
    expect(r.level).toBe('high');
    expect(r.drivers).toHaveLength(11);
    expect(r.drivers).not.toContain('C1.1');
  });

  it('rejects a rule without any positive weight', () => {
    const bad = { ...DEFAULT_LEVEL_RULE, group_weights: { C1: 0, C2: 0, C3: 0 } };
    expect(ResultLevelRule.safeParse(bad).error?.issues[0].path).toEqual(['group_weights']);
  });
});

describe('profile schema', () => {
  const base: ProfileAssessmentInput = {
    profile_id: 'PR-1', supplier_id: 'SUP-A', member_state: 'DE', version: 1, assessor: 'analyst-1', assessed_on: '2026-05-01',
    scores: [{ criterion: 'C1.1', score: 2, evidence: [{ text: 'annual report 2025', url: 'https://example.org/ar', document_sha256: 'A'.repeat(64) }] }],
  };
  const issue = (p: unknown) => ProfileAssessment.safeParse(p).error?.issues[0];

  it('accepts a valid profile and normalises the digest to lower case', () => {
    expect(ProfileAssessment.parse(base).scores[0].evidence[0].document_sha256).toBe('a'.repeat(64));
  });

  it('names the field of a bad score, criterion, digest or duplicate', () => {
    const withScore = (s: object) => ({ ...base, scores: [{ ...base.scores[0], ...s }] });
    expect(issue(withScore({ criterion: 'C4.1' }))).toMatchObject({ path: ['scores', 0, 'criterion'], message: 'is not a criterion of the catalogue' });
    expect(issue(withScore({ score: 5 }))?.path).toEqual(['scores', 0, 'score']);
    expect(issue(withScore({ evidence: [{ text: 'x', document_sha256: 'abc' }] }))?.path).toEqual(['scores', 0, 'evidence', 0, 'document_sha256']);
    expect(issue(withScore({ evidence: [] }))?.path).toEqual(['scores', 0, 'evidence']);
    expect(issue({ ...base, scores: [base.scores[0], base.scores[0]] })).toMatchObject({ path: ['scores', 1, 'criterion'], message: 'C1.1 is scored twice' });
    expect(issue({ ...base, member_state: 'XA' })?.path).toEqual(['member_state']);
  });

  it('records a suggestion only with the assessor decision that matches the score', () => {
    const sug = (score: number, decision: string, override_reason?: string) =>
      ({ ...base, scores: [{ ...base.scores[0], suggested: { score, source: 'control', explanation: 'state share 12 %', decision, override_reason } }] });
    expect(ProfileAssessment.safeParse(sug(2, 'confirmed')).success).toBe(true);
    expect(issue(sug(3, 'confirmed'))?.path).toEqual(['scores', 0, 'suggested', 'decision']);
    expect(issue(sug(3, 'overridden'))?.path).toEqual(['scores', 0, 'suggested', 'override_reason']);
    expect(ProfileAssessment.safeParse(sug(3, 'overridden', 'the stake is passive')).success).toBe(true);
    expect(issue(sug(2, 'overridden', 'x'))?.path).toEqual(['scores', 0, 'suggested', 'decision']);
  });
});
