import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/engine/snapshot.js';
import { toEpochDay } from '../../src/engine/snapshot.js';
import { importFile } from '../../src/interchange/index.js';
import { openStore } from '../../src/store/index.js';
import { dataVersion, markDataChanged, readSnapshotCache, writeSnapshotCache } from '../../src/store/snapshot-cache.js';
import { loadSnapshot, loadSnapshotReport, type SnapshotFilter } from '../../src/store/snapshot-load.js';
import { fixture, importFixtures, tempStore } from '../interchange/helpers.js';

type T = Awaited<ReturnType<typeof tempStore>>;

/** Plain arrays for toEqual: typed arrays compared element by element, NaN equal to NaN. */
function plain(s: Snapshot) {
  const a = s.assets;
  return {
    ...s,
    operators: { ...s.operators, memberState: [...s.operators.memberState], subscribers: [...s.operators.subscribers] },
    products: { ...s.products, supplier: [...s.products.supplier], endOfSupport: [...s.products.endOfSupport] },
    assets: {
      count: a.count,
      ids: [...a.ids],
      operator: [...a.operator],
      segment: [...a.segment],
      function: [...a.function],
      supplier: [...a.supplier],
      product: [...a.product],
      quantity: [...a.quantity],
      endOfSupport: [...a.endOfSupport],
    },
    policies: [...s.policies],
  };
}

const sqlOnly = (t: T, filter: SnapshotFilter = {}) => loadSnapshot(t.store, filter, { cache: false });

describe('snapshot cache', () => {
  let t: T;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets', 'designations', 'policies']);
  });
  afterEach(async () => t.cleanup());

  it('is written by the first full load and then serves a snapshot equal to the SQL path', () => {
    const first = loadSnapshotReport(t.store);
    expect([first.source, first.cacheWritten]).toEqual(['sql', true]);
    const hit = loadSnapshotReport(t.store);
    expect([hit.source, hit.cacheWritten]).toEqual(['cache', false]);
    expect(plain(hit.snapshot)).toEqual(plain(sqlOnly(t)));
    expect(plain(first.snapshot)).toEqual(plain(sqlOnly(t)));
    expect(hit.snapshot.assets.operator).toBeInstanceOf(Int32Array);
    expect(hit.snapshot.assets.quantity).toBeInstanceOf(Float64Array);
  });

  it('decodes every asset back to the values the assets table holds (second path: plain SQL)', () => {
    loadSnapshot(t.store);
    const s = loadSnapshotReport(t.store);
    expect(s.source).toBe('cache');
    const rows = t.store.sqlite
      .prepare('SELECT a.asset_id, a.operator_id, a.segment, a.function, a.supplier_id, a.product_id, a.quantity, coalesce(a.end_of_support, p.end_of_support) AS eos FROM assets a LEFT JOIN products p USING (product_id) ORDER BY a.asset_id')
      .all() as { asset_id: string; operator_id: string; segment: string; function: string; supplier_id: string; product_id: string | null; quantity: number; eos: string | null }[];
    const a = s.snapshot.assets;
    const snap = s.snapshot;
    expect(a.ids).toEqual(rows.map((r) => r.asset_id));
    rows.forEach((r, i) => {
      expect(snap.operators.ids[a.operator[i]!]).toBe(r.operator_id);
      expect(snap.segments[a.segment[i]!]).toBe(r.segment);
      expect(snap.functions[a.function[i]!]).toBe(r.function);
      expect(snap.suppliers.ids[a.supplier[i]!]).toBe(r.supplier_id);
      expect(a.product[i] === -1 ? null : snap.products.ids[a.product[i]!]).toBe(r.product_id);
      expect(a.quantity[i]).toBe(r.quantity);
      expect(a.endOfSupport[i]).toBe(toEpochDay(r.eos));
    });
  });

  it.each<SnapshotFilter>([{ memberState: 'DE' }, { memberState: 'FR' }, { operatorId: 'OP-DE-2' }, { memberState: 'FR', operatorId: 'OP-DE-1' }, { memberState: 'SE' }])(
    'derives the filtered load %o from the cache, equal to the SQL path',
    (filter) => {
      loadSnapshot(t.store);
      const r = loadSnapshotReport(t.store, filter);
      expect(r.source).toBe('cache');
      expect(plain(r.snapshot)).toEqual(plain(sqlOnly(t, filter)));
    },
  );

  it('does not write the cache on a filtered miss', () => {
    const r = loadSnapshotReport(t.store, { memberState: 'DE' });
    expect([r.source, r.cacheWritten]).toEqual(['sql', false]);
    expect(loadSnapshotReport(t.store).source).toBe('sql');
  });

  it('is invalidated by an import that adds assets', async () => {
    loadSnapshot(t.store);
    const more = t.file('more.csv', 'asset_id,operator_id,segment,function,supplier_id,quantity\nFR1-AMF,OP-FR-1,core,AMF,SUP-C,3\n');
    await importFile(t.store, 'assets', more);
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.ids).toContain('FR1-AMF');
    expect(r.snapshot.assets.count).toBe(6); // 5 fixture assets + 1
    expect(loadSnapshotReport(t.store).source).toBe('cache');
  });

  it('is invalidated by a re-import that changes one row in place (same row count and rowids)', async () => {
    loadSnapshot(t.store);
    const before = t.store.sqlite.prepare('SELECT count(*), max(rowid) FROM assets').raw().get();
    const changed = t.file('assets.csv', readFixture('assets.csv').replace('DE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.0,2,', 'DE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.0,7,'));
    const summary = await importFile(t.store, 'assets', changed);
    expect([summary.updated, summary.inserted]).toEqual([1, 0]);
    expect(t.store.sqlite.prepare('SELECT count(*), max(rowid) FROM assets').raw().get()).toEqual(before);
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.quantity[r.snapshot.assets.ids.indexOf('DE1-AMF')]).toBe(7);
  });

  it('is invalidated by a policy import, and never serves policies or designations from the cache', async () => {
    loadSnapshot(t.store);
    const v = dataVersion(t.store);
    await importFile(t.store, 'policies', t.file('de.json', JSON.stringify({ member_state: 'DE', version: '2026-1', thresholds: { operator_top_supplier_share: 0.5 } })));
    expect(dataVersion(t.store)).not.toBe(v);
    expect(loadSnapshot(t.store).policies.get('DE')!.operatorTopSupplierShare).toBe(0.5);
    // a policy and a designation written by hand, with no version bump: the cache still serves the assets, the rules are fresh
    expect(loadSnapshotReport(t.store).source).toBe('cache');
    t.store.sqlite
      .prepare('INSERT INTO policies (member_state, version, document, imported_at) VALUES (?, ?, ?, ?)')
      .run('DE', '2027-1', JSON.stringify({ member_state: 'DE', version: '2027-1', thresholds: { operator_top_supplier_share: 0.4 } }), '2999-01-01T00:00:00.000Z');
    t.store.sqlite.prepare("UPDATE designations SET status = 'repealed' WHERE designation_id = 'D-DE-1'").run();
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('cache');
    expect(r.snapshot.policies.get('DE')!.operatorTopSupplierShare).toBe(0.4);
    expect(r.snapshot.designations.find((d) => d.designation_id === 'D-DE-1')!.status).toBe('repealed');
  });

  it('is invalidated by markDataChanged (updates and deletes outside the importer) and by a plain INSERT', () => {
    loadSnapshot(t.store);
    const db = t.store.sqlite;
    db.transaction(() => {
      db.prepare("DELETE FROM assets WHERE asset_id = 'FR1-RAN-B'").run();
      markDataChanged(t.store);
    })();
    let r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.ids).not.toContain('FR1-RAN-B');
    expect(r.snapshot.assets.count).toBe(4);
    // a new row raises max(rowid) even with no bump
    db.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES ('X-1', 'OP-FR-1', 'core', 'AMF', 'SUP-C', 1)").run();
    r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.ids.at(-1)).toBe('X-1');
    // the documented gap: an in-place UPDATE by hand is unseen until its writer calls markDataChanged
    db.prepare("UPDATE assets SET quantity = 99 WHERE asset_id = 'X-1'").run();
    expect(loadSnapshotReport(t.store).source).toBe('cache');
    markDataChanged(t.store);
    r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.quantity[r.snapshot.assets.count - 1]).toBe(99);
  });

  it('sees a write made through another connection to the same file', async () => {
    // (an importFile on the second connection fails here with "database is locked": the importer's switch
    // to journal_mode=DELETE needs the file to itself — reported to the importer's owner)
    loadSnapshot(t.store);
    const other = await openStore(t.store.file);
    try {
      other.sqlite.transaction(() => {
        other.sqlite.prepare("UPDATE assets SET quantity = 41 WHERE asset_id = 'DE1-RAN-B'").run();
        markDataChanged(other);
      })();
    } finally {
      await other.close();
    }
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('sql');
    expect(r.snapshot.assets.quantity[r.snapshot.assets.ids.indexOf('DE1-RAN-B')]).toBe(41);
  });

  it('round-trips values that need wide types, NaN, and columns split over several parts', () => {
    const db = t.store.sqlite;
    db.prepare("UPDATE assets SET quantity = 0.1 WHERE asset_id = 'DE1-RAN-A'").run(); // not exact in float32
    db.prepare("UPDATE assets SET quantity = 3000000000 WHERE asset_id = 'DE1-RAN-B'").run(); // beyond int32
    markDataChanged(t.store);
    const expected = plain(sqlOnly(t));
    const at = (id: string) => expected.assets.quantity[expected.assets.ids.indexOf(id)];
    expect([at('DE1-RAN-A'), at('DE1-RAN-B')]).toEqual([0.1, 3_000_000_000]);
    loadSnapshot(t.store);
    const version = dataVersion(t.store);
    const core = readSnapshotCache(t.store, version)!;
    expect(writeSnapshotCache(t.store, version, core, 2)).toBe(true); // 5 assets in parts of 2, 2 and 1
    expect(db.prepare("SELECT count(*) FROM snapshot_cache WHERE part LIKE 'assets.ids#%'").pluck().get()).toBe(3);
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('cache');
    expect(plain(r.snapshot)).toEqual(expected);
  });

  it('round-trips asset ids of any shape through the front coding', () => {
    const long = 'X'.repeat(120);
    // an empty id, ids sharing a prefix or all of the one before, nothing, more than 95 characters, half a surrogate pair, non-ASCII text
    const ids = ['', 'abcd', 'abc', 'abce', 'b', `${long}1`, `${long}2`, '\u{1F600}x', '\u{1F601}y', 'Ärger-1', 'Ärger-2', 'Ä'];
    const insert = t.store.sqlite.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES (?, 'OP-FR-1', 'core', 'AMF', 'SUP-C', 1)");
    for (const id of ids) insert.run(id);
    const expected = sqlOnly(t).assets.ids;
    // the snapshot holds assets in asset_id order (SQLite's, by UTF-8 bytes: for these ids JS's default sort)
    expect(expected.filter((id) => ids.includes(id))).toEqual([...ids].sort());
    expect(loadSnapshotReport(t.store).cacheWritten).toBe(true);
    const r = loadSnapshotReport(t.store);
    expect(r.source).toBe('cache');
    expect(r.snapshot.assets.ids).toEqual(expected);
  });

  it('is not written when an asset id holds its separator, and the load is still right', () => {
    const db = t.store.sqlite;
    db.prepare("UPDATE assets SET asset_id = 'two\nlines' WHERE asset_id = 'DE2-SEPP'").run();
    markDataChanged(t.store);
    const r = loadSnapshotReport(t.store);
    expect([r.source, r.cacheWritten]).toEqual(['sql', false]);
    expect(r.snapshot.assets.ids).toContain('two\nlines');
    expect(loadSnapshotReport(t.store).source).toBe('sql');
  });

  it('stays off with { cache: false }: neither read nor written', () => {
    loadSnapshot(t.store, {}, { cache: false });
    expect(t.store.sqlite.prepare('SELECT count(*) FROM snapshot_cache').pluck().get()).toBe(0);
  });
});

function readFixture(name: string): string {
  return readFileSync(fixture(name), 'utf8');
}
