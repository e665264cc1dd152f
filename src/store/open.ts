import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { UserError } from '../domain/index.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { AUDIT_KEY, keyStorePath, openKeyStore, type KeyStore } from './keys/index.js';
import { applyConnectionPragmas, keepWalForBulkLoads } from './sqlite.js';

export interface Store {
  /** typed query builder for small reads and writes */
  db: Kysely<Database>;
  /** the same connection, raw, for bulk paths (imports, snapshot load) */
  sqlite: BetterSqlite3.Database;
  file: string;
  /** secrets kept outside the database (the audit trail's key) */
  keys: KeyStore;
  close(): Promise<void>;
}

/**
 * A second, read-only connection to an existing database: in WAL mode it reads what is committed, so a
 * transaction open on another connection (an import) stays invisible to it until it commits. The
 * server's reads and its dashboard worker use one.
 */
export function openReadStore(file: string): Store {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new UserError(`cannot open database ${file} to read: ${(err as Error).message}`);
  }
  return storeOver(sqlite, new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), file, openKeyStore(keyStorePath(file), { writable: false }));
}

/** A Store over an open connection; closing it twice is harmless (the Kysely instance closes the handle too). */
function storeOver(sqlite: BetterSqlite3.Database, db: Kysely<Database>, file: string, keys: KeyStore): Store {
  let closed = false;
  return {
    db,
    sqlite,
    file,
    keys,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Opens (creating if needed) the SQLite database at `file` and brings its schema up to date. */
export async function openStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    applyConnectionPragmas(sqlite);
  } catch (err) {
    throw new UserError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new UserError(`cannot migrate database ${file}${failed ? ` (migration ${failed})` : ''}: ${(error as Error).message}`);
  }
  const keys = openKeyStore(keyStorePath(file), { writable: true });
  try {
    // the audit key is made with the database (secure5g init), outside it
    keys.ensure(AUDIT_KEY);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return storeOver(sqlite, db, file, keys);
}

/** A trivial query: proves the database answers (the server's health check). */
export function pingStore(store: Store): void {
  store.sqlite.prepare('SELECT 1').get();
}

/**
 * Declares that other connections (the server's dashboard and read workers, other commands) may open
 * this store's file at any moment, so its bulk loads keep WAL (src/store/sqlite.ts).
 */
export function shareStoreFile(store: Store): void {
  keepWalForBulkLoads(store.sqlite);
}
