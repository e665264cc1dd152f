import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, FIXTURE, tempDb } from './helpers.js';

/*
 * A mistyped --db used to create an empty database, and `assess --fail-on high` then passed with no
 * findings. Only init, demo, start, serve --seed-demo and the imports create one.
 */
describe('--db names a database that exists, or the command refuses', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.cleanup());

  it('assess --fail-on high on a mistyped file exits 2 and creates nothing', async () => {
    const typo = join(t.dir, 'secure5g.bd');
    const r = await cli('assess', '--fail-on', 'high', '--db', typo);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: no database at ${typo}: check --db and $SECURE5G_DB, or create one with: secure5g init --db ${typo}\n`);
    expect(existsSync(typo)).toBe(false);
  });

  it('says when the folder is missing too, and does not make it', async () => {
    const db = join(t.dir, 'no-such-folder', 'x.db');
    const r = await cli('designation', 'list', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`(the folder ${join(t.dir, 'no-such-folder')} does not exist either)`);
    expect(existsSync(join(t.dir, 'no-such-folder'))).toBe(false);
  });

  it('every reading or writing command but the creating ones refuses', async () => {
    const db = join(t.dir, 'missing.db');
    const commands = [
      ['assess'],
      ['assessment', 'list'],
      ['simulate', '--scenario', 'x'],
      ['scenario', 'list'],
      ['policy', 'list'],
      ['designation', 'list'],
      ['profile', 'list'],
      ['implementation', 'list'],
      ['implementation', 'matrix'],
      ['screening', 'list'],
      ['screening', 'add', join(t.dir, 'case.json')],
      ['funding', 'list'],
      ['entity', 'list'],
      ['holding', 'list'],
      ['bom', 'list'],
      ['supplier', 'control', 'SUP-A'],
      ['users', 'list'],
      ['audit', 'verify'],
      ['backup', '--out', join(t.dir, 'copy.db')],
      ['assets', 'decommission', 'A-1'],
    ];
    for (const argv of commands) {
      const r = await cli(...argv, '--db', db);
      expect([argv.join(' '), r.code, r.stderr.startsWith(`error: no database at ${db}`)]).toEqual([argv.join(' '), 2, true]);
    }
    expect(existsSync(db)).toBe(false);
  });

  it('init and the imports create it, and say so', async () => {
    const first = await cli('init', '--db', t.db);
    expect([first.code, first.stdout]).toEqual([0, `database created: ${t.db}\n`]);
    expect((await cli('init', '--db', t.db)).stdout).toBe(`database ready: ${t.db}\n`);

    const other = join(t.dir, 'sub', 'other.db');
    const imported = await cli('import', 'operators', join(FIXTURE, 'operators.csv'), '--db', other);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain(`created database ${other}\n`);
    // a second import into it says nothing of the kind
    expect((await cli('import', 'suppliers', join(FIXTURE, 'suppliers.csv'), '--db', other)).stderr).not.toContain('created database');
  });
});
