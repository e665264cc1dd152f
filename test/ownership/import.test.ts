import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/errors.js';
import { importEntities, importHoldings } from '../../src/services/ownership.js';
import { openStore, type Store } from '../../src/store/open.js';
import { getEntity, listEntities, listHoldings, loadOwnership } from '../../src/store/ownership.js';
import { listImports } from '../../src/store/repositories.js';
import { counts, fixture, smallNetworkDb } from './helpers.js';

let t: Awaited<ReturnType<typeof smallNetworkDb>>;
let store: Store;
beforeEach(async () => {
  t = await smallNetworkDb();
  store = await openStore(t.db);
});
afterEach(async () => {
  await store.close();
  t.cleanup();
});

const write = (name: string, text: string) => {
  const f = join(t.dir, name);
  writeFileSync(f, text);
  return f;
};
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
};
const ENTITIES_HEADER = 'entity_id,name,kind,country\n';
const HOLDINGS_HEADER = 'holder_id,held_id,percentage,voting_rights,control,since\n';

describe('entities and holdings from CSV', () => {
  it('inserts, then re-imports as unchanged, logging each import', async () => {
    expect(await importEntities(store, fixture('entities.csv'))).toMatchObject({ kind: 'entities', file: 'entities.csv', rows: 14, inserted: 14, updated: 0, unchanged: 0 });
    expect(await importHoldings(store, fixture('holdings.csv'))).toMatchObject({ kind: 'holdings', rows: 16, inserted: 16, updated: 0, unchanged: 0, deleted: 0 });
    expect(await importEntities(store, fixture('entities.csv'))).toMatchObject({ inserted: 0, updated: 0, unchanged: 14 });
    expect(await importHoldings(store, fixture('holdings.csv'))).toMatchObject({ inserted: 0, updated: 0, unchanged: 16, deleted: 0 });
    const log = (await listImports(store)).filter((i) => i.kind === 'entities' || i.kind === 'holdings');
    expect(log).toHaveLength(4);
    expect(log.every((i) => /^[0-9a-f]{64}$/.test(i.sha256 ?? ''))).toBe(true);
    expect(await counts(t.db)).toMatchObject({ entities: 14, holdings: 16 });
  });

  it('reads values back in the domain shape, and lets suppliers without a row stand in as companies', async () => {
    await importEntities(store, fixture('entities.csv'));
    await importHoldings(store, fixture('holdings.csv'));
    expect(await listHoldings(store, { heldId: 'SUP-B' })).toEqual([
      { holder_id: 'BH', held_id: 'SUP-B', percentage: 99, control: false, since: '2015-01-01' },
      { holder_id: 'STB', held_id: 'SUP-B', percentage: 1, voting_rights: 1, control: true, since: '2022-03-01' },
    ]);
    // either side: C1 holds SUP-C and C2 and is held by C2 and Y
    expect((await listHoldings(store, { entityId: 'C1' })).map((h) => `${h.holder_id}>${h.held_id}`)).toEqual(['C2>C1', 'Y>C1', 'C1>C2', 'C1>SUP-C']);
    expect(await getEntity(store, 'SUP-A')).toEqual({ entity_id: 'SUP-A', name: 'Aurora Radio Systems', kind: 'company', country: 'XA', source: 'supplier' });
    expect(await getEntity(store, 'GOVX')).toEqual({ entity_id: 'GOVX', name: 'Government of XD', kind: 'government', country: 'XD', source: 'register' });
    expect(await getEntity(store, 'NOPE')).toBeUndefined();
    const all = await listEntities(store);
    expect(all).toHaveLength(17); // 14 registered + SUP-A, SUP-B, SUP-C
    const graph = await loadOwnership(store);
    expect(graph.entities.find((e) => e.entity_id === 'SUP-C')).toEqual({ entity_id: 'SUP-C', name: 'Cobalt Core Software', kind: 'company', country: 'XC' });
    expect(graph.holdings).toHaveLength(16);
  });

  it('an entities row with a supplier id overrides the stand-in', async () => {
    await importEntities(store, write('e.csv', `${ENTITIES_HEADER}SUP-A,Aurora Radio Systems plc,company,XK\n`));
    expect(await getEntity(store, 'SUP-A')).toMatchObject({ country: 'XK', source: 'register' });
    expect((await listEntities(store)).filter((e) => e.entity_id === 'SUP-A')).toHaveLength(1);
  });

  it('counts changed rows as updated and new ones as inserted', async () => {
    await importEntities(store, fixture('entities.csv'));
    const f = write('entities2.csv', `${ENTITIES_HEADER}V1,Vantage Holding One S.A.,investment-vehicle,XD\nPF,Pinewood Pension Fund,company,\nNEW,New Holder,company,DE\nR,Rowan Industries,company,IT\n`);
    expect(await importEntities(store, f)).toMatchObject({ rows: 4, inserted: 1, updated: 2, unchanged: 1 });
    expect(await getEntity(store, 'PF')).toEqual({ entity_id: 'PF', name: 'Pinewood Pension Fund', kind: 'company', source: 'register' });
  });
});

describe('JSON and XLSX registers', () => {
  it('reads JSON with numbers and booleans as such, and the {items} form', async () => {
    await importEntities(store, write('e.json', JSON.stringify({ items: [{ entity_id: 'H', name: 'Heron Holdings', kind: 'company', country: 'xb' }] })));
    expect(await getEntity(store, 'H')).toMatchObject({ country: 'XB' });
    const f = write('h.json', JSON.stringify([
      { holder_id: 'H', held_id: 'SUP-A', percentage: 30.5, voting_rights: 51, control: false, since: '2020-06-30' },
      { holder_id: 'SUP-B', held_id: 'SUP-A', percentage: '10', control: 'yes' },
    ]));
    expect(await importHoldings(store, f)).toMatchObject({ inserted: 2 });
    expect(await listHoldings(store, { heldId: 'SUP-A' })).toEqual([
      { holder_id: 'H', held_id: 'SUP-A', percentage: 30.5, voting_rights: 51, control: false, since: '2020-06-30' },
      { holder_id: 'SUP-B', held_id: 'SUP-A', percentage: 10, control: true },
    ]);
  });

  it('reads an XLSX workbook, dates as days, errors naming the sheet and the row number Excel shows', async () => {
    await importEntities(store, fixture('entities.csv'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['holder_id', 'held_id', 'percentage', 'voting_rights', 'control', 'since']);
    ws.addRow(['BH', 'SUP-B', 99, null, false, new Date(Date.UTC(2015, 0, 1))]);
    ws.addRow(['STB', 'SUP-B', 1, 1, true, new Date(Date.UTC(2022, 2, 1))]);
    const f = join(t.dir, 'h.xlsx');
    await wb.xlsx.writeFile(f);
    expect(await importHoldings(store, f)).toMatchObject({ file: 'h.xlsx', rows: 2, inserted: 2 });
    // the same values as the CSV fixture's SUP-B rows: importing those now changes nothing
    const csv = write('b.csv', `${HOLDINGS_HEADER}BH,SUP-B,99,,,2015-01-01\nSTB,SUP-B,1,1,yes,2022-03-01\n`);
    expect(await importHoldings(store, csv)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    ws.addRow(['GHOST', 'SUP-B', 5, null, null, null]);
    await wb.xlsx.writeFile(f);
    const e = await failure(importHoldings(store, f));
    // header in row 1, BH row 2, STB row 3: GHOST is in the sheet's row 4
    expect(e.message).toBe('h.xlsx, sheet "holdings", row 4, field holder_id: GHOST is neither a recorded entity nor a supplier (import it with: secure5g entity import)');
  });
});

describe('bad input: named by file, row and field, nothing written', () => {
  it('refuses holdings naming unknown entities, every one reported', async () => {
    await importEntities(store, fixture('entities.csv'));
    const before = await counts(t.db);
    const f = write('refs.csv', `${HOLDINGS_HEADER}V1,SUP-A,45,,,\nNOBODY,SUP-A,10,,,\nR,SUP-Q,5,,,\n`);
    const e = await failure(importHoldings(store, f));
    expect(e.message).toBe(
      'refs.csv: 2 errors, nothing imported:\n' +
        '  refs.csv, row 2, field holder_id: NOBODY is neither a recorded entity nor a supplier (import it with: secure5g entity import)\n' +
        '  refs.csv, row 3, field held_id: SUP-Q is neither a recorded entity nor a supplier (import it with: secure5g entity import)',
    );
    // row 1 was valid, yet nothing of the file is stored and the import is not logged
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses values outside the format', async () => {
    await importEntities(store, fixture('entities.csv'));
    const f = write('vals.csv', `${HOLDINGS_HEADER}V1,SUP-A,150,,,\nR,R,5,,,\nI1,SUP-A,5,,maybe,2024-02-30\n`);
    const e = await failure(importHoldings(store, f));
    expect(e.message).toContain('vals.csv, row 1, field percentage: must be between 0 and 100');
    expect(e.message).toContain('vals.csv, row 2, field held_id: an entity cannot hold itself');
    expect(e.message).toContain('vals.csv, row 3, field control: must be true or false');
    expect(e.message).toContain('vals.csv, row 3, field since: is not a real calendar date');
    expect((await counts(t.db)).holdings).toBe(0);
  });

  it('refuses a bad entity kind or country, an unknown column and a duplicate id', async () => {
    expect((await failure(importEntities(store, write('k.csv', `${ENTITIES_HEADER}A,Alpha,trust,DE\n`)))).message).toMatch(/^k\.csv, row 1, field kind: /);
    expect((await failure(importEntities(store, write('c.csv', `${ENTITIES_HEADER}A,Alpha,company,Germany\n`)))).message).toBe(
      'c.csv, row 1, field country: must be an ISO 3166-1 alpha-2 code',
    );
    expect((await failure(importEntities(store, write('u.csv', 'entity_id,name,kind,contry\nA,Alpha,company,DE\n')))).message).toMatch(
      /^u\.csv, field contry: is not a column of this format/,
    );
    expect((await failure(importEntities(store, write('d.csv', `${ENTITIES_HEADER}A,Alpha,company,DE\nB,Beta,company,DE\nA,Alpha 2,company,DE\n`)))).message).toBe(
      'd.csv, row 3, field entity_id: entity A is already given in row 1',
    );
    expect(await counts(t.db)).toMatchObject({ entities: 0 });
  });

  it('refuses the same holding (holder, held, since) twice in one file, but takes tranches with their own dates', async () => {
    await importEntities(store, fixture('entities.csv'));
    const dup = write('dup.csv', `${HOLDINGS_HEADER}R,SUP-A,20,,,2020-01-01\nR,SUP-A,5,,,2020-01-01\n`);
    expect((await failure(importHoldings(store, dup))).message).toBe(
      'dup.csv, row 2, field held_id: a holding of R in SUP-A since 2020-01-01 is already given in row 1',
    );
    const tranches = write('tr.csv', `${HOLDINGS_HEADER}R,SUP-A,20,,,2020-01-01\nR,SUP-A,5,,,2023-01-01\nR,SUP-A,1,,,\n`);
    expect(await importHoldings(store, tranches)).toMatchObject({ inserted: 3 });
    expect((await listHoldings(store, { heldId: 'SUP-A' })).map((h) => [h.percentage, h.since ?? ''])).toEqual([[1, ''], [20, '2020-01-01'], [5, '2023-01-01']]);
  });
});

describe('replacing the holdings in the entities a file names', () => {
  it('deletes stored holdings in those entities that the file no longer lists, and nothing else', async () => {
    await importEntities(store, fixture('entities.csv'));
    await importHoldings(store, fixture('holdings.csv'));
    // SUP-A: V1 45 → 60, V2 gone, R unchanged
    const f = write('a.csv', `${HOLDINGS_HEADER}V1,SUP-A,60,,,\nR,SUP-A,40,,,\n`);
    expect(await importHoldings(store, f, { replace: true })).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, deleted: 1 });
    expect((await listHoldings(store, { heldId: 'SUP-A' })).map((h) => `${h.holder_id}:${h.percentage}`)).toEqual(['R:40', 'V1:60']);
    expect((await counts(t.db)).holdings).toBe(15);
    // without --replace an upsert never deletes
    const g = write('b.csv', `${HOLDINGS_HEADER}V2,SUP-A,0.5,,,\n`);
    expect(await importHoldings(store, g)).toMatchObject({ inserted: 1, deleted: 0 });
    expect((await counts(t.db)).holdings).toBe(16);
  });
});
