import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { resolvePolicy } from '../../src/catalog/resolve-policy.js';
import { asset, operator, policy, snapshot } from './helpers.js';

const DATE = '2026-06-01';

describe('SM05 operator supplier diversity', () => {
  /*
   * OP1 (DE) core: AMF SUP-C 2 → single vendor, critical AMF → high
   * OP1 ran: gNB SUP-A 75, SUP-B 25 → top 0.75 > 0.70 → medium
   * OP1 transport: CSR SUP-D 3 (other) → single vendor without critical assets → medium
   * OP1 management: OSS SUP-A 0 → total 0 → nothing
   * OP2 (DE) ran: gNB SUP-A 70, SUP-B 30 → top 0.70, not above 0.70 → nothing
   */
  const snap = (policies = [policy('DE')]) =>
    snapshot({
      operators: [operator('OP1', 'DE'), operator('OP2', 'DE')],
      assets: [
        asset({ asset_id: 'C1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 2 }),
        asset({ asset_id: 'R1', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 50 }),
        asset({ asset_id: 'R2', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 25 }),
        asset({ asset_id: 'R3', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 25 }),
        asset({ asset_id: 'T1', operator_id: 'OP1', segment: 'transport', function: 'CSR', supplier_id: 'SUP-D', quantity: 3 }),
        asset({ asset_id: 'M1', operator_id: 'OP1', segment: 'management', function: 'OSS', supplier_id: 'SUP-A', quantity: 0 }),
        asset({ asset_id: 'S1', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 70 }),
        asset({ asset_id: 'S2', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 30 }),
      ],
      policies,
    });
  const sm05 = (s = snap()) => assess(s, { date: DATE }).findings.filter((f) => f.rule === 'SM05');

  it('flags single vendors and top shares above the threshold', () => {
    expect(sm05().map((f) => [f.id, f.severity, f.affectedQuantity, f.assetIds])).toEqual([
      ['SM05:OP1:core:SUP-C', 'high', 2, ['C1']],
      ['SM05:OP1:ran:SUP-A', 'medium', 75, ['R1', 'R3']],
      ['SM05:OP1:transport:SUP-D', 'medium', 3, ['T1']],
    ]);
    const ran = sm05().find((f) => f.segment === 'ran')!;
    expect(ran.explanation.inputs).toMatchObject({ suppliers: 2, total: 100, topShare: 0.75, operatorTopSupplierShare: 0.7, criticalQuantity: 0 });
  });

  it('uses the member state threshold', () => {
    // DE at 0.8: OP1 ran (0.75) no longer flagged; at 0.6: OP2 ran (0.70) flagged too
    expect(sm05(snap([policy('DE', { operatorTopSupplierShare: 0.8 })])).map((f) => f.id)).toEqual([
      'SM05:OP1:core:SUP-C',
      'SM05:OP1:transport:SUP-D',
    ]);
    expect(sm05(snap([policy('DE', { operatorTopSupplierShare: 0.6 })])).map((f) => f.id)).toContain('SM05:OP2:ran:SUP-A');
  });

  it('says "national threshold" only where the national policy states it', () => {
    // no national policy: the 70 % is the project's default, not an EU figure
    const ran = (s: ReturnType<typeof snap>) => sm05(s).find((f) => f.id === 'SM05:OP1:ran:SUP-A')!.explanation.text;
    expect(ran(snap())).toContain('SUP-A holds 75.0 % of a quantity of 100, above the secure5g default threshold (not an EU rule) of 70.0 %');
    // a national policy that states only the HHI: the share threshold is still the default
    const hhiOnly = resolvePolicy('DE', { member_state: 'DE', version: '2026.1', thresholds: { national_hhi: 6000 } } as never);
    expect(ran(snap([hhiOnly]))).toContain('above the secure5g default threshold (not an EU rule) of 70.0 %');
    const stated = resolvePolicy('DE', { member_state: 'DE', version: '2026.2', thresholds: { operator_top_supplier_share: 0.72 } } as never);
    expect(ran(snap([stated]))).toContain("above DE's national threshold (policy 2026.2) of 72.0 %");
  });

  it('grades by criticality after overrides', () => {
    // CSR made critical: the single-vendor transport segment now holds critical assets → high
    const found = sm05(snap([policy('DE', { criticalityOverrides: [{ function: 'CSR', criticality: 'critical' }] })]));
    expect(found.find((f) => f.segment === 'transport')?.severity).toBe('high');
  });
});

describe('SM06 national resilience', () => {
  /*
   * DE ran: OP1 SUP-A 60 + OP2 SUP-B 40 → 3,600 + 1,600 = 5,200 > 5,000 → medium
   * DE core: SUP-C 2 → 10,000 > 8,000 → high
   * FR ran: SUP-A 50 + SUP-B 50 → 5,000, not above 5,000 → nothing
   * FR core: SUP-A 9, SUP-B 1 → 8,100 + 100 = 8,200 → high (above 8,000)
   */
  const snap = (policies = [policy('DE')]) =>
    snapshot({
      operators: [operator('OP1', 'DE'), operator('OP2', 'DE'), operator('OP3', 'FR')],
      assets: [
        asset({ asset_id: 'A1', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
        asset({ asset_id: 'B1', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
        asset({ asset_id: 'C1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 2 }),
        asset({ asset_id: 'F1', operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 50 }),
        asset({ asset_id: 'F2', operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 50 }),
        asset({ asset_id: 'F3', operator_id: 'OP3', segment: 'core', function: 'AMF', supplier_id: 'SUP-A', quantity: 9 }),
        asset({ asset_id: 'F4', operator_id: 'OP3', segment: 'core', function: 'AMF', supplier_id: 'SUP-B', quantity: 1 }),
      ],
      policies,
    });
  const sm06 = (s = snap()) => assess(s, { date: DATE }).findings.filter((f) => f.rule === 'SM06');

  it('flags national segments above the HHI threshold, high above 8,000', () => {
    const found = sm06();
    expect(found.map((f) => [f.id, f.severity, f.supplierId, f.affectedQuantity, f.assetIds])).toEqual([
      ['SM06:DE:core', 'high', 'SUP-C', 2, ['C1']],
      ['SM06:FR:core', 'high', 'SUP-A', 9, ['F3']],
      ['SM06:DE:ran', 'medium', 'SUP-A', 60, ['A1']],
    ]);
    const ran = found.find((f) => f.id === 'SM06:DE:ran')!;
    expect(ran).toMatchObject({ level: 'member-state', memberState: 'DE' });
    expect(ran.operatorId).toBeUndefined();
    expect(ran.explanation.inputs).toMatchObject({ hhi: 5200, nationalHhi: 5000, suppliers: 2, total: 100 });
  });

  it('uses the member state threshold', () => {
    // DE at 6,000: DE ran (5,200) drops out; FR keeps the baseline
    expect(sm06(snap([policy('DE', { nationalHhi: 6000 })])).map((f) => f.id)).toEqual(['SM06:DE:core', 'SM06:FR:core']);
  });
});
