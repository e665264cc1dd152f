import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { importFile } from '../../src/interchange/index.js';
import { loadSnapshot } from '../../src/store/index.js';
import { ASSET_HEADER, count, importFixtures, tempStore } from './helpers.js';

/*
 * A file larger than one 4 MB read, with quoted fields (commas, quotes and a newline inside quotes)
 * scattered through it, imported on this thread and on the worker thread: both must read the same
 * rows. Expected values come from how the file is generated, not from the importer.
 */

const N = 70_000;
function bigCsv(): { text: string; quantity: number } {
  const lines = [ASSET_HEADER];
  let quantity = 0;
  for (let i = 0; i < N; i++) {
    const q = (i % 7) + 1;
    quantity += q;
    const region = i % 997 === 0 ? '"north, ""upper""\nvalley"' : i % 2 ? 'south' : '';
    lines.push(`BIG-${String(i).padStart(6, '0')},OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2.${i % 10},${q},${region},2022-03-01,`);
  }
  return { text: lines.join('\r\n') + '\r\n', quantity };
}

describe('large CSV, on this thread and on a worker', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products']);
  });
  afterEach(async () => t.cleanup());

  for (const worker of [false, true]) {
    it(`reads every row and field (${worker ? 'worker' : 'in thread'})`, async () => {
      const { text, quantity } = bigCsv();
      expect(text.length).toBeGreaterThan(4 << 20);
      const f = t.file('big.csv', text);
      const progress: number[] = [];
      const s = await importFile(t.store, 'assets', f, { worker, onProgress: (done) => progress.push(done) });
      expect(s).toMatchObject({ rows: N, inserted: N, updated: 0, unchanged: 0 });
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)).toBe(Buffer.byteLength(text));
      expect(t.store.sqlite.prepare('SELECT SUM(quantity) FROM assets').pluck().get()).toBe(quantity);
      expect(t.store.sqlite.prepare("SELECT region FROM assets WHERE asset_id = 'BIG-000997'").pluck().get()).toBe('north, "upper"\nvalley');
      expect(t.store.sqlite.prepare("SELECT software_version FROM assets WHERE asset_id = 'BIG-069999'").pluck().get()).toBe('5.2.9');
      const again = await importFile(t.store, 'assets', f, { worker });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: N });
      expect(loadSnapshot(t.store).assets.count).toBe(N);
    });

    it(`reports errors with row numbers and writes nothing (${worker ? 'worker' : 'in thread'})`, async () => {
      const lines = bigCsv().text.split('\r\n');
      // data row 50,001 is line index 50,001 (the header is index 0); row 59,000 repeats row 10's id
      const fields = lines[50_001]!.split(',');
      fields[7] = '-1';
      lines[50_001] = fields.join(',');
      lines[59_000] = lines[10]!;
      const f = t.file('bad.csv', lines.join('\r\n'));
      const err = await importFile(t.store, 'assets', f, { worker }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as Error).message).toContain('bad.csv, row 50001, field quantity: must not be negative');
      expect((err as Error).message).toContain('bad.csv, row 59000, field asset_id: duplicate id "BIG-000009"');
      expect(count(t.store, 'assets')).toBe(0);
    });
  }
});
