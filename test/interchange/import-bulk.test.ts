import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { importFile } from '../../src/interchange/index.js';
import { ASSET_HEADER, count, importFixtures, tempStore } from './helpers.js';

/*
 * The bulk path's own hazards: a file read in 4 MiB byte blocks cut at newlines (a multi-byte UTF-8
 * character must never be split), the scanner that splits plain stretches without per-line arrays, and
 * the secondary index that a fresh load drops and rebuilds inside its transaction.
 */

const REGION = 'Île-de-France – Süd'; // 2- and 3-byte UTF-8 characters
const N = 60_000;

function unicodeCsv(): { text: string; withRegion: number } {
  const lines = [ASSET_HEADER];
  let withRegion = 0;
  for (let i = 0; i < N; i++) {
    const region = i % 3 === 0 ? '' : REGION;
    if (region) withRegion++;
    lines.push(`U-${String(i).padStart(6, '0')},OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,1,${region},2022-03-01,`);
  }
  return { text: lines.join('\n') + '\n', withRegion };
}

const hasIndex = (t: Awaited<ReturnType<typeof tempStore>>) =>
  t.store.sqlite.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'assets_operator_asset'").pluck().get();

describe('bulk CSV path', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products']);
  });
  afterEach(async () => t.cleanup());

  for (const worker of [false, true]) {
    it(`keeps multi-byte characters whole across 4 MiB reads (${worker ? 'worker' : 'in thread'})`, async () => {
      const { text, withRegion } = unicodeCsv();
      // each row is ≥ 70 bytes, so 60,000 rows span more than one read and the cut falls inside a row
      expect(Buffer.byteLength(text)).toBeGreaterThan(4 << 20);
      const s = await importFile(t.store, 'assets', t.file('u.csv', text), { worker });
      expect(s).toMatchObject({ rows: N, inserted: N });
      const q = t.store.sqlite.prepare('SELECT COUNT(*) FROM assets WHERE region = ?').pluck();
      expect(q.get(REGION)).toBe(withRegion);
      // no value was cut or mangled: every non-empty region is the exact string
      expect(t.store.sqlite.prepare('SELECT COUNT(*) FROM assets WHERE region IS NOT NULL').pluck().get()).toBe(withRegion);
    });
  }

  it('rebuilds the operator index after a fresh load, and keeps it when the load fails', async () => {
    expect(hasIndex(t)).toBe(1);
    const bad = [ASSET_HEADER, 'A-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,', 'A-2,OP-DE-1,ran,gNB,SUP-A,,,-5,,,'].join('\n');
    await expect(importFile(t.store, 'assets', t.file('bad.csv', bad))).rejects.toBeInstanceOf(ImportError);
    expect(hasIndex(t)).toBe(1);
    expect(count(t.store, 'assets')).toBe(0);

    const good = [ASSET_HEADER, 'A-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,', 'A-2,OP-DE-1,ran,gNB,SUP-A,,,2,,,'].join('\n');
    await importFile(t.store, 'assets', t.file('good.csv', good));
    expect(hasIndex(t)).toBe(1);
    // the index holds both rows: read through it explicitly, and check the file as a whole
    expect(t.store.sqlite.prepare("SELECT COUNT(*) FROM assets INDEXED BY assets_operator_asset WHERE operator_id = 'OP-DE-1'").pluck().get()).toBe(2);
    expect(t.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('counts rows across blank lines and CRLF, and names a short line by its row', async () => {
    // data rows: 1 = A-1, (blank line, not counted), 2 = the one-field line, 3 = A-3
    const text = [ASSET_HEADER, 'A-1,OP-DE-1,ran,gNB,SUP-A,,,1,,,', '', 'just-one-field', 'A-3,OP-DE-1,ran,gNB,SUP-A,,,1,,,'].join('\r\n');
    const err = await importFile(t.store, 'assets', t.file('short.csv', text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe('short.csv, row 2: has 1 fields, the header has 11');
  });
});
