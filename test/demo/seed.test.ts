import { describe, expect, it } from 'vitest';
import { generateDemo, seedDemo, type DemoImportKind } from '../../src/demo/index.js';

describe('seedDemo', () => {
  it('imports every kind once, in dependency order, one after another, streaming all assets', async () => {
    const data = generateDemo({ scale: 'small', seed: 3 });
    const store = { name: 'fake store' };
    const calls: { kind: DemoImportKind; rows: number; source: string }[] = [];
    let running = 0;
    const importer = async (s: typeof store, kind: DemoImportKind, rows: Iterable<Record<string, unknown>>, source: string) => {
      expect(s).toBe(store);
      expect(running).toBe(0);
      running++;
      let n = 0;
      for (const row of rows) if (row && typeof row === 'object') n++;
      await new Promise((r) => setTimeout(r, 5));
      running--;
      calls.push({ kind, rows: n, source });
      return { kind, rows: n };
    };
    const result = await seedDemo(store, data, importer);
    expect(calls.map((c) => c.kind)).toEqual(['operators', 'suppliers', 'products', 'assets', 'designations', 'policies']);
    const expected = [data.operators.length, data.suppliers.length, data.products.length, data.assetCount, data.designations.length, data.policies.length];
    expect(calls.map((c) => c.rows)).toEqual(expected);
    expect(result.map((r) => r.summary.rows)).toEqual(expected);
    expect(new Set(calls.map((c) => c.source)).size).toBe(6);
  });

  it('stops at the first failing import', async () => {
    const data = generateDemo({ scale: 'small', seed: 3 });
    const kinds: string[] = [];
    const failing = async (_: null, kind: DemoImportKind) => {
      kinds.push(kind);
      if (kind === 'products') throw new Error('products.csv, row 1, field name: is required');
    };
    await expect(seedDemo(null, data, failing)).rejects.toThrow(/products/);
    expect(kinds).toEqual(['operators', 'suppliers', 'products']);
  });
});
