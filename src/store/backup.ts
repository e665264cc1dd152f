import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../domain/index.js';
import { appendAudit, entryMac, type Actor } from './audit/index.js';
import { AUDIT_KEY, copyKeyFile, keyStorePath, openKeyStore } from './keys/index.js';
import { migrationProvider } from './migrations/index.js';
import { openStore, type Store } from './open.js';
import { isBusy } from './sqlite.js';

/*
 * Backup and restore of the SQLite database (PostgreSQL has its own tools: pg_dump, pg_restore). Both
 * go through SQLite's online backup API, which copies the database page by page as one consistent
 * state while other connections read and write it. Every page is asked for in one step, so a write made
 * by another connection meanwhile cannot leave a mix of before and after: SQLite restarts a step that
 * another connection's write interrupts, and a single step reads one committed state.
 */

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  ms: number;
}

/** Copies with the online backup API: after a first empty step that sizes the copy, every page in one step. */
async function copyDatabase(source: BetterSqlite3.Database, to: string): Promise<void> {
  await source.backup(to, { progress: ({ totalPages }) => totalPages + 1 });
}

/** A backup file is one file: rollback journal, not WAL (whose reader would leave -wal and -shm files beside it). */
function asSingleFile(file: string): void {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** A file in `to`'s folder for the copy in progress, renamed over `to` only once whole. */
const partial = (to: string) => join(dirname(to), `.${basename(to)}.partial-${process.pid}`);

/**
 * Writes a consistent copy of the store's database to `out` (refused if it exists, unless `force`), then
 * records the backup in the audit trail of the database backed up.
 */
export async function backupDatabase(store: Store, out: string, actor: Actor, opts: { force?: boolean } = {}): Promise<BackupResult> {
  if (store.file === ':memory:') throw new UserError('an in-memory database cannot be backed up');
  if (existsSync(out) && !opts.force) throw new UserError(`${out} exists; give another file, or --force to replace it`);
  if (!existsSync(dirname(out))) throw new UserError(`cannot write ${out}: the folder ${dirname(out)} does not exist`);
  const t0 = performance.now();
  const tmp = partial(out);
  try {
    await copyDatabase(store.sqlite, tmp);
    asSingleFile(tmp);
    renameSync(tmp, out);
    // the audit key lives outside the database: the copy keeps it beside it (FILE.keys, 0600), or its trail could not be checked
    rmSync(`${out}.keys`, { force: true });
    copyKeyFile(store.keys.path, `${out}.keys`);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err instanceof UserError ? err : new UserError(`cannot write the backup to ${out}: ${(err as Error).message}`);
  }
  const result = { file: out, bytes: statSync(out).size, sha256: await sha256Of(out), ms: performance.now() - t0 };
  try {
    appendAudit(store, actor, { action: 'database.backup', targetType: 'database', detail: { file: basename(out), bytes: result.bytes, sha256: result.sha256 } });
  } catch (err) {
    // a copy of the data the audit trail does not know of is not left behind
    rmSync(out, { force: true });
    if (isBusy(err)) throw new UserError(`the backup could not be recorded in the audit trail: a long write (an import?) holds the database; try again when it ends`);
    throw err;
  }
  return result;
}

export interface BackupCheck {
  /** migrations the file has applied, oldest first */
  migrations: string[];
  /** the first audit entry carrying a MAC under the audit key (from migration 0015 on), to check the key against */
  keyed?: { seq: number; hash: string; mac: string };
  assets: number;
  auditEntries: number;
}

/** Tables every secure5g database has had since its first migration. */
const CORE_TABLES = ['kysely_migration', 'member_states', 'operators', 'suppliers', 'products', 'assets', 'designations', 'policies', 'imports'];

/**
 * Checks that `file` is a secure5g database this version can open: a SQLite file, `PRAGMA
 * integrity_check` clean, the core tables present, and no migration this version does not know (a
 * backup made by a newer version). Throws a UserError naming what is wrong.
 */
export async function checkBackup(file: string): Promise<BackupCheck> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`cannot restore ${file}: no such file`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    let problems: string[];
    try {
      problems = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    } catch (err) {
      throw new UserError(`cannot restore ${file}: it is not a SQLite database (${(err as Error).message})`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      // SQLite lists every damaged page, one per line (hundreds for one bad page): the first few say enough
      const lines = problems.flatMap((p) => p.split('\n')).filter((l) => l && !l.startsWith('***'));
      throw new UserError(`cannot restore ${file}: it fails the integrity check: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? ` (and ${lines.length - 3} more)` : ''}`);
    }
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new UserError(`cannot restore ${file}: it is not a secure5g database (no table ${missing.join(', ')})`);
    const applied = db.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
    const known = new Set(Object.keys(await migrationProvider.getMigrations()));
    const unknown = applied.filter((m) => !known.has(m));
    if (unknown.length) throw new UserError(`cannot restore ${file}: it was made by a newer secure5g (migrations ${unknown.join(', ')} are unknown to this version)`);
    const macs = tables.has('audit_log') && (db.prepare("SELECT COUNT(*) FROM pragma_table_info('audit_log') WHERE name = 'mac'").pluck().get() as number) > 0;
    const keyed = macs ? (db.prepare('SELECT seq, hash, mac FROM audit_log WHERE mac IS NOT NULL ORDER BY seq LIMIT 1').get() as BackupCheck['keyed']) : undefined;
    return {
      migrations: applied,
      ...(keyed ? { keyed: { ...keyed, seq: Number(keyed.seq) } } : {}),
      assets: Number(db.prepare('SELECT COUNT(*) FROM assets').pluck().get()),
      auditEntries: tables.has('audit_log') ? Number(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()) : 0,
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot restore ${file}: it is not a SQLite database (${(err as Error).message})`);
  } finally {
    db?.close();
  }
}

export interface RestoreResult extends BackupCheck {
  file: string;
  target: string;
  sha256: string;
}

/**
 * Replaces the database at `target` with the backup `file` once checkBackup passes. An existing target
 * is replaced only with `force`; the copy goes through the backup API onto the target (one write
 * transaction there, so a connection still open on it sees the old or the new database, never a mix).
 * The restored database is then brought up to this version's schema, and the restore recorded in its
 * audit trail.
 */
export async function restoreDatabase(file: string, target: string, actor: Actor, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const check = await checkBackup(file);
  const sha256 = await sha256Of(file);
  const exists = existsSync(target);
  if (exists && !opts.force) throw new UserError(`${target} exists; restoring would replace it: add --force to do so`);
  if (!existsSync(dirname(target))) throw new UserError(`cannot restore into ${target}: the folder ${dirname(target)} does not exist`);
  if (check.keyed) {
    // the audit key lives outside the database (src/store/keys): the target's own, else the one the backup carries beside it;
    // without the key its entries were made under, the restored trail could never be verified again
    const own = keyStorePath(target);
    const keys = openKeyStore(existsSync(own) ? own : `${file}.keys`, { writable: false });
    const key = keys.get(AUDIT_KEY);
    if (!key)
      throw new UserError(
        `cannot restore ${file}: its audit trail is keyed, and there is no audit key at ${own} nor beside the backup (${file}.keys); put the key file of the database it was taken from at one of them first`,
      );
    if (entryMac(key, check.keyed.hash) !== check.keyed.mac)
      throw new UserError(`cannot restore ${file}: the audit key at ${keys.path} is not the one its audit trail was written under (entry ${check.keyed.seq} does not verify)`);
  }
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    // a new file is written whole beside the target first; an existing one takes the pages in place
    const to = exists ? target : partial(target);
    await copyDatabase(source, to);
    if (!exists) renameSync(to, target);
  } catch (err) {
    rmSync(partial(target), { force: true });
    throw new UserError(`cannot restore into ${target}: ${(err as Error).message}`);
  } finally {
    source.close();
  }
  // a restore into a path without keys takes the backup's (FILE.keys), so the restored trail verifies
  copyKeyFile(`${file}.keys`, keyStorePath(target));
  const store = await openStore(target);
  try {
    appendAudit(store, actor, { action: 'database.restore', targetType: 'database', detail: { file: basename(file), sha256, migrations: check.migrations.length } });
  } finally {
    await store.close();
  }
  return { ...check, file, target, sha256 };
}
