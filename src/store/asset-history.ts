import { IsoDate, UserError } from '../domain/index.js';
import type { Store } from './open.js';
import { markDataChanged } from './snapshot-cache.js';

/*
 * Assets leave service here and nowhere else. `assets` is the inventory in service; a decommissioned
 * asset moves to `decommissioned_assets` (migration 0013) with the day it left, so the snapshot of an
 * earlier day still holds it (snapshot-load.ts). An asset is in service on day D when it entered
 * service on or before D (or has no in_service date) and had not left by D: the decommissioning day is
 * the first day it is out of service.
 *
 * Raw statements on the store's connection, so they belong to the caller's transaction (an import's,
 * or the one decommissionAssets opens when none is).
 */

const COLUMNS = [
  'asset_id',
  'operator_id',
  'segment',
  'function',
  'supplier_id',
  'product_id',
  'software_version',
  'quantity',
  'region',
  'in_service',
  'end_of_support',
] as const;

/** Today as YYYY-MM-DD (UTC). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * The day a decommissioning takes effect, checked: a real date, not after today (a decommissioning
 * records what happened; a planned one is recorded when it happens).
 */
export function decommissionDate(date: string, what = 'the decommissioning date'): string {
  const parsed = IsoDate.safeParse(date);
  if (!parsed.success) throw new UserError(`${what} "${date}" ${parsed.error.issues[0]?.message ?? 'is not a date'}`);
  if (parsed.data > todayIso()) throw new UserError(`${what} ${parsed.data} is after today: record a decommissioning on the day it happens`);
  return parsed.data;
}

export interface Decommissioned {
  /** ids moved out of service, in the order given */
  ids: string[];
}

/**
 * Moves the given in-service assets out of service on `date` (checked by the caller with
 * decommissionDate), in the caller's transaction, or in one of its own when none is open. Every id must
 * be an asset in service that had entered service by `date`; otherwise nothing is moved and the error
 * names the first that is not. This is the one place rows leave `assets`: any per-scope count kept of
 * the inventory must follow it.
 */
export function decommissionAssets(store: Store, ids: readonly string[], date: string, source: string): Decommissioned {
  const db = store.sqlite;
  const run = () => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { ids: [] };
    db.exec('CREATE TEMP TABLE IF NOT EXISTS decommission_ids (id TEXT PRIMARY KEY) WITHOUT ROWID');
    db.exec('DELETE FROM temp.decommission_ids');
    const put = db.prepare('INSERT INTO temp.decommission_ids (id) VALUES (?)');
    for (const id of unique) put.run(id);
    const missing = db
      .prepare('SELECT t.id FROM temp.decommission_ids t WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.asset_id = t.id) LIMIT 1')
      .pluck()
      .get() as string | undefined;
    if (missing !== undefined) throw new UserError(`asset ${missing} is not in service`);
    const early = db
      .prepare('SELECT a.asset_id, a.in_service FROM assets a JOIN temp.decommission_ids t ON t.id = a.asset_id WHERE a.in_service > ? ORDER BY a.asset_id LIMIT 1')
      .raw(true)
      .get(date) as [string, string] | undefined;
    if (early) throw new UserError(`asset ${early[0]} entered service on ${early[1]}: it cannot leave service before, on ${date}`);
    const cols = COLUMNS.join(', ');
    db.prepare(
      `INSERT OR REPLACE INTO decommissioned_assets (${cols}, decommissioned_on, source, recorded_at)
       SELECT ${cols}, ?, ?, ? FROM assets WHERE asset_id IN (SELECT id FROM temp.decommission_ids)`,
    ).run(date, source, new Date().toISOString());
    db.prepare('DELETE FROM assets WHERE asset_id IN (SELECT id FROM temp.decommission_ids)').run();
    db.exec('DELETE FROM temp.decommission_ids');
    markDataChanged(store);
    return { ids: unique };
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** One decommissioned asset's row as the snapshot loader encodes it. */
export type HistoryRow = [
  assetId: string,
  operatorId: string,
  segment: string,
  fn: string,
  supplierId: string,
  productId: string | null,
  quantity: number,
  endOfSupportDay: number | null,
  inServiceDay: number | null,
];

/**
 * Decommissioned assets that were in service on `date`: entered service by then and left after it.
 * Ids that are in service again (and were on `date`) are left out, so no asset is counted twice; of an id
 * that left service more than once, the first period that covers `date` is kept. Read in the snapshot
 * loader's transaction.
 */
export function inServiceHistory(store: Store, date: string, epochDay: (col: string) => string): HistoryRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT asset_id, operator_id, segment, function, supplier_id, product_id, quantity, ${epochDay('end_of_support')}, ${epochDay('in_service')}
       FROM decommissioned_assets d
       WHERE decommissioned_on > ? AND (in_service IS NULL OR in_service <= ?)
         AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.asset_id = d.asset_id AND (a.in_service IS NULL OR a.in_service <= ?))
       ORDER BY decommissioned_on, asset_id`,
    )
    .raw(true)
    .all(date, date, date) as HistoryRow[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r[0]) && (seen.add(r[0]), true));
}

export interface DecommissionedAsset {
  assetId: string;
  operatorId: string;
  decommissionedOn: string;
  source: string;
}

/** An operator's decommissioned assets, by day. */
export function decommissionedOf(store: Store, operatorId: string): DecommissionedAsset[] {
  return (
    store.sqlite
      .prepare('SELECT asset_id, operator_id, decommissioned_on, source FROM decommissioned_assets WHERE operator_id = ? ORDER BY decommissioned_on, asset_id')
      .raw(true)
      .all(operatorId) as [string, string, string, string][]
  ).map(([assetId, op, decommissionedOn, source]) => ({ assetId, operatorId: op, decommissionedOn, source }));
}

/** Whether an operator is recorded (a replacement names one already imported). */
export const operatorExists = (store: Store, id: string): boolean => store.sqlite.prepare('SELECT 1 FROM operators WHERE operator_id = ?').get(id) !== undefined;

/** An operator's assets in service, as raw rows of the given columns (column names from the import spec). */
export function inventoryRows(store: Store, operatorId: string, columns: readonly string[]): Iterable<unknown[]> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return store.sqlite.prepare(`SELECT ${cols} FROM assets WHERE operator_id = ?`).raw(true).iterate(operatorId) as Iterable<unknown[]>;
}

/** The operator an asset id is in service with, if any: one prepared statement, called per row. */
export function assetOwnerLookup(store: Store): (assetId: string) => string | undefined {
  const owner = store.sqlite.prepare('SELECT operator_id FROM assets WHERE asset_id = ?').pluck();
  return (id) => owner.get(id) as string | undefined;
}

/** Ids of assets in service by `date` of one supplier in one segment at a member state's operators, by id. */
export function assetIdsInService(store: Store, q: { memberState: string; supplierId: string; segment: string; date: string }): string[] {
  return store.sqlite
    .prepare(
      'SELECT a.asset_id FROM assets a JOIN operators o ON o.operator_id = a.operator_id WHERE o.member_state = ? AND a.supplier_id = ? AND a.segment = ? AND (a.in_service IS NULL OR a.in_service <= ?) ORDER BY a.asset_id',
    )
    .pluck()
    .all(q.memberState, q.supplierId, q.segment, q.date) as string[];
}
