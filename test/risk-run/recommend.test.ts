import { describe, expect, it } from 'vitest';
import { addImplementation, assessedNetwork, assessJson, type AssessJson, grade, pick } from './helpers.js';

/*
 * OP-FR-1's R4 (scores.test.ts): L raw 1 + 4·(2·1 + 1·1)/3 = 5, I raw 1 + 4·(0.25 + 0.5)/2 = 2.5 → 3;
 * residual 5×3 = 15 high, no linked measure recorded. Re-scored with each R4 measure in place:
 *   SM06 (primary, impact):  I 2.5 − 1 = 1.5 → 2:   5×2 = 10, effect 5; unrounded 5·2.5 − 5·1.5 = 5
 *   TM11 (supporting, impact): I 2.5 − 0.5 = 2 → 2: 5×2 = 10, effect 5; unrounded 12.5 − 10 = 2.5
 *   SM05 (primary, likelihood): L 5 − 1 = 4:        4×3 = 12, effect 3; unrounded 12.5 − 10 = 2.5
 *   SM07, SM08 (supporting):    L 4.5 → 5 (half up): 15, effect 0; unrounded 12.5 − 4.5·2.5 = 1.25 each
 * Ranked by effect, then unrounded effect, then primary first, then id: SM06, TM11, SM05, SM07, SM08.
 *
 * DE's R4 (residual 4×3 high: L 4.33, I 3 − SM06 in progress 0.5 = 2.5 → 3); SM06 counts as a candidate
 * because it is only in progress:
 *   SM06 in place: I 3 − 1 = 2 → 4×2 = 8, effect 4; unrounded 4.33·2.5 − 4.33·2 = 2.17
 *   TM11 (supporting): I 3 − (0.5 + 0.5) = 2 → 8, effect 4; unrounded 2.17 too: primary SM06 first
 *   SM05: L 3.33 → 3, 3×3 = 9, effect 3; SM07, SM08: L 3.83 → 4, effect 0
 */
describe('recommendations, re-scored by hand', () => {
  const run = assessedNetwork();

  const forRisk = (o: AssessJson, scope: string, area: string) =>
    o.recommendations.find((r) => r.target.kind === 'risk' && r.target.riskArea === area && (r.operatorId ?? r.memberState) === scope);

  it('recommends for each finding and each high residual risk, findings first', () => {
    // 8 findings (test/cli/assess.test.ts), then residual high: DE R4, FR R4, OP-FR-1 R4 (OP-DE-1's R4 is medium)
    expect(run.out.recommendations.map((r) => (r.target.kind === 'finding' ? r.target.rule : `${r.operatorId ?? r.memberState} ${r.target.riskArea}`))).toEqual([
      ...run.out.findings.map((f) => f.rule),
      'DE R4',
      'FR R4',
      'OP-FR-1 R4',
    ]);
    const sm05 = run.out.recommendations.find((r) => r.target.kind === 'finding' && r.target.findingId.startsWith('SM05:OP-FR-1'))!;
    expect(sm05.riskAreas).toEqual(['R4']);
    expect(sm05.measures.map((m) => m.measure)).toEqual(['SM06', 'TM11', 'SM05', 'SM07', 'SM08']);
  });

  it("ranks OP-FR-1's R4 measures by the effect worked out above", () => {
    const rec = forRisk(run.out, 'OP-FR-1', 'R4')!;
    expect(rec.measures.map((m) => [m.rank, m.measure, m.currentStatus, m.scoreReduction])).toEqual([
      [1, 'SM06', 'not-recorded', 5],
      [2, 'TM11', 'not-recorded', 5],
      [3, 'SM05', 'not-recorded', 3],
      [4, 'SM07', 'not-recorded', 0],
      [5, 'SM08', 'not-recorded', 0],
    ]);
    expect(rec.measures.map((m) => m.rawReduction)).toEqual([5, 2.5, 2.5, 1.25, 1.25].map((x) => expect.closeTo(x, 9)));
    expect(rec.measures[0]!.areas).toEqual([
      { riskArea: 'R4', link: 'primary', before: { likelihood: 5, impact: 3, level: 'high' }, after: { likelihood: 5, impact: 2, level: 'high' } },
    ]);
    expect(rec.measures[0]!.explanation).toContain('R4 5×3 high → 5×2 high');
  });

  it("ranks DE's R4 measures: an in-progress measure is a candidate, a tie goes to the primary link", () => {
    const rec = forRisk(run.out, 'DE', 'R4')!;
    expect(rec.measures.map((m) => [m.measure, m.currentStatus, m.scoreReduction])).toEqual([
      ['SM06', 'in-progress', 4],
      ['TM11', 'not-recorded', 4],
      ['SM05', 'not-recorded', 3],
      ['SM07', 'not-recorded', 0],
      ['SM08', 'not-recorded', 0],
    ]);
    expect(rec.measures[0]!.rawReduction).toBeCloseTo(rec.measures[1]!.rawReduction, 12);
    expect(rec.measures[0]!.rawReduction).toBeCloseTo((13 / 3) * 0.5, 9);
  });

  it('the first measure, put in place, gives the score the recommendation predicted', async () => {
    // SM06 in place at FR reaches OP-FR-1 (no row of its own): both R4 scores move as predicted.
    await addImplementation(run.t.db, { measure: 'SM06', scope_level: 'member-state', member_state: 'FR', status: 'in-place', recorded_on: '2026-05-01' });
    const after = await assessJson(run.t.db);
    const predicted = forRisk(run.out, 'OP-FR-1', 'R4')!.measures[0]!.areas[0]!.after;
    const r4 = pick(after.risks, 'OP-FR-1', 'R4');
    expect({ likelihood: r4.residualLikelihood, impact: r4.residualImpact, level: r4.residualLevel }).toEqual(predicted);
    expect(r4.raw.residualImpact).toBeCloseTo(1.5, 12);
    expect(grade(pick(after.risks, 'FR', 'R4'))).toBe('5x3 high -> 5x2 high');
    // still high, so still recommended, now without SM06 (in place): TM11 I 1.5 − 0.5 = 1 → 5×1 = 5 medium, effect 5
    const next = forRisk(after, 'OP-FR-1', 'R4')!;
    expect(next.measures.map((m) => [m.measure, m.scoreReduction])).toEqual([
      ['TM11', 5],
      ['SM05', 2],
      ['SM07', 0],
      ['SM08', 0],
    ]);
  });
});
