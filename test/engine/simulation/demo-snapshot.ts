import { resolvePolicy } from '../../../src/catalog/resolve-policy.js';
import { generateDemo, type DemoData } from '../../../src/demo/index.js';
import { Asset, Designation, Operator, Policy, Product, Supplier } from '../../../src/domain/index.js';
import { buildSnapshot } from '../../../src/engine/snapshot-builder.js';
import type { Snapshot } from '../../../src/engine/snapshot.js';

/** The small demo (seed 1, what `secure5g demo` loads by default) as a snapshot, through the domain schemas. */
export function smallDemo(): { data: DemoData; snapshot: Snapshot } {
  const data = generateDemo({ scale: 'small', seed: 1 });
  const policies = data.policies.map((p) => Policy.parse(p));
  const snapshot = buildSnapshot({
    operators: data.operators.map((r) => Operator.parse(r)),
    suppliers: data.suppliers.map((r) => Supplier.parse(r)),
    products: data.products.map((r) => Product.parse(r)),
    assets: [...data.assets()].map((r) => Asset.parse(r)),
    designations: data.designations.map((r) => Designation.parse(r)),
    policies: new Map(policies.map((p) => [p.member_state, resolvePolicy(p.member_state, p)])),
  });
  return { data, snapshot };
}
