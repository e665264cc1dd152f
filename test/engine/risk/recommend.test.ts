import { describe, expect, it } from 'vitest';
import { recommend, type Recommendation } from '../../../src/engine/risk/index.js';
import { IMPLEMENTATIONS, network } from './network.js';

const forRisk = (recs: Recommendation[], scope: string, area: string) =>
  recs.find((r) => r.target.kind === 'risk' && r.target.riskArea === area && (r.operatorId ?? r.memberState) === scope);
const forFinding = (recs: Recommendation[], id: string) => recs.find((r) => r.target.kind === 'finding' && r.target.findingId === id);

describe('recommend', () => {
  /*
   * No measure recorded. OP-DE-1 R4 is L 13/3 = 4.33 → 4, I 3.2 → 3: 12 high (see score.test.ts).
   * Each linked measure put in place at OP-DE-1, re-scored (before: 4×3 = 12, raw 4.33 × 3.2 = 13.87):
   *   SM06 primary, impact −1:     I 2.2 → 2: 4×2 = 8   → −4; raw 4.33 × 2.2 = 9.53  → −4.33
   *   SM05 primary, likelihood −1: L 3.33 → 3: 3×3 = 9  → −3; raw 3.33 × 3.2 = 10.67 → −3.2
   *   TM11 supporting, impact −0.5: I 2.7 → 3: 12       → 0;  raw 4.33 × 2.7 = 11.7  → −2.17
   *   SM07, SM08 supporting, likelihood −0.5: L 3.83 → 4 → 0; raw 3.83 × 3.2 = 12.27 → −1.6 each, by id
   */
  it('ranks the measures for a high residual risk by the effect of re-scoring with each in place', () => {
    const recs = recommend(network());
    expect(recs.filter((r) => r.target.kind === 'risk').map((r) => `${r.operatorId ?? r.memberState} ${r.riskAreas.join()}`)).toEqual([
      'DE R4',
      'OP-DE-1 R4',
      'OP-DE-2 R4',
    ]);
    const r4 = forRisk(recs, 'OP-DE-1', 'R4')!;
    expect(r4.measures.map((m) => m.measure)).toEqual(['SM06', 'SM05', 'TM11', 'SM07', 'SM08']);
    expect(r4.measures.map((m) => m.scoreReduction)).toEqual([4, 3, 0, 0, 0]);
    expect(r4.measures.map((m) => m.rawReduction)).toEqual([13 / 3, 3.2, 13 / 6, 1.6, 1.6].map((x) => expect.closeTo(x, 9)));
    expect(r4.measures[0].areas).toEqual([
      { riskArea: 'R4', link: 'primary', before: { likelihood: 4, impact: 3, level: 'high' }, after: { likelihood: 4, impact: 2, level: 'medium' } },
    ]);
    expect(r4.measures[0].currentStatus).toBe('not-recorded');
  });

  /*
   * SM03 finding at OP-DE-1 bears on R5: L 2.12 → 2, I 3.2 → 3 (6, raw 6.784).
   *   SM03, SM04 primary: L 1.12 → 1: 1×3 = 3 → −3; raw 1.12 × 3.2 = 3.584 → −3.2 each; tie → by id
   *   the seven supporting links: L 1.62 → 2 → 0; raw −0.5 × 3.2 = −1.6 each; by id
   */
  it('ranks the measures for a finding over its rule\'s risk areas', () => {
    const recs = recommend(network());
    const sm03 = forFinding(recs, 'SM03:OP-DE-1:ran:SUP-B:D-DE-1')!;
    expect(sm03.riskAreas).toEqual(['R5']);
    expect(sm03.measures.map((m) => `${m.measure} ${m.scoreReduction}`)).toEqual([
      'SM03 3', 'SM04 3', 'SA06 0', 'SA10 0', 'SM01 0', 'SM05 0', 'SM07 0', 'TM07 0', 'TM08 0',
    ]);
    expect(sm03.measures[0].rawReduction).toBeCloseTo(3.2, 9);
    // SM06 findings are the member state's: scored at DE
    expect(forFinding(recs, 'SM06:DE:core')).toMatchObject({ scope: 'member-state', memberState: 'DE', riskAreas: ['R4'] });
    expect(recs.filter((r) => r.target.kind === 'finding')).toHaveLength(network().result.findings.length);
  });

  /*
   * With IMPLEMENTATIONS: SM03 (DE's row) and SM05 (OP-DE-1's) are declared in place, but OP-DE-1's SM03 and
   * SM05 findings contradict both there (score.test.ts): they earn 0.5 and 0.25 on R5, L 2.12 − 0.75 = 1.37
   * → 1, I 3.2 → 3 (3, raw 1.37 × 3.2 = 4.384). Every candidate leaves L at 1 (score effect 0) and lowers
   * the raw residual:
   *   SM03 (contradicted, +0.5 to 1), SM04 (+1), and the six supporting links not recorded (+0.5): L ≤ 0.87
   *     → floor 1: raw (1.37 − 1) × 3.2 = 1.184 each; SM03, SM04 first (primary), then by id
   *   SM05 (contradicted, supporting, +0.25 to 0.5): L 1.12: raw 0.25 × 3.2 = 0.8, last
   * SM05's own finding (R4, residual L 3.83 → 4, I 2.2 → 2: 8): SM05 really in place gives L 3.33 → 3: 3×2 = 6,
   * an effect of 2. TM11 is in place with no TM11 finding: never proposed; neither is TM02 (not applicable).
   */
  it('proposes contradicted measures, not those in place unopposed, not applicable, or without effect', () => {
    const recs = recommend({ ...network(), implementations: IMPLEMENTATIONS });
    const sm03 = forFinding(recs, 'SM03:OP-DE-1:ran:SUP-B:D-DE-1')!;
    expect(sm03.measures.map((m) => m.measure)).toEqual(['SM03', 'SM04', 'SA06', 'SA10', 'SM01', 'SM07', 'TM07', 'TM08', 'SM05']);
    expect(sm03.measures.map((m) => m.scoreReduction)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(sm03.measures.map((m) => m.rawReduction)).toEqual([...Array(8).fill(1.184), 0.8].map((x) => expect.closeTo(x, 9)));
    expect(sm03.measures[0]).toMatchObject({ currentStatus: 'in-place' });
    expect(sm03.measures[0].explanation).toContain('now in-place, contradicted by 1 finding(s)');
    // OP-DE-1's R4 residual is medium now, so only its SM05 finding asks about R4
    expect(forRisk(recs, 'OP-DE-1', 'R4')).toBeUndefined();
    const sm05 = forFinding(recs, 'SM05:OP-DE-1:core:SUP-C')!;
    expect(sm05.measures.find((m) => m.measure === 'SM05')).toMatchObject({ currentStatus: 'in-place', scoreReduction: 2 });
    expect(sm05.measures.map((m) => m.measure)).not.toContain('TM11');
    expect(sm05.measures.map((m) => m.measure)).not.toContain('TM02');
  });
});
