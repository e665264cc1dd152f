import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit/index.js';
import { createUser, generatePassword } from '../../src/store/identity/index.js';
import { openStore } from '../../src/store/index.js';
import { cli, FIXTURE, importSmallNetwork, tempDb } from './helpers.js';

/*
 * `secure5g backup` and `secure5g restore`: an assessment of the restored database equals the one of the
 * original, a backup taken while another process writes holds one committed state, and restore refuses
 * what it must (an existing database without --force, a file that is not SQLite, not secure5g's, or
 * corrupt).
 */

type D = ReturnType<typeof tempDb>;

/** The assessment's findings and inputs hash, as `assess --format json --no-save` prints them. */
async function assessment(db: string) {
  const r = await cli('assess', '--db', db, '--date', '2026-06-30', '--format', 'json', '--no-save');
  expect(r.code, r.stderr).not.toBe(2);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  return { findings: out.findings, concentration: out.concentration, risks: out.risks };
}

const auditActions = (db: string) => {
  const h = new BetterSqlite3(db, { readonly: true });
  try {
    return h.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
  } finally {
    h.close();
  }
};

describe('backup and restore', () => {
  let d: D;
  beforeEach(async () => {
    d = tempDb();
    await importSmallNetwork(d.db);
  });
  afterEach(() => d.cleanup());

  it('restores a database whose assessment equals the original, and audits both', async () => {
    const before = await assessment(d.db);
    expect(Array.isArray(before.findings) && before.findings.length).toBeGreaterThan(0);
    const file = join(d.dir, 'backup.db');
    const b = await cli('backup', '--out', file, '--db', d.db);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/backup written: .*backup\.db .*sha256 [0-9a-f]{64}/);
    expect(auditActions(d.db).at(-1)).toBe('database.backup');

    // the original changes after the backup: the restore brings back the state of the backup
    const moved = join(d.dir, 'moved.csv');
    writeFileSync(moved, `${readFileSync(join(FIXTURE, 'assets.csv'), 'utf8').split('\n')[0]}\nDE1-RAN-A,OP-DE-1,ran,gNB,SUP-B,P-B-GNB,3.1,900,north,2022-03-01,\n`);
    expect((await cli('import', 'assets', moved, '--db', d.db)).code).toBe(0);
    expect(await assessment(d.db)).not.toEqual(before);
    const target = join(d.dir, 'restored.db');
    const r = await cli('restore', file, '--db', target);
    expect(r.code, r.stderr).toBe(0);
    expect(await assessment(target)).toEqual(before);
    expect(auditActions(target).at(-1)).toBe('database.restore');
    const store = await openStore(target);
    try {
      expect(verifyAudit(store).ok).toBe(true);
    } finally {
      await store.close();
    }

    // an existing database is replaced only with --force
    const refused = await cli('restore', file, '--db', d.db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists; restoring would replace it: add --force/);
    const forced = await cli('restore', file, '--db', d.db, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(await assessment(d.db)).toEqual(before);
    // a second backup to the same file needs --force too
    expect((await cli('backup', '--out', file, '--db', d.db)).code).toBe(2);
  });

  it('writes one file, and restores a keyed audit trail only beside the key it was written under', async () => {
    // an audited change before the backup: its entry carries a MAC under the key in test.db.keys
    const store = await openStore(d.db);
    await createUser(store, { name: 'test' }, { username: 'someone', password: generatePassword(), role: 'admin' });
    await store.close();
    const file = join(d.dir, 'keyed.db');
    expect((await cli('backup', '--out', file, '--db', d.db)).code).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const h = new BetterSqlite3(file, { readonly: true });
    expect(h.pragma('journal_mode', { simple: true })).toBe('delete');
    h.close();

    // the backup carries its key beside it (keyed.db.keys): moved without it, it is refused
    const target = join(d.dir, 'elsewhere.db');
    expect(existsSync(`${file}.keys`)).toBe(true);
    const carried = join(d.dir, 'keyed.db.keys.kept');
    renameSync(`${file}.keys`, carried);
    const noKey = await cli('restore', file, '--db', target);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/its audit trail is keyed, and there is no audit key at .*elsewhere\.db\.keys nor beside the backup/);
    expect(existsSync(target)).toBe(false);
    renameSync(carried, `${file}.keys`);

    // a key already at the target that is another database's is not this trail's
    const other = tempDb();
    try {
      await cli('init', '--db', other.db);
      copyFileSync(`${other.db}.keys`, `${target}.keys`);
      const wrong = await cli('restore', file, '--db', target);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/elsewhere\.db\.keys is not the one its audit trail was written under \(entry 1 does not verify\)/);
      expect(existsSync(target)).toBe(false);
    } finally {
      other.cleanup();
    }
    rmSync(`${target}.keys`);

    // with the key beside the backup, the restore takes it along
    const ok = await cli('restore', file, '--db', target);
    expect(ok.code, ok.stderr).toBe(0);
    const actions = auditActions(target);
    expect(actions.slice(-2)).toEqual(['user.create', 'database.restore']);
    const restored = await openStore(target);
    try {
      expect(verifyAudit(restored)).toMatchObject({ ok: true, entries: actions.length, keyedFrom: 1 });
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not SQLite, not a secure5g database, or fails the integrity check', async () => {
    const target = join(d.dir, 'target.db');
    const text = join(d.dir, 'notes.db');
    writeFileSync(text, 'these are not the pages of a database\n'.repeat(200));
    const a = await cli('restore', text, '--db', target);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/notes\.db: it is not a SQLite database/);

    const other = join(d.dir, 'other.db');
    const h = new BetterSqlite3(other);
    h.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)');
    h.close();
    const b = await cli('restore', other, '--db', target);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/other\.db: it is not a secure5g database \(no table kysely_migration, member_states/);

    // a real backup with one page of the assets_operator_asset index overwritten: the file opens, integrity_check does not pass
    const file = join(d.dir, 'backup.db');
    expect((await cli('backup', '--out', file, '--db', d.db)).code).toBe(0);
    const r = new BetterSqlite3(file, { readonly: true });
    const pageSize = Number(r.pragma('page_size', { simple: true }));
    const root = Number(r.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'assets_operator_asset'").pluck().get());
    r.close();
    const fd = openSync(file, 'r+');
    // the cells sit at the end of the page: scramble its second half, leaving the page header whole
    writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (root - 1) * pageSize + pageSize / 2);
    closeSync(fd);
    const c = await cli('restore', file, '--db', target);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/backup\.db: it fails the integrity check: Tree \d+ page \d+ cell \d+: .*\(and \d+ more\)\n$/);
    expect(() => readFileSync(target)).toThrow(); // nothing written
  });

  it('takes a consistent backup while another process writes', async () => {
    // the writer: transactions of 5 assets each, as fast as it can, until killed; each also counts them in asset_counts (triggers)
    const op = new BetterSqlite3(d.db, { readonly: true }).prepare("SELECT operator_id || '|' || (SELECT supplier_id FROM suppliers LIMIT 1) FROM operators LIMIT 1").pluck().get() as string;
    const [operator, supplier] = op.split('|');
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(d.db)});
      db.pragma('busy_timeout = 5000');
      const ins = db.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES (?, ?, 'core', 'AMF', ?, 1)");
      const tx = db.transaction((n) => { for (let i = 0; i < 5; i++) ins.run('W-' + n + '-' + i, ${JSON.stringify(operator)}, ${JSON.stringify(supplier)}); });
      let n = 0;
      process.stdout.write('ready\\n');
      for (;;) tx(n++);
    `;
    const writer = spawn(process.execPath, ['-e', script], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        writer.stdout!.once('data', () => resolve());
        writer.once('exit', (code) => reject(new Error(`writer exited with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, 300));
      const file = join(d.dir, 'during.db');
      const b = await cli('backup', '--out', file, '--db', d.db);
      expect(b.code, b.stderr).toBe(0);
      const h = new BetterSqlite3(file, { readonly: true });
      try {
        expect(h.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
        const written = Number(h.prepare("SELECT COUNT(*) FROM assets WHERE asset_id LIKE 'W-%'").pluck().get());
        // writes were going on, and the copy holds whole transactions only
        expect(written).toBeGreaterThan(0);
        expect(written % 5).toBe(0);
        // the kept counts agree with the rows in the copy: one state, not pages of two
        expect(Number(h.prepare('SELECT SUM(n) FROM asset_counts').pluck().get())).toBe(Number(h.prepare('SELECT COUNT(*) FROM assets').pluck().get()));
      } finally {
        h.close();
      }
    } finally {
      writer.kill('SIGKILL');
    }
  });
});
