import { describe, expect, it } from 'vitest';
import { RISK_AREA_IDS } from '../../src/catalog/risk-areas.js';
import { assessedNetwork, grade, pick } from './helpers.js';

/*
 * network-small (test/cli/assess.test.ts works its metrics out) at 2026-06-01, with helpers.ts's
 * IMPLEMENTATIONS and two high profiles (DE: SUP-C, FR: SUP-B); docs/risk-model.md gives the formulas:
 * raw = 1 + 4·Σ(w·v)/Σw, score = raw rounded half up, residual raw = max(1, raw − min(2, Σ points)).
 *
 * Drivers. DE and OP-DE-1 (OP-DE-1 is DE's only operator, so the same figures):
 *   1,200,000 subscribers reach 2 of 4 bands → 0.5; critical services not recorded → 0.5 (unknown);
 *   HHI ran 5,200, core 10,000 → max-hhi 1; core has one supplier → 1 of 2 segments → 0.5;
 *   key quantity 2 (AMF, critical) + 100 (gNB, sensitive) = 102; designated 40 → 40/102 = 0.39216;
 *   high-profile SUP-C 2 → 2/102 = 0.01961; TM09 2 of 2 critical → 1; TM07 2 of 102 → 0.01961.
 * FR and OP-FR-1: 800,000 subscribers reach 1 band → 0.25; critical services 0.5 (unknown); ran HHI
 *   10,000 → 1; 1 of 1 segment single-supplier → 1; designated 0; high-profile SUP-B 100/100 → 1;
 *   no critical quantity → uncertified 0; unsupported 0.
 *
 * Inherent. Impact with subscriber-scale only: DE 1 + 4·0.5 = 3, FR 1 + 4·0.25 = 2; with scale and
 * services: DE 1 + 4·(0.5 + 0.5)/2 = 3, FR 1 + 4·(0.25 + 0.5)/2 = 2.5 → 3; R7 (services ×2): DE 3,
 * FR 1 + 4·(2·0.5 + 0.25)/3 = 2.67 → 3. Likelihood from baseline 0.5: 1 + 4·0.5 = 3.
 *   DE  R1 3×3 M  R2 3×3 M  R3 L 1 + 4·(1 + 0.01961)/2 = 3.04 → 3, 3×3 M  R4 L 1 + 4·(2·1 + 0.5)/3 = 4.33 → 4,
 *       4×3 = 12 H  R5 L 1 + 4·(2·0.39216 + 0.01961)/3 = 2.07 → 2, 2×3 M  R6 3×3 M  R7 3×3 M  R8 3×3 M  R9 3×3 M
 *   FR  R1 3×2 M  R2 3×2 M  R3 L 1 + 4·0 = 1, 1×3 = 3 L  R4 L 1 + 4·(2·1 + 1)/3 = 5, 5×3 = 15 H
 *       R5 L 1 + 4·(0 + 1)/3 = 2.33 → 2, 2×3 M  R6 3×2 M  R7 3×3 M  R8 3×3 M  R9 3×2 M
 *
 * Residual (primary 1, supporting 0.5, × 1 in place, × 0.5 in progress; TM11, SM06, SA07 act on impact).
 * Contradictions: OP-DE-1 holds an SM03 finding (SUP-B in ran) and an SM05 finding (one core supplier), so
 * SM03 in place (DE's row) is contradicted at DE and at OP-DE-1, SM05 in place (OP-DE-1's row) at
 * OP-DE-1: each earns the in-progress factor ½ there. FR holds no finding of a measure it declares.
 * DE reads DE and Union rows: TM01 in place (Union), SM03 in place, SM06 in progress, TM10 planned (0).
 *   R1 TM01 1: L 2 → 2×3 = 6 M   R2 nothing: 3×3 M   R3 SM03 supporting contradicted 0.25: L 2.79 → 3, 3×3 M
 *   R4 SM06 primary ½: I 3 − 0.5 = 2.5 → 3, 4×3 H   R5 SM03 contradicted ½: L 1.57 → 2, 2×3 = 6 M
 *   (taken at its word, SM03 would give L 1.07 → 1, 1×3 = 3 L)   R6 3×3 M
 *   R7 SM06 ½: I 2.5 → 3, 3×3 M   R8 SM06 supporting ½ → 0.25: I 2.75 → 3, 3×3 M   R9 TM10 planned 0: 3×3 M
 * OP-DE-1 adds its own rows: SM05, TM11, TM03 in place, TM09 in progress.
 *   R1 TM01: L 2, 2×3 M   R2 TM03 1: L 2, 2×3 M   R3 TM09 ½ + SM03 contradicted ¼: L 3.04 − 0.75 = 2.29 → 2, 2×3 M
 *   R4 SM05 contradicted ½: L 3.83 → 4; SM06 ½ + TM11 supporting 0.5: I 2 → 4×2 = 8 M
 *   R5 SM03 ½ + SM05 supporting ¼: L 2.07 − 0.75 = 1.32 → 1, 1×3 L   R6 TM03 supporting 0.5: L 2.5 → 3, 3×3 M
 *   R7 TM11 1 + SM06 ½: I 3 − 1.5 = 1.5 → 2, 3×2 M   R8 TM11 1 + SM06 0.25: I 1.75 → 2, 3×2 M
 *   R9 TM09 supporting ½ → 0.25: L 2.75 → 3, 3×3 M
 * FR reads TM01 (Union) and TM05 (FR) in place; OP-FR-1's TM02 is not applicable (0), so it scores as FR.
 *   R1 TM01 1 + TM05 1 = 2 (the cap): L 1, 1×2 = 2 L   R2 TM05 supporting 0.5: L 2.5 → 3, 3×2 M
 *   R3 1×3 L   R4 no linked measure recorded: 5×3 H   R5 2×3 M   R6 TM05 primary 1: L 2, 2×2 = 4 L
 *   R7 3×3 M   R8 3×3 M   R9 TM05 supporting 0.5: L 2.5 → 3, 3×2 M
 */
const EXPECTED: Record<string, Record<string, string>> = {
  DE: {
    R1: '3x3 medium -> 2x3 medium',
    R2: '3x3 medium -> 3x3 medium',
    R3: '3x3 medium -> 3x3 medium',
    R4: '4x3 high -> 4x3 high',
    R5: '2x3 medium -> 2x3 medium',
    R6: '3x3 medium -> 3x3 medium',
    R7: '3x3 medium -> 3x3 medium',
    R8: '3x3 medium -> 3x3 medium',
    R9: '3x3 medium -> 3x3 medium',
  },
  'OP-DE-1': {
    R1: '3x3 medium -> 2x3 medium',
    R2: '3x3 medium -> 2x3 medium',
    R3: '3x3 medium -> 2x3 medium',
    R4: '4x3 high -> 4x2 medium',
    R5: '2x3 medium -> 1x3 low',
    R6: '3x3 medium -> 3x3 medium',
    R7: '3x3 medium -> 3x2 medium',
    R8: '3x3 medium -> 3x2 medium',
    R9: '3x3 medium -> 3x3 medium',
  },
  FR: {
    R1: '3x2 medium -> 1x2 low',
    R2: '3x2 medium -> 3x2 medium',
    R3: '1x3 low -> 1x3 low',
    R4: '5x3 high -> 5x3 high',
    R5: '2x3 medium -> 2x3 medium',
    R6: '3x2 medium -> 2x2 low',
    R7: '3x3 medium -> 3x3 medium',
    R8: '3x3 medium -> 3x3 medium',
    R9: '3x2 medium -> 3x2 medium',
  },
};
EXPECTED['OP-FR-1'] = EXPECTED.FR!;

describe('assess --format json: risk scores of network-small, by hand', () => {
  const run = assessedNetwork();

  it('scores R1–R9 for each member state, then each operator', () => {
    expect(run.out.risks).toHaveLength(4 * 9);
    expect([...new Set(run.out.risks.map((s) => `${s.scope}:${s.operatorId ?? s.memberState}`))]).toEqual([
      'member-state:DE',
      'member-state:FR',
      'operator:OP-DE-1',
      'operator:OP-FR-1',
    ]);
  });

  for (const scope of ['DE', 'OP-DE-1', 'FR', 'OP-FR-1']) {
    it(`scores each risk area of ${scope}, inherent and residual`, () => {
      const got = Object.fromEntries(RISK_AREA_IDS.map((a) => [a, grade(pick(run.out.risks, scope, a))]));
      expect(got).toEqual(EXPECTED[scope]);
    });
  }

  it('carries the keys the issue lists and the drivers behind each number', () => {
    const r5 = pick(run.out.risks, 'DE', 'R5');
    expect(Object.keys(r5)).toEqual(
      expect.arrayContaining(['scope', 'memberState', 'riskArea', 'likelihood', 'impact', 'level', 'residualLikelihood', 'residualImpact', 'residualLevel', 'drivers']),
    );
    expect(r5.scope).toBe('member-state');
    // R5 likelihood: designated 2 × 40/102, high-profile 1 × 2/102; contribution = 4·w·v/Σw with Σw = 3
    const likelihood = r5.drivers.filter((d) => d.dimension === 'likelihood').map((d) => [d.name, d.weight, d.value, d.contribution]);
    expect(likelihood.map(([n, w]) => [n, w])).toEqual([
      ['designated-key-asset-share', 2],
      ['high-profile-key-asset-share', 1],
    ]);
    expect(likelihood[0]![2]).toBeCloseTo(40 / 102, 12);
    expect(likelihood[1]![2]).toBeCloseTo(2 / 102, 12);
    expect(likelihood[0]![3]).toBeCloseTo((4 * 2 * 40) / 102 / 3, 12);
    expect(r5.raw.likelihood).toBeCloseTo(1 + (4 * (2 * (40 / 102) + 2 / 102)) / 3, 12);
    // SM03 in place at DE, contradicted by OP-DE-1's SM03 finding: the in-progress ½, not 1
    expect(r5.raw.residualLikelihood).toBeCloseTo(1 + (4 * (2 * (40 / 102) + 2 / 102)) / 3 - 0.5, 12);
    expect(r5.explanation.text).toContain('0.5 (SM03 primary, in-place contradicted by 1 finding(s), counted as in-progress)');
    // a fact the data does not hold is marked as such
    expect(pick(run.out.risks, 'FR', 'R8').drivers.find((d) => d.name === 'critical-services')).toMatchObject({ value: 0.5, known: false });
  });

  it('lists the declarations the findings contradict, operators first (see the residual comment above)', () => {
    expect(run.out.contradictions.map((c) => [c.measure, c.scope, c.operatorId ?? c.memberState, c.findings, c.findingIds])).toEqual([
      ['SM05', 'operator', 'OP-DE-1', 1, ['SM05:OP-DE-1:core:SUP-C']],
      ['SM03', 'member-state', 'DE', 1, ['SM03:OP-DE-1:ran:SUP-B:D-DE-1']],
    ]);
  });

  it('reads the most specific status: OP-DE-1 its own SM05, DE its own SM06 row, FR the Union TM01', () => {
    const status = (scope: string, area: string, measure: string) => pick(run.out.risks, scope, area).mitigations.find((m) => m.measure === measure);
    expect(status('OP-DE-1', 'R4', 'SM05')).toMatchObject({ status: 'in-place', statusFrom: 'operator', contradictedBy: 1, points: 0.5 });
    expect(status('DE', 'R4', 'SM05')).toMatchObject({ status: 'not-recorded', statusFrom: 'none', points: 0 });
    expect(status('OP-DE-1', 'R4', 'SM06')).toMatchObject({ status: 'in-progress', statusFrom: 'member-state', points: 0.5, dimension: 'impact' });
    expect(status('FR', 'R1', 'TM01')).toMatchObject({ status: 'in-place', statusFrom: 'union', points: 1 });
    expect(status('OP-FR-1', 'R6', 'TM02')).toMatchObject({ status: 'not-applicable', statusFrom: 'operator', points: 0 });
  });
});
