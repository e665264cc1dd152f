import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFunction } from '../../src/catalog/index.js';
import { Asset, Designation, Operator, Policy, Product, Supplier, isEuEea } from '../../src/domain/index.js';
import { generateDemo, writeDemoCsv, type AssetRow, type DemoData } from '../../src/demo/index.js';

const DATE = '2026-11-28';
const FILES = ['operators.csv', 'suppliers.csv', 'products.csv', 'assets.csv', 'designations.csv', 'policies.json'];
const root = mkdtempSync(join(tmpdir(), 'secure5g-demo-'));
let data: DemoData;
let assets: AssetRow[];

function csvHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of FILES) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

beforeAll(() => {
  data = generateDemo({ scale: 'small', seed: 7 });
  assets = [...data.assets()];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('small demo: determinism', () => {
  it('gives byte-identical CSV for the same seed and different CSV for another', async () => {
    await writeDemoCsv(generateDemo({ scale: 'small', seed: 7 }), join(root, 'a'));
    await writeDemoCsv(generateDemo({ scale: 'small', seed: 7 }), join(root, 'b'));
    await writeDemoCsv(generateDemo({ scale: 'small', seed: 8 }), join(root, 'c'));
    expect(csvHash(join(root, 'a'))).toBe(csvHash(join(root, 'b')));
    expect(csvHash(join(root, 'a'))).not.toBe(csvHash(join(root, 'c')));
    // not only the assets: the seed reaches the catalogue too
    const other = generateDemo({ scale: 'small', seed: 8 });
    expect(other.products).not.toEqual(data.products);
  });

  it('yields the same assets on every pass', () => {
    let i = 0;
    for (const a of data.assets()) {
      if (i % 997 === 0) expect(a).toEqual(assets[i]);
      i++;
    }
    expect(i).toBe(assets.length);
  });
});

describe('small demo: size and shape', () => {
  it('meets the minimums and its count is exact', () => {
    expect(new Set(data.operators.map((o) => o.member_state)).size).toBeGreaterThanOrEqual(3);
    expect(data.operators.length).toBeGreaterThanOrEqual(8);
    expect(data.suppliers.length).toBeGreaterThanOrEqual(12);
    expect(assets.length).toBeGreaterThanOrEqual(50_000);
    expect(data.assetCount).toBe(assets.length);
  });

  it('has mostly MNOs, a neutral host and a private network', () => {
    const kinds = data.operators.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'mno').length).toBeGreaterThan(kinds.length / 2);
    expect(kinds).toContain('neutral-host');
    expect(kinds).toContain('private');
  });

  it('has RAN first, transport next, then support, by rows and by quantity', () => {
    const rows = new Map<string, number>();
    const qty = new Map<string, number>();
    for (const a of assets) {
      rows.set(a.segment, (rows.get(a.segment) ?? 0) + 1);
      qty.set(a.segment, (qty.get(a.segment) ?? 0) + a.quantity);
    }
    for (const m of [rows, qty]) {
      expect(m.get('ran')!).toBeGreaterThan(m.get('transport')!);
      expect(m.get('transport')!).toBeGreaterThan(m.get('support')!);
    }
    for (const seg of ['core', 'management', 'interconnection', 'lawful-interception', 'it-cloud']) {
      expect(rows.get(seg), seg).toBeGreaterThan(0);
      expect(rows.get(seg)!, seg).toBeLessThan(rows.get('support')! / 10);
    }
  });

  it('gives every MNO all eight segments', () => {
    const segs = new Map<string, Set<string>>();
    for (const a of assets) (segs.get(a.operator_id) ?? segs.set(a.operator_id, new Set()).get(a.operator_id)!).add(a.segment);
    for (const o of data.operators.filter((x) => x.kind === 'mno')) expect(segs.get(o.operator_id)!.size, o.operator_id).toBe(8);
  });
});

describe('small demo: validity', () => {
  it('every row passes the domain schemas', () => {
    for (const r of data.operators) expect(Operator.safeParse(r).error).toBeUndefined();
    for (const r of data.suppliers) expect(Supplier.safeParse(r).error).toBeUndefined();
    for (const r of data.products) expect(Product.safeParse(r).error).toBeUndefined();
    for (const r of data.designations) expect(Designation.safeParse(r).error).toBeUndefined();
    let bad = 0;
    for (const r of assets) if (!Asset.safeParse(r).success) bad++;
    expect(bad).toBe(0);
  });

  it('uses only catalogue functions, each in its own segment', () => {
    for (const p of data.products) expect(findFunction(p.function), p.product_id).toBeDefined();
    const pairs = new Set(assets.map((a) => `${a.function}|${a.segment}`));
    for (const pair of pairs) {
      const [fn, seg] = pair.split('|');
      expect(findFunction(fn)?.segment, pair).toBe(seg);
    }
  });

  it('references are consistent', () => {
    const operators = new Set(data.operators.map((o) => o.operator_id));
    const suppliers = new Set(data.suppliers.map((s) => s.supplier_id));
    const products = new Map(data.products.map((p) => [p.product_id, p]));
    expect(operators.size).toBe(data.operators.length);
    expect(suppliers.size).toBe(data.suppliers.length);
    expect(products.size).toBe(data.products.length);
    for (const p of data.products) expect(suppliers.has(p.supplier_id)).toBe(true);
    const ids = new Set<string>();
    for (const a of assets) {
      ids.add(a.asset_id);
      const p = products.get(a.product_id);
      if (!operators.has(a.operator_id) || !suppliers.has(a.supplier_id) || !p || p.supplier_id !== a.supplier_id || p.function !== a.function) {
        throw new Error(`inconsistent asset ${JSON.stringify(a)}`);
      }
    }
    expect(ids.size).toBe(assets.length);
    const states = new Set(data.operators.map((o) => o.member_state));
    for (const d of data.designations) {
      expect(suppliers.has(d.supplier_id)).toBe(true);
      expect(states.has(d.member_state)).toBe(true);
    }
  });

  it('has certified, uncertified and out-of-support products', () => {
    const certs = data.products.map((p) => p.certifications);
    expect(certs.some((c) => c.split(';').includes('NESAS'))).toBe(true);
    expect(certs.some((c) => c.split(';').includes('EUCC'))).toBe(true);
    expect(certs.some((c) => c === '')).toBe(true);
    expect(data.products.some((p) => p.end_of_support !== '' && p.end_of_support < DATE)).toBe(true);
    expect(data.products.some((p) => p.end_of_support > DATE)).toBe(true);
    expect(assets.some((a) => a.end_of_support !== '')).toBe(true);
    expect(assets.every((a) => a.in_service !== '' && a.in_service <= DATE)).toBe(true);
  });
});

describe('small demo: suppliers per operator', () => {
  const suppliersBy = (key: (a: AssetRow) => string) => {
    const m = new Map<string, Set<string>>();
    for (const a of assets) (m.get(key(a)) ?? m.set(key(a), new Set()).get(key(a))!).add(a.supplier_id);
    return m;
  };

  it('has single-vendor segments and multi-vendor RAN split by region', () => {
    const bySegment = suppliersBy((a) => `${a.operator_id}|${a.segment}`);
    expect([...bySegment.values()].some((s) => s.size === 1)).toBe(true);
    const ran = suppliersBy((a) => (a.segment === 'ran' ? a.operator_id : '-'));
    ran.delete('-');
    const multi = [...ran].filter(([, s]) => s.size >= 2).map(([op]) => op);
    expect(multi.length).toBeGreaterThan(0);
    for (const [op, s] of ran) expect(s.size, op).toBeLessThanOrEqual(3);
    // within one region the radio units come from one supplier
    const ruByRegion = suppliersBy((a) => (a.function === 'RU' ? `${a.operator_id}|${a.region}` : '-'));
    ruByRegion.delete('-');
    for (const [key, s] of ruByRegion) expect(s.size, key).toBe(1);
  });
});

describe('small demo: designations and policies', () => {
  const deadline = (effective: string, months: number) => {
    const [y, m, d] = effective.split('-').map(Number);
    // the templates use the 1st or 15th of a month, so no month-end clamping is needed here
    return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  };

  it('are mostly in force, one proposed, one revoked, on both sides of their deadlines', () => {
    const ds = data.designations;
    expect(ds.length).toBeGreaterThanOrEqual(3);
    expect(ds.filter((d) => d.status === 'revoked').length).toBe(1);
    expect(ds.filter((d) => d.status === 'proposed').length).toBe(1);
    const inForce = ds.filter((d) => d.status === 'in-force' && d.effective_date <= DATE);
    expect(inForce.length).toBeGreaterThanOrEqual(2);
    expect(inForce.some((d) => deadline(d.effective_date, d.transition_months) <= DATE)).toBe(true);
    expect(inForce.some((d) => deadline(d.effective_date, d.transition_months) > DATE)).toBe(true);
    for (const d of ds) {
      expect(d.effective_date >= '2024-01-01' && d.effective_date <= '2027-12-31').toBe(true);
      expect(d.transition_months).toBeLessThanOrEqual(36);
    }
  });

  it('each in-force designation covers assets of its supplier in its member state', () => {
    const stateOf = new Map(data.operators.map((o) => [o.operator_id, o.member_state]));
    for (const d of data.designations.filter((x) => x.status === 'in-force')) {
      const scope = d.segments.split(';');
      const hit = assets.filter(
        (a) =>
          a.supplier_id === d.supplier_id &&
          stateOf.get(a.operator_id) === d.member_state &&
          (scope.includes(a.segment) || (scope.includes('key-assets') && findFunction(a.function)!.criticality !== 'other')),
      );
      expect(hit.length, d.designation_id).toBeGreaterThan(0);
    }
  });

  it('fall on suppliers of more than one headquarters country, an EU one among them', () => {
    const hq = new Map(data.suppliers.map((s) => [s.supplier_id, s.hq_country]));
    const countries = new Set(data.designations.map((d) => hq.get(d.supplier_id)!));
    expect(countries.size).toBeGreaterThanOrEqual(2);
    expect([...countries].some((c) => isEuEea(c))).toBe(true);
  });

  it('national policies parse and differ from the baseline', () => {
    expect(data.policies.length).toBeGreaterThanOrEqual(1);
    const states = new Set(data.operators.map((o) => o.member_state));
    const parsed = data.policies.map((p) => Policy.parse(p));
    expect(new Set(parsed.map((p) => p.member_state)).size).toBe(parsed.length);
    for (const p of parsed) expect(states.has(p.member_state)).toBe(true);
    // the baseline is 0.7 and requires NESAS only for core
    expect(parsed.some((p) => (p.thresholds.operator_top_supplier_share ?? 1) < 0.7)).toBe(true);
    expect(parsed.some((p) => (p.required_certifications.core ?? []).includes('EUCC'))).toBe(true);
    expect(parsed.some((p) => p.criticality_overrides.length > 0)).toBe(true);
  });
});

describe('small demo: CSV round trip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(root, 'roundtrip');
    const written = await writeDemoCsv(data, dir);
    const total = FILES.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    expect(written.bytes).toBe(total);
    expect(Object.keys(written.files).sort()).toEqual(['assets', 'designations', 'operators', 'policies', 'products', 'suppliers']);
  });

  const read = (file: string) => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(dir, file), 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed;
  };
  const asText = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

  it('reads back every small table exactly, with the schema columns', () => {
    const tables: [string, Record<string, unknown>[], readonly string[]][] = [
      ['operators.csv', data.operators, Object.keys(Operator.shape)],
      ['suppliers.csv', data.suppliers, Object.keys(Supplier.shape)],
      ['products.csv', data.products, Object.keys(Product.shape)],
      ['designations.csv', data.designations, Object.keys(Designation.shape)],
    ];
    for (const [file, rows, columns] of tables) {
      const parsed = read(file);
      expect(parsed.meta.fields, file).toEqual(columns);
      // a column the row leaves out (an absent optional field) is written empty
      expect(parsed.data, file).toEqual(asText(rows.map((r) => ({ ...Object.fromEntries(columns.map((c) => [c, ''])), ...r }))));
    }
    expect(JSON.parse(readFileSync(join(dir, 'policies.json'), 'utf8'))).toEqual(data.policies);
  });

  it('reads back the assets', () => {
    const parsed = read('assets.csv');
    expect(parsed.meta.fields).toEqual(Object.keys(Asset.shape));
    expect(parsed.data.length).toBe(assets.length);
    for (let i = 0; i < assets.length; i += 101) expect(parsed.data[i]).toEqual(asText([assets[i]])[0]);
    expect(parsed.data.at(-1)).toEqual(asText([assets.at(-1)!])[0]);
  });
});
