import { describe, expect, it } from 'vitest';
import { resolveRiskModel } from '../../../src/catalog/risk-model.js';
import { assess } from '../../../src/engine/assess.js';
import { scoreRisks, type RiskScore } from '../../../src/engine/risk/index.js';
import { IMPLEMENTATIONS, network } from './network.js';

const pick = (scores: RiskScore[], scope: string, area: string) => {
  const s = scores.find((x) => (x.operatorId ?? x.memberState) === scope && x.riskArea === area);
  if (!s) throw new Error(`no score ${scope} ${area}`);
  return s;
};
const grade = (s: RiskScore) =>
  `${s.likelihood}x${s.impact} ${s.level} -> ${s.residualLikelihood}x${s.residualImpact} ${s.residualLevel}`;

describe('scoreRisks', () => {
  it('scores every member state and operator of the assessment, member states first', () => {
    const scores = scoreRisks(network());
    expect(scores).toHaveLength(3 * 9);
    expect([...new Set(scores.map((s) => `${s.scope}:${s.operatorId ?? s.memberState}`))]).toEqual([
      'member-state:DE',
      'operator:OP-DE-1',
      'operator:OP-DE-2',
    ]);
    expect(scores.slice(0, 9).map((s) => s.riskArea)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
  });

  /*
   * OP-DE-1 with IMPLEMENTATIONS (impact scale-only: 1 + 4·0.5 = 3; scale + services: 1 + 4·(0.5 + 0.6)/2 = 3.2).
   * OP-DE-1 holds an SM03 finding (SUP-B in ran) and an SM05 finding (core has one supplier), so SM03 in
   * place (DE's row) and SM05 in place (its own row) are contradicted there and earn the in-progress factor 0.5:
   *   R1 L 1 + 4·0.5 = 3, I 3 → 9 medium; TM01 in place (Union, primary 1): L 2 → 6 medium
   *   R2 L 3, I 3 medium; TM03 in place at the operator (primary 1; DE's not-planned is overridden): L 2 → medium
   *   R3 L 1 + 4·(1 + 0.04)/2 = 3.08 → 3, I 3.2 → 3, medium; TM09 in progress 0.5 + SM03 supporting contradicted
   *      0.5·0.5 = 0.25: L 2.33 → 2 → 2×3 = 6 medium
   *   R4 L 1 + 4·(2·1 + 1·0.5)/3 = 4.33 → 4, I 3.2 → 3, 12 high; SM05 contradicted 1·0.5: L 3.83 → 4; SM06 in
   *      progress 0.5 + TM11 supporting 0.5 act on impact: I 2.2 → 2 → 4×2 = 8 medium
   *      (were SM05's declaration taken at its word: L 3.33 → 3 → 3×2 = 6)
   *   R5 L 1 + 4·(2·0.4 + 1·0.04)/3 = 2.12 → 2, I 3 → 6 medium; SM03 contradicted 0.5 + SM05 supporting
   *      contradicted 0.25 = 0.75: L 1.37 → 1 → 1×3 = 3 low
   *   R6 L 3, I 3 medium; TM03 supporting 0.5 (TM02 not applicable): L 2.5 → 3 (half up) → unchanged
   *   R7 L 3, I 1 + 4·(2·0.6 + 1·0.5)/3 = 3.27 → 3, medium; TM11 1 + SM06 in progress 0.5 on impact: I 1.77 → 2 → 6
   *   R8 L 3, I 3.2 → 3, medium; TM11 1 + SM06 supporting in progress 0.25: I 1.95 → 2 → 6 medium
   *   R9 L 3, I 3 medium; TM09 supporting in progress 0.25: L 2.75 → 3 → unchanged
   */
  it('scores each risk area of OP-DE-1 by hand, inherent and residual', () => {
    const scores = scoreRisks({ ...network(), implementations: IMPLEMENTATIONS });
    const op = (area: string) => grade(pick(scores, 'OP-DE-1', area));
    expect(op('R1')).toBe('3x3 medium -> 2x3 medium');
    expect(op('R2')).toBe('3x3 medium -> 2x3 medium');
    expect(op('R3')).toBe('3x3 medium -> 2x3 medium');
    expect(op('R4')).toBe('4x3 high -> 4x2 medium');
    expect(op('R5')).toBe('2x3 medium -> 1x3 low');
    expect(op('R6')).toBe('3x3 medium -> 3x3 medium');
    expect(op('R7')).toBe('3x3 medium -> 3x2 medium');
    expect(op('R8')).toBe('3x3 medium -> 3x2 medium');
    expect(op('R9')).toBe('3x3 medium -> 3x3 medium');

    const r4 = pick(scores, 'OP-DE-1', 'R4');
    expect(r4.raw.likelihood).toBeCloseTo(13 / 3, 9);
    expect(r4.raw.impact).toBeCloseTo(3.2, 9);
    expect(r4.raw.residualLikelihood).toBeCloseTo(13 / 3 - 0.5, 9);
    expect(r4.raw.residualImpact).toBeCloseTo(2.2, 9);
    expect(r4.drivers.map((d) => [d.dimension, d.name, d.value, d.weight])).toEqual([
      ['likelihood', 'max-hhi', 1, 2],
      ['likelihood', 'single-supplier-segments', 0.5, 1],
      ['impact', 'subscriber-scale', 0.5, 1],
      ['impact', 'critical-services', 0.6, 1],
    ]);
    // contributions: 4·2·1/3, 4·1·0.5/3, 4·1·0.5/2, 4·1·0.6/2
    expect(r4.drivers.map((d) => d.contribution)).toEqual([8 / 3, 2 / 3, 1, 1.2].map((x) => expect.closeTo(x, 9)));
    expect(r4.mitigations.filter((m) => m.points > 0).map((m) => `${m.measure} ${m.dimension} ${m.status}@${m.statusFrom} ${m.points}`)).toEqual([
      'SM05 likelihood in-place@operator 0.5',
      'SM06 impact in-progress@member-state 0.5',
      'TM11 impact in-place@operator 0.5',
    ]);
    expect(r4.explanation.text).toContain('likelihood 1 + 4 × (2 × 1 + 1 × 0.5) / 3 = 4.33 → 4');
    expect(r4.explanation.text).toContain('impact 3.2 − min(2, 0.5 (SM06 primary, in-progress) + 0.5 (TM11 supporting, in-place)) = 2.2 → 2');
    expect(r4.explanation.text).toContain('likelihood 4.33 − min(2, 0.5 (SM05 primary, in-place contradicted by 1 finding(s), counted as in-progress)) = 3.83 → 4');
    expect(r4.mitigations.find((m) => m.measure === 'SM05')?.contradictedBy).toBe(1);
    // TM11 in place has no TM11 finding beside it: full credit, not marked
    expect(r4.mitigations.find((m) => m.measure === 'TM11')).not.toHaveProperty('contradictedBy');

    const r5 = pick(scores, 'OP-DE-1', 'R5');
    expect(r5.drivers.find((d) => d.name === 'designated-key-asset-share')?.value).toBeCloseTo(0.4, 12);
    // DE's later profile of SUP-C (high) replaces its earlier one; FR's profile of SUP-A does not count in DE
    expect(r5.drivers.find((d) => d.name === 'high-profile-key-asset-share')?.value).toBeCloseTo(0.04, 12);
    expect(r5.raw.residualLikelihood).toBeCloseTo(2.12 - 0.75, 9);
  });

  /*
   * DE: subscribers 2,600,000 → 2 bands → 0.5; services 3 known of 2 operators → 0.6; key quantity 4 + 196 = 200,
   * designated 40 → 0.2, high-profile 4 → 0.02; TM09 4/4 → 1; TM07 4/200 → 0.02.
   *   R3 L 1 + 4·(1 + 0.02)/2 = 3.04 → 3; R4 ran HHI 10,000·(156² + 40²)/196² = 6,751, core 10,000 → 1; 1 of 2
   *   single → L 4.33 → 4, I 3.2 → 3 high; R5 L 1 + 4·(2·0.2 + 0.02)/3 = 1.56 → 2.
   * With IMPLEMENTATIONS, DE reads only member-state and Union rows: R4 SM06 in progress 0.5 on impact → 2.7 → 3,
   * SM05 (an operator's row) does not count → residual 4×3 high. R1: TM01 (Union) → 2×3.
   * OP-DE-2: 600,000 → 1 band → 0.25; services unknown → 0.5: I 1 + 4·0.75/2 = 2.5 → 3 (half up);
   *   R4 L 1 + 4·(2·1 + 1·1)/3 = 5 → 5×3 = 15 high; it records no row of its own, so DE's SM06 in progress
   *   (0.5 on impact) reaches it: I 2.0 → 2 → 5×2 = 10 high.
   */
  it('scores the member state from its own and Union rows only, and a small operator', () => {
    const scores = scoreRisks({ ...network(), implementations: IMPLEMENTATIONS });
    expect(pick(scores, 'DE', 'R3').raw.likelihood).toBeCloseTo(3.04, 9);
    expect(grade(pick(scores, 'DE', 'R4'))).toBe('4x3 high -> 4x3 high');
    expect(pick(scores, 'DE', 'R4').raw.residualImpact).toBeCloseTo(2.7, 9);
    expect(pick(scores, 'DE', 'R5').raw.likelihood).toBeCloseTo(1.56, 9);
    expect(grade(pick(scores, 'DE', 'R1'))).toBe('3x3 medium -> 2x3 medium');
    expect(pick(scores, 'DE', 'R2').mitigations.find((m) => m.measure === 'TM03')?.status).toBe('not-planned');

    const op2 = pick(scores, 'OP-DE-2', 'R4');
    expect(op2.raw.impact).toBe(2.5);
    expect(grade(op2)).toBe('5x3 high -> 5x2 high');
    expect(op2.mitigations.find((m) => m.measure === 'SM06')?.statusFrom).toBe('member-state');
    const services = op2.drivers.find((d) => d.name === 'critical-services')!;
    expect([services.known, services.value]).toEqual([false, 0.5]);
  });

  it('scores only the operator when the assessment is narrowed to it', () => {
    const ctx = network();
    const scores = scoreRisks({ ...ctx, result: assess(ctx.snapshot, { date: '2026-06-01', operatorId: 'OP-DE-2' }) });
    expect([...new Set(scores.map((s) => s.operatorId ?? s.memberState))]).toEqual(['OP-DE-2']);
  });

  /*
   * R4's likelihood on HHI alone: OP-DE-1 L 1 + 4·1 = 5, I 3.2 → 3 → 15 high.
   * Default cap 2: L 5 − 0.5 (SM05, contradicted) = 4.5 → 5; I 3.2 − 1 (SM06 0.5 + TM11 0.5) = 2.2 → 2 → 5×2 = 10 high.
   * Cap 0.5: L 5 − 0.5 = 4.5 → 5; I 3.2 − 0.5 = 2.7 → 3 → 5×3 high.
   */
  it('follows a model override', () => {
    const areas = { R4: { likelihood: [{ driver: 'max-hhi', weight: 1 }] } };
    const uncapped = resolveRiskModel({ source: 'test-hhi', areas });
    expect(uncapped.version).toBe('secure5g-risk-2026.11+test-hhi');
    const score = (model: typeof uncapped) => grade(pick(scoreRisks({ ...network(), implementations: IMPLEMENTATIONS, model }), 'OP-DE-1', 'R4'));
    expect(score(uncapped)).toBe('5x3 high -> 5x2 high');
    expect(score(resolveRiskModel({ source: 'test-cap', areas, mitigation: { maxReduction: 0.5 } }))).toBe('5x3 high -> 5x3 high');
  });
});
