import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { asset, designation, operator, policy, snapshot } from './helpers.js';

/*
 * DE designates SUP-B (ran, in force from 2025-01-01); FR designates nobody.
 * OP-DE (DE): AMF SUP-C 4 (critical), AMF SUP-B 1 (critical, designated by DE),
 *             gNB SUP-A 60 (sensitive), gNB SUP-B 40 (sensitive, designated), CSR SUP-B 9 (other: ignored)
 *   critical 1 of 5 → 0.2; sensitive 40 of 100 → 0.4
 * OP-FR (FR): gNB SUP-B 100 → SUP-B is not designated by FR: sensitive 0 of 100 → 0; no critical → 0
 * DE: same as OP-DE. Union: critical 1 of 5 = 0.2; sensitive 40 of 200 = 0.2
 */
const operators = [operator('OP-DE', 'DE'), operator('OP-FR', 'FR')];
const assets = [
  asset({ operator_id: 'OP-DE', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 4 }),
  asset({ operator_id: 'OP-DE', segment: 'core', function: 'AMF', supplier_id: 'SUP-B', quantity: 1 }),
  asset({ operator_id: 'OP-DE', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
  asset({ operator_id: 'OP-DE', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
  asset({ operator_id: 'OP-DE', segment: 'transport', function: 'CSR', supplier_id: 'SUP-B', quantity: 9 }),
  asset({ operator_id: 'OP-FR', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 100 }),
];
const d1 = designation({ designation_id: 'D1', member_state: 'DE', supplier_id: 'SUP-B' });

const exposure = (designations = [d1], date = '2026-06-01', policies = [policy('DE')]) =>
  assess(snapshot({ operators, assets, designations, policies }), { date }).metrics.exposure;

describe('exposure to designated suppliers', () => {
  it('counts critical and sensitive quantity of suppliers designated by the asset\'s member state', () => {
    const rows = exposure();
    const op = rows.find((r) => r.operatorId === 'OP-DE')!;
    expect(op).toMatchObject({
      scope: 'operator',
      memberState: 'DE',
      criticalQuantity: 5,
      designatedCriticalQuantity: 1,
      criticalExposure: 0.2,
      sensitiveQuantity: 100,
      designatedSensitiveQuantity: 40,
      sensitiveExposure: 0.4,
    });
    // a designation counts whatever its scope: D1 names only ran, the AMF of SUP-B still counts
    expect(op.explanation.inputs).toMatchObject({ designations: ['D1'], date: '2026-06-01' });
    expect(rows.find((r) => r.operatorId === 'OP-FR')).toMatchObject({ criticalExposure: 0, sensitiveExposure: 0, sensitiveQuantity: 100 });
    const union = rows.find((r) => r.scope === 'union')!;
    expect(union).toMatchObject({ criticalExposure: 0.2, sensitiveExposure: 0.2, sensitiveQuantity: 200 });
    expect(union.memberState).toBeUndefined();
    expect(rows.find((r) => r.scope === 'member-state' && r.memberState === 'DE')?.operatorId).toBeUndefined();
  });

  it('is 0 with a zero denominator, and says so', () => {
    const fr = exposure().find((r) => r.scope === 'member-state' && r.memberState === 'FR')!;
    expect(fr.criticalQuantity).toBe(0);
    expect(fr.criticalExposure).toBe(0);
    expect(fr.explanation.text).toContain('critical: no quantity, so exposure is 0');
  });

  it('ignores revoked, proposed and future designations', () => {
    for (const d of [
      { ...d1, status: 'revoked' as const },
      { ...d1, status: 'proposed' as const },
      { ...d1, effective_date: '2026-06-02' },
    ]) {
      const op = exposure([d]).find((r) => r.operatorId === 'OP-DE')!;
      expect(op.designatedCriticalQuantity + op.designatedSensitiveQuantity).toBe(0);
    }
    // effective on the assessment date itself: counts
    expect(exposure([{ ...d1, effective_date: '2026-06-01' }]).find((r) => r.operatorId === 'OP-DE')?.sensitiveExposure).toBe(0.4);
  });

  it('follows criticality overrides of the member state policy', () => {
    // DE makes gNB critical: critical = 4 + 1 + 60 + 40 = 105, designated 1 + 40 = 41; sensitive 0 → 0
    const op = exposure([d1], '2026-06-01', [policy('DE', { criticalityOverrides: [{ function: 'gNB', criticality: 'critical' }] })]).find(
      (r) => r.operatorId === 'OP-DE',
    )!;
    expect(op).toMatchObject({ criticalQuantity: 105, designatedCriticalQuantity: 41, sensitiveQuantity: 0, sensitiveExposure: 0 });
    expect(op.criticalExposure).toBeCloseTo(41 / 105, 12);
  });
});
