import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { asset, operator, snapshot } from './helpers.js';

const DATE = '2026-06-01';

/*
 * OP1 (DE): ran gNB SUP-A 60, SUP-B 40 → shares 0.6/0.4 → HHI 60² + 40² = 3,600 + 1,600 = 5,200
 *           core AMF SUP-C 2 → one supplier → HHI 100² = 10,000
 *           transport CSR SUP-D quantity 0 → total 0 → no row
 * OP2 (DE): ran gNB SUP-B 100, SUP-C 0 → SUP-C has no quantity: suppliers = 1, HHI 10,000
 * OP3 (FR): ran gNB SUP-A 50, SUP-B 50 → HHI 2,500 + 2,500 = 5,000; tie → top is SUP-A (smaller id)
 * DE ran: SUP-A 60, SUP-B 140 of 200 → 0.3/0.7 → 900 + 4,900 = 5,800
 * Union ran: SUP-A 110, SUP-B 190 of 300 → (11/30)² + (19/30)² = (121 + 361)/900 → 10,000·482/900 = 5,355.56
 */
const snap = snapshot({
  operators: [operator('OP1', 'DE'), operator('OP2', 'DE'), operator('OP3', 'FR')],
  assets: [
    asset({ operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
    asset({ operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
    asset({ operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 2 }),
    asset({ operator_id: 'OP1', segment: 'transport', function: 'CSR', supplier_id: 'SUP-D', quantity: 0 }),
    asset({ operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 100 }),
    asset({ operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', quantity: 0 }),
    asset({ operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 50 }),
    asset({ operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 50 }),
  ],
});
const rows = assess(snap, { date: DATE }).metrics.concentration;
const find = (scope: string, segment: string, key?: string) =>
  rows.find((r) => r.scope === scope && r.segment === segment && (r.operatorId ?? r.memberState) === key);

describe('concentration', () => {
  it('weights shares by quantity: 60/40 gives HHI 5,200', () => {
    expect(find('operator', 'ran', 'OP1')).toMatchObject({
      memberState: 'DE',
      hhi: 5200,
      topSupplierId: 'SUP-A',
      topSupplierShare: 0.6,
      suppliers: 2,
      quantity: 100,
    });
  });

  it('gives 10,000 for a single supplier', () => {
    expect(find('operator', 'core', 'OP1')).toMatchObject({ hhi: 10000, topSupplierShare: 1, suppliers: 1, quantity: 2 });
  });

  it('does not count a supplier with zero quantity', () => {
    expect(find('operator', 'ran', 'OP2')).toMatchObject({ hhi: 10000, suppliers: 1, topSupplierId: 'SUP-B' });
  });

  it('has no row for a segment with zero total quantity or no assets', () => {
    expect(find('operator', 'transport', 'OP1')).toBeUndefined();
    expect(find('operator', 'core', 'OP3')).toBeUndefined();
    expect(find('member-state', 'transport', 'DE')).toBeUndefined();
    expect(rows.filter((r) => r.scope === 'operator' && r.operatorId === 'OP1').map((r) => r.segment)).toEqual(['core', 'ran']);
  });

  it('breaks a tie for the top supplier by supplier id', () => {
    expect(find('operator', 'ran', 'OP3')).toMatchObject({ hhi: 5000, topSupplierId: 'SUP-A', topSupplierShare: 0.5 });
  });

  it('rolls operators up into member states and the Union, without operator ids', () => {
    const de = find('member-state', 'ran', 'DE');
    expect(de).toMatchObject({ hhi: 5800, topSupplierId: 'SUP-B', topSupplierShare: 0.7, suppliers: 2, quantity: 200 });
    expect(de?.operatorId).toBeUndefined();
    const eu = rows.find((r) => r.scope === 'union' && r.segment === 'ran');
    expect(eu?.hhi).toBeCloseTo(5355.5556, 3);
    expect(eu?.topSupplierShare).toBeCloseTo(19 / 30, 12);
    expect(eu?.quantity).toBe(300);
    expect(eu?.memberState).toBeUndefined();
    expect(eu?.operatorId).toBeUndefined();
  });

  it('orders rows broad to narrow and explains each with its shares', () => {
    expect(rows.map((r) => r.scope)).toEqual([
      'union', 'union', // core, ran
      'member-state', 'member-state', 'member-state', // DE core, DE ran, FR ran
      'operator', 'operator', 'operator', 'operator', // OP1 core, OP1 ran, OP2 ran, OP3 ran
    ]);
    const ex = find('operator', 'ran', 'OP1')!.explanation;
    expect(ex.formula).toContain('HHI');
    expect(ex.inputs).toEqual({ total: 100, quantities: { 'SUP-A': 60, 'SUP-B': 40 }, shares: { 'SUP-A': 0.6, 'SUP-B': 0.4 } });
    expect(ex.text).toContain('5,200');
  });
});
