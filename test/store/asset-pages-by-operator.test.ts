import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRows } from '../../src/interchange/index.js';
import { listAssets, type AssetFilter, type Scope } from '../../src/store/access/index.js';
import { importFixtures, tempStore } from '../interchange/helpers.js';

/*
 * A member state's page of assets is read operator by operator and merged (src/store/access/inventory.ts),
 * so an authority's page no longer walks the ids of every other state. Whatever the way, the pages must be
 * the rows one plain SQL query over assets and operators gives, in the same order, with the same total:
 * every page walked to the end, in scopes and filters that take the merged way and ones that do not.
 */
describe("pages of a member state's assets", () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products']);
    // 900 assets, ids interleaved across the three operators (two in DE) and three segments
    const operators = ['OP-DE-1', 'OP-FR-1', 'OP-DE-2'];
    const kinds = [
      { segment: 'ran', function: 'gNB' },
      { segment: 'core', function: 'AMF' },
      { segment: 'transport', function: 'CSR' },
    ];
    const rows = Array.from({ length: 900 }, (_, i) => ({
      asset_id: `X-${String((i * 7919) % 900).padStart(4, '0')}-${i % 5}`,
      operator_id: operators[(i * 31) % 3]!,
      ...kinds[(i * 13 + Math.floor(i / 3)) % 3]!,
      supplier_id: 'SUP-A',
      quantity: 1,
    }));
    await importRows(t.store, 'assets', rows, 'many.csv');
  });
  afterEach(async () => t.cleanup());

  const bySql = (memberState: string, segment?: string) =>
    t.store.sqlite
      .prepare(`SELECT a.asset_id FROM assets a JOIN operators o ON o.operator_id = a.operator_id WHERE o.member_state = ?${segment ? ' AND a.segment = ?' : ''} ORDER BY a.asset_id`)
      .pluck()
      .all(...(segment ? [memberState, segment] : [memberState])) as string[];

  /** Every page by keyset (`after` = the previous page's `next`), and the totals each page gave. */
  const walk = (scope: Scope, f: AssetFilter, limit: number) => {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | undefined;
    for (;;) {
      const page = listAssets(t.store, scope, { ...f, limit, ...(after !== undefined ? { after } : {}) });
      ids.push(...page.items.map((a) => a.asset_id));
      totals.add(page.total);
      if (!page.next) return { ids, totals: [...totals] };
      after = page.next;
    }
  };

  const cases: [string, Scope, AssetFilter, string, string?][] = [
    ['the DE authority', { role: 'authority', memberState: 'DE' }, {}, 'DE'],
    ['the DE authority, core only', { role: 'authority', memberState: 'DE' }, { segment: 'core' }, 'DE', 'core'],
    ['an admin asking for DE', { role: 'admin' }, { memberState: 'DE' }, 'DE'],
    ['an admin asking for FR transport', { role: 'admin' }, { memberState: 'FR', segment: 'transport' }, 'FR', 'transport'],
    ['an auditor of FR', { role: 'auditor', memberState: 'FR' }, {}, 'FR'],
  ];
  for (const [name, scope, f, memberState, segment] of cases)
    it(`${name}: every page, walked to the end, is the plain query's rows in order`, () => {
      const expected = bySql(memberState, segment);
      expect(expected.length).toBeGreaterThan(50);
      for (const limit of [1, 7, 100, 1000]) {
        const { ids, totals } = walk(scope, f, limit);
        expect(ids).toEqual(expected);
        expect(totals).toEqual([expected.length]);
      }
    });

  it('the DE authority asking for FR gets nothing, as from the plain query', () => {
    expect(listAssets(t.store, { role: 'authority', memberState: 'DE' }, { memberState: 'FR' }).items).toEqual([]);
  });

  it("an offset page is the plain query's too", () => {
    const expected = bySql('DE');
    const page = listAssets(t.store, { role: 'authority', memberState: 'DE' }, { limit: 50, offset: 120 });
    expect(page.items.map((a) => a.asset_id)).toEqual(expected.slice(120, 170));
  });
});
