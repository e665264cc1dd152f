import type BetterSqlite3 from 'better-sqlite3';

/*
 * SQLite-only settings, kept in one place (PostgreSQL will have its own module for the same concerns).
 */

/**
 * Connection settings: WAL lets readers run beside one writer; a busy writer is waited for, not failed.
 * Switching to WAL needs the file to itself for a moment: while a bulk load that found the file alone
 * runs in rollback-journal mode (bulkLoadPragmas), the switch is refused at once with SQLITE_BUSY, and
 * this connection then works in the file's current mode (the bulk load switches back to WAL at its end).
 */
export function applyConnectionPragmas(db: BetterSqlite3.Database): void {
  setJournalMode(db, 'WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // a load beside a reader leaves a WAL as large as what it wrote (770 MB at eu scale): cut it back when it is next reset
  db.pragma('journal_size_limit = 67108864');
}

const shared = new WeakSet<BetterSqlite3.Database>();

/**
 * Declares that other connections may open this connection's file at any moment (the server: its
 * dashboard worker reads through its own connection, possibly in the middle of an import). Bulk loads
 * on such a connection keep WAL, so those readers never hold up the load's commit, and it never fails
 * over them.
 */
export function keepWalForBulkLoads(db: BetterSqlite3.Database): void {
  shared.add(db);
}

export const isBusy = (err: unknown) => String((err as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * Sets the journal mode if it can; false when another connection holds the file (SQLite answers
 * SQLITE_BUSY at once for this change, without calling the busy handler) or the mode did not take.
 */
function setJournalMode(db: BetterSqlite3.Database, mode: 'WAL' | 'DELETE'): boolean {
  try {
    return String(db.pragma(`journal_mode = ${mode}`, { simple: true })).toUpperCase() === mode;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

/**
 * Settings for one large import transaction, returning a function that restores the previous ones.
 * - journal_mode DELETE instead of WAL, only when this connection has the file to itself: a WAL holds
 *   every new page twice (log, then checkpoint), measured slower for a 5-million-row load (figures in
 *   bench/IMPORT-NOTES.md); the rollback journal only keeps pages that existed. Leaving WAL needs
 *   exclusive access, so with any other connection open (the server, another command, a dashboard
 *   worker) the load keeps WAL, where readers go on reading beside it; a connection marked with
 *   keepWalForBulkLoads always keeps it. Either way the writer lock is waited for up to busy_timeout.
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
  const leftWal = onDisk && before.journalMode === 'wal' && !shared.has(db) && setJournalMode(db, 'DELETE');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  return () => {
    // a reader that opened meanwhile may hold the file: then it stays in rollback mode until the next connection that finds it alone
    if (leftWal) setJournalMode(db, 'WAL');
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
