import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE, cli, importSmallNetwork, tempDb } from './helpers.js';

describe('secure5g import', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.cleanup());

  const count = (table: string) => {
    const db = new Database(t.db, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('imports each kind and reports what it did; re-import changes nothing', async () => {
    await importSmallNetwork(t.db);
    expect(count('assets')).toBe(4);
    const again = await cli('import', 'assets', join(FIXTURE, 'assets.csv'), '--db', t.db);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/4 rows .* 0 inserted, 0 updated, 4 unchanged/);
  });

  it('rejects a bad row with file, row and field, and writes nothing', async () => {
    await importSmallNetwork(t.db);
    const bad = join(t.dir, 'assets-bad.csv');
    writeFileSync(
      bad,
      [
        'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support',
        'NEW-1,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,10,,,',
        'NEW-2,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,-3,,,',
      ].join('\n'),
    );
    const r = await cli('import', 'assets', bad, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('assets-bad.csv');
    expect(r.stderr).toContain('row 2');
    expect(r.stderr).toContain('quantity');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(count('assets')).toBe(4); // NEW-1, before the bad row, was not written either
  });

  it('names an unknown kind and a missing file as usage errors', async () => {
    const kind = await cli('import', 'widgets', join(FIXTURE, 'assets.csv'), '--db', t.db);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('operators');
    const missing = await cli('import', 'assets', join(t.dir, 'nope.csv'), '--db', t.db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv');
  });
});

describe('secure5g catalog export', () => {
  it('prints an OSCAL catalog carrying the catalogue version', async () => {
    const r = await cli('catalog', 'export', '--format', 'oscal');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.catalog.metadata['oscal-version']).toBe('1.2.1');
    const ids = JSON.stringify(doc);
    for (const id of ['sm03', 'tm09', 'sa10']) expect(ids).toContain(`"${id}"`);
  });
});

describe('secure5g usage', () => {
  it('prints help with exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('assess');
  });
});
