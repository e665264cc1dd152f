import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { importFile, type ImportKind } from '../../src/interchange/index.js';
import { readRegister } from '../../src/interchange/records.js';
import { Holding } from '../../src/domain/ownership.js';
import { fixture, tableRows, tempStore } from './helpers.js';

/*
 * Spreadsheets as people have them (issue 15): the fixture files of test/fixtures/import re-saved the
 * ways Excel and others save them must store exactly what the plain UTF-8, comma-separated files store
 * (that import is checked value by value in import.test.ts), on the in-thread and the worker path.
 */

type T = Awaited<ReturnType<typeof tempStore>>;
const KINDS = ['operators', 'suppliers', 'products', 'assets', 'designations'] as const;
const TABLES: [string, string][] = [
  ['operators', 'operator_id'],
  ['suppliers', 'supplier_id'],
  ['products', 'product_id'],
  ['assets', 'asset_id'],
  ['designations', 'designation_id'],
];

const fixtureRows = (kind: string) => Papa.parse<string[]>(readFileSync(fixture(`${kind}.csv`), 'utf8'), { skipEmptyLines: true }).data;
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

/** The fixture re-saved: each variant turns the parsed rows into a file's bytes. */
const VARIANTS: Record<string, { ext: string; bytes: (rows: string[][]) => Buffer | Promise<Buffer> }> = {
  'semicolon CSV (Excel, decimal-comma locales)': { ext: 'csv', bytes: (rows) => Buffer.from(Papa.unparse(rows, { delimiter: ';', newline: '\r\n' })) },
  'UTF-8 with a byte-order mark': { ext: 'csv', bytes: (rows) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(Papa.unparse(rows))]) },
  'UTF-16 LE with BOM, tab-separated (Excel "Unicode text")': {
    ext: 'csv',
    bytes: (rows) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Papa.unparse(rows, { delimiter: '\t', newline: '\r\n' }), 'utf16le')]),
  },
  'UTF-16 BE with BOM, semicolons': { ext: 'csv', bytes: (rows) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(Papa.unparse(rows, { delimiter: ';' }))]) },
  XLSX: {
    ext: 'xlsx',
    async bytes(rows) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  },
};

describe('spreadsheets as people save them are read as the plain file', () => {
  let plain: T;
  let t: T;
  beforeEach(async () => {
    plain = await tempStore();
    for (const k of KINDS) await importFile(plain.store, k, fixture(`${k}.csv`));
    t = await tempStore();
  });
  afterEach(async () => {
    await plain.cleanup();
    await t.cleanup();
  });

  for (const [label, v] of Object.entries(VARIANTS)) {
    // the worker path (files of 16 MB and more) reads the separator and the encoding on its own thread:
    // its start-up costs seconds here, so the assets alone take it, for the two new ways of reading
    for (const worker of label.startsWith('semicolon') || label.startsWith('UTF-16 LE') ? [false, true] : [false]) {
      it(`${label}${worker ? ' (assets on the worker thread)' : ''}`, async () => {
        for (const k of KINDS) {
          const f = join(t.dir, `${k}.${v.ext}`);
          writeFileSync(f, await v.bytes(fixtureRows(k)));
          await importFile(t.store, k as ImportKind, f, { worker: worker && k === 'assets' });
        }
        for (const [table, key] of TABLES) expect(tableRows(t.store, table, key), table).toEqual(tableRows(plain.store, table, key));
      });
    }
  }
});

async function rejection(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('what cannot be read is refused, naming file, row and encoding', () => {
  let t: T;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  it('refuses Latin-1 bytes, naming the row they are in (in-thread, worker, register reader)', async () => {
    // "Azur Télécom" is data row 3 of operators.csv; in Latin-1 é is the single byte 0xE9
    const f = join(t.dir, 'operators.csv');
    writeFileSync(f, Buffer.from(readFileSync(fixture('operators.csv'), 'utf8'), 'latin1'));
    const expected =
      'operators.csv, row 3: is not UTF-8: byte 0xE9 cannot start or continue a UTF-8 character; the text looks like an 8-bit code page such as Latin-1 / Windows-1252 (where byte 0xE9 is "é"). Save it as "CSV UTF-8" or as UTF-16 with a byte-order mark';
    expect((await rejection(importFile(t.store, 'operators', f))).message).toBe(expected);
    expect((await rejection(importFile(t.store, 'operators', f, { worker: true }))).message).toBe(expected);
    const h = join(t.dir, 'holdings.csv');
    writeFileSync(h, Buffer.from('holder_id,held_id,percentage\nA,B,1\nC,D,2\n# Müller\n', 'latin1'));
    expect((await rejection(readRegister(h, Holding))).message).toMatch(/^holdings\.csv, row 3: is not UTF-8: byte 0xFC/);
    expect(tableRows(t.store, 'operators', 'operator_id')).toEqual([]);
  });

  it('refuses UTF-16 without a byte-order mark, and lines ending in CR alone', async () => {
    const f = join(t.dir, 'suppliers.csv');
    writeFileSync(f, Buffer.from('supplier_id,name,hq_country\nSUP-A,Ä,XA\n', 'utf16le'));
    expect((await rejection(importFile(t.store, 'suppliers', f))).message).toContain('the text looks like UTF-16 without a byte-order mark');
    const g = join(t.dir, 'mac.csv');
    writeFileSync(g, 'supplier_id,name,hq_country\rSUP-A,Aurora,XA\r');
    expect((await rejection(importFile(t.store, 'suppliers', g))).message).toBe('mac.csv: its lines end in CR alone (old Mac style): save it with LF or CRLF line ends');
  });

  it('names the sheet and the row number Excel shows', async () => {
    await importFile(t.store, 'operators', fixture('operators.csv'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Netze');
    ws.addRow(['operator_id', 'name', 'member_state', 'kind']);
    ws.addRow(['OP-1', 'One', 'DE', 'mno']);
    ws.addRow([]);
    ws.addRow(['OP-2', 'Two', 'XX', 'MNO']);
    const f = join(t.dir, 'ops.xlsx');
    await wb.xlsx.writeFile(f);
    // header row 1, OP-1 row 2, a blank row 3, OP-2 in row 4
    expect((await rejection(importFile(t.store, 'operators', f))).message).toBe('ops.xlsx, sheet "Netze", row 4, field member_state: is not an EU/EEA member state code');
    ws.getCell('E2').value = 'stray';
    await wb.xlsx.writeFile(f);
    expect((await rejection(importFile(t.store, 'operators', f))).message).toBe('ops.xlsx, sheet "Netze", row 2: cell E2 holds a value under no header');
  });
});

describe('words and codes as people write them', () => {
  let t: T;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  it('matches enumerated values in any case and reads EL (the EU\'s code for Greece) as GR', async () => {
    await importFile(t.store, 'operators', t.file('operators.csv', 'operator_id,name,member_state,kind\nOP-GR-1,Aigaio Mobile,el,MNO\nOP-GR-2,Ionio Net,EL, Neutral-Host \n'));
    await importFile(t.store, 'suppliers', t.file('suppliers.csv', 'supplier_id,name,hq_country\nSUP-A,Aurora,El\n'));
    await importFile(t.store, 'products', t.file('products.csv', 'product_id,supplier_id,name,function\nP-1,SUP-A,Aurora gNB,gNB\n'));
    await importFile(t.store, 'assets', t.file('assets.json', JSON.stringify([{ asset_id: 'A-1', operator_id: 'OP-GR-1', segment: 'RAN', function: 'gNB', supplier_id: 'SUP-A', quantity: 2 }])));
    await importFile(
      t.store,
      'designations',
      t.file('d.csv', 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,status\nD-1,EL,SUP-A,High-Risk,RAN;Key-Assets,Fictional Act,2026-01-01,In-Force\n'),
    );
    expect(t.store.sqlite.prepare('SELECT operator_id, member_state, kind FROM operators ORDER BY 1').all()).toEqual([
      { operator_id: 'OP-GR-1', member_state: 'GR', kind: 'mno' },
      { operator_id: 'OP-GR-2', member_state: 'GR', kind: 'neutral-host' },
    ]);
    expect(t.store.sqlite.prepare('SELECT hq_country FROM suppliers').pluck().get()).toBe('GR');
    expect(t.store.sqlite.prepare('SELECT segment FROM assets').pluck().get()).toBe('ran');
    expect(t.store.sqlite.prepare('SELECT member_state, kind, segments, status FROM designations').get()).toEqual({
      member_state: 'GR',
      kind: 'high-risk',
      segments: '["ran","key-assets"]',
      status: 'in-force',
    });
  });

  it('reports an unknown JSON key once per file, at the first record that has it', async () => {
    const rows = [1, 2, 3].map((i) => ({ supplier_id: `S-${i}`, name: 'n', hq_country: 'XA', colour: i === 2 ? 'red' : null }));
    const e = await rejection(importFile(t.store, 'suppliers', t.file('s.json', JSON.stringify(rows))));
    expect(e.message).toBe('s.json, row 1: unknown column "colour"; suppliers columns are supplier_id, name, hq_country');
  });

  it('refuses a field of more than 65,536 characters, naming it', async () => {
    const e = await rejection(importFile(t.store, 'suppliers', t.file('big.csv', `supplier_id,name,hq_country\nS-1,${'x'.repeat(70_000)},XA\n`)));
    expect(e.message).toBe('big.csv, row 1, field name: is 70,000 characters long; a field may hold at most 65,536');
  });
});

describe('EL wherever a member state code is read', () => {
  it('is GR for the domain schemas (file rows, API bodies and queries) and for CLI options', async () => {
    const { MemberStateCode, CountryCode } = await import('../../src/domain/index.js');
    const { parseOption } = await import('../../src/cli/options.js');
    expect(MemberStateCode.parse(' el ')).toBe('GR');
    expect(CountryCode.parse('EL')).toBe('GR');
    expect(parseOption(MemberStateCode, 'El', '--member-state')).toBe('GR');
  });
});
