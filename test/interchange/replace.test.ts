import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { decommissionAssets } from '../../src/store/asset-history.js';
import { loadSnapshotReport } from '../../src/store/index.js';
import { ASSET_HEADER, count, importFixtures, tempStore } from './helpers.js';

/*
 * The fixture inventory (test/fixtures/import/assets.csv), by hand:
 *   OP-DE-1: DE1-RAN-A gNB SUP-A 60 (in service 2022-03-01), DE1-RAN-B gNB SUP-B 40 (2022-03-01), DE1-AMF SUP-C 2 (2021-01-01)
 *   OP-DE-2: DE2-SEPP 1.5 (no date)          OP-FR-1: FR1-RAN-B 100 (2023-01-01)
 * The replacement file below keeps DE1-RAN-A as it is, changes DE1-AMF's software version (1.0 → 1.1),
 * adds DE1-RAN-C (SUP-A, 45, no in_service date) and leaves out DE1-RAN-B, as of 2026-06-30:
 *   added [DE1-RAN-C], updated [DE1-AMF], unchanged 1, decommissioned [DE1-RAN-B]
 * Quantities in service (all operators): before 60+40+2+1.5+100 = 203.5;
 *   on 2026-07-01 (after): 60+45+2+1.5+100 = 208.5; on 2026-06-29 (before): 203.5 again, DE1-RAN-C not yet in service.
 */
const REPLACEMENT = [
  ASSET_HEADER,
  'DE1-RAN-A,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,60,north,2022-03-01,',
  'DE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.1,2,,2021-01-01,',
  'DE1-RAN-C,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.3,45,south,,',
].join('\n');
const AS_OF = '2026-06-30';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
  t = await tempStore();
  await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets']);
});
afterEach(async () => t.cleanup());

/** Total quantity and ids of the snapshot on `date`, by either load path. */
function inService(date: string, cache = false) {
  const { snapshot } = loadSnapshotReport(t.store, {}, { date, cache });
  const a = snapshot.assets;
  return { total: Array.from(a.quantity).reduce((x, y) => x + y, 0), ids: [...a.ids].sort() };
}

describe('replacement import', () => {
  it('a dry run says what would change, with ids, and writes nothing', async () => {
    const file = t.file('de1.csv', REPLACEMENT);
    const before = { assets: count(t.store, 'assets'), log: count(t.store, 'imports'), history: count(t.store, 'decommissioned_assets') };
    const s = await importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-DE-1', asOf: AS_OF, dryRun: true } });
    expect(s.replacement).toEqual({ operatorId: 'OP-DE-1', asOf: AS_OF, dryRun: true, added: ['DE1-RAN-C'], updated: ['DE1-AMF'], unchanged: 1, decommissioned: ['DE1-RAN-B'] });
    expect({ assets: count(t.store, 'assets'), log: count(t.store, 'imports'), history: count(t.store, 'decommissioned_assets') }).toEqual(before);
    expect(t.store.sqlite.prepare("SELECT software_version FROM assets WHERE asset_id = 'DE1-AMF'").pluck().get()).toBe('1.0');
  });

  it('replaces the inventory in one go; an assessment dated earlier still sees what was in service then', async () => {
    const file = t.file('de1.csv', REPLACEMENT);
    const s = await importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-DE-1', asOf: AS_OF } });
    expect(s.replacement!.decommissioned).toEqual(['DE1-RAN-B']);
    expect([s.inserted, s.updated, s.unchanged]).toEqual([1, 1, 1]);
    // second path: plain SQL over the tables
    const sql = (q: string) => t.store.sqlite.prepare(q).raw(true).all();
    expect(sql("SELECT asset_id FROM assets WHERE operator_id = 'OP-DE-1' ORDER BY asset_id")).toEqual([['DE1-AMF'], ['DE1-RAN-A'], ['DE1-RAN-C']]);
    expect(sql('SELECT asset_id, decommissioned_on, quantity, source FROM decommissioned_assets')).toEqual([['DE1-RAN-B', AS_OF, 40, 'replace de1.csv']]);
    // the per-scope counts the store keeps (asset-counts.ts) follow the rows out of service: second path GROUP BY
    const kept = sql("SELECT operator_id, sum(n) FROM asset_counts GROUP BY operator_id ORDER BY operator_id");
    expect(kept).toEqual(sql('SELECT operator_id, count(*) FROM assets GROUP BY operator_id ORDER BY operator_id'));
    expect(kept).toEqual([['OP-DE-1', 3], ['OP-DE-2', 1], ['OP-FR-1', 1]]);
    // the new unit without a date is in service from the as-of date
    expect(sql("SELECT in_service FROM assets WHERE asset_id = 'DE1-RAN-C'")).toEqual([[AS_OF]]);

    for (const cache of [false, true, true]) {
      expect(inService('2026-07-01', cache)).toEqual({ total: 208.5, ids: ['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-C', 'DE2-SEPP', 'FR1-RAN-B'] });
      expect(inService('2026-06-29', cache)).toEqual({ total: 203.5, ids: ['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B', 'DE2-SEPP', 'FR1-RAN-B'] });
      // the as-of day itself: the decommissioning day is the first out of service, the new unit's first in it
      expect(inService(AS_OF, cache).ids).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-C', 'DE2-SEPP', 'FR1-RAN-B']);
    }
    // an operator-filtered load holds its own history only
    const op = loadSnapshotReport(t.store, { operatorId: 'OP-DE-1' }, { date: '2026-06-29' }).snapshot;
    expect([...op.assets.ids].sort()).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B']);

    // the same replacement again changes nothing
    const again = await importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-DE-1', asOf: AS_OF, dryRun: true } });
    expect(again.replacement).toMatchObject({ added: [], updated: [], unchanged: 3, decommissioned: [] });
  });

  it("refuses a row of another operator, and an id in service in another inventory, naming row and field; nothing is written", async () => {
    const file = t.file('mixed.csv', [REPLACEMENT, 'FR1-RAN-B,OP-FR-1,ran,gNB,SUP-B,P-B-GNB,3.1,100,,2023-01-01,', 'DE2-SEPP,OP-DE-1,interconnection,SEPP,SUP-C,,,1.5,,,'].join('\n'));
    const rows = count(t.store, 'assets');
    await expect(importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-DE-1', asOf: AS_OF } })).rejects.toThrow(
      /row 4, field operator_id: a replacement of OP-DE-1's inventory holds only its assets[\s\S]*row 5, field asset_id: is in service in another inventory/,
    );
    expect(count(t.store, 'assets')).toBe(rows);
    expect(count(t.store, 'decommissioned_assets')).toBe(0);
    expect(t.store.sqlite.prepare("SELECT operator_id FROM assets WHERE asset_id = 'DE2-SEPP'").pluck().get()).toBe('OP-DE-2');
  });

  it('refuses an as-of date after today, an unknown operator, and a replacement of another kind', async () => {
    const file = t.file('de1.csv', REPLACEMENT);
    await expect(importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-DE-1', asOf: '2999-01-01' } })).rejects.toThrow(/--as-of date 2999-01-01 is after today/);
    await expect(importFile(t.store, 'assets', file, { replace: { operatorId: 'OP-XX', asOf: AS_OF } })).rejects.toThrow(/unknown operator "OP-XX"/);
    await expect(importFile(t.store, 'operators', file, { replace: { operatorId: 'OP-DE-1', asOf: AS_OF } })).rejects.toThrow(/only an asset import/);
    expect(count(t.store, 'decommissioned_assets')).toBe(0);
  });
});

describe('decommissioning', () => {
  it('moves assets out of service on a day, all or none; the snapshot before that day still holds them', () => {
    expect(() => decommissionAssets(t.store, ['FR1-RAN-B', 'NO-SUCH'], '2026-05-01', 'test')).toThrow('asset NO-SUCH is not in service');
    // FR1-RAN-B entered service on 2023-01-01: it cannot leave before
    expect(() => decommissionAssets(t.store, ['FR1-RAN-B'], '2022-12-31', 'test')).toThrow(/entered service on 2023-01-01/);
    expect(count(t.store, 'assets')).toBe(5);
    decommissionAssets(t.store, ['FR1-RAN-B', 'DE2-SEPP'], '2026-05-01', 'test');
    expect(count(t.store, 'assets')).toBe(3);
    // 203.5 − 100 − 1.5 = 102 after; 203.5 the day before
    expect(inService('2026-05-01').total).toBe(102);
    expect(inService('2026-04-30').total).toBe(203.5);
    expect(inService('2026-04-30', true).total).toBe(203.5);
    // before FR1-RAN-B entered service (2023-01-01) it is not counted: 203.5 − 100
    expect(inService('2022-12-31').total).toBe(103.5);
  });

  it('an asset added back is counted once, by its current row', async () => {
    decommissionAssets(t.store, ['FR1-RAN-B'], '2026-05-01', 'test');
    await importFile(t.store, 'assets', t.file('back.csv', [ASSET_HEADER, 'FR1-RAN-B,OP-FR-1,ran,gNB,SUP-B,P-B-GNB,3.2,80,,2023-01-01,'].join('\n')));
    // in service again with 80: one row for it on any day after 2023-01-01
    expect(inService('2026-04-30').ids.filter((id) => id === 'FR1-RAN-B')).toHaveLength(1);
    expect(inService('2026-04-30').total).toBe(183.5);
  });
});
