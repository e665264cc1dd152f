import { rowToDesignation } from '../designation-rows.js';
import type { Asset, Designation, Operator, Product, Supplier } from '../../domain/index.js';
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
  supplierId?: string;
  productId?: string;
  /** keyset paging: the rows after this asset id (a page's `next`), instead of an offset */
  after?: string;
}

/** Asset rows reach a scope through their operator's member state. */
function assetWhere(scope: Scope): Where {
  const t = tenancyOf(scope);
  const w = new Where();
  if (t.kind === 'aggregates') return w.add('1 = 0');
  if (t.kind === 'operator') return w.add('a.operator_id = ?', t.operatorId);
  if (t.kind === 'member-state') return w.add('o.member_state = ?', t.memberState);
  return w;
}

const ASSETS_FROM = 'FROM assets a JOIN operators o ON o.operator_id = a.operator_id';

/**
 * Assets in the scope by asset id, a page at a time. With `after` the page starts after that id (keyset
 * paging: as cheap on page 5,000 as on the first, where an offset steps over every row before it);
 * `next` is the id to ask for the following page with, present while pages are full.
 */
export function listAssets(store: Store, scope: Scope, f: AssetFilter = {}): Page<Asset> & { next?: string } {
  const filtered = () =>
    assetWhere(scope).eq('a.operator_id', f.operatorId).eq('o.member_state', f.memberState).eq('a.segment', f.segment).eq('a.supplier_id', f.supplierId).eq('a.product_id', f.productId);
  let page: Page<AssetTable>;
  if (f.after === undefined) page = selectPage<AssetTable>(store, 'a.*', ASSETS_FROM, filtered(), 'a.asset_id', f);
  else {
    const { limit } = pageOf(f);
    const all = filtered();
    const total = Number(store.sqlite.prepare(`SELECT COUNT(*) ${ASSETS_FROM}${all}`).pluck().get(...all.params));
    const w = filtered().add('a.asset_id > ?', f.after);
    const items = store.sqlite.prepare(`SELECT a.* ${ASSETS_FROM}${w} ORDER BY a.asset_id LIMIT ?`).all(...w.params, limit) as AssetTable[];
    page = { items, total, limit, offset: 0 };
  }
  const last = page.items.length === page.limit ? page.items[page.items.length - 1] : undefined;
  return { ...page, items: page.items.map(toAsset), ...(last ? { next: last.asset_id } : {}) };
}

export function getAsset(store: Store, scope: Scope, id: string): Asset | undefined {
  const w = assetWhere(scope).add('a.asset_id = ?', id);
  const r = store.sqlite.prepare(`SELECT a.* FROM assets a JOIN operators o ON o.operator_id = a.operator_id${w}`).get(...w.params) as
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
  if (all) return { operators: one('SELECT COUNT(*) FROM operators'), assets: one('SELECT COUNT(*) FROM assets'), designations: one('SELECT COUNT(*) FROM designations') };
  if (t.kind === 'member-state')
    return {
      operators: one('SELECT COUNT(*) FROM operators WHERE member_state = ?', t.memberState),
      assets: one('SELECT COUNT(*) FROM assets a JOIN operators o ON o.operator_id = a.operator_id WHERE o.member_state = ?', t.memberState),
      designations: one('SELECT COUNT(*) FROM designations WHERE member_state = ?', t.memberState),
    };
  return {
    operators: one('SELECT COUNT(*) FROM operators WHERE operator_id = ?', t.operatorId),
    assets: one('SELECT COUNT(*) FROM assets WHERE operator_id = ?', t.operatorId),
    designations: one('SELECT COUNT(*) FROM designations WHERE member_state = ?', t.memberState),
  };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
