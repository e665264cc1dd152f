import type BetterSqlite3 from 'better-sqlite3';

/*
 * Asset counts kept by the store: table asset_counts holds, for every operator × segment × function ×
 * supplier × product present in assets, how many assets carry it. A page of GET /assets answers its
 * true total from here (a sum over a few hundred rows, a few thousand at Union scale) instead of a
 * COUNT(*) over the scope's rows — 0.3 s for every page at 5 million assets, and the main cost of a
 * page under load (bench/LOAD-NOTES.md). Totals by member state join operators, so a change of an
 * operator's member state needs no recount.
 *
 * The counts change in the same transaction as the rows, whichever path writes them (an import, a
 * delete, a decommissioning), because triggers keep them: one set per dialect, here. SQLite's are
 * below; PostgreSQL's (a plpgsql function on the same three events) go beside them with its store.
 * A bulk load into an empty assets table sets the triggers aside like its secondary indexes
 * (bulk-write.ts) and counts once at its end, in its transaction: recountAssets, portable SQL.
 */

export const ASSET_COUNT_KEY = ['operator_id', 'segment', 'function', 'supplier_id', 'product_key'] as const;

/** asset_counts' key from an asset row's columns; an asset without a product counts under product_key ''. */
const keyOf = (row: 'NEW' | 'OLD') => `${row}.operator_id, ${row}.segment, ${row}.function, ${row}.supplier_id, COALESCE(${row}.product_id, '')`;
const matches = (row: 'NEW' | 'OLD') =>
  `operator_id = ${row}.operator_id AND segment = ${row}.segment AND function = ${row}.function AND supplier_id = ${row}.supplier_id AND product_key = COALESCE(${row}.product_id, '')`;
const add = (row: 'NEW') =>
  `INSERT INTO asset_counts (${ASSET_COUNT_KEY.join(', ')}, n) VALUES (${keyOf(row)}, 1) ON CONFLICT (${ASSET_COUNT_KEY.join(', ')}) DO UPDATE SET n = asset_counts.n + 1;`;
// a key no asset carries any more goes, so the table holds exactly the GROUP BY of assets
const remove = (row: 'OLD') => `UPDATE asset_counts SET n = n - 1 WHERE ${matches(row)}; DELETE FROM asset_counts WHERE ${matches(row)} AND n <= 0;`;

/** The SQLite triggers, created by migration 0012 (a change to them needs a migration that recreates them). */
export const SQLITE_ASSET_COUNT_TRIGGERS: readonly string[] = [
  `CREATE TRIGGER asset_counts_insert AFTER INSERT ON assets BEGIN ${add('NEW')} END`,
  `CREATE TRIGGER asset_counts_delete AFTER DELETE ON assets BEGIN ${remove('OLD')} END`,
  `CREATE TRIGGER asset_counts_update AFTER UPDATE OF operator_id, segment, function, supplier_id, product_id ON assets
   WHEN OLD.operator_id IS NOT NEW.operator_id OR OLD.segment IS NOT NEW.segment OR OLD.function IS NOT NEW.function
     OR OLD.supplier_id IS NOT NEW.supplier_id OR OLD.product_id IS NOT NEW.product_id
   BEGIN ${remove('OLD')} ${add('NEW')} END`,
];

/** The counts as a GROUP BY of assets: portable SQL, run where the counts start or the triggers were set aside. */
export const RECOUNT_ASSETS_SQL = [
  'DELETE FROM asset_counts',
  `INSERT INTO asset_counts (${ASSET_COUNT_KEY.join(', ')}, n)
   SELECT operator_id, segment, function, supplier_id, COALESCE(product_id, ''), COUNT(*) FROM assets
   GROUP BY operator_id, segment, function, supplier_id, COALESCE(product_id, '')`,
] as const;

/** Tables whose rows the store counts, with the recount a bulk load that set the triggers aside runs at its end. */
const RECOUNTS: Record<string, (db: BetterSqlite3.Database) => void> = {
  assets: (db) => {
    for (const s of RECOUNT_ASSETS_SQL) db.exec(s);
  },
};

/** Runs the recount for `table` if the store keeps counts of it; call inside the transaction that wrote the rows. */
export function recountAfterBulkLoad(db: BetterSqlite3.Database, table: string): void {
  RECOUNTS[table]?.(db);
}
