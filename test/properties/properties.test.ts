import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { assess } from '../../src/engine/assess.js';
import { cellStats } from '../../src/engine/concentration.js';
import { importFile, importRows } from '../../src/interchange/index.js';
import { loadSnapshot, type Store } from '../../src/store/index.js';
import { saveAssessment, STORED_ASSET_IDS } from '../../src/store/access/assessments.js';
import { csvRecords, jsonRecords } from '../../src/interchange/records.js';
import { decodeText, detectDelimiter } from '../../src/interchange/text.js';
import { fixture, tableRows, tempStore } from '../interchange/helpers.js';

/*
 * Properties of the parsers and the engine (issue 13), checked with fast-check over generated inputs.
 * Seeded and with modest run counts (CI has 2 cores): a failure prints its seed and the shrunk case,
 * and `seed` reproduces it.
 */
const SEED = 20261203;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

describe('concentration of one scope × segment (cellStats)', () => {
  const quantities = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 });

  it('shares sum to 1, and the HHI lies between 10,000/n and 10,000 for n suppliers with quantity', () => {
    fc.assert(
      fc.property(quantities, (q) => {
        const ids = q.map((_, i) => `S${String(i).padStart(2, '0')}`);
        const s = cellStats({ scopes: 1, segments: 1, suppliers: q.length, quantity: Float64Array.from(q) }, 0, 0, ids);
        const n = q.filter((x) => x > 0).length;
        if (n === 0) return s === undefined;
        const total = q.reduce((a, b) => a + b, 0);
        // the shares as the engine defines them (q_i / Q) sum to 1
        expect(q.reduce((a, x) => a + x / s!.total, 0)).toBeCloseTo(1, 9);
        expect(s!.total).toBeCloseTo(total, 6);
        expect(s!.suppliers).toBe(n);
        expect(s!.hhi).toBeGreaterThanOrEqual(10_000 / n - 1e-6);
        expect(s!.hhi).toBeLessThanOrEqual(10_000 + 1e-6);
        return true;
      }),
      runs(300),
    );
  });

  it('does not depend on the order of the suppliers (ties to the smallest id)', () => {
    fc.assert(
      fc.property(quantities.chain((q) => fc.tuple(fc.constant(q), fc.shuffledSubarray(q.map((_, i) => i), { minLength: q.length, maxLength: q.length }))), ([q, order]) => {
        const ids = q.map((_, i) => `S${String(i).padStart(2, '0')}`);
        const a = cellStats({ scopes: 1, segments: 1, suppliers: q.length, quantity: Float64Array.from(q) }, 0, 0, ids);
        const b = cellStats({ scopes: 1, segments: 1, suppliers: q.length, quantity: Float64Array.from(order.map((i) => q[i]!)) }, 0, 0, order.map((i) => ids[i]!));
        if (a === undefined) return b === undefined;
        expect(b!.hhi).toBeCloseTo(a.hhi, 6);
        expect(ids[order[b!.top]!]).toBe(ids[a.top]);
        expect(b!.topShare).toBeCloseTo(a.topShare, 12);
        return true;
      }),
      runs(200),
    );
  });
});

describe('the readers never throw anything but the project\'s own errors', () => {
  const ownOrNothing = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
    }
  };
  // bytes biased towards what breaks readers: quotes, separators, line ends, BOMs, NULs, high bytes
  const awkwardBytes = fc
    .array(fc.oneof(fc.constantFrom(0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x00, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xe9, 0x5b, 0x7b), fc.integer({ min: 0, max: 255 })), { maxLength: 300 })
    .map((a) => Buffer.from(a));

  it('CSV and JSON records, from any bytes', () => {
    fc.assert(
      fc.property(awkwardBytes, (b) => {
        ownOrNothing(() => csvRecords('x.csv', b));
        ownOrNothing(() => jsonRecords('x.json', b));
        ownOrNothing(() => decodeText('x.csv', b));
      }),
      runs(1000),
    );
  });

  it('a separator is always one of , ; and tab', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => [',', ';', '\t'].includes(detectDelimiter(s))), runs(500));
  });

  it('a UTF-8 text survives the reader unchanged, with or without a BOM, and as UTF-16', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }).filter((s) => !s.includes('\0')), (s) => {
        expect(decodeText('x.csv', Buffer.from(s, 'utf8'))).toBe(s);
        expect(decodeText('x.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]))).toBe(s);
        expect(decodeText('x.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]))).toBe(s);
      }),
      runs(300),
    );
  });
});

describe('imports: row order, splitting a file in two and importing it again change nothing', () => {
  type T = Awaited<ReturnType<typeof tempStore>>;
  let one: T;
  let two: T;
  beforeEach(async () => {
    one = await tempStore();
    two = await tempStore();
    // designations too, so that the engine has restrictions to find (D-DE-1 restricts SUP-B in ran and core)
    for (const t of [one, two]) for (const k of ['operators', 'suppliers', 'products', 'designations'] as const) await importFile(t.store, k, fixture(`${k}.csv`));
  });
  afterEach(async () => {
    await one.cleanup();
    await two.cleanup();
  });

  // assets of the fixture network (test/fixtures/import): operators, and the supplier/product pairs it has
  const asset = fc.record({
    operator_id: fc.constantFrom('OP-DE-1', 'OP-DE-2', 'OP-FR-1'),
    pick: fc.constantFrom(['ran', 'gNB', 'SUP-A', 'P-A-GNB'], ['ran', 'gNB', 'SUP-B', 'P-B-GNB'], ['core', 'AMF', 'SUP-C', 'P-C-AMF'], ['transport', 'CSR', 'SUP-B', '']),
    quantity: fc.integer({ min: 0, max: 500 }),
  });
  // up to 160 assets, so that a finding can list more than the 100 ids a stored run keeps
  const inventory = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 10_000 }), asset), { minLength: 1, maxLength: 160, selector: ([id]) => id });

  /** the engine's findings and figures over a store, on a fixed date (the second method: one ordered import) */
  const figures = (store: Store) => {
    const r = assess(loadSnapshot(store, {}, { date: '2026-06-01' }), { date: '2026-06-01' });
    // each finding lists its assets in asset_id order (ids are ASCII, so JS's default sort is SQLite's)
    for (const f of r.findings) expect(f.assetIds).toEqual([...f.assetIds].sort());
    // and a stored run keeps the first STORED_ASSET_IDS of them: the same ones, in the same order
    const id = saveAssessment(store, { name: 'test' }, r);
    const stored = (store.sqlite.prepare('SELECT document FROM assessment_findings WHERE assessment_id = ? ORDER BY position').pluck().all(id) as string[]).map(
      (d) => (JSON.parse(d) as { assetIds: string[] }).assetIds,
    );
    expect(stored).toEqual(r.findings.map((f) => f.assetIds.slice(0, STORED_ASSET_IDS)));
    return { findings: r.findings, metrics: r.metrics, stored };
  };

  it('in any order and split anywhere, the stored rows and the engine\'s findings and figures are those of one ordered import; again, all unchanged', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(inventory, fc.nat(), fc.nat(), async (items, cutAt, seed) => {
        run++;
        const rows = items.map(([id, a]) => ({
          asset_id: `A-${run}-${id}`,
          operator_id: a.operator_id,
          segment: a.pick[0],
          function: a.pick[1],
          supplier_id: a.pick[2],
          product_id: a.pick[3] || undefined,
          quantity: a.quantity,
        }));
        const shuffled = [...rows].sort((x, y) => ((x.asset_id.length * 31 + seed) % 7) - ((y.asset_id.length * 31 + seed) % 7) || (seed % 2 ? 1 : -1) * x.asset_id.localeCompare(y.asset_id));
        const cut = cutAt % (rows.length + 1);
        await importRows(one.store, 'assets', rows, 'all.json');
        if (cut > 0) await importRows(two.store, 'assets', shuffled.slice(0, cut), 'first.json');
        if (cut < rows.length) await importRows(two.store, 'assets', shuffled.slice(cut), 'second.json');
        expect(tableRows(two.store, 'assets', 'asset_id')).toEqual(tableRows(one.store, 'assets', 'asset_id'));
        expect(figures(two.store)).toEqual(figures(one.store));
        const again = await importRows(two.store, 'assets', shuffled, 'again.json');
        expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: rows.length });
        expect(tableRows(two.store, 'assets', 'asset_id')).toEqual(tableRows(one.store, 'assets', 'asset_id'));
      }),
      runs(8),
    );
  });
});
