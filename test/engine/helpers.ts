import type { CertificateRecord } from '../../src/engine/certificates.js';
import type { Asset, Designation, Operator, Product, Supplier } from '../../src/domain/index.js';
import { BASELINE_POLICY, type EffectivePolicy } from '../../src/catalog/index.js';
import { buildSnapshot } from '../../src/engine/snapshot-builder.js';
import type { Snapshot } from '../../src/engine/snapshot.js';

/** Fictional suppliers; their codes say nothing about any real company or country. */
export const SUPPLIERS: Supplier[] = [
  { supplier_id: 'SUP-A', name: 'Aurora Radio Systems', hq_country: 'XA' },
  { supplier_id: 'SUP-B', name: 'Borealis Networks', hq_country: 'XB' },
  { supplier_id: 'SUP-C', name: 'Cobalt Core Software', hq_country: 'XC' },
  { supplier_id: 'SUP-D', name: 'Delta Transport Works', hq_country: 'XD' },
];

export const operator = (operator_id: string, member_state: Operator['member_state']): Operator => ({
  operator_id,
  name: `Operator ${operator_id}`,
  member_state,
  kind: 'mno',
  subscribers: undefined,
});

export const product = (product_id: string, supplier_id: string, fn: string, certifications: string[] = [], end_of_support?: string): Product => ({
  product_id,
  supplier_id,
  name: `Product ${product_id}`,
  function: fn,
  certifications,
  end_of_support,
});

let assetCounter = 0;
/** An asset; the segment follows from the function's catalogue entry unless given. */
export function asset(fields: Partial<Asset> & Pick<Asset, 'operator_id' | 'segment' | 'function' | 'supplier_id' | 'quantity'>): Asset {
  return {
    asset_id: fields.asset_id ?? `A${++assetCounter}`,
    product_id: undefined,
    software_version: undefined,
    region: undefined,
    in_service: undefined,
    end_of_support: undefined,
    ...fields,
  };
}

export const designation = (fields: Partial<Designation> & Pick<Designation, 'designation_id' | 'member_state' | 'supplier_id'>): Designation => ({
  kind: 'high-risk',
  segments: ['ran'],
  legal_basis: 'Fictional Telecom Security Act §1',
  effective_date: '2025-01-01',
  transition_months: 12,
  status: 'in-force',
  ...fields,
});

export const policy = (memberState: string, changes: Partial<EffectivePolicy> = {}): EffectivePolicy => ({
  ...BASELINE_POLICY,
  memberState,
  ...changes,
});

export function snapshot(parts: {
  operators: Operator[];
  assets: Asset[];
  products?: Product[];
  designations?: Designation[];
  policies?: EffectivePolicy[];
  certificates?: CertificateRecord[];
}): Snapshot {
  return buildSnapshot({
    ...(parts.certificates ? { certificates: parts.certificates } : {}),
    operators: parts.operators,
    suppliers: SUPPLIERS,
    products: parts.products ?? [],
    assets: parts.assets,
    designations: parts.designations ?? [],
    policies: parts.policies ? new Map(parts.policies.map((p) => [p.memberState, p])) : undefined,
  });
}
