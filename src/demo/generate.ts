import type { PolicyInput } from '../domain/index.js';
import { operatorAssets, operatorUses } from './assets.js';
import { buildDesignations, type UsesByState } from './designations.js';
import { buildOperators } from './operators.js';
import { draftOperator, planOperator, siteRowsPerSite, type OperatorPlan } from './plan.js';
import { buildPolicies } from './policies.js';
import { buildCatalogue } from './products.js';
import { Rng, mixSeed } from './random.js';
import type { AssetRow, DesignationRow, OperatorRow, ProductRow, SupplierRow } from './rows.js';
import { scaleSetup, type DemoScale } from './scale.js';
import { VendorChooser } from './vendors.js';

export interface DemoOptions {
  scale: DemoScale;
  /** 0 … 2^32−1; the same seed gives byte-identical data */
  seed: number;
}

export interface DemoData {
  scale: DemoScale;
  seed: number;
  operators: OperatorRow[];
  suppliers: SupplierRow[];
  products: ProductRow[];
  /** each product's software releases, oldest first ('' for a product without software) */
  productVersions: ReadonlyMap<string, readonly string[]>;
  designations: DesignationRow[];
  policies: PolicyInput[];
  /** exact number of rows assets() yields, known without generating them */
  assetCount: number;
  /** a fresh pass over all assets on each call, generated lazily and identical every time */
  assets(): Iterable<AssetRow>;
}

/** Independent streams per purpose, so that a change in one part does not reshuffle the others. */
const STREAM = { catalogue: 1, preferences: 2, operators: 3, plans: 4, designations: 5, policies: 6 } as const;

export function generateDemo(opts: DemoOptions): DemoData {
  const { scale, seed } = opts;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`demo seed must be a whole number from 0 to 4294967295, got ${seed}`);
  const setup = scaleSetup(scale);
  const stream = (k: number) => new Rng(mixSeed(seed, k));

  const catalogue = buildCatalogue(setup.suppliers, stream(STREAM.catalogue));
  const stateCodes = setup.memberStates.map((m) => m.code);
  const chooser = new VendorChooser(catalogue, stateCodes, stream(STREAM.preferences));
  const operators = buildOperators(setup.memberStates, stream(STREAM.operators));
  const population = new Map(setup.memberStates.map((m) => [m.code, m.population]));

  const drafts = operators.map((row, i) => {
    const rng = new Rng(mixSeed(seed, STREAM.plans, i));
    return draftOperator(row, rng, (ranCount, withOran) => chooser.pickVendors(row.member_state, rng, ranCount, withOran), population.get(row.member_state)!);
  });
  // Scale raw site counts (about one site per 1,300 subscriptions) so that site rows meet the target.
  let fixedRows = 0;
  let scalableRows = 0;
  for (const d of drafts) {
    const rows = d.rawSites * siteRowsPerSite(d.shares);
    if (d.scaled) scalableRows += rows;
    else fixedRows += rows;
  }
  const factor = (setup.targetSiteRows - fixedRows) / scalableRows;
  const plans: OperatorPlan[] = drafts.map((d) => {
    const minimum = d.row.kind === 'mno' ? 40 : 8;
    const sites = d.scaled ? Math.max(minimum, Math.round(d.rawSites * factor)) : Math.round(d.rawSites);
    return planOperator(d, sites, population.get(d.row.member_state)!);
  });

  const uses: UsesByState = new Map();
  for (const plan of plans) {
    const byState = uses.get(plan.row.member_state) ?? new Map<string, Set<string>>();
    for (const [supplier, segs] of operatorUses(plan)) {
      const set = byState.get(supplier) ?? new Set<string>();
      for (const s of segs) set.add(s);
      byState.set(supplier, set);
    }
    uses.set(plan.row.member_state, byState);
  }
  const suppliers = catalogue.map((c) => c.row);
  const designationRng = stream(STREAM.designations);
  const designating = designationRng.sample(stateCodes, setup.designatingStates);
  const designations = buildDesignations(setup.designations, designating, uses, suppliers, designationRng);
  const policies = buildPolicies(setup.policies, stateCodes, stream(STREAM.policies));

  return {
    scale,
    seed,
    operators,
    suppliers,
    products: catalogue.flatMap((c) => [...c.byFunction.values()].flatMap((gens) => gens.map((g) => g.row))),
    productVersions: new Map(catalogue.flatMap((c) => [...c.byFunction.values()].flatMap((gens) => gens.map((g) => [g.row.product_id, g.versions] as const)))),
    designations,
    policies,
    assetCount: plans.reduce((n, p) => n + p.assetCount, 0),
    assets: () => ({
      *[Symbol.iterator]() {
        for (const plan of plans) yield* operatorAssets(plan);
      },
    }),
  };
}
