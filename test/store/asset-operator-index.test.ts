import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFixtures, tempStore } from '../interchange/helpers.js';

/*
 * An operator's page of assets (GET /assets in an operator's scope) must come from an index in asset-id
 * order: with an index on operator_id alone, SQLite sorted all of the operator's assets for every page
 * (33 ms for 26,000 assets, growing with the operator; migration 0019).
 */
describe("an operator's assets in id order", () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets']);
  });
  afterEach(async () => t.cleanup());

  const plan = (sql: string, ...p: unknown[]) => (t.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('are read from the index, with no sort, for a first page and a page after an id', () => {
    const first = plan('SELECT a.* FROM assets a WHERE a.operator_id = ? ORDER BY a.asset_id LIMIT 100', 'OP-DE-1');
    const after = plan('SELECT a.* FROM assets a WHERE a.operator_id = ? AND a.asset_id > ? ORDER BY a.asset_id LIMIT 100', 'OP-DE-1', 'A');
    for (const p of [first, after]) {
      expect(p).toContain('USING INDEX assets_operator_asset');
      expect(p).not.toContain('TEMP B-TREE');
    }
  });

});
