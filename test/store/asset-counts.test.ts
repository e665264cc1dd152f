import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { countAssets, listAssets, type AssetFilter, type Scope } from '../../src/store/access/index.js';
import { ASSET_HEADER, importFixtures, tempStore } from '../interchange/helpers.js';

/*
 * The asset counts the store keeps (src/store/asset-counts.ts) against COUNT(*) over the rows, after
 * seeded mixed imports: a first load into an empty table (the bulk path sets the triggers aside and
 * counts at its end), re-imports that move assets between operators, segments and products and add new
 * ones, an import that fails and rolls back, deletes, and a second load after the table was emptied.
 */

type T = Awaited<ReturnType<typeof tempStore>>;

/** mulberry32: the same seed gives the same files */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// the fixtures' operators (OP-DE-1, OP-DE-2 in DE; OP-FR-1 in FR) and what their products are
const OPERATORS = ['OP-DE-1', 'OP-DE-2', 'OP-FR-1'];
const KINDS = [
  ['ran', 'gNB', 'SUP-A', 'P-A-GNB'],
  ['ran', 'gNB', 'SUP-B', 'P-B-GNB'],
  ['core', 'AMF', 'SUP-C', 'P-C-AMF'],
  ['interconnection', 'SEPP', 'SUP-C', ''],
  ['transport', 'CSR', 'SUP-A', ''],
];

const SCOPES: Scope[] = [{ role: 'admin' }, { role: 'authority', memberState: 'DE' }, { role: 'operator', memberState: 'DE', operatorId: 'OP-DE-1' }];
const FILTERS: AssetFilter[] = [
  {},
  { segment: 'ran' },
  { supplierId: 'SUP-C' },
  { productId: 'P-B-GNB' },
  { memberState: 'FR' },
  { memberState: 'DE', segment: 'core' },
  { operatorId: 'OP-DE-2', segment: 'interconnection', supplierId: 'SUP-C' },
];

describe('asset counts kept by the store', () => {
  let t: T;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products']);
  });
  afterEach(async () => t.cleanup());

  /** Writes an assets file of `n` rows with ids drawn from 0…idSpace (repeats dropped), each on a random operator and kind. */
  const assetsFile = (name: string, random: () => number, n: number, idSpace: number, bad = false) => {
    const ids = new Set<number>();
    while (ids.size < n) ids.add(Math.floor(random() * idSpace));
    const lines = [...ids].map((id, i) => {
      const [segment, fn, supplier, product] = KINDS[Math.floor(random() * KINDS.length)]!;
      const op = OPERATORS[Math.floor(random() * OPERATORS.length)]!;
      // the last row of a bad file names no segment of the catalogue: the whole import rolls back
      return `A-${id},${op},${bad && i === n - 1 ? 'nowhere' : segment},${fn},${supplier},${product},1.0,${1 + Math.floor(random() * 9)},,,`;
    });
    return t.file(name, `${ASSET_HEADER}\n${lines.join('\n')}\n`);
  };

  /** The kept counts equal a GROUP BY of the rows, and every scope × filter total equals a COUNT(*) written out by hand. */
  const expectExact = () => {
    const db = t.store.sqlite;
    const kept = db.prepare('SELECT operator_id, segment, function, supplier_id, product_key, n FROM asset_counts ORDER BY 1, 2, 3, 4, 5').raw().all();
    const grouped = db
      .prepare(
        "SELECT operator_id, segment, function, supplier_id, COALESCE(product_id, '') AS p, COUNT(*) FROM assets GROUP BY operator_id, segment, function, supplier_id, p ORDER BY 1, 2, 3, 4, 5",
      )
      .raw()
      .all();
    expect(kept).toEqual(grouped);
    for (const scope of SCOPES)
      for (const f of FILTERS) {
        const clauses: string[] = [];
        const params: string[] = [];
        const add = (c: string, v: string | undefined) => v !== undefined && (clauses.push(c), params.push(v));
        add('o.member_state = ?', scope.role === 'authority' ? scope.memberState : undefined);
        add('a.operator_id = ?', scope.operatorId);
        add('a.operator_id = ?', f.operatorId);
        add('o.member_state = ?', f.memberState);
        add('a.segment = ?', f.segment);
        add('a.supplier_id = ?', f.supplierId);
        add('a.product_id = ?', f.productId);
        const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
        const byRows = Number(db.prepare(`SELECT COUNT(*) FROM assets a JOIN operators o ON o.operator_id = a.operator_id${where}`).pluck().get(...params));
        expect({ scope, f, total: countAssets(t.store, scope, f) }).toEqual({ scope, f, total: byRows });
        expect(listAssets(t.store, scope, { ...f, limit: 5, after: 'A-' }).total).toBe(byRows);
      }
  };

  it('match COUNT(*) after mixed imports, a rolled-back import, deletes and a reload', async () => {
    const random = prng(20261203);
    const triggers = () => t.store.sqlite.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'assets'").pluck().get();

    // a first load into the empty table: the triggers are set aside for it and back after it
    const first = await importFile(t.store, 'assets', assetsFile('first.csv', random, 400, 600));
    expect(first.inserted).toBe(400);
    expect(triggers()).toBe(3);
    expectExact();

    // re-imports: about two thirds of each file's ids exist already, most of them move
    for (let round = 0; round < 5; round++) {
      await importFile(t.store, 'assets', assetsFile(`round-${round}.csv`, random, 150, 600));
      expectExact();
    }
    const before = t.store.sqlite.prepare('SELECT * FROM asset_counts ORDER BY 1, 2, 3, 4, 5').all();

    // a file with a bad row writes nothing, counts included
    await expect(importFile(t.store, 'assets', assetsFile('bad.csv', random, 150, 600, true))).rejects.toThrow(/segment/);
    expect(t.store.sqlite.prepare('SELECT * FROM asset_counts ORDER BY 1, 2, 3, 4, 5').all()).toEqual(before);
    expectExact();

    // decommissioning and edits outside the importer: plain statements, the triggers follow them
    t.store.sqlite.prepare("DELETE FROM assets WHERE asset_id IN (SELECT asset_id FROM assets ORDER BY asset_id LIMIT 60)").run();
    t.store.sqlite.prepare("UPDATE assets SET product_id = NULL, segment = 'transport' WHERE asset_id IN (SELECT asset_id FROM assets WHERE product_id IS NOT NULL ORDER BY asset_id DESC LIMIT 10)").run();
    expectExact();

    // emptied, then loaded again by the bulk path
    t.store.sqlite.exec('DELETE FROM assets');
    expect(t.store.sqlite.prepare('SELECT COUNT(*) FROM asset_counts').pluck().get()).toBe(0);
    await importFile(t.store, 'assets', assetsFile('again.csv', random, 250, 1000));
    expect(triggers()).toBe(3);
    expectExact();
  });

  it('a first load that fails leaves the triggers in place and no counts', async () => {
    await expect(importFile(t.store, 'assets', assetsFile('bad-first.csv', prng(7), 50, 100, true))).rejects.toThrow(/segment/);
    expect(t.store.sqlite.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'assets'").pluck().get()).toBe(3);
    expect(t.store.sqlite.prepare('SELECT COUNT(*) FROM asset_counts').pluck().get()).toBe(0);
    // and the next statement is counted
    t.store.sqlite.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES ('X', 'OP-FR-1', 'core', 'AMF', 'SUP-C', 1)").run();
    expectExact();
    expect(countAssets(t.store, { role: 'admin' }, { memberState: 'FR' })).toBe(1);
  });
});
