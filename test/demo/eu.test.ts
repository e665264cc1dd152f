import { describe, expect, it } from 'vitest';
import { findFunction } from '../../src/catalog/index.js';
import { Asset, Designation, EU_MEMBER_STATES, Operator, Policy, Product, Supplier } from '../../src/domain/index.js';
import { generateDemo, type AssetRow, type DemoData } from '../../src/demo/index.js';

/* The eu scale is checked from its plan and a prefix of its assets: a full pass takes seconds. */
const PREFIX = 30_000;

function prefix(data: DemoData, n: number): AssetRow[] {
  const out: AssetRow[] = [];
  for (const a of data.assets()) {
    out.push(a);
    if (out.length >= n) break;
  }
  return out;
}

describe('eu demo', () => {
  const data = generateDemo({ scale: 'eu', seed: 1 });

  it('covers the 27 member states with 1–6 operators each, about 100 in all', () => {
    const perState = new Map<string, number>();
    for (const o of data.operators) perState.set(o.member_state, (perState.get(o.member_state) ?? 0) + 1);
    expect([...perState.keys()].sort()).toEqual(Object.keys(EU_MEMBER_STATES).sort());
    for (const [ms, n] of perState) expect(n >= 1 && n <= 6, ms).toBe(true);
    expect(data.operators.length).toBeGreaterThanOrEqual(90);
    expect(data.operators.length).toBeLessThanOrEqual(110);
    // bigger countries have more operators
    expect(perState.get('DE')!).toBeGreaterThan(perState.get('MT')!);
  });

  it('has about 40 suppliers and about 5 million assets', () => {
    expect(data.suppliers.length).toBeGreaterThanOrEqual(35);
    expect(data.suppliers.length).toBeLessThanOrEqual(45);
    expect(data.assetCount).toBeGreaterThan(4_500_000);
    expect(data.assetCount).toBeLessThan(5_500_000);
  });

  it('plan rows pass the schemas', () => {
    for (const r of data.operators) expect(Operator.safeParse(r).error).toBeUndefined();
    for (const r of data.suppliers) expect(Supplier.safeParse(r).error).toBeUndefined();
    for (const r of data.products) expect(Product.safeParse(r).error).toBeUndefined();
    for (const r of data.designations) expect(Designation.safeParse(r).error).toBeUndefined();
    for (const p of data.policies) expect(() => Policy.parse(p)).not.toThrow();
  });

  it('has about 15 designations over several member states and headquarters countries', () => {
    const ds = data.designations;
    expect(ds.length).toBeGreaterThanOrEqual(12);
    expect(ds.length).toBeLessThanOrEqual(18);
    expect(ds.filter((d) => d.status === 'in-force').length).toBeGreaterThan(ds.length / 2);
    expect(ds.filter((d) => d.status === 'proposed').length).toBe(1);
    expect(ds.filter((d) => d.status === 'revoked').length).toBe(1);
    expect(new Set(ds.map((d) => d.member_state)).size).toBeGreaterThanOrEqual(5);
    const hq = new Map(data.suppliers.map((s) => [s.supplier_id, s.hq_country]));
    const countries = new Set(ds.map((d) => hq.get(d.supplier_id)!));
    expect(countries.size).toBeGreaterThanOrEqual(5);
    expect([...countries].some((c) => c in EU_MEMBER_STATES)).toBe(true);
    expect([...countries].some((c) => !(c in EU_MEMBER_STATES))).toBe(true);
  });

  it('a prefix of the assets is valid, consistent and repeatable', () => {
    const rows = prefix(data, PREFIX);
    expect(rows.length).toBe(PREFIX);
    const operators = new Set(data.operators.map((o) => o.operator_id));
    const products = new Map(data.products.map((p) => [p.product_id, p]));
    const ids = new Set<string>();
    for (const a of rows) {
      expect(Asset.safeParse(a).success).toBe(true);
      expect(findFunction(a.function)?.segment).toBe(a.segment);
      expect(operators.has(a.operator_id)).toBe(true);
      const p = products.get(a.product_id)!;
      expect(p.supplier_id === a.supplier_id && p.function === a.function).toBe(true);
      ids.add(a.asset_id);
    }
    expect(ids.size).toBe(rows.length);
    expect(prefix(generateDemo({ scale: 'eu', seed: 1 }), 2000)).toEqual(rows.slice(0, 2000));
    expect(prefix(generateDemo({ scale: 'eu', seed: 2 }), 2000)).not.toEqual(rows.slice(0, 2000));
  });

  it('rejects a seed outside 0 … 2^32−1', () => {
    expect(() => generateDemo({ scale: 'eu', seed: -1 })).toThrow(/seed/);
    expect(() => generateDemo({ scale: 'small', seed: 1.5 })).toThrow(/seed/);
  });
});
