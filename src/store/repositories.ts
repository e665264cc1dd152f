import { rowToDesignation } from './designation-rows.js';
import type { Asset, Designation, Operator, Policy, Product, Supplier } from '../domain/index.js';
import { fromJsonColumn } from './json.js';
import type { Store } from './open.js';
import type { Selectable } from 'kysely';
import type { AssetTable, Database, DesignationTable, ImportLogTable, OperatorTable, ProductTable } from './schema.js';

/*
 * Small typed reads for the CLI, API and reports. Rows come back in the domain's shapes (as the import
 * schemas produce them): absent values are left out, lists are arrays. Bulk reads go through
 * loadSnapshot instead.
 */

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

const toOperator = (r: OperatorTable): Operator =>
  defined({ ...r, subscribers: r.subscribers ?? undefined, critical_services: r.critical_services ?? undefined }) as Operator;
const toProduct = (r: ProductTable): Product =>
  defined({ ...r, certifications: fromJsonColumn<string[]>(r.certifications, []), end_of_support: r.end_of_support ?? undefined }) as Product;
const toAsset = (r: AssetTable): Asset => defined(r) as unknown as Asset;
// one reading of a designation row for every path: absent optional fields left out, not null
const toDesignation = (r: DesignationTable): Designation => rowToDesignation(r);

export async function listOperators(store: Store, filter: { memberState?: string } = {}): Promise<Operator[]> {
  let q = store.db.selectFrom('operators').selectAll().orderBy('operator_id');
  if (filter.memberState) q = q.where('member_state', '=', filter.memberState);
  return (await q.execute()).map(toOperator);
}

/** Whether a supplier is recorded (a synchronous check, usable inside a write's transaction). */
export const supplierExists = (store: Store, id: string): boolean => store.sqlite.prepare('SELECT 1 FROM suppliers WHERE supplier_id = ?').get(id) !== undefined;
/** Whether a product is recorded (a synchronous check, usable inside a write's transaction). */
export const productExists = (store: Store, id: string): boolean => store.sqlite.prepare('SELECT 1 FROM products WHERE product_id = ?').get(id) !== undefined;

/** The facts about operators that the inventory's assets do not hold, keyed by operator id: only those recorded. */
export async function recordedOperatorFacts(store: Store): Promise<Record<string, { criticalServices: number }>> {
  const rows = await store.db.selectFrom('operators').select(['operator_id', 'critical_services']).where('critical_services', 'is not', null).execute();
  return Object.fromEntries(rows.map((r) => [r.operator_id, { criticalServices: Number(r.critical_services) }]));
}

export async function getOperator(store: Store, id: string): Promise<Operator | undefined> {
  const r = await store.db.selectFrom('operators').selectAll().where('operator_id', '=', id).executeTakeFirst();
  return r && toOperator(r);
}

export async function listSuppliers(store: Store): Promise<Supplier[]> {
  return store.db.selectFrom('suppliers').selectAll().orderBy('supplier_id').execute();
}

export async function getSupplier(store: Store, id: string): Promise<Supplier | undefined> {
  return store.db.selectFrom('suppliers').selectAll().where('supplier_id', '=', id).executeTakeFirst();
}

export async function listProducts(store: Store, filter: { supplierId?: string } = {}): Promise<Product[]> {
  let q = store.db.selectFrom('products').selectAll().orderBy('product_id');
  if (filter.supplierId) q = q.where('supplier_id', '=', filter.supplierId);
  return (await q.execute()).map(toProduct);
}

export async function getProduct(store: Store, id: string): Promise<Product | undefined> {
  const r = await store.db.selectFrom('products').selectAll().where('product_id', '=', id).executeTakeFirst();
  return r && toProduct(r);
}

/** Assets of one operator, a page at a time (an operator may hold hundreds of thousands). */
export async function listAssets(store: Store, filter: { operatorId: string; limit?: number; offset?: number }): Promise<Asset[]> {
  const rows = await store.db
    .selectFrom('assets')
    .selectAll()
    .where('operator_id', '=', filter.operatorId)
    .orderBy('asset_id')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toAsset);
}

export async function getAsset(store: Store, id: string): Promise<Asset | undefined> {
  const r = await store.db.selectFrom('assets').selectAll().where('asset_id', '=', id).executeTakeFirst();
  return r && toAsset(r);
}

export async function listDesignations(store: Store, filter: { memberState?: string } = {}): Promise<Designation[]> {
  let q = store.db.selectFrom('designations').selectAll().orderBy('designation_id');
  if (filter.memberState) q = q.where('member_state', '=', filter.memberState);
  return (await q.execute()).map(toDesignation);
}

export async function getDesignation(store: Store, id: string): Promise<Designation | undefined> {
  const r = await store.db.selectFrom('designations').selectAll().where('designation_id', '=', id).executeTakeFirst();
  return r && toDesignation(r);
}

export type RowCounts = Record<'operators' | 'suppliers' | 'products' | 'assets' | 'designations' | 'policies' | 'imports', number>;

export async function countRows(store: Store): Promise<RowCounts> {
  const tables = ['operators', 'suppliers', 'products', 'assets', 'designations', 'policies', 'imports'] as const;
  const out = {} as RowCounts;
  for (const t of tables) {
    const r = await store.db
      .selectFrom(t as keyof Database)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

export interface StoredPolicy {
  policy: Policy;
  importedAt: string;
}

/** The latest stored policy (greatest imported_at) of each member state that has one. */
export async function latestPolicies(store: Store): Promise<Map<string, StoredPolicy>> {
  const rows = await store.db.selectFrom('policies').selectAll().orderBy('imported_at').orderBy('version').execute();
  const out = new Map<string, StoredPolicy>();
  for (const r of rows) out.set(r.member_state, { policy: fromJsonColumn<Policy>(r.document, undefined as never), importedAt: r.imported_at });
  return out;
}

export async function latestPolicy(store: Store, memberState: string): Promise<StoredPolicy | undefined> {
  return (await latestPolicies(store)).get(memberState);
}

export async function listImports(store: Store): Promise<Selectable<ImportLogTable>[]> {
  return store.db.selectFrom('imports').selectAll().orderBy('started_at', 'desc').execute();
}
