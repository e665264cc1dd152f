import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdSpellings, idKey, ImportError } from '../../src/domain/index.js';
import { importRows } from '../../src/interchange/index.js';
import { count, tempStore } from './helpers.js';

/*
 * One id, one spelling (src/domain/id-spelling.ts, docs/data-formats.md): the rule itself, and the store's
 * check on a fresh table, where rows are numbered by their rowid, across the importer's batches. The
 * corpus (test/corpus) covers each format against a table with rows.
 */

describe('idKey and IdSpellings', () => {
  it('folds case and Unicode normalisation, nothing else', () => {
    // É composed (U+00C9) and decomposed (E + U+0301)
    expect(idKey('OP-\u00c9-1')).toBe(idKey('OP-E\u0301-1'));
    expect(idKey('OP-\u00c9-1')).toBe(idKey('op-\u00e9-1'));
    expect(idKey('STRASSE')).toBe(idKey('straße'));
    expect(idKey('A-1')).not.toBe(idKey('A_1'));
  });

  it('refuses a second spelling, naming both and where the first is; an exact repeat is not its business', () => {
    const s = new IdSpellings(['SUP-A']);
    expect(s.see('X-\u00c9', 1)).toBeUndefined();
    expect(s.see('X-E\u0301', 2)).toBe('id "X-E\u0301" is a second spelling of "X-\u00c9" (row 1 of this file): ids are compared without regard to case or Unicode normalisation; write it as "X-\u00c9"');
    expect(s.see('X-\u00c9', 3)).toBeUndefined();
    expect(s.see('SUP-A', 4)).toBeUndefined();
    expect(s.see('sup-a', 5)).toMatch(/^id "sup-a" is a second spelling of "SUP-A" \(already recorded\)/);
  });
});

describe('a fresh table: the clash is found after the load and named by its row', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  it('across batches (65,536 rows each), and nothing is written', async () => {
    // 70,000 suppliers; row 69,999 spells the id of row 5 in lower case
    const rows = Array.from({ length: 70_000 }, (_, i) => ({ supplier_id: `SUP-${i + 1}`, name: `S${i + 1}`, hq_country: 'XA' }));
    rows[69_998] = { ...rows[69_998]!, supplier_id: 'sup-5' };
    const err = await importRows(t.store, 'suppliers', rows, 'many.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe(
      'many.csv, row 69999, field supplier_id: id "sup-5" is a second spelling of "SUP-5" (row 5 of this file): ids are compared without regard to case or Unicode normalisation; write it as "SUP-5"',
    );
    expect(count(t.store, 'suppliers')).toBe(0);
  });

  it('ids that differ in more than case are all accepted', async () => {
    const s = await importRows(t.store, 'suppliers', [{ supplier_id: 'SUP-1', name: 'a', hq_country: 'XA' }, { supplier_id: 'SUP_1', name: 'b', hq_country: 'XA' }], 'two.csv');
    expect(s.inserted).toBe(2);
  });
});

describe('a table with rows: only the rows a load inserts can clash, found whatever their share of the table', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  const suppliers = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ supplier_id: `SUP-${from + i}`, name: `S${from + i}`, hq_country: 'XA' }));

  it('a few new rows among many recorded: a clash with a recorded id and one within the file are both named', async () => {
    await importRows(t.store, 'suppliers', suppliers(1, 1000), 'first.csv');
    // 1,000 recorded; the second file updates 3 and inserts 4, of which "sup-7" spells a recorded id and "new-b" one of this file
    const rows = [...suppliers(1, 3), { supplier_id: 'NEW-A', name: 'a', hq_country: 'XA' }, { supplier_id: 'sup-7', name: 'x', hq_country: 'XA' }, { supplier_id: 'NEW-B', name: 'b', hq_country: 'XA' }, { supplier_id: 'new-b', name: 'c', hq_country: 'XA' }];
    const err = await importRows(t.store, 'suppliers', rows, 'second.csv').catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      [
        'second.csv: 2 errors, nothing imported:',
        '  second.csv, row 5, field supplier_id: id "sup-7" is a second spelling of "SUP-7" (already recorded): ids are compared without regard to case or Unicode normalisation; write it as "SUP-7"',
        '  second.csv, row 7, field supplier_id: id "new-b" is a second spelling of "NEW-B" (row 6 of this file): ids are compared without regard to case or Unicode normalisation; write it as "NEW-B"',
      ].join('\n'),
    );
    expect(count(t.store, 'suppliers')).toBe(1000);
  });

  it('new rows outnumbering the recorded ones: the same check', async () => {
    await importRows(t.store, 'suppliers', suppliers(1, 10), 'first.csv');
    const rows = [...suppliers(11, 100), { supplier_id: 'sup-3', name: 'x', hq_country: 'XA' }];
    const err = await importRows(t.store, 'suppliers', rows, 'second.csv').catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'second.csv, row 101, field supplier_id: id "sup-3" is a second spelling of "SUP-3" (already recorded): ids are compared without regard to case or Unicode normalisation; write it as "SUP-3"',
    );
    expect(count(t.store, 'suppliers')).toBe(10);
  });

  it('an update alone, however large, keeps every spelling', async () => {
    await importRows(t.store, 'suppliers', suppliers(1, 500), 'first.csv');
    const s = await importRows(t.store, 'suppliers', suppliers(1, 500).map((r) => ({ ...r, name: `${r.name} renamed` })), 'second.csv');
    expect(s).toMatchObject({ inserted: 0, updated: 500 });
  });
});
