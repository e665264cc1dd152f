import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { ImportErrors, importFile, importRows, type ImportKind } from '../../src/interchange/index.js';
import { ASSET_HEADER, count, fixture, importFixtures, tableRows, tempStore } from './helpers.js';

type T = Awaited<ReturnType<typeof tempStore>>;
const BASE: ImportKind[] = ['operators', 'suppliers', 'products'];

async function rejection(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('importFile: each kind from CSV and JSON', () => {
  let t: T;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  for (const ext of ['csv', 'json'] as const) {
    it(`imports every kind from ${ext} with the values as given`, async () => {
      const counts: Record<string, number> = {};
      for (const kind of ['operators', 'suppliers', 'products', 'assets', 'designations'] as const) {
        const s = await importFile(t.store, kind, fixture(`${kind}.${ext}`));
        counts[kind] = s.inserted;
        expect(s).toMatchObject({ kind, updated: 0, unchanged: 0 });
        expect(s.rows).toBe(s.inserted);
      }
      // rows counted by hand in test/fixtures/import
      expect(counts).toEqual({ operators: 3, suppliers: 3, products: 3, assets: 5, designations: 2 });
      expect(tableRows(t.store, 'operators', 'operator_id')).toEqual([
        { operator_id: 'OP-DE-1', name: 'Rheinwelle Mobil', member_state: 'DE', kind: 'mno', subscribers: 1200000, critical_services: null },
        { operator_id: 'OP-DE-2', name: 'Spreenetz', member_state: 'DE', kind: 'neutral-host', subscribers: null, critical_services: null },
        { operator_id: 'OP-FR-1', name: 'Azur Télécom', member_state: 'FR', kind: 'mno', subscribers: 800000, critical_services: null },
      ]);
      expect(tableRows(t.store, 'suppliers', 'supplier_id')[1]).toEqual({
        supplier_id: 'SUP-B',
        name: 'Borealis Networks, Ltd.',
        hq_country: 'XB',
      });
      const products = tableRows(t.store, 'products', 'product_id') as { certifications: string }[];
      expect(products.map((p) => JSON.parse(p.certifications))).toEqual([['NESAS', 'EUCC'], [], ['NESAS']]);
      expect(tableRows(t.store, 'assets', 'asset_id')).toContainEqual({
        asset_id: 'DE2-SEPP',
        operator_id: 'OP-DE-2',
        segment: 'interconnection',
        function: 'SEPP',
        supplier_id: 'SUP-C',
        product_id: null,
        software_version: null,
        quantity: 1.5,
        region: null,
        in_service: null,
        end_of_support: null,
      });
      const d = tableRows(t.store, 'designations', 'designation_id') as { segments: string; transition_months: number }[];
      expect(d.map((x) => [JSON.parse(x.segments), x.transition_months])).toEqual([
        [['ran', 'core'], 12],
        [['key-assets'], 36],
      ]);
    });
  }

  it('CSV and JSON of the same data give identical tables', async () => {
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets', 'designations'], 'csv');
    const other = await tempStore();
    try {
      await importFixtures(other.store, ['operators', 'suppliers', 'products', 'assets', 'designations'], 'json');
      for (const [table, key] of [
        ['operators', 'operator_id'],
        ['suppliers', 'supplier_id'],
        ['products', 'product_id'],
        ['assets', 'asset_id'],
        ['designations', 'designation_id'],
      ] as const) {
        expect(tableRows(other.store, table, key)).toEqual(tableRows(t.store, table, key));
      }
    } finally {
      await other.cleanup();
    }
  });

  it('imports policies (an array or one object) and logs every import with the file hash', async () => {
    const s = await importFile(t.store, 'policies', fixture('policies.json'));
    expect(s).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    const one = t.file('one.json', JSON.stringify({ member_state: 'AT', version: 'a', thresholds: {} }));
    expect(await importFile(t.store, 'policies', one)).toMatchObject({ rows: 1, inserted: 1 });
    expect(count(t.store, 'policies')).toBe(3);
    const log = t.store.sqlite.prepare('SELECT kind, rows, sha256 FROM imports ORDER BY started_at').all() as { sha256: string }[];
    expect(log).toHaveLength(2);
    expect(log[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('re-import is idempotent: 0 inserted, 0 updated, N unchanged, tables identical', async () => {
    await importFixtures(t.store, [...BASE, 'assets', 'designations', 'policies']);
    const before = ['operators', 'products', 'assets', 'designations', 'policies'].map((x) => t.store.sqlite.prepare(`SELECT * FROM ${x} ORDER BY 1, 2`).all());
    for (const [kind, n] of [['operators', 3], ['suppliers', 3], ['products', 3], ['assets', 5], ['designations', 2], ['policies', 2]] as const) {
      const file = fixture(`${kind}.${kind === 'policies' ? 'json' : 'csv'}`);
      expect(await importFile(t.store, kind, file)).toMatchObject({ rows: n, inserted: 0, updated: 0, unchanged: n });
    }
    // the JSON twin holds the same values, so it too changes nothing
    expect(await importFile(t.store, 'assets', fixture('assets.json'))).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    const after = ['operators', 'products', 'assets', 'designations', 'policies'].map((x) => t.store.sqlite.prepare(`SELECT * FROM ${x} ORDER BY 1, 2`).all());
    expect(after).toEqual(before);
  });

  it('counts a changed row as updated and a new one as inserted', async () => {
    await importFixtures(t.store, [...BASE, 'assets']);
    const f = t.file(
      'assets-2.csv',
      [
        ASSET_HEADER,
        'DE1-RAN-A,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.3,60,north,2022-03-01,', // software 5.2 → 5.3
        'DE1-RAN-B,OP-DE-1,ran,gNB,SUP-B,P-B-GNB,3.1,40,south,2022-03-01,2027-01-31', // as before
        'DE1-NEW,OP-DE-1,ran,DU,SUP-A,,,8,,,',
      ].join('\n'),
    );
    expect(await importFile(t.store, 'assets', f)).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(count(t.store, 'assets')).toBe(6);
    expect(t.store.sqlite.prepare("SELECT software_version FROM assets WHERE asset_id = 'DE1-RAN-A'").pluck().get()).toBe('5.3');
    const p = t.file('pol.json', JSON.stringify({ member_state: 'FR', version: 'v1', thresholds: { national_hhi: 3500 } }));
    await importFile(t.store, 'policies', fixture('policies.json'));
    // a stored policy version is immutable: other content under v1 is refused, the same content is unchanged
    await expect(importFile(t.store, 'policies', p)).rejects.toThrow(/v1/);
    expect(await importFile(t.store, 'policies', fixture('policies.json'))).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('importRows takes plain objects, with numbers as numbers', async () => {
    await importFixtures(t.store, BASE);
    const s = await importRows(
      t.store,
      'assets',
      [
        { asset_id: 'X-1', operator_id: 'OP-FR-1', segment: 'core', function: 'UPF', supplier_id: 'SUP-C', product_id: '', software_version: '', quantity: 4, region: '', in_service: '', end_of_support: '' },
        { asset_id: 'X-2', operator_id: 'OP-FR-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-A-GNB', quantity: 7 },
      ],
      'demo',
    );
    expect(s).toMatchObject({ file: 'demo', rows: 2, inserted: 2 });
    expect(t.store.sqlite.prepare('SELECT SUM(quantity) FROM assets').pluck().get()).toBe(11);
    const err = await rejection(importRows(t.store, 'assets', [{ asset_id: 'X-3', quantity: -1 }], 'demo'));
    expect(err.message).toContain('demo, row 1, field quantity: must not be negative');
  });
});

describe('import errors name file, row and field, and nothing is written', () => {
  let t: T;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, [...BASE, 'assets']);
  });
  afterEach(async () => t.cleanup());

  const good = 'NEW-1,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,10,,,';
  async function assetError(bad: string, extraRows: string[] = []) {
    const f = t.file('assets-bad.csv', [ASSET_HEADER, good, ...extraRows, bad].join('\n'));
    const err = await rejection(importFile(t.store, 'assets', f));
    // the good row before the bad one was not written either
    expect(count(t.store, 'assets')).toBe(5);
    expect(t.store.sqlite.prepare("SELECT COUNT(*) FROM assets WHERE asset_id = 'NEW-1'").pluck().get()).toBe(0);
    expect(count(t.store, 'imports')).toBe(4);
    return err;
  }

  const cases: [string, string, string][] = [
    ['bad enum', 'NEW-2,OP-DE-1,radio,gNB,SUP-A,,,1,,,', 'assets-bad.csv, row 2, field segment: Invalid option: expected one of'],
    ['negative quantity', 'NEW-2,OP-DE-1,ran,gNB,SUP-A,,,-3,,,', 'assets-bad.csv, row 2, field quantity: must not be negative'],
    ['bad date', 'NEW-2,OP-DE-1,ran,gNB,SUP-A,,,1,,2026-02-30,', 'assets-bad.csv, row 2, field in_service: is not a real calendar date'],
    ['unknown function', 'NEW-2,OP-DE-1,ran,XYZ,SUP-A,,,1,,,', 'assets-bad.csv, row 2, field function: "XYZ" is not a function of the catalogue'],
    ['function of another segment', 'NEW-2,OP-DE-1,ran,AMF,SUP-C,,,1,,,', 'assets-bad.csv, row 2, field function: "AMF" belongs to segment core, not ran'],
    ['unknown operator', 'NEW-2,OP-XX-9,ran,gNB,SUP-A,,,1,,,', 'assets-bad.csv, row 2, field operator_id: unknown operator "OP-XX-9"'],
    ['product of another supplier', 'NEW-2,OP-DE-1,ran,gNB,SUP-A,P-B-GNB,,1,,,', 'assets-bad.csv, row 2, field product_id: product "P-B-GNB" is supplied by "SUP-B", not by "SUP-A"'],
    ['duplicate id in the file', 'NEW-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,', 'assets-bad.csv, row 2, field asset_id: duplicate id "NEW-1"'],
    ['empty required cell', 'NEW-2,OP-DE-1,ran,gNB,SUP-A,,,,,,', 'assets-bad.csv, row 2, field quantity: is required'],
    ['wrong field count', 'NEW-2,OP-DE-1,ran', 'assets-bad.csv, row 2: has 3 fields, the header has 11'],
  ];
  for (const [what, row, message] of cases) {
    it(what, async () => {
      const err = await assetError(row);
      expect(err.message).toContain(message);
      expect(err.file).toBe('assets-bad.csv');
      expect(err.row).toBe(2);
    });
  }

  it('a repeated id is caught on re-import too (upsert path)', async () => {
    const f = t.file('dup.csv', [ASSET_HEADER, 'DE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.0,2,,2021-01-01,', 'DE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.1,2,,2021-01-01,'].join('\n'));
    const err = await rejection(importFile(t.store, 'assets', f));
    expect(err.message).toBe('dup.csv, row 2, field asset_id: duplicate id "DE1-AMF": it appears earlier in this file');
    expect(t.store.sqlite.prepare("SELECT software_version FROM assets WHERE asset_id = 'DE1-AMF'").pluck().get()).toBe('1.0');
  });

  it('names a missing and an unknown column', async () => {
    const missing = t.file('m.csv', ['asset_id,operator_id,segment,function,supplier_id', 'A,OP-DE-1,ran,gNB,SUP-A'].join('\n'));
    expect((await rejection(importFile(t.store, 'assets', missing))).message).toBe('m.csv, field quantity: required column is missing');
    const unknown = t.file('u.csv', [`${ASSET_HEADER},colour,size`, `${good},red,4`].join('\n'));
    const err = await rejection(importFile(t.store, 'assets', unknown));
    expect(err.message).toContain('u.csv: unknown columns "colour", "size"');
    const json = t.file('u.json', JSON.stringify([{ asset_id: 'A', colour: 'red' }]));
    expect((await rejection(importFile(t.store, 'assets', json))).message).toContain('u.json, row 1: unknown column "colour"');
  });

  it('collects several errors into one, each on its own line, up to 20', async () => {
    const f = t.file('many.csv', [ASSET_HEADER, good, 'B,OP-DE-1,ran,gNB,SUP-A,,,-1,,,', 'C,OP-DE-1,ran,gNB,SUP-A,,,x,,2026-13-01,'].join('\n'));
    const err = await rejection(importFile(t.store, 'assets', f));
    expect(err).toBeInstanceOf(ImportErrors);
    expect((err as ImportErrors).errors.map((e) => e.message)).toEqual([
      'many.csv, row 2, field quantity: must not be negative',
      'many.csv, row 3, field quantity: must be a number',
      'many.csv, row 3, field in_service: is not a real calendar date',
    ]);
    expect(err.message.split('\n')).toHaveLength(4);
    const rows = Array.from({ length: 30 }, (_, i) => `N${i},OP-DE-1,ran,gNB,SUP-A,,,-1,,,`);
    const many = await rejection(importFile(t.store, 'assets', t.file('30.csv', [ASSET_HEADER, ...rows].join('\n'))));
    expect((many as ImportErrors).errors).toHaveLength(20);
    expect(many.message).toContain('stopped after 20');
  });

  it('rejects bad rows of the other kinds with their fields', async () => {
    const op = t.file('op.csv', ['operator_id,name,member_state,kind,subscribers', 'OP-US-1,Far Away,US,mno,10', 'OP-DE-9,X,DE,telco,1.5'].join('\n'));
    expect((await rejection(importFile(t.store, 'operators', op))).message.split('\n').slice(1)).toEqual([
      '  op.csv, row 1, field member_state: is not an EU/EEA member state code',
      expect.stringContaining('op.csv, row 2, field kind: Invalid option'),
      '  op.csv, row 2, field subscribers: must be a whole number',
    ]);
    const pr = t.file('pr.csv', ['product_id,supplier_id,name,function', 'P-X,SUP-Z,Thing,gNB', 'P-Y,SUP-A,Thing,NOPE'].join('\n'));
    const prErr = (await rejection(importFile(t.store, 'products', pr))) as ImportErrors;
    expect(prErr.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'supplier_id'],
      [2, 'function'],
    ]);
    const de = t.file('de.csv', ['designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status', 'D-1,DE,SUP-A,high-risk,ran;moon,Act,2025-01-01,300,in-force'].join('\n'));
    expect(((await rejection(importFile(t.store, 'designations', de))) as ImportErrors).errors.map((e) => e.field)).toEqual(['segments', 'transition_months']);
    const pol = t.file('pol.json', JSON.stringify([{ member_state: 'DE', version: 'x', thresholds: { national_hhi: 20000 } }]));
    expect((await rejection(importFile(t.store, 'policies', pol))).message).toMatch(/^pol\.json, row 1, field thresholds\.national_hhi: /);
    expect(count(t.store, 'operators') + count(t.store, 'products') + count(t.store, 'designations') + count(t.store, 'policies')).toBe(6);
  });

  it('reports unreadable input as user errors', async () => {
    await expect(importFile(t.store, 'assets', t.file('x.txt', 'a'))).rejects.toThrow('x.txt: must be a .csv, .json or .xlsx file');
    await expect(importFile(t.store, 'assets', t.file('e.csv', ''))).rejects.toThrow('e.csv: the file is empty');
    await expect(importFile(t.store, 'assets', t.file('b.json', '{oops'))).rejects.toThrow(/b\.json: not valid JSON/);
    await expect(importFile(t.store, 'assets', t.file('quote.csv', `${ASSET_HEADER}\n"A,OP-DE-1`))).rejects.toThrow(/quote\.csv, row 1: malformed CSV/);
  });
});
