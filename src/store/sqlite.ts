import type BetterSqlite3 from 'better-sqlite3';

/*
 * SQLite-only settings, kept in one place (PostgreSQL will have its own module for the same concerns).
 */

/** Connection settings: WAL lets readers run beside one writer; a busy writer is waited for, not failed. */
export function applyConnectionPragmas(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Settings for one large import transaction, returning a function that restores the previous ones.
 * - journal_mode DELETE instead of WAL: a WAL holds every new page twice (log, then checkpoint), which
 *   measured 1.5x slower for a 5-million-row load; the rollback journal only keeps pages that existed.
 *   If another connection holds the database in WAL, SQLite keeps WAL and the load is merely slower.
 * - foreign_keys OFF: the importer has already checked every reference, with row-level messages.
 * - a 256 MiB page cache keeps the primary-key B-tree in memory; temporary tables stay in memory.
 * - synchronous NORMAL: with a rollback journal SQLite then syncs only around the commit, a few
 *   fsyncs for the whole load, and a power loss still leaves either the old or the new data.
 */
export function bulkLoadPragmas(db: BetterSqlite3.Database): () => void {
  const get = (name: string) => db.pragma(name, { simple: true }) as string | number;
  const before = {
    journalMode: String(get('journal_mode')),
    foreignKeys: Number(get('foreign_keys')),
    cacheSize: Number(get('cache_size')),
    synchronous: Number(get('synchronous')),
    tempStore: Number(get('temp_store')),
  };
  const onDisk = db.name !== ':memory:' && db.name !== '';
  if (onDisk && before.journalMode === 'wal') db.pragma('journal_mode = DELETE');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  return () => {
    if (onDisk && before.journalMode === 'wal') db.pragma('journal_mode = WAL');
    db.pragma(`foreign_keys = ${before.foreignKeys ? 'ON' : 'OFF'}`);
    db.pragma(`cache_size = ${before.cacheSize}`);
    db.pragma(`synchronous = ${before.synchronous}`);
    db.pragma(`temp_store = ${before.tempStore}`);
  };
}

/** True when the error is SQLite's unique / primary-key violation. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
