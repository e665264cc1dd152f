import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { asset, operator, policy, product, snapshot } from './helpers.js';

const DATE = '2026-06-01';

describe('TM09 certification of critical assets', () => {
  /*
   * Baseline: core, ran and interconnection require NESAS.
   * P-AMF-E (SUP-C, AMF): EUCC only → lacks NESAS. P-AMF-N (SUP-C, AMF): nesas (lower case) → has it.
   * P-GNB (SUP-A, gNB): none, but gNB is sensitive → not checked.
   * OP1 core: C1 P-AMF-E 2, C2 P-AMF-E 3 → one finding, quantity 5; C3 P-AMF-N 4 → fine;
   *           C4 no product 1 → "no product" finding; ran: R1 P-GNB 10 → sensitive, nothing;
   *           transport: CORE-ROUTER (critical) no product 7 → transport requires nothing, nothing.
   */
  const products = [
    product('P-AMF-E', 'SUP-C', 'AMF', ['EUCC']),
    product('P-AMF-N', 'SUP-C', 'AMF', ['nesas']),
    product('P-GNB', 'SUP-A', 'gNB', []),
  ];
  const snap = (policies = [policy('DE')]) =>
    snapshot({
      operators: [operator('OP1', 'DE')],
      products,
      assets: [
        asset({ asset_id: 'C1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-AMF-E', quantity: 2 }),
        asset({ asset_id: 'C2', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-AMF-E', quantity: 3 }),
        asset({ asset_id: 'C3', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-AMF-N', quantity: 4 }),
        asset({ asset_id: 'C4', operator_id: 'OP1', segment: 'core', function: 'SMF', supplier_id: 'SUP-B', quantity: 1 }),
        asset({ asset_id: 'R1', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-GNB', quantity: 10 }),
        asset({ asset_id: 'T1', operator_id: 'OP1', segment: 'transport', function: 'CORE-ROUTER', supplier_id: 'SUP-D', quantity: 7 }),
      ],
      policies,
    });
  const tm09 = (s = snap()) => assess(s, { date: DATE }).findings.filter((f) => f.rule === 'TM09');

  it('flags critical assets whose product lacks a required certification, or has no product', () => {
    const found = tm09();
    // ids sort by code unit: 'P' before 'n'
    expect(found.map((f) => [f.id, f.severity, f.productId, f.supplierId, f.affectedQuantity, f.assetIds])).toEqual([
      ['TM09:OP1:core:P-AMF-E:NESAS', 'medium', 'P-AMF-E', 'SUP-C', 5, ['C1', 'C2']],
      ['TM09:OP1:core:no-product:NESAS', 'medium', undefined, undefined, 1, ['C4']],
    ]);
    expect(found[0].explanation.inputs).toMatchObject({ required: ['NESAS'], certifications: ['EUCC'], missing: ['NESAS'] });
  });

  it('follows criticality overrides and the member state requirements', () => {
    // gNB made critical: R1 (P-GNB, no certification) is now flagged in ran
    const crit = tm09(snap([policy('DE', { criticalityOverrides: [{ function: 'gNB', criticality: 'critical' }] })]));
    expect(crit.map((f) => f.id)).toContain('TM09:OP1:ran:P-GNB:NESAS');
    // AMF made sensitive and SMF other: nothing critical left in core
    const relaxed = tm09(snap([policy('DE', { criticalityOverrides: [{ segment: 'core', criticality: 'sensitive' }] })]));
    expect(relaxed).toEqual([]);
    // core requires NESAS and EUCC: P-AMF-N lacks EUCC, P-AMF-E lacks NESAS, no product lacks both
    const both = tm09(snap([policy('DE', { requiredCertifications: { core: ['eucc', 'NESAS'] } })]));
    expect(both.map((f) => f.id)).toEqual([
      'TM09:OP1:core:P-AMF-E:NESAS',
      'TM09:OP1:core:P-AMF-N:EUCC',
      'TM09:OP1:core:no-product:EUCC+NESAS',
    ]);
  });
});

describe('TM07 end of support', () => {
  /*
   * P-OLD ends 2025-01-01, P-NEW ends 2030-01-01.
   * C1 AMF (critical) P-OLD → past; C2 AMF P-NEW but own end 2026-05-31 → past (own date wins);
   * R1 gNB (sensitive) P-OLD → past, medium; T1 CSR (other) P-OLD → not flagged;
   * R2 gNB P-NEW → fine; R3 gNB no product, no date → not flagged;
   * U1 UDSF (sensitive, core) P-OLD → same group as C1 → group holds a critical asset → high.
   */
  const snap = (policies = [policy('DE')]) =>
    snapshot({
      operators: [operator('OP1', 'DE')],
      products: [product('P-OLD', 'SUP-C', 'AMF', [], '2025-01-01'), product('P-NEW', 'SUP-C', 'AMF', [], '2030-01-01')],
      assets: [
        asset({ asset_id: 'C1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-OLD', quantity: 2 }),
        asset({ asset_id: 'U1', operator_id: 'OP1', segment: 'core', function: 'UDSF', supplier_id: 'SUP-C', product_id: 'P-OLD', quantity: 1 }),
        asset({ asset_id: 'C2', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-NEW', quantity: 3, end_of_support: '2026-05-31' }),
        asset({ asset_id: 'R1', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', product_id: 'P-OLD', quantity: 10 }),
        asset({ asset_id: 'T1', operator_id: 'OP1', segment: 'transport', function: 'CSR', supplier_id: 'SUP-C', product_id: 'P-OLD', quantity: 4 }),
        asset({ asset_id: 'R2', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', product_id: 'P-NEW', quantity: 6 }),
        asset({ asset_id: 'R3', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 6 }),
      ],
      policies,
    });
  const tm07 = (s = snap(), date = DATE) => assess(s, { date }).findings.filter((f) => f.rule === 'TM07');

  it('flags critical (high) and sensitive (medium) assets past end of support, per product', () => {
    expect(tm07().map((f) => [f.id, f.severity, f.affectedQuantity, f.assetIds])).toEqual([
      ['TM07:OP1:core:SUP-C:P-NEW', 'high', 3, ['C2']],
      ['TM07:OP1:core:SUP-C:P-OLD', 'high', 3, ['C1', 'U1']],
      ['TM07:OP1:ran:SUP-C:P-OLD', 'medium', 10, ['R1']],
    ]);
    expect(tm07()[1].explanation.inputs).toMatchObject({ earliestEndOfSupport: '2025-01-01', criticalAssets: 1, sensitiveAssets: 1 });
  });

  it('does not flag on the end-of-support day itself', () => {
    // on 2026-05-31 C2's support has not ended yet (end < date is strict)
    expect(tm07(snap(), '2026-05-31').map((f) => f.id)).not.toContain('TM07:OP1:core:SUP-C:P-NEW');
  });

  it('follows criticality overrides', () => {
    // CSR made sensitive: T1 appears (medium); gNB made critical: the ran finding becomes high
    const found = tm07(snap([policy('DE', { criticalityOverrides: [{ function: 'CSR', criticality: 'sensitive' }, { function: 'gNB', criticality: 'critical' }] })]));
    expect(found.find((f) => f.id === 'TM07:OP1:transport:SUP-C:P-OLD')?.severity).toBe('medium');
    expect(found.find((f) => f.id === 'TM07:OP1:ran:SUP-C:P-OLD')?.severity).toBe('high');
  });
});
