import { findFunction } from '../catalog/index.js';
import type { Offer, OperatorPlan, SiteFunction } from './plan.js';
import { DAY } from './plan.js';
import { Rng } from './random.js';
import { isoOf, type AssetRow } from './rows.js';
import { featureCount, hasFeature } from './sites.js';

/**
 * All asset rows of one operator: its central rows, then site by site. Site rows are made on demand
 * from the operator's own seed, so a pass over 5 million assets holds one row at a time and every pass
 * yields the same rows.
 */
export function* operatorAssets(plan: OperatorPlan): Generator<AssetRow> {
  for (const row of plan.central) yield { ...row };
  const rng = new Rng(plan.siteSeed);
  const { sites, features: f, split, ruUnits } = plan;
  const op = plan.row.operator_id;
  for (const region of plan.regions) {
    const kit = region.kit;
    const reg = region.name;
    const row = (site: string, fn: SiteFunction, quantity: number, day: number): AssetRow => {
      const o = kit[fn]!;
      const gen = genFor(o, day);
      return {
        asset_id: `${site}-${fn}`,
        operator_id: op,
        segment: o.segment,
        function: fn,
        supplier_id: o.supplierId,
        product_id: gen.productId,
        software_version: gen.version,
        quantity,
        region: reg,
        in_service: isoOf(day),
        // A few assets carry their own support end (an extended or a shorter contract than the product's).
        end_of_support: rng.next() < 0.015 ? isoOf(rng.int(DAY.eosFrom, DAY.eosTo)) : '',
      };
    };
    for (let i = region.from; i < region.to; i++) {
      const site = `${op}-S${String(i).padStart(6, '0')}`;
      const built = rng.int(DAY.siteFrom, DAY.lastBuild);
      const lteDay = between(rng, Math.max(built, DAY.lte), DAY.lastInstall);
      const nrDay = between(rng, Math.max(built, DAY.nr), DAY.lastInstall);
      const has4g = hasFeature(f.enb, i, sites);
      const has5g = hasFeature(f.fiveG, i, sites);
      if (has4g) yield row(site, 'eNB', 1, lteDay);
      if (has5g) yield row(site, split ? 'DU' : 'gNB', split ? rng.int(1, 2) : 1, nrDay);
      yield row(site, 'RU', rng.pick(ruUnits), has5g ? nrDay : lteDay);
      yield row(site, 'CSR', 1, between(rng, Math.max(built, DAY.csr), DAY.lastInstall));
      if (hasFeature(f.microwave, i, sites)) yield row(site, 'MICROWAVE', rng.int(1, 3), between(rng, built, DAY.lastInstall));
      yield row(site, 'POWER', 1, between(rng, built, DAY.lastInstall));
      if (hasFeature(f.timing, i, sites)) yield row(site, 'TIMING', 1, between(rng, Math.max(built, DAY.timing), DAY.lastInstall));
      if (hasFeature(f.hvac, i, sites)) yield row(site, 'HVAC', 1, built);
    }
  }
}

function between(rng: Rng, from: number, to: number): number {
  return rng.int(from, Math.max(from, to));
}

/** The newest generation already released on the install day (else the oldest). */
function genFor(o: Offer, day: number): Offer['gens'][number] {
  let g = o.gens[0];
  for (const candidate of o.gens) if (candidate.releaseDay <= day) g = candidate;
  return g;
}

/**
 * Which suppliers an operator's inventory holds, per segment, and whether they hold a critical or
 * sensitive asset ('key'), derived from the plan without generating rows. Designations are drawn from
 * these so that they bite.
 */
export function operatorUses(plan: OperatorPlan): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const mark = (supplierId: string, fn: string) => {
    const entry = findFunction(fn)!;
    const set = uses.get(supplierId) ?? new Set<string>();
    set.add(entry.segment);
    if (entry.criticality !== 'other') set.add('key');
    uses.set(supplierId, set);
  };
  for (const row of plan.central) mark(row.supplier_id, row.function);
  const { features: f, sites } = plan;
  for (const region of plan.regions) {
    const k = region.kit;
    // RU, CSR and POWER are at every site; every region has a site.
    for (const fn of ['RU', 'CSR', 'POWER'] as const) mark(k[fn]!.supplierId, fn);
  }
  const k0 = plan.regions[0].kit;
  if (featureCount(f.microwave, sites) > 0) mark(k0.MICROWAVE!.supplierId, 'MICROWAVE');
  if (featureCount(f.timing, sites) > 0) mark(k0.TIMING!.supplierId, 'TIMING');
  if (featureCount(f.hvac, sites) > 0) mark(k0.HVAC!.supplierId, 'HVAC');
  return uses;
}
