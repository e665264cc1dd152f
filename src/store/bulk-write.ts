import type BetterSqlite3 from 'better-sqlite3';
import { recountAfterBulkLoad } from './asset-counts.js';
import type { Store } from './open.js';
import { bulkLoadPragmas, isUniqueViolation } from './sqlite.js';

/*
 * Bulk writes on SQLite: prepared multi-row INSERT statements inside one explicit transaction, bypassing
 * the query builder. This is the SQLite half of the bulk-load concern (PostgreSQL will use COPY).
 */

/** A row whose key was already written (or already seen) in this load: its index in the batch. */
export interface DuplicateKey {
  index: number;
  key: unknown;
}

export interface BulkWriter {
  /**
   * Writes rows `from` to `to` (exclusive) of `values`, given row-major (row r is values[r·width …
   * r·width+width), in the writer's column order). A row whose key was already written in this load is
   * not written and is returned, with its index in `values`; every other row is. Writing a large batch
   * in ranges lets a server turn its event loop between them.
   */
  write(values: readonly unknown[], from: number, to: number): DuplicateKey[];
  /** Ends the writing (rebuilding indexes set aside for the load); call before committing. */
  finish(): void;
  /** inserted and updated since the writer was made (rows written with equal values count in neither) */
  counts(): { inserted: number; updated: number };
  /**
   * Keys this load inserted that spell differently, by case alone, a key recorded before the load or
   * inserted earlier in it (src/domain/id-spelling.ts); call after finish(). Each names its position in
   * the load (0-based, counting the rows written) and the first spelling, with the position that came in
   * when it is this load's own.
   */
  spellingClashes(): SpellingClash[];
}

export interface SpellingClash {
  key: string;
  ordinal: number;
  first: string;
  /** the first spelling's position in this load; absent when it was recorded before */
  firstOrdinal?: number;
}

export interface BulkTransaction {
  commit(): void;
  rollback(): void;
}

/**
 * Starts one transaction for a bulk load with bulk-load pragmas (src/store/sqlite.ts: rollback journal
 * when the connection has the file to itself, WAL otherwise); both end with commit or rollback.
 */
export function beginBulkLoad(store: Store): BulkTransaction {
  const db = store.sqlite;
  const restore = bulkLoadPragmas(db);
  try {
    // waits up to busy_timeout for another connection's write to end (WAL: readers never hold it up)
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    restore();
    throw err;
  }
  let open = true;
  const end = (sql: string) => {
    if (!open) return;
    open = false;
    try {
      db.exec(sql);
    } finally {
      restore();
    }
  };
  return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}

const q = (name: string) => `"${name}"`;

function countRows(db: BetterSqlite3.Database, table: string): number {
  return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${q(table)}`).get() as { n: number | bigint }).n);
}

/** Rows per INSERT: measured 35 % faster than one row per call; larger groups gain nothing more. */
const GROUP = 16;

/**
 * The table's secondary indexes (not those behind PRIMARY KEY / UNIQUE) and its triggers (the counts
 * the store keeps, asset-counts.ts), with the SQL that makes each.
 */
function setAside(db: BetterSqlite3.Database, table: string): { type: 'index' | 'trigger'; name: string; sql: string }[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL ORDER BY type, name").all(table) as {
    type: 'index' | 'trigger';
    name: string;
    sql: string;
  }[];
}

/**
 * A writer for `table` keyed by `key`. On an empty table it inserts plainly, and the primary key itself
 * catches a key repeated in the input; the table's secondary indexes are dropped for the load and built
 * again by finish(), in one sorted pass instead of one B-tree insertion per row, and so are its triggers,
 * finish() then counting the rows once (a trigger per row doubled the insert time of a million assets);
 * all inside the load's transaction, so a rollback brings them back. On a table with rows it upserts, changing a row only
 * where a value differs (so `updated` counts real changes), and a temporary table of the keys seen
 * catches a repeated key, which the upsert alone would silently merge. Rows go in groups of GROUP per
 * statement; a group that hits a repeated key is retried row by row to single it out.
 */
export function bulkWriter(store: Store, table: string, columns: readonly string[], key: string): BulkWriter {
  const db = store.sqlite;
  const before = countRows(db, table);
  const upsert = before > 0;
  // rows written by this load get rowids past this one (a rowid table gives max + 1, and 1 when empty)
  const lastRowidBefore = Number((db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM ${q(table)}`).get() as { m: number | bigint }).m);
  const width = columns.length;
  const others = columns.filter((c) => c !== key);
  const conflict = upsert
    ? ` ON CONFLICT(${q(key)}) DO UPDATE SET ${others.map((c) => `${q(c)}=excluded.${q(c)}`).join(',')}` +
      ` WHERE ${others.map((c) => `${q(table)}.${q(c)} IS NOT excluded.${q(c)}`).join(' OR ')}`
    : '';
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const insertSql = (n: number) =>
    `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES ${Array(n).fill(tuple).join(',')}${conflict}`;
  const insertOne = db.prepare(insertSql(1));
  const insertGroup = db.prepare(insertSql(GROUP));
  const deferred = upsert ? [] : setAside(db, table);
  for (const d of deferred) db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} ${q(d.name)}`);
  let seenOne: BetterSqlite3.Statement | undefined;
  let seenGroup: BetterSqlite3.Statement | undefined;
  if (upsert) {
    db.exec('DROP TABLE IF EXISTS temp.bulk_seen_keys');
    // a rowid table: a key's rowid is its position among the rows this load wrote, plus one
    db.exec('CREATE TEMP TABLE bulk_seen_keys (k TEXT NOT NULL UNIQUE)');
    seenOne = db.prepare('INSERT INTO temp.bulk_seen_keys (k) VALUES (?)');
    seenGroup = db.prepare(`INSERT INTO temp.bulk_seen_keys (k) VALUES ${Array(GROUP).fill('(?)').join(',')}`);
  }
  const keyIndex = columns.indexOf(key);
  const params = new Array<unknown>(GROUP * width);
  const one = new Array<unknown>(width);
  const keys = new Array<unknown>(GROUP);
  let changes = 0;

  /** Row i of `values`; false when its key repeats one already written. */
  const writeOne = (values: readonly unknown[], i: number): boolean => {
    const o = i * width;
    for (let c = 0; c < width; c++) one[c] = values[o + c];
    try {
      seenOne?.run(one[keyIndex]);
      changes += insertOne.run(one).changes;
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  };

  return {
    write(values, from, to) {
      const dups: DuplicateKey[] = [];
      const span = GROUP * width;
      let i = from;
      for (; i + GROUP <= to; i += GROUP) {
        const o = i * width;
        for (let k = 0; k < span; k++) params[k] = values[o + k];
        try {
          // the statement either writes the whole group or, on a repeated key, none of it
          if (seenGroup) {
            for (let r = 0; r < GROUP; r++) keys[r] = params[r * width + keyIndex];
            seenGroup.run(keys);
          }
          changes += insertGroup.run(params).changes;
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          for (let r = i; r < i + GROUP; r++) if (!writeOne(values, r)) dups.push({ index: r, key: values[r * width + keyIndex] });
        }
      }
      for (; i < to; i++) if (!writeOne(values, i)) dups.push({ index: i, key: values[i * width + keyIndex] });
      return dups;
    },
    finish() {
      const triggers = deferred.some((d) => d.type === 'trigger');
      for (const d of deferred.splice(0)) db.exec(d.sql);
      if (triggers) recountAfterBulkLoad(db, table);
    },
    counts() {
      const inserted = upsert ? countRows(db, table) - before : changes;
      return { inserted, updated: changes - inserted };
    },
    spellingClashes() {
      // Only a key this load inserted can clash (an update keeps its key), and the rows it inserted are
      // those past lastRowidBefore. When they are a small part of the table, only their spellings are
      // grouped, found in one pass over the table instead of a sort of all of it (seconds at Union
      // scale, held on a server's event loop); when they are most of it, the plain sort is cheaper
      // (118 against 206 ms for 200,000 new of 260,000). lower() folds ASCII case, and keys are ASCII (the Id schema).
      const k = q(key);
      const t = q(table);
      const fresh = Number(db.prepare(`SELECT count(*) FROM ${t} WHERE rowid > ?`).pluck().get(lastRowidBefore));
      if (fresh === 0) return [];
      // the load deletes nothing: the table holds the rows from before it and the ones it inserted
      const onlyFresh = fresh * 4 < before + fresh;
      const groups = db
        .prepare(
          `SELECT json_group_array(json_array(${k}, rowid)) AS g FROM ${t}` +
            (onlyFresh ? ` WHERE lower(${k}) IN (SELECT lower(${k}) FROM ${t} WHERE rowid > ?)` : '') +
            ` GROUP BY lower(${k}) HAVING count(*) > 1`,
        )
        .pluck()
        .all(...(onlyFresh ? [lastRowidBefore] : [])) as string[];
      const seenAt = upsert ? db.prepare('SELECT rowid FROM temp.bulk_seen_keys WHERE k = ?').pluck() : undefined;
      const out: SpellingClash[] = [];
      for (const g of groups) {
        const members = (JSON.parse(g) as [string, number][]).map(([k, rowid]) => {
          const isNew = rowid > lastRowidBefore;
          // a fresh table's rows were all written by this load, in order; an upsert's new rows were seen
          const ordinal = !isNew ? undefined : upsert ? Number(seenAt!.get(k)) - 1 : rowid - lastRowidBefore - 1;
          return { k, ordinal };
        });
        const recorded = members.find((m) => m.ordinal === undefined);
        const fresh = members.filter((m) => m.ordinal !== undefined).sort((a, b) => a.ordinal! - b.ordinal!);
        const first = recorded ?? fresh[0]!;
        for (const m of fresh) if (m !== first) out.push({ key: m.k, ordinal: m.ordinal!, first: first.k, ...(first.ordinal !== undefined ? { firstOrdinal: first.ordinal } : {}) });
      }
      return out;
    },
  };
}
