import { findFunction } from '../catalog/index.js';
import type { SegmentId } from '../domain/index.js';
import type { ProductGen, SupplierCatalogue } from './products.js';
import { Rng } from './random.js';
import { CAMPUS_REGION, REGION_NAMES } from './roster.js';
import { dayOf, isoOf, type AssetRow, type OperatorRow } from './rows.js';
import { allocate, featureCount, siteFeature, type SiteFeature } from './sites.js';
import type { Vendors } from './vendors.js';

/** Functions installed at cell sites, one asset row per site each (the bulk of the inventory). */
export type SiteFunction = 'eNB' | 'gNB' | 'DU' | 'RU' | 'CSR' | 'MICROWAVE' | 'POWER' | 'TIMING' | 'HVAC';

/** A supplier's product line for one function as deployed in one region, with the release run there. */
export interface Offer {
  supplierId: string;
  segment: SegmentId;
  gens: { productId: string; releaseDay: number; version: string }[];
}

export interface RegionPlan {
  name: string;
  /** site index range [from, to) */
  from: number;
  to: number;
  kit: Partial<Record<SiteFunction, Offer>>;
}

export interface OperatorPlan {
  row: OperatorRow;
  sites: number;
  /** split RAN (DU at the site, CU-CP/CU-UP per region, RIC and SMO) instead of integrated gNBs */
  split: boolean;
  regions: RegionPlan[];
  features: { enb: SiteFeature; fiveG: SiteFeature; microwave: SiteFeature; timing: SiteFeature; hvac: SiteFeature };
  /** radio units per site to draw from */
  ruUnits: readonly number[];
  /** core, management, interconnection, LI, IT/cloud and aggregation rows: few, so held */
  central: AssetRow[];
  /** seed of the site rows' stream, so an operator's sites regenerate identically on every pass */
  siteSeed: number;
  assetCount: number;
  vendors: Vendors;
}

/** Everything decided before the site count is known (the count needs all operators' drafts). */
export interface OperatorDraft {
  row: OperatorRow;
  rng: Rng;
  siteSeed: number;
  /** sites before scaling to the target asset count; private campuses are not scaled */
  rawSites: number;
  scaled: boolean;
  shares: { enb: number; fiveG: number; microwave: number; timing: number; hvac: number };
  ranCount: number;
  split: boolean;
  vendors: Vendors;
}

export const DAY = {
  siteFrom: dayOf('2008-01-01'),
  lte: dayOf('2012-01-01'),
  csr: dayOf('2014-01-01'),
  nr: dayOf('2020-06-01'),
  timing: dayOf('2019-01-01'),
  lastBuild: dayOf('2024-12-31'),
  lastInstall: dayOf('2026-10-31'),
  eosFrom: dayOf('2025-01-01'),
  eosTo: dayOf('2030-12-31'),
};

/** Site rows per site: RU, CSR and POWER always, the rest by share. */
export function siteRowsPerSite(shares: OperatorDraft['shares']): number {
  return 3 + shares.enb + shares.fiveG + shares.microwave + shares.timing + shares.hvac;
}

export function draftOperator(row: OperatorRow, rng: Rng, pickVendors: (ranCount: number, withOran: boolean) => Vendors, population: number): OperatorDraft {
  const siteSeed = rng.int(0, 0xffffffff);
  if (row.kind === 'private') {
    return {
      row, rng, siteSeed, rawSites: rng.int(4, 24), scaled: false,
      shares: { enb: 0, fiveG: 1, microwave: 0, timing: 0, hvac: 0 },
      ranCount: 1, split: false, vendors: pickVendors(1, false),
    };
  }
  if (row.kind === 'neutral-host') {
    const ranCount = rng.chance(0.6) ? 1 : 2;
    return {
      row, rng, siteSeed, rawSites: population * 40, scaled: true,
      shares: { enb: rng.real(0.5, 0.8), fiveG: rng.real(0.6, 0.95), microwave: rng.real(0.1, 0.3), timing: rng.real(0.2, 0.4), hvac: rng.real(0.02, 0.05) },
      ranCount, split: false, vendors: pickVendors(ranCount, false),
    };
  }
  const ranCount = rng.weighted([1, 2, 3], [0.3, 0.5, 0.2]);
  const split = rng.chance(0.2);
  return {
    row, rng, siteSeed, rawSites: Number(row.subscribers) / 1300, scaled: true,
    shares: { enb: rng.real(0.85, 1), fiveG: rng.real(0.55, 0.9), microwave: rng.real(0.4, 0.65), timing: rng.real(0.25, 0.4), hvac: rng.real(0.08, 0.15) },
    ranCount, split, vendors: pickVendors(ranCount, split),
  };
}

function newestMostly(rng: Rng, gens: ProductGen[]): ProductGen {
  return gens.length > 1 && rng.chance(0.3) ? gens[0] : gens[gens.length - 1];
}

function gensOf(cat: SupplierCatalogue, fn: string): ProductGen[] {
  const gens = cat.byFunction.get(fn);
  if (!gens) throw new Error(`demo supplier ${cat.row.supplier_id} offers no ${fn}`);
  return gens;
}

function offer(cat: SupplierCatalogue, fn: string, rng: Rng): Offer {
  return {
    supplierId: cat.row.supplier_id,
    segment: findFunction(fn)!.segment,
    // A region runs mostly the latest release of each generation, sometimes one behind.
    gens: gensOf(cat, fn).map((g) => ({ productId: g.row.product_id, releaseDay: g.releaseDay, version: rng.weighted(g.versions, [1, 2, 4].slice(0, g.versions.length)) })),
  };
}

function regionCount(row: OperatorRow, population: number, ranCount: number): number {
  if (row.kind === 'private') return 1;
  if (row.kind === 'neutral-host') return Math.max(2, ranCount);
  const byCountry = population >= 30 ? 5 : population >= 8 ? 4 : population >= 3 ? 3 : 2;
  return Math.max(byCountry, ranCount);
}

/** Turns a draft into a plan once the scaled site count is known. */
export function planOperator(d: OperatorDraft, sites: number, population: number): OperatorPlan {
  const { rng, row, vendors: v } = d;
  const regionNames = row.kind === 'private' ? [CAMPUS_REGION] : REGION_NAMES.slice(0, regionCount(row, population, d.ranCount));
  const perRegion = allocate(sites, regionNames.map(() => rng.real(0.6, 1.4)));
  const ranOf = regionNames.map((_, r) => (r < v.ran.length ? v.ran[r] : rng.pick(v.ran)));
  const regions: RegionPlan[] = [];
  let from = 0;
  regionNames.forEach((name, r) => {
    const ran = ranOf[r];
    const kit: RegionPlan['kit'] = {
      eNB: offer(ran, 'eNB', rng),
      gNB: offer(ran, 'gNB', rng),
      DU: offer(ran, 'DU', rng),
      RU: offer(ran, 'RU', rng),
      CSR: offer(v.accessTransport, 'CSR', rng),
      MICROWAVE: offer(v.microwave, 'MICROWAVE', rng),
      POWER: offer(v.power, 'POWER', rng),
      TIMING: offer(v.timing, 'TIMING', rng),
      HVAC: offer(v.power, 'HVAC', rng),
    };
    regions.push({ name, from, to: from + perRegion[r], kit });
    from += perRegion[r];
  });
  const s = d.shares;
  const features = {
    enb: siteFeature(s.enb, sites, rng),
    fiveG: siteFeature(s.fiveG, sites, rng),
    microwave: siteFeature(s.microwave, sites, rng),
    timing: siteFeature(s.timing, sites, rng),
    hvac: siteFeature(s.hvac, sites, rng),
  };
  const central = centralRows(d, regions, ranOf, sites);
  const siteRows = 3 * sites + Object.values(features).reduce((n, f) => n + featureCount(f, sites), 0);
  const ruUnits = row.kind === 'private' ? [1, 2, 3] : row.kind === 'neutral-host' ? [1, 1, 2, 3] : [3, 3, 3, 6, 6, 9, 12];
  return { row, sites, split: d.split, regions, features, ruUnits, central, siteSeed: d.siteSeed, assetCount: central.length + siteRows, vendors: v };
}

/**
 * The operator's non-site inventory: core functions in 2–4 data centres, per-region user-plane edges and
 * optical rings, aggregation routers (one per 40 sites), management, interconnection, lawful interception
 * and IT/cloud. Quantities are instances, servers or nodes.
 */
function centralRows(d: OperatorDraft, regions: RegionPlan[], ranOf: SupplierCatalogue[], sites: number): AssetRow[] {
  const { rng, row, vendors: v } = d;
  const rows: AssetRow[] = [];
  const counters = new Map<string, number>();
  const add = (cat: SupplierCatalogue, fn: string, quantity: number, region: string, fromYear: number) => {
    const gen = newestMostly(rng, gensOf(cat, fn));
    const n = (counters.get(fn) ?? 0) + 1;
    counters.set(fn, n);
    const earliest = Math.max(gen.releaseDay, dayOf(`${fromYear}-01-01`));
    rows.push({
      asset_id: `${row.operator_id}-${fn}-${n}`,
      operator_id: row.operator_id,
      segment: findFunction(fn)!.segment,
      function: fn,
      supplier_id: cat.row.supplier_id,
      product_id: gen.row.product_id,
      software_version: rng.pick(gen.versions),
      quantity,
      region,
      in_service: isoOf(rng.int(earliest, Math.max(earliest, DAY.lastInstall))),
      end_of_support: '',
    });
  };
  const q = (min: number, max: number) => rng.int(min, max);
  const unique = (list: SupplierCatalogue[]) => [...new Set(list)];

  if (row.kind === 'private') {
    const campus = regions[0].name;
    const data = v.core5g.supplier.roles.includes('subscriberData') ? v.core5g : v.subscriberData;
    for (const fn of ['AMF', 'SMF', 'UPF', 'PCF', 'NRF']) add(v.core5g, fn, 1, campus, 2021);
    for (const fn of ['UDM', 'AUSF']) add(data, fn, 1, campus, 2021);
    add(v.ran[0], 'EMS', 1, campus, 2021);
    add(v.cloud, 'NFVI', q(1, 4), campus, 2021);
    add(v.cloud, 'CLOUD-PLATFORM', 1, campus, 2021);
    add(v.timing, 'TIMING', 1, campus, 2021);
    add(v.accessTransport, 'AGG-ROUTER', 1, campus, 2021);
    return rows;
  }

  const mno = row.kind === 'mno';
  const subscribers = Number(row.subscribers) || 0;
  const dcs = !mno ? 1 : subscribers >= 20e6 ? 4 : subscribers >= 5e6 ? 3 : 2;
  const optional5g = ['BSF', 'NWDAF', 'CHF'].filter(() => rng.chance(0.7));
  for (let dc = 0; dc < dcs; dc++) {
    const region = regions[dc % regions.length].name;
    if (mno) {
      for (const fn of ['AMF', 'SMF', 'UPF']) add(v.core5g, fn, q(2, 4), region, 2020);
      for (const fn of ['PCF', 'NRF', 'NSSF', 'NEF', 'SCP', ...optional5g]) add(v.core5g, fn, q(1, 2), region, 2020);
      for (const fn of ['MME', 'SGW', 'PGW']) add(v.core4g, fn, q(2, 4), region, 2012);
      add(v.core4g, 'PCRF', q(1, 2), region, 2012);
      for (const fn of ['UDM', 'UDR', 'AUSF']) add(v.subscriberData, fn, q(1, 2), region, 2020);
      add(v.subscriberData, 'HSS', q(1, 2), region, 2012);
      add(v.ims, 'IMS', q(1, 3), region, 2015);
      add(v.backbone, 'INTERNET-GW', 2, region, 2014);
      add(v.cloud, 'CLOUD-PLATFORM', 1, region, 2019);
      add(v.cloud, 'VIM', 1, region, 2018);
      add(v.cloud, 'DATACENTRE', 1, region, 2010);
      if (dc < 2) {
        add(v.sepp, 'SEPP', 1, region, 2021);
        for (const fn of ['SIG-FW', 'DEA', 'IPX-GW']) add(v.borderSecurity, fn, 1, region, 2014);
        add(v.li, 'LI-MF', 1, region, 2012);
        if (fnOffered(v.core5g, '5G-EIR') && dc === 0 && rng.chance(0.5)) add(v.core5g, '5G-EIR', 1, region, 2021);
      }
    }
    add(v.backbone, 'CORE-ROUTER', 2, region, 2012);
    add(v.timing, 'TIMING', 2, region, 2016);
    add(v.cloud, 'NFVI', mno ? q(40, 400) : q(8, 40), region, 2018);
  }
  regions.forEach((reg, r) => {
    if (mno) add(v.core5g, 'UPF', q(1, 4), reg.name, 2021);
    add(v.optical, 'OPTICAL', q(4, 20), reg.name, 2012);
    if (d.split) {
      add(ranOf[r], 'CU-CP', q(2, 6), reg.name, 2021);
      add(ranOf[r], 'CU-UP', q(2, 6), reg.name, 2021);
    }
  });
  const aggregation = Math.ceil(sites / 40);
  for (let k = 0; k < aggregation; k++) {
    const region = regions.find((reg) => k * 40 < reg.to)!.name;
    add(v.accessTransport, 'AGG-ROUTER', q(1, 2), region, 2012);
  }

  add(v.oss, 'OSS', 1, '', 2014);
  add(v.oss, 'MONITORING', q(1, 3), '', 2016);
  for (const ran of unique(v.ran)) add(ran, 'EMS', 1, '', 2014);
  add(v.accessTransport, 'EMS', 1, '', 2014);
  add(v.power, 'POWER-MGMT', 1, '', 2012);
  add(v.enterpriseIt, 'BSS', 1, '', 2012);
  add(v.enterpriseIt, 'ENTERPRISE-IT', q(1, 3), '', 2012);
  if (!mno) return rows;

  if (v.backbone !== v.accessTransport) add(v.backbone, 'EMS', 1, '', 2014);
  add(v.backbone, 'SDN-C', 1, '', 2019);
  for (const core of unique([v.core5g, v.core4g])) add(core, 'EMS', 1, '', 2014);
  add(v.core5g, 'VNFM', 1, '', 2019);
  for (const fn of ['NFVO', 'AAA']) add(v.oss, fn, 1, '', 2017);
  add(v.li, 'LI-ADMF', 1, '', 2012);
  if (rng.chance(0.3)) add(v.core5g, 'N3IWF', 1, regions[0].name, 2022);
  if (d.split && v.oran) {
    add(v.oran, 'RIC', q(1, 2), '', 2022);
    add(v.oran, 'SMO', 1, '', 2022);
  }
  return rows;
}

function fnOffered(cat: SupplierCatalogue, fn: string): boolean {
  return cat.byFunction.has(fn);
}
