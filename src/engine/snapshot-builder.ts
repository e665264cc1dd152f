import type { Asset, Designation, Operator, Product, Supplier } from '../domain/index.js';
import { ImportError } from '../domain/index.js';
import { BASELINE_POLICY, SEGMENTS, findFunction, type EffectivePolicy } from '../catalog/index.js';
import type { CertificateRecord } from './certificates.js';
import { allocateAssetColumns, toEpochDay, type Snapshot } from './snapshot.js';

export interface SnapshotInput {
  operators: Operator[];
  suppliers: Supplier[];
  products: Product[];
  assets: Asset[];
  designations: Designation[];
  /** effective policy per member state; a member state left out gets the secure5g default */
  policies?: Map<string, EffectivePolicy>;
  certificates?: CertificateRecord[];
}

function dictionary(file: string, field: string, ids: string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => {
    if (map.has(id)) throw new ImportError(file, i + 1, field, `duplicate id "${id}"`);
    map.set(id, i);
  });
  return map;
}

function lookup(map: Map<string, number>, id: string, file: string, row: number, field: string, what: string): number {
  const index = map.get(id);
  if (index === undefined) throw new ImportError(file, row, field, `unknown ${what} "${id}"`);
  return index;
}

/**
 * Builds a snapshot from parsed domain rows: for tests and small programmatic runs (the store has its
 * own loader). Dictionaries keep the input order. References are checked: an unknown operator,
 * supplier, product or catalogue function is an ImportError naming the file, row and field.
 */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const { operators, suppliers, products, assets, designations } = input;
  const given = input.policies ?? new Map<string, EffectivePolicy>();
  const memberStates = [
    ...new Set([...operators.map((o) => o.member_state), ...designations.map((d) => d.member_state), ...given.keys()]),
  ].sort();
  const msIndex = new Map(memberStates.map((c, i) => [c, i]));
  const opIndex = dictionary('operators', 'operator_id', operators.map((o) => o.operator_id));
  const supIndex = dictionary('suppliers', 'supplier_id', suppliers.map((s) => s.supplier_id));
  const prodIndex = dictionary('products', 'product_id', products.map((p) => p.product_id));
  dictionary('assets', 'asset_id', assets.map((a) => a.asset_id));
  designations.forEach((d, i) => lookup(supIndex, d.supplier_id, 'designations', i + 1, 'supplier_id', 'supplier'));

  const segments = SEGMENTS.map((s) => s.id);
  const segIndex = new Map<string, number>(segments.map((s, i) => [s, i]));
  const fnIndex = new Map<string, number>();
  const functions: string[] = [];
  const functionIndex = (fn: string, file: string, row: number): number => {
    let f = fnIndex.get(fn);
    if (f === undefined) {
      if (!findFunction(fn)) throw new ImportError(file, row, 'function', `"${fn}" is not a function of the catalogue`);
      f = functions.push(fn) - 1;
      fnIndex.set(fn, f);
    }
    return f;
  };
  products.forEach((p, i) => functionIndex(p.function, 'products', i + 1));

  const productEnd = Float64Array.from(products, (p) => toEpochDay(p.end_of_support));
  const n = assets.length;
  const cols = allocateAssetColumns(n);
  assets.forEach((a, i) => {
    const row = i + 1;
    cols.ids[i] = a.asset_id;
    cols.operator[i] = lookup(opIndex, a.operator_id, 'assets', row, 'operator_id', 'operator');
    cols.segment[i] = lookup(segIndex, a.segment, 'assets', row, 'segment', 'segment');
    cols.function[i] = functionIndex(a.function, 'assets', row);
    cols.supplier[i] = lookup(supIndex, a.supplier_id, 'assets', row, 'supplier_id', 'supplier');
    const p = a.product_id === undefined ? -1 : lookup(prodIndex, a.product_id, 'assets', row, 'product_id', 'product');
    cols.product[i] = p;
    cols.quantity[i] = a.quantity;
    const own = toEpochDay(a.end_of_support);
    cols.endOfSupport[i] = Number.isNaN(own) && p >= 0 ? productEnd[p] : own;
  });

  const policies = new Map<string, EffectivePolicy>();
  for (const ms of memberStates) policies.set(ms, given.get(ms) ?? { ...BASELINE_POLICY, memberState: ms });

  return {
    memberStates,
    operators: {
      ids: operators.map((o) => o.operator_id),
      names: operators.map((o) => o.name),
      memberState: Int32Array.from(operators, (o) => msIndex.get(o.member_state)!),
      subscribers: Float64Array.from(operators, (o) => o.subscribers ?? Number.NaN),
    },
    suppliers: {
      ids: suppliers.map((s) => s.supplier_id),
      names: suppliers.map((s) => s.name),
      hqCountry: suppliers.map((s) => s.hq_country),
    },
    products: {
      ids: products.map((p) => p.product_id),
      names: products.map((p) => p.name),
      supplier: Int32Array.from(products, (p, i) => lookup(supIndex, p.supplier_id, 'products', i + 1, 'supplier_id', 'supplier')),
      function: products.map((p) => p.function),
      certifications: products.map((p) => p.certifications.map((c) => c.toUpperCase())),
      endOfSupport: productEnd,
    },
    segments,
    functions,
    assets: cols,
    designations: [...designations],
    policies,
    ...certificateParts(input.certificates ?? [], assets),
  };
}

/** The records, and the versions of the assets whose product has a version-limited certificate. */
export function certificateParts(certificates: readonly CertificateRecord[], assets: readonly Pick<Asset, 'asset_id' | 'product_id' | 'software_version'>[]) {
  if (certificates.length === 0) return {};
  const versioned = new Set(certificates.filter((c) => c.versions.length > 0).map((c) => c.productId));
  const assetVersions = new Map<string, string>();
  for (const a of assets) if (a.product_id !== undefined && versioned.has(a.product_id) && a.software_version) assetVersions.set(a.asset_id, a.software_version);
  return { certificates: [...certificates], assetVersions };
}
