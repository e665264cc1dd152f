import { rowToDesignation } from '../designation-rows.js';
import { UserError } from '../../domain/errors.js';
import type { Asset, Criticality, Designation, Operator, Product, Supplier } from '../../domain/index.js';
import { criticalityOf } from '../../engine/criticality.js';
import { effectivePolicyOf } from '../effective-policy.js';
import { fromJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import type { AssetTable, DesignationTable, OperatorTable, ProductTable } from '../schema.js';
import { tenancyOf, type Scope } from './scope.js';
import { pageOf, scopeRows, selectPage, Where, type Page, type PageRequest } from './sql.js';

/*
 * Scoped reads of the inventory. Absent and out-of-scope look the same to the caller (undefined), so a
 * single-item read never tells whether a row exists elsewhere. Suppliers and products are reference
 * data every role may read: they say who makes what, not who runs what.
 */

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
const toOperator = (r: OperatorTable): Operator => defined({ ...r }) as Operator;
const toProduct = (r: ProductTable): Product => defined({ ...r, certifications: fromJsonColumn<string[]>(r.certifications, []) }) as Product;
const toAsset = (r: AssetTable): Asset => defined({ ...r }) as unknown as Asset;
// one reading of a designation row for every path: absent optional fields left out, not null
export const toDesignation = (r: DesignationTable): Designation => rowToDesignation(r);

export interface OperatorFilter extends PageRequest {
  memberState?: string;
  kind?: string;
  q?: string;
}

export function listOperators(store: Store, scope: Scope, f: OperatorFilter = {}): Page<Operator> {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state', operator: 'operator_id' })
    .eq('member_state', f.memberState)
    .eq('kind', f.kind);
  if (f.q) w.add("name LIKE ? ESCAPE '\\'", `%${likeEscape(f.q)}%`);
  const page = selectPage<OperatorTable>(store, '*', 'FROM operators', w, 'operator_id', f);
  return { ...page, items: page.items.map(toOperator) };
}

export function getOperator(store: Store, scope: Scope, id: string): Operator | undefined {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state', operator: 'operator_id' }).add('operator_id = ?', id);
  const r = store.sqlite.prepare(`SELECT * FROM operators${w}`).get(...w.params) as OperatorTable | undefined;
  return r && toOperator(r);
}

export interface SupplierFilter extends PageRequest {
  hqCountry?: string;
  q?: string;
}

export function listSuppliers(store: Store, _scope: Scope, f: SupplierFilter = {}): Page<Supplier> {
  const w = new Where().eq('hq_country', f.hqCountry);
  if (f.q) w.add("name LIKE ? ESCAPE '\\'", `%${likeEscape(f.q)}%`);
  return selectPage<Supplier>(store, 'supplier_id, name, hq_country', 'FROM suppliers', w, 'supplier_id', f);
}

export function getSupplier(store: Store, _scope: Scope, id: string): Supplier | undefined {
  return store.sqlite.prepare('SELECT supplier_id, name, hq_country FROM suppliers WHERE supplier_id = ?').get(id) as Supplier | undefined;
}

export interface ProductFilter extends PageRequest {
  supplierId?: string;
  function?: string;
}

export function listProducts(store: Store, _scope: Scope, f: ProductFilter = {}): Page<Product> {
  const w = new Where().eq('supplier_id', f.supplierId).eq('function', f.function);
  const page = selectPage<ProductTable>(store, '*', 'FROM products', w, 'product_id', f);
  return { ...page, items: page.items.map(toProduct) };
}

export function getProduct(store: Store, _scope: Scope, id: string): Product | undefined {
  const r = store.sqlite.prepare('SELECT * FROM products WHERE product_id = ?').get(id) as ProductTable | undefined;
  return r && toProduct(r);
}

export interface AssetFilter extends PageRequest {
  operatorId?: string;
  memberState?: string;
  segment?: string;
  function?: string;
  supplierId?: string;
  productId?: string;
  /** as the engine derives it (criticalityOf) under each member state's policy in force */
  criticality?: Criticality;
  /** keyset paging: the rows after this asset id (a page's `next`), instead of an offset; by asset id, ascending, only */
  after?: string;
  /** the column to order by (default assetId); ties are broken by asset id, so every order is total and pages never overlap */
  sort?: AssetSort;
  order?: 'asc' | 'desc';
}

/** The columns assets may be ordered by, and the SQL column each names: a whitelist, never the caller's text in SQL. */
export const ASSET_SORT_COLUMNS = {
  assetId: 'asset_id',
  operatorId: 'operator_id',
  segment: 'segment',
  function: 'function',
  supplierId: 'supplier_id',
  productId: 'product_id',
  softwareVersion: 'software_version',
  quantity: 'quantity',
  region: 'region',
  inService: 'in_service',
  endOfSupport: 'end_of_support',
} as const;
export type AssetSort = keyof typeof ASSET_SORT_COLUMNS;

function assetOrder(f: Pick<AssetFilter, 'sort' | 'order'>): string {
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const col = Object.hasOwn(ASSET_SORT_COLUMNS, f.sort ?? 'assetId') ? ASSET_SORT_COLUMNS[f.sort ?? 'assetId'] : undefined;
  if (!col) throw new UserError(`sort: unknown column ${String(f.sort)}`);
  return col === 'asset_id' ? `a.asset_id ${dir}` : `a.${col} ${dir}, a.asset_id ${dir}`;
}

/**
 * Asset rows reach a scope through their operator's member state. `t` is the alias of the table read:
 * assets (a) or the counts kept of them (c), which carry the same operator, segment, supplier columns.
 */
function assetWhere(scope: Scope, t: 'a' | 'c' = 'a'): Where {
  const ten = tenancyOf(scope);
  const w = new Where();
  if (ten.kind === 'aggregates') return w.add('1 = 0');
  if (ten.kind === 'operator') return w.add(`${t}.operator_id = ?`, ten.operatorId);
  if (ten.kind === 'member-state') return w.add('o.member_state = ?', ten.memberState);
  return w;
}

/** The filter's clauses over assets (a) or their counts (c); the product of a count row is product_key. */
function assetFilter(store: Store, scope: Scope, f: AssetFilter, t: 'a' | 'c'): Where {
  const w = assetWhere(scope, t)
    .eq(`${t}.operator_id`, f.operatorId)
    .eq('o.member_state', f.memberState)
    .eq(`${t}.segment`, f.segment)
    .eq(`${t}.function`, f.function)
    .eq(`${t}.supplier_id`, f.supplierId)
    .eq(t === 'a' ? 'a.product_id' : 'c.product_key', f.productId);
  if (f.criticality !== undefined)
    // starts with `o.` so that fromWith joins operators for the member state
    w.add(`o.member_state || char(31) || ${t}.segment || char(31) || ${t}.function IN (SELECT value FROM json_each(?))`, JSON.stringify(criticalityKeys(store, f.criticality)));
  return w;
}

/**
 * The member state × segment × function combinations present in the inventory whose criticality is `c`
 * under the policy in force in that member state: the engine's derivation (criticalityOf), worked out
 * once per combination (a few thousand at Union scale) rather than per asset, as `ms␟segment␟function`.
 */
function criticalityKeys(store: Store, c: Criticality): string[] {
  const combos = store.sqlite
    .prepare('SELECT DISTINCT o.member_state, c.segment, c.function FROM asset_counts c JOIN operators o ON o.operator_id = c.operator_id')
    .raw()
    .all() as [string, string, string][];
  const policies = new Map<string, ReturnType<typeof effectivePolicyOf>>();
  const policy = (ms: string) => policies.get(ms) ?? policies.set(ms, effectivePolicyOf(store, ms)).get(ms)!;
  return combos.filter(([ms, seg, fn]) => criticalityOf(policy(ms), seg, fn) === c).map((k) => k.join('\u001f'));
}

/** FROM for a read of `table` as `t`, joining operators only where a clause asks for the member state. */
const fromWith = (table: string, t: string, w: Where) =>
  `FROM ${table} ${t}${w.clauses.some((c) => c.startsWith('o.')) ? ` JOIN operators o ON o.operator_id = ${t}.operator_id` : ''}`;

/**
 * How many assets of the scope pass the filter: a sum over the counts the store keeps (asset-counts.ts),
 * exact in every committed state, instead of a COUNT(*) over the rows on every page.
 */
export function countAssets(store: Store, scope: Scope, f: Omit<AssetFilter, keyof PageRequest | 'after'> = {}): number {
  const w = assetFilter(store, scope, f, 'c');
  return Number(store.sqlite.prepare(`SELECT COALESCE(SUM(c.n), 0) ${fromWith('asset_counts', 'c', w)}${w}`).pluck().get(...w.params));
}

/**
 * Assets in the scope by asset id, a page at a time. With `after` the page starts after that id (keyset
 * paging: as cheap on page 5,000 as on the first, where an offset steps over every row before it);
 * `next` is the id to ask for the following page with, present while pages are full. `total` is the
 * whole filtered scope, from the kept counts.
 */
export function listAssets(store: Store, scope: Scope, f: AssetFilter = {}): Page<Asset> & { next?: string } {
  const { limit, offset } = pageOf(f);
  const keyset = f.after !== undefined;
  if (keyset && ((f.sort ?? 'assetId') !== 'assetId' || f.order === 'desc'))
    throw new UserError('after: keyset paging follows the asset id in ascending order; with another sort, page by offset');
  const skip = keyset ? 0 : offset;
  const byOperator = operatorsOfPage(store, scope, f, skip);
  const items = byOperator ? mergedOperatorPages(store, scope, f, byOperator, limit) : assetPage(store, scope, f, assetOrder(f), limit, skip);
  const last = items.length === limit ? items[items.length - 1] : undefined;
  return { items: items.map(toAsset), total: countAssets(store, scope, f), limit, offset: skip, ...(last ? { next: last.asset_id } : {}) };
}

/** One page of the scope's assets passing the filter (and after `f.after`), in `order`. */
function assetPage(store: Store, scope: Scope, f: AssetFilter, order: string, limit: number, offset: number): AssetTable[] {
  const w = assetFilter(store, scope, f, 'a');
  if (f.after !== undefined) w.add('a.asset_id > ?', f.after);
  return store.sqlite.prepare(`SELECT a.* ${fromWith('assets', 'a', w)}${w} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as AssetTable[];
}

/**
 * The operators to read a member state's page of assets from, one by one, or undefined where one query
 * is the better way. In id order, a member state's assets are found by walking every asset's id until
 * a page of that state's is met: at Union scale 0.12 s for a page of DE, whose ids come after those of
 * the states before it, and the main cost of an authority's reads under load (bench/LOAD-NOTES.md).
 * Each operator's assets are in id order in the index (operator_id, asset_id) — with a segment, (operator_id,
 * segment, asset_id) — so the first page after any id is the first `limit` of each operator's, merged.
 * Only for the id order, and a first page or one after an id: an offset would read offset + limit
 * rows of every operator.
 */
function operatorsOfPage(store: Store, scope: Scope, f: AssetFilter, offset: number): string[] | undefined {
  if (f.operatorId !== undefined || (f.sort ?? 'assetId') !== 'assetId' || f.order === 'desc' || offset > 0) return undefined;
  const t = tenancyOf(scope);
  const memberState = t.kind === 'member-state' ? t.memberState : t.kind === 'all' ? f.memberState : undefined;
  if (memberState === undefined || (f.memberState !== undefined && f.memberState !== memberState)) return undefined;
  return store.sqlite.prepare('SELECT operator_id FROM operators WHERE member_state = ? ORDER BY operator_id').pluck().all(memberState) as string[];
}

/** The first `limit` of the operators' pages (each read through the caller's scope, as any page), merged by asset id. */
function mergedOperatorPages(store: Store, scope: Scope, f: AssetFilter, operators: readonly string[], limit: number): AssetTable[] {
  const rows = operators.flatMap((operatorId) => assetPage(store, scope, { ...f, operatorId }, 'a.asset_id ASC', limit, 0));
  // ids are ASCII (the Id schema): JavaScript's order of them is SQLite's BINARY order
  return rows.sort((a, b) => (a.asset_id < b.asset_id ? -1 : a.asset_id > b.asset_id ? 1 : 0)).slice(0, limit);
}

/** FROM … WHERE of the scope's assets passing the filter, after an asset id (asset-detail.ts, assetBatches). */
export function assetBatchWhere(store: Store, scope: Scope, f: AssetFilter, after: string | undefined): { sql: string; params: unknown[] } {
  const w = assetFilter(store, scope, f, 'a');
  if (after !== undefined) w.add('a.asset_id > ?', after);
  return { sql: `${fromWith('assets', 'a', w)}${w}`, params: w.params };
}

export function getAsset(store: Store, scope: Scope, id: string): Asset | undefined {
  const w = assetWhere(scope).add('a.asset_id = ?', id);
  const r = store.sqlite.prepare(`SELECT a.* ${fromWith('assets', 'a', w)}${w}`).get(...w.params) as
    | AssetTable
    | undefined;
  return r && toAsset(r);
}

export interface DesignationFilter extends PageRequest {
  memberState?: string;
  supplierId?: string;
  status?: string;
}

/**
 * Designations are a member state's decisions: its authority sees them, and so do its operators (they
 * must comply); the union analyst does not see rows, only the aggregates built on them.
 */
export function listDesignations(store: Store, scope: Scope, f: DesignationFilter = {}): Page<Designation> {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state' })
    .eq('member_state', f.memberState)
    .eq('supplier_id', f.supplierId)
    .eq('status', f.status);
  const page = selectPage<DesignationTable>(store, '*', 'FROM designations', w, 'designation_id', f);
  return { ...page, items: page.items.map(toDesignation) };
}

export function getDesignation(store: Store, scope: Scope, id: string): Designation | undefined {
  const w = scopeRows(new Where(), scope, { memberState: 'member_state' }).add('designation_id = ?', id);
  const r = store.sqlite.prepare(`SELECT * FROM designations${w}`).get(...w.params) as DesignationTable | undefined;
  return r && toDesignation(r);
}

/** Counts of the scope's rows; the union analyst's counts are of the whole instance (aggregates). */
export function countInScope(store: Store, scope: Scope): { operators: number; assets: number; designations: number } {
  const t = tenancyOf(scope);
  const all = t.kind === 'all' || t.kind === 'aggregates';
  const one = (sql: string, ...p: unknown[]) => Number(store.sqlite.prepare(sql).pluck().get(...p));
  // assets from the kept counts (countAssets); operators and designations are a few hundred rows
  if (all) return { operators: one('SELECT COUNT(*) FROM operators'), assets: one('SELECT COALESCE(SUM(n), 0) FROM asset_counts'), designations: one('SELECT COUNT(*) FROM designations') };
  if (t.kind === 'member-state')
    return {
      operators: one('SELECT COUNT(*) FROM operators WHERE member_state = ?', t.memberState),
      assets: countAssets(store, scope),
      designations: one('SELECT COUNT(*) FROM designations WHERE member_state = ?', t.memberState),
    };
  return {
    operators: one('SELECT COUNT(*) FROM operators WHERE operator_id = ?', t.operatorId),
    assets: countAssets(store, scope),
    designations: one('SELECT COUNT(*) FROM designations WHERE member_state = ?', t.memberState),
  };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
