import { endianness } from 'node:os';
import type { Snapshot } from '../engine/snapshot.js';
import type { Store } from './open.js';

/*
 * A persisted copy of the snapshot's inventory part (operators, suppliers, products, assets) inside the
 * SQLite file, table snapshot_cache (migration 0003): typed-array columns as BLOBs, asset ids as
 * front-coded '\n'-joined UTF-8 text (frontCode below), the small dictionaries as JSON. Designations
 * and policies are not cached: they are small and read fresh on every load, so the cache can never
 * serve a stale policy.
 *
 * Validity: every part carries the data version it was built from (dataVersion below) and is used only
 * while the store's current data version is the same. SQLite's PRAGMA data_version is per connection
 * and the file change counter is not kept in WAL mode, so the version is a fingerprint read in one
 * statement (microseconds, no scan):
 *   - meta.data_version, a counter that writers outside the importer bump inside their transaction
 *     (markDataChanged);
 *   - max(rowid) and count of the import log: every import, of any kind, records its row in the same
 *     transaction as its data, so any import (inserts, upserts with changed rows, policies) moves it;
 *   - max(rowid) of operators, suppliers, products and assets: a plain INSERT moves it;
 *   - the cache format and the machine's byte order (the BLOBs are native-endian).
 * Not seen without markDataChanged: an UPDATE or DELETE made by hand outside the importer. No such
 * writer exists in the code today; any that is added must call markDataChanged in its transaction.
 * Triggers would catch those too, but fire per row (5 million times in an import).
 */

// 5: assets in asset_id order (a cache written in import order is not used)
const FORMAT = 5;
/** asset rows per BLOB (by default): keeps the ids text of one part far below SQLite's 1 GB value limit */
const CHUNK_ROWS = 1 << 22;

/** What the cache holds: the snapshot minus designations and policies, before member states are indexed. */
export interface SnapshotCore {
  operators: { ids: string[]; names: string[]; memberState: string[]; subscribers: Float64Array };
  suppliers: Snapshot['suppliers'];
  products: Snapshot['products'];
  /**
   * `function` holds indices into the catalogue's FUNCTIONS (the snapshot's own list is made on
   * assembly); `inService` the day each asset entered service (days since 1970, NaN when not given), so
   * a load for an earlier day can leave out what was not yet in service
   */
  assets: CoreAssets;
}

export type CoreAssets = Snapshot['assets'] & { inService: Float64Array };

/** Records that inventory data changed; call inside the writing transaction of any writer that is not the importer. */
export function markDataChanged(store: Store): void {
  store.sqlite.prepare("UPDATE meta SET value = value + 1 WHERE key = 'data_version'").run();
}

/** The store's current data version (see the comment at the top); read it in the same transaction as the data. */
export function dataVersion(store: Store): string {
  const maxRowid = (t: string) => `(SELECT ifnull(max(rowid), 0) FROM ${t})`;
  const parts = [
    "ifnull((SELECT value FROM meta WHERE key = 'data_version'), 0)",
    maxRowid('imports'),
    '(SELECT count(*) FROM imports)',
    ...['operators', 'suppliers', 'products', 'assets'].map(maxRowid),
  ];
  const v = store.sqlite.prepare(`SELECT ${parts.join(" || '.' || ")}`).pluck().get() as string;
  return `f${FORMAT}${endianness()}:${v}`;
}

export function clearSnapshotCache(store: Store): void {
  store.sqlite.exec('DELETE FROM snapshot_cache');
}

type NumberType = 'i8' | 'i16' | 'i32' | 'f32' | 'f64';
const ARRAY = { i8: Int8Array, i16: Int16Array, i32: Int32Array, f32: Float32Array, f64: Float64Array } as const;
type Column = Int32Array | Float64Array;

/** The narrowest type that holds every value exactly (NaN only in floats): 5 M rows of small indices take 5 MB, not 20. */
function narrowest(a: Column): NumberType {
  let min = 0;
  let max = 0;
  let integral = true;
  let single = true;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
    if (integral && !Number.isInteger(x)) integral = false;
    if (single && Math.fround(x) !== x && !Number.isNaN(x)) single = false;
  }
  if (integral && min >= -128 && max <= 127) return 'i8';
  if (integral && min >= -32768 && max <= 32767) return 'i16';
  if (integral && min >= -(2 ** 31) && max < 2 ** 31) return 'i32';
  return single ? 'f32' : 'f64';
}

interface Header {
  count: number;
  operators: { ids: string[]; names: string[]; memberState: string[] };
  suppliers: Snapshot['suppliers'];
  products: { ids: string[]; names: string[]; function: string[]; certifications: string[][] };
  /** column name → stored type and number of chunks */
  columns: Record<string, { type: NumberType; chunks: number }>;
  /** byte length of each asset-ids part */
  idBytes: number[];
}

const NUMERIC = ['operators.subscribers', 'products.supplier', 'products.endOfSupport', 'assets.operator', 'assets.segment', 'assets.function', 'assets.supplier', 'assets.product', 'assets.quantity', 'assets.endOfSupport', 'assets.inService'] as const;
type NumericName = (typeof NUMERIC)[number];

function numericColumn(core: SnapshotCore, name: NumericName): Column {
  const [group, field] = name.split('.') as [keyof SnapshotCore, string];
  return (core[group] as unknown as Record<string, Column>)[field]!;
}

/**
 * Writes the cache for `version` in one transaction, replacing any older one. Returns false (writing
 * nothing) when it cannot: an asset id holds the '\n' separator, or the database is busy or read-only —
 * the cache only saves time, so a load never fails over it.
 */
export function writeSnapshotCache(store: Store, version: string, core: SnapshotCore, chunkRows = CHUNK_ROWS): boolean {
  const n = core.assets.count;
  for (let i = 0; i < n; i++) if (core.assets.ids[i]!.includes('\n')) return false;
  const chunks = Math.ceil(n / chunkRows);
  const header: Header = {
    count: n,
    operators: { ids: core.operators.ids, names: core.operators.names, memberState: core.operators.memberState },
    suppliers: core.suppliers,
    products: { ids: core.products.ids, names: core.products.names, function: core.products.function, certifications: core.products.certifications },
    columns: {},
    idBytes: [],
  };
  const db = store.sqlite;
  try {
    db.transaction(() => {
      db.exec('DELETE FROM snapshot_cache');
      const put = db.prepare('INSERT INTO snapshot_cache (part, data_version, blob) VALUES (?, ?, ?)');
      for (const name of NUMERIC) {
        const col = numericColumn(core, name);
        const type = narrowest(col);
        const per = name.startsWith('assets.') ? chunkRows : Math.max(col.length, 1);
        const count = Math.ceil(col.length / per);
        header.columns[name] = { type, chunks: count };
        for (let c = 0; c < count; c++) {
          const stored = new ARRAY[type](col.subarray(c * per, (c + 1) * per));
          put.run(`${name}#${c}`, version, Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength));
        }
      }
      for (let c = 0; c < chunks; c++) {
        const text = Buffer.from(frontCode(core.assets.ids, c * chunkRows, Math.min(n, (c + 1) * chunkRows)), 'utf8');
        header.idBytes.push(text.byteLength);
        put.run(`assets.ids#${c}`, version, text);
      }
      // the header goes last: a reader checks it first, and it names every other part
      put.run('header', version, Buffer.from(JSON.stringify(header), 'utf8'));
    }).immediate();
    return true;
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_FULL')) return false;
    throw err;
  }
}

/** True when a cache for `version` is stored (cheap: reads one small row). */
export function hasSnapshotCache(store: Store, version: string): boolean {
  return store.sqlite.prepare("SELECT 1 FROM snapshot_cache WHERE part = 'header' AND data_version = ?").pluck().get(version) !== undefined;
}

/** The cached core for `version`, or undefined when none is stored for it (or a part is missing). */
export function readSnapshotCache(store: Store, version: string): SnapshotCore | undefined {
  const get = store.sqlite.prepare('SELECT blob FROM snapshot_cache WHERE part = ? AND data_version = ?').pluck();
  const part = (name: string) => get.get(name, version) as Buffer | undefined;
  const headerBlob = part('header');
  if (!headerBlob) return undefined;
  const h = JSON.parse(headerBlob.toString('utf8')) as Header;
  const numeric = <T extends Column>(name: NumericName, Target: { new (n: number): T }, length: number): T | undefined => {
    const spec = h.columns[name];
    if (!spec) return undefined;
    const out = new Target(length);
    const size = ARRAY[spec.type].BYTES_PER_ELEMENT;
    let at = 0;
    for (let c = 0; c < spec.chunks; c++) {
      const b = part(`${name}#${c}`);
      if (!b || b.byteLength % size !== 0) return undefined;
      // a typed-array view needs an aligned offset; copy the bytes once when the Buffer's is not
      const src = b.byteOffset % size === 0 ? b : new Uint8Array(b);
      out.set(new ARRAY[spec.type](src.buffer as ArrayBuffer, src.byteOffset, src.byteLength / size), at);
      at += src.byteLength / size;
    }
    return at === length ? out : undefined;
  };
  const n = h.count;
  const idParts: Buffer[] = [];
  for (let c = 0; c < h.idBytes.length; c++) {
    const b = part(`assets.ids#${c}`);
    if (!b || b.byteLength !== h.idBytes[c]) return undefined;
    idParts.push(b);
  }
  const cols = {
    subscribers: numeric('operators.subscribers', Float64Array, h.operators.ids.length),
    prodSupplier: numeric('products.supplier', Int32Array, h.products.ids.length),
    prodEnd: numeric('products.endOfSupport', Float64Array, h.products.ids.length),
    operator: numeric('assets.operator', Int32Array, n),
    segment: numeric('assets.segment', Int32Array, n),
    function: numeric('assets.function', Int32Array, n),
    supplier: numeric('assets.supplier', Int32Array, n),
    product: numeric('assets.product', Int32Array, n),
    quantity: numeric('assets.quantity', Float64Array, n),
    endOfSupport: numeric('assets.endOfSupport', Float64Array, n),
    inService: numeric('assets.inService', Float64Array, n),
  };
  if (Object.values(cols).some((c) => c === undefined)) return undefined;
  const c = cols as { [K in keyof typeof cols]: NonNullable<(typeof cols)[K]> };
  return {
    operators: { ...h.operators, subscribers: c.subscribers },
    suppliers: h.suppliers,
    products: { ...h.products, supplier: c.prodSupplier, endOfSupport: c.prodEnd },
    assets: withLazyIds(
      {
        count: n,
        operator: c.operator,
        segment: c.segment,
        function: c.function,
        supplier: c.supplier,
        product: c.product,
        quantity: c.quantity,
        endOfSupport: c.endOfSupport,
        inService: c.inService,
      },
      () => splitIds(idParts, n),
    ),
  };
}

/**
 * The asset columns with `ids` made on first read. The engine never reads asset ids (findings name
 * operators, suppliers and products), and making 5 M strings is most of a cache hit's time; the ids
 * text is already read (same transaction and version as the columns), only not yet split.
 */
export function withLazyIds<A extends Snapshot['assets']>(columns: Omit<A, 'ids'>, make: () => string[]): A {
  let ids: string[] | undefined;
  const assets = { ...columns } as A;
  Object.defineProperty(assets, 'ids', {
    enumerable: true,
    configurable: true,
    get: () => (ids ??= make()),
    set: (v: string[]) => void (ids = v),
  });
  return assets;
}

/*
 * Asset ids are front-coded: each id is one character saying how many leading characters it shares with
 * the id before it (32 + count, count at most 95, so never the '\n' separator and one UTF-8 byte), then
 * the rest. Ids stored in import order share most of their text with their neighbour ("OP-AT-000-00000001"
 * after "OP-AT-000-00000000" is " 1"... with 17 shared): 5 M ids took 15 MB instead of 95 MB, and reading
 * fewer bytes is most of what a cache hit costs; decoding takes about as long as a plain split.
 */
const MAX_SHARED = 95;

function frontCode(ids: readonly string[], from: number, to: number): string {
  const out = new Array<string>(to - from);
  let prev = '';
  for (let i = from; i < to; i++) {
    const id = ids[i]!;
    const m = Math.min(MAX_SHARED, id.length, prev.length);
    let p = 0;
    while (p < m && id.charCodeAt(p) === prev.charCodeAt(p)) p++;
    // never split a surrogate pair: each half alone would not survive UTF-8
    if (p > 0 && (id.charCodeAt(p - 1) & 0xfc00) === 0xd800) p--;
    out[i - from] = String.fromCharCode(32 + p) + id.slice(p);
    prev = id;
  }
  return out.join('\n');
}

function splitIds(parts: Buffer[], n: number): string[] {
  const ids = new Array<string>(n);
  let at = 0;
  for (const b of parts) {
    const chunk = b.toString('utf8').split('\n');
    let prev = '';
    for (let i = 0; i < chunk.length && at + i < n; i++) {
      const s = chunk[i]!;
      const p = s.charCodeAt(0) - 32;
      prev = ids[at + i] = p === 0 ? s.slice(1) : prev.slice(0, p) + s.slice(1);
    }
    at += chunk.length;
  }
  // the header's byte lengths matched, so only a damaged file gets here
  if (at !== n) throw new Error(`the snapshot cache holds ${at} asset ids for ${n} assets; delete its rows (DELETE FROM snapshot_cache) and load again`);
  return ids;
}
