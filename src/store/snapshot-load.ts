import { resolvePolicy } from '../catalog/resolve-policy.js';
import { FUNCTIONS, SEGMENTS, type EffectivePolicy } from '../catalog/index.js';
import type { Designation, Policy } from '../domain/index.js';
import { allocateAssetColumns, toEpochDay, type Snapshot } from '../engine/snapshot.js';
import { fromJsonColumn } from './json.js';
import type { Store } from './open.js';
import type { CertificateRecord } from '../engine/certificates.js';
import { inServiceHistory, todayIso, type HistoryRow } from './asset-history.js';
import { dataVersion, readSnapshotCache, withLazyIds, writeSnapshotCache, type CoreAssets, type SnapshotCore } from './snapshot-cache.js';

export interface SnapshotFilter {
  memberState?: string;
  operatorId?: string;
}

export interface SnapshotLoadOptions {
  /** use the persisted snapshot cache (snapshot-cache.ts): read it when valid, write it after a full SQL load; default true */
  cache?: boolean;
  /**
   * the day the inventory is taken at (YYYY-MM-DD; default today): the assets in service that day, those
   * decommissioned since included and those that entered service later left out (asset-history.ts).
   * An assessment passes its own date.
   */
  date?: string;
}

export interface SnapshotLoad {
  snapshot: Snapshot;
  /** where the inventory columns came from (designations and policies are always read fresh) */
  source: 'cache' | 'sql';
  /** true when this load wrote a new cache */
  cacheWritten: boolean;
}

/**
 * Builds the engine's columnar snapshot. The filter narrows operators and their assets; suppliers,
 * products and designations are kept whole (the engine needs them to judge any asset). Policies: for
 * every member state present, the secure5g default (not an EU rule) overridden by the member state's latest national policy.
 * Assets come in the order they were stored (rowid), whichever path built them.
 *
 * With the cache on (the default), a valid cache gives the inventory columns (5 M assets in about a
 * second instead of twelve, bench/SNAPSHOT-NOTES.md) and a filtered load selects its rows from them in
 * memory. Without one, the columns are read by SQL; an unfiltered load then writes the cache (a
 * filtered miss does not: it read only part of the data). The cache holds the inventory in service
 * now; the day's selection (options.date) is made after it, in memory, with the decommissioned assets
 * still in service that day read fresh.
 */
export function loadSnapshot(store: Store, filter: SnapshotFilter = {}, options: SnapshotLoadOptions = {}): Snapshot {
  return loadSnapshotReport(store, filter, options).snapshot;
}

/** loadSnapshot, also saying whether the cache served it. */
export function loadSnapshotReport(store: Store, filter: SnapshotFilter = {}, options: SnapshotLoadOptions = {}): SnapshotLoad {
  const useCache = options.cache !== false;
  const filtered = Boolean(filter.memberState || filter.operatorId);
  // one read transaction: the version, the cached or scanned columns, designations and policies agree
  const date = options.date ?? todayIso();
  const read = store.sqlite.transaction(() => {
    const rules = loadRules(store);
    const history = inServiceHistory(store, date, EPOCH_DAY_SQL);
    const version = useCache ? dataVersion(store) : '';
    const cached = useCache ? readSnapshotCache(store, version) : undefined;
    if (cached) return { rules, history, version, core: filtered ? selectCore(cached, filter) : cached, source: 'cache' as const };
    return { rules, history, version, core: loadCoreSql(store, filter), source: 'sql' as const };
  });
  const { rules, history, version, core, source } = withMmap(store, useCache, read);
  // written from its own read's version: if a writer committed in between, the stored version is already stale, never wrong
  const cacheWritten = useCache && source === 'sql' && !filtered && writeSnapshotCache(store, version, core);
  return { snapshot: assemble(inServiceOn(core, toEpochDay(date), history), rules), source, cacheWritten };
}

/**
 * The core's assets in service on `day`: those that entered service after it go, the decommissioned
 * ones still in service then (`history`, already narrowed to that day) come after the rest, those of
 * operators outside the core left out. The core itself when nothing changes (the usual case: today).
 */
function inServiceOn(core: SnapshotCore, day: number, history: readonly HistoryRow[]): SnapshotCore {
  const a = core.assets;
  const from = a.inService;
  let later = 0;
  for (let i = 0; i < a.count; i++) if (from[i]! > day) later++;
  const opIndex = new Map(core.operators.ids.map((id, i) => [id, i]));
  const back = history.filter((r) => opIndex.has(r[1]));
  if (later === 0 && back.length === 0) return core;

  const rows = new Int32Array(a.count - later);
  let k = 0;
  for (let i = 0; i < a.count; i++) if (!(from[i]! > day)) rows[k++] = i;
  const out = takeRows(a, rows, back.length, (i) => a.operator[i]!);
  const segIndex = new Map<string, number>(SEGMENTS.map((s, i) => [s.id, i]));
  const fnIndex = new Map<string, number>(FUNCTIONS.map((f, i) => [f.id, i]));
  const supIndex = new Map(core.suppliers.ids.map((id, i) => [id, i]));
  const prodIndex = new Map(core.products.ids.map((id, i) => [id, i]));
  for (const [, operatorId, segment, fn, supplierId, productId, quantity, eos, inService] of back) {
    const p = productId === null ? -1 : (prodIndex.get(productId) ?? -1);
    out.operator[k] = opIndex.get(operatorId)!;
    out.segment[k] = segIndex.get(segment) ?? -1;
    out.function[k] = fnIndex.get(fn) ?? -1;
    out.supplier[k] = supIndex.get(supplierId) ?? -1;
    out.product[k] = p;
    out.quantity[k] = quantity;
    out.endOfSupport[k] = eos !== null ? eos : p >= 0 ? core.products.endOfSupport[p]! : Number.NaN;
    out.inService[k] = inService ?? Number.NaN;
    k++;
  }
  return { ...core, assets: withLazyIds<CoreAssets>(out, () => [...Array.from(rows, (i) => a.ids[i]!), ...back.map((r) => r[0])]) };
}

/** Columns holding rows `rows` of `a` (operators renumbered by `operatorOf`), with `extra` rows left to fill after them; ids not made. */
function takeRows(a: CoreAssets, rows: Int32Array, extra: number, operatorOf: (i: number) => number): Omit<CoreAssets, 'ids'> {
  const n = rows.length + extra;
  const { ids: _unmade, ...out } = { ...allocateAssetColumns(n, false), inService: new Float64Array(n) };
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    out.operator[k] = operatorOf(i);
    out.segment[k] = a.segment[i]!;
    out.function[k] = a.function[i]!;
    out.supplier[k] = a.supplier[i]!;
    out.product[k] = a.product[i]!;
    out.quantity[k] = a.quantity[i]!;
    out.endOfSupport[k] = a.endOfSupport[i]!;
    out.inService[k] = a.inService[i]!;
  }
  return out;
}

/**
 * Runs `fn` with the file memory-mapped: reading the cache's BLOBs (long overflow-page chains) took 40 %
 * less time mapped than through read() calls. Set around the load only, so the connection's other work
 * keeps SQLite's default.
 */
function withMmap<T>(store: Store, on: boolean, fn: () => T): T {
  const db = store.sqlite;
  if (!on || db.inTransaction) return fn();
  const before = Number(db.pragma('mmap_size', { simple: true }));
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  try {
    return fn();
  } finally {
    db.pragma(`mmap_size = ${before}`);
  }
}
const MMAP_BYTES = 1 << 30;

interface Rules {
  designations: Designation[];
  national: Map<string, Policy>;
  certificates: CertificateRecord[];
  /** software versions of the assets whose product has a version-limited certificate (in service or decommissioned) */
  assetVersions: Map<string, string>;
}

/** Designations and national policies: small, never cached. */
function loadRules(store: Store): Rules {
  const all = <T>(sql: string) => store.sqlite.prepare(sql).raw(true).all() as T[];
  const designations = all<[string, string, string, string, string, string, string, number, string, string | null]>(
    'SELECT designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status, revoked_on FROM designations ORDER BY designation_id',
  ).map(
    ([designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status, revoked_on]) =>
      ({
        designation_id,
        member_state,
        supplier_id,
        kind,
        segments: fromJsonColumn<string[]>(segments, []),
        legal_basis,
        effective_date,
        transition_months: Number(transition_months),
        status,
        ...(revoked_on !== null ? { revoked_on } : {}),
      }) as Designation,
  );
  const national = new Map<string, Policy>();
  for (const [ms, doc] of all<[string, string]>('SELECT member_state, document FROM policies ORDER BY imported_at, version')) {
    national.set(ms, fromJsonColumn<Policy>(doc, undefined as never));
  }
  const certificates = all<[string, string, string, string, string, string, string | null]>(
    'SELECT certificate_id, scheme, issuer, product_id, versions, valid_from, valid_until FROM certificates ORDER BY certificate_id',
  ).map(([certificateId, scheme, issuer, productId, versions, validFrom, validUntil]): CertificateRecord => ({
    certificateId,
    scheme: scheme.toUpperCase(),
    issuer,
    productId,
    versions: fromJsonColumn<string[]>(versions, []),
    validFrom,
    ...(validUntil !== null ? { validUntil } : {}),
  }));
  const assetVersions = new Map<string, string>();
  const versioned = [...new Set(certificates.filter((c) => c.versions.length > 0).map((c) => c.productId))];
  if (versioned.length) {
    const marks = versioned.map(() => '?').join(', ');
    const rows = store.sqlite
      .prepare(
        `SELECT asset_id, software_version FROM assets WHERE product_id IN (${marks}) AND software_version IS NOT NULL
         UNION ALL SELECT asset_id, software_version FROM decommissioned_assets WHERE product_id IN (${marks}) AND software_version IS NOT NULL`,
      )
      .raw(true)
      .all(...versioned, ...versioned) as [string, string][];
    for (const [id, v] of rows) assetVersions.set(id, v);
  }
  return { designations, national, certificates, assetVersions };
}

/** The snapshot from the inventory columns and fresh rules. Takes ownership of `core` (its function column is rewritten). */
function assemble(core: SnapshotCore, rules: Rules): Snapshot {
  const { designations, national, certificates, assetVersions } = rules;
  const memberStates = [...new Set([...core.operators.memberState, ...designations.map((d) => d.member_state), ...national.keys()])].sort();
  const msIndex = new Map(memberStates.map((c, i) => [c, i]));

  // functions as found in the data: products' first, then assets', each in order of first appearance
  const catalogueFns = FUNCTIONS.map((f) => f.id);
  const remap = new Int32Array(catalogueFns.length).fill(-1);
  const functions: string[] = [];
  const use = (f: number) => (f < 0 ? -1 : remap[f] === -1 ? (remap[f] = functions.push(catalogueFns[f]!) - 1) : remap[f]!);
  const fnOfCatalogue = new Map(catalogueFns.map((f, i) => [f, i]));
  for (const p of core.products.function) {
    const f = fnOfCatalogue.get(p);
    if (f !== undefined) use(f);
  }
  const fcol = core.assets.function;
  for (let i = 0; i < fcol.length; i++) fcol[i] = use(fcol[i]!);

  const policies = new Map<string, EffectivePolicy>();
  for (const ms of memberStates) policies.set(ms, resolvePolicy(ms, national.get(ms)));
  const { memberState, ...operators } = core.operators;
  return {
    memberStates,
    operators: { ids: operators.ids, names: operators.names, memberState: Int32Array.from(memberState, (c) => msIndex.get(c)!), subscribers: operators.subscribers },
    suppliers: core.suppliers,
    products: core.products,
    segments: SEGMENTS.map((s) => s.id),
    functions,
    // the core's columns as they are (inService rides along unread): spreading them would make the lazy ids
    assets: core.assets,
    designations,
    policies,
    ...(certificates.length ? { certificates, assetVersions } : {}),
  };
}

/** The rows of a full core that a filter keeps, in the same order, with operator indices renumbered. */
export function selectCore(core: SnapshotCore, filter: SnapshotFilter): SnapshotCore {
  const o = core.operators;
  const keep: number[] = [];
  for (let i = 0; i < o.ids.length; i++) {
    if ((!filter.memberState || o.memberState[i] === filter.memberState) && (!filter.operatorId || o.ids[i] === filter.operatorId)) keep.push(i);
  }
  const newIndex = new Int32Array(o.ids.length).fill(-1);
  keep.forEach((old, i) => (newIndex[old] = i));
  const a = core.assets;
  let n = 0;
  for (let i = 0; i < a.count; i++) if (newIndex[a.operator[i]!]! >= 0) n++;
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < a.count; i++) if (newIndex[a.operator[i]!]! >= 0) rows[k++] = i;
  const out = takeRows(a, rows, 0, (i) => newIndex[a.operator[i]!]!);
  return {
    operators: {
      ids: keep.map((i) => o.ids[i]!),
      names: keep.map((i) => o.names[i]!),
      memberState: keep.map((i) => o.memberState[i]!),
      subscribers: Float64Array.from(keep, (i) => o.subscribers[i]!),
    },
    suppliers: core.suppliers,
    products: core.products,
    // ids stay unmade until read, as in the full cached core
    assets: withLazyIds<CoreAssets>(out, () => Array.from(rows, (i) => a.ids[i]!)),
  };
}


// Days since 1970-01-01 as SQL computes them: julianday('1970-01-01') is 2440587.5.
const EPOCH_DAY_SQL = (col: string) => `CAST(julianday(${col}) - 2440587.5 AS INTEGER)`;

/**
 * The inventory columns by SQL. The asset scan returns the raw text columns and JavaScript
 * dictionary-encodes them with Map lookups against the small dictionaries; this measured as fast as or
 * faster than having SQLite join temporary id→index tables, and needs no temporary tables
 * (bench/SNAPSHOT-NOTES.md).
 */
function loadCoreSql(store: Store, filter: SnapshotFilter): SnapshotCore {
  const db = store.sqlite;
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).raw(true).all(...params) as T[];
  const opWhere: string[] = [];
  const opParams: string[] = [];
  if (filter.memberState) (opWhere.push('member_state = ?'), opParams.push(filter.memberState));
  if (filter.operatorId) (opWhere.push('operator_id = ?'), opParams.push(filter.operatorId));
  const where = opWhere.length ? ` WHERE ${opWhere.join(' AND ')}` : '';
  const opRows = all<[string, string, string, number | null]>(`SELECT operator_id, name, member_state, subscribers FROM operators${where} ORDER BY operator_id`, ...opParams);
  const supRows = all<[string, string, string]>('SELECT supplier_id, name, hq_country FROM suppliers ORDER BY supplier_id');
  const prodRows = all<[string, string, string, string, string, string | null]>(
    'SELECT product_id, name, supplier_id, function, certifications, end_of_support FROM products ORDER BY product_id',
  );
  const index = (ids: readonly string[]) => new Map(ids.map((id, i) => [id, i]));
  const supIndex = index(supRows.map((s) => s[0]));
  const products: Snapshot['products'] = {
    ids: prodRows.map((p) => p[0]),
    names: prodRows.map((p) => p[1]),
    supplier: Int32Array.from(prodRows, (p) => supIndex.get(p[2]) ?? -1),
    function: prodRows.map((p) => p[3]),
    certifications: prodRows.map((p) => fromJsonColumn<string[]>(p[4], []).map((c) => c.toUpperCase())),
    endOfSupport: Float64Array.from(prodRows, (p) => toEpochDay(p[5])),
  };

  const opIndex = index(opRows.map((o) => o[0]));
  const segIndex = index(SEGMENTS.map((s) => s.id));
  const fnIndex = index(FUNCTIONS.map((f) => f.id));
  const prodIndex = index(products.ids);
  const assetWhere = where ? ` WHERE operator_id IN (SELECT operator_id FROM operators${where})` : '';
  // unfiltered, max(rowid) bounds the row count without a scan (rowids only grow; gaps are trimmed below)
  const capacity = Number(
    (where ? db.prepare(`SELECT count(*) FROM assets${assetWhere}`) : db.prepare('SELECT ifnull(max(rowid), 0) FROM assets')).pluck().get(...opParams),
  );
  const cols: CoreAssets = { ...allocateAssetColumns(capacity), inService: new Float64Array(capacity) };
  const scan = db
    .prepare(
      `SELECT asset_id, operator_id, segment, function, supplier_id, product_id, quantity, ${EPOCH_DAY_SQL('end_of_support')}, ${EPOCH_DAY_SQL('in_service')}, rowid FROM assets${assetWhere} ORDER BY rowid`,
    )
    .raw(true);
  const productEnd = products.endOfSupport;
  let k = 0;
  const lastRowid = Number(db.prepare('SELECT ifnull(max(rowid), 0) FROM assets').pluck().get());
  /** rowid → the row's position in the scan, -1 for rows the filter left out */
  const positionOf = new Int32Array(lastRowid + 1).fill(-1);
  for (const r of scan.iterate(...opParams) as Iterable<[string, string, string, string, string, string | null, number, number | null, number | null, number]>) {
    positionOf[r[9]] = k;
    cols.ids[k] = r[0];
    cols.operator[k] = opIndex.get(r[1]) ?? -1;
    cols.segment[k] = segIndex.get(r[2]) ?? -1;
    cols.function[k] = fnIndex.get(r[3]) ?? -1;
    cols.supplier[k] = supIndex.get(r[4]) ?? -1;
    const p = r[5] === null ? -1 : (prodIndex.get(r[5]) ?? -1);
    cols.product[k] = p;
    cols.quantity[k] = r[6];
    cols.endOfSupport[k] = r[7] !== null ? r[7] : p >= 0 ? productEnd[p]! : Number.NaN;
    cols.inService[k] = r[8] ?? Number.NaN;
    k++;
  }
  return {
    operators: {
      ids: opRows.map((o) => o[0]),
      names: opRows.map((o) => o[1]),
      memberState: opRows.map((o) => o[2]),
      subscribers: Float64Array.from(opRows, (o) => (o[3] === null ? Number.NaN : Number(o[3]))),
    },
    suppliers: { ids: supRows.map((s) => s[0]), names: supRows.map((s) => s[1]), hqCountry: supRows.map((s) => s[2]) },
    products,
    assets: inIdOrder(db, k < capacity ? shrink(cols, k) : cols, positionOf),
  };
}

/**
 * The asset columns in asset_id order, not the order of import: a finding lists its assets in snapshot
 * order and a stored run keeps the first 100, which must not depend on the order rows came in. The order
 * is read from the key's index alone (a covering scan of rowids) and applied to the columns already
 * loaded in rowid order; scanning the table in key order instead took 2.2× as long when rows were
 * imported shuffled (random reads; bench/ASSESS-NOTES.md). An inventory imported in id order is left as it is.
 */
function inIdOrder(db: Store['sqlite'], c: CoreAssets, positionOf: Int32Array): CoreAssets {
  const order = new Int32Array(c.count);
  let j = 0;
  let sorted = true;
  // all() rather than iterate(): one call into SQLite, measured twice as fast for a million rowids
  for (const rowid of db.prepare('SELECT rowid FROM assets ORDER BY asset_id').pluck().all() as number[]) {
    const p = positionOf[rowid]!;
    if (p < 0) continue;
    if (p !== j) sorted = false;
    order[j++] = p;
  }
  if (sorted) return c;
  const take = <A extends Int32Array | Float64Array>(col: A): A => {
    const out = new (col.constructor as new (n: number) => A)(c.count);
    for (let i = 0; i < c.count; i++) out[i] = col[order[i]!]!;
    return out;
  };
  const ids = new Array<string>(c.count);
  for (let i = 0; i < c.count; i++) ids[i] = c.ids[order[i]!]!;
  return {
    count: c.count,
    ids,
    operator: take(c.operator),
    segment: take(c.segment),
    function: take(c.function),
    supplier: take(c.supplier),
    product: take(c.product),
    quantity: take(c.quantity),
    endOfSupport: take(c.endOfSupport),
    inService: take(c.inService),
  };
}

function shrink(c: CoreAssets, k: number): CoreAssets {
  return {
    count: k,
    ids: c.ids.slice(0, k),
    operator: c.operator.slice(0, k),
    segment: c.segment.slice(0, k),
    function: c.function.slice(0, k),
    supplier: c.supplier.slice(0, k),
    product: c.product.slice(0, k),
    quantity: c.quantity.slice(0, k),
    endOfSupport: c.endOfSupport.slice(0, k),
    inService: c.inService.slice(0, k),
  };
}
