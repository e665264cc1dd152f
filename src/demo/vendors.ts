import type { SupplierCatalogue } from './products.js';
import type { Rng } from './random.js';
import type { Role } from './roster.js';

/** The suppliers one operator buys from, per role. RAN has one supplier per region, 1–3 in all. */
export interface Vendors {
  ran: SupplierCatalogue[];
  oran: SupplierCatalogue | undefined;
  core5g: SupplierCatalogue;
  core4g: SupplierCatalogue;
  subscriberData: SupplierCatalogue;
  ims: SupplierCatalogue;
  accessTransport: SupplierCatalogue;
  backbone: SupplierCatalogue;
  optical: SupplierCatalogue;
  microwave: SupplierCatalogue;
  power: SupplierCatalogue;
  timing: SupplierCatalogue;
  cloud: SupplierCatalogue;
  enterpriseIt: SupplierCatalogue;
  oss: SupplierCatalogue;
  borderSecurity: SupplierCatalogue;
  sepp: SupplierCatalogue;
  li: SupplierCatalogue;
}

/**
 * Picks suppliers with national preferences: each member state favours some suppliers (a squared uniform
 * weight), so national markets differ in concentration the way real ones do.
 */
export class VendorChooser {
  private readonly byRole = new Map<Role, SupplierCatalogue[]>();
  private readonly weights = new Map<string, Map<string, number>>();

  constructor(catalogue: readonly SupplierCatalogue[], memberStates: readonly string[], rng: Rng) {
    for (const entry of catalogue) {
      for (const role of entry.supplier.roles) {
        const list = this.byRole.get(role) ?? [];
        list.push(entry);
        this.byRole.set(role, list);
      }
    }
    for (const ms of memberStates) {
      const w = new Map<string, number>();
      for (const entry of catalogue) w.set(entry.row.supplier_id, 0.05 + rng.next() ** 2);
      this.weights.set(ms, w);
    }
  }

  /** k distinct suppliers for a role (fewer if the role has fewer), weighted by national preference. */
  chooseMany(role: Role, ms: string, rng: Rng, k: number): SupplierCatalogue[] {
    const pool = (this.byRole.get(role) ?? []).slice();
    if (pool.length === 0) throw new Error(`no demo supplier offers the role ${role}`);
    const w = this.weights.get(ms)!;
    const out: SupplierCatalogue[] = [];
    while (out.length < k && pool.length > 0) {
      const pickedEntry = rng.weighted(pool, pool.map((e) => w.get(e.row.supplier_id)!));
      out.push(pickedEntry);
      pool.splice(pool.indexOf(pickedEntry), 1);
    }
    return out;
  }

  choose(role: Role, ms: string, rng: Rng): SupplierCatalogue {
    return this.chooseMany(role, ms, rng, 1)[0];
  }

  /** Reuses `same` for the role with probability p when it offers the role (one contract for both). */
  chooseOrReuse(role: Role, ms: string, rng: Rng, same: SupplierCatalogue, p: number): SupplierCatalogue {
    if (same.supplier.roles.includes(role) && rng.chance(p)) return same;
    return this.choose(role, ms, rng);
  }

  pickVendors(ms: string, rng: Rng, ranCount: number, withOran: boolean): Vendors {
    const core5g = this.choose('core5g', ms, rng);
    const ran = this.chooseMany('ran', ms, rng, ranCount);
    const accessTransport = this.choose('accessTransport', ms, rng);
    const borderSecurity = this.choose('borderSecurity', ms, rng);
    const seppFrom = core5g.supplier.roles.includes('sepp') ? core5g : borderSecurity;
    return {
      ran,
      oran: withOran ? this.chooseOrReuse('oran', ms, rng, ran[0], 0.6) : undefined,
      core5g,
      core4g: this.chooseOrReuse('core4g', ms, rng, core5g, 0.6),
      subscriberData: this.chooseOrReuse('subscriberData', ms, rng, core5g, 0.5),
      ims: this.chooseOrReuse('ims', ms, rng, core5g, 0.5),
      accessTransport,
      backbone: this.chooseOrReuse('backbone', ms, rng, accessTransport, 0.5),
      optical: this.choose('optical', ms, rng),
      microwave: this.chooseOrReuse('microwave', ms, rng, ran[0], 0.4),
      power: this.choose('power', ms, rng),
      timing: this.choose('timing', ms, rng),
      cloud: this.choose('cloud', ms, rng),
      enterpriseIt: this.choose('enterpriseIt', ms, rng),
      oss: this.choose('oss', ms, rng),
      borderSecurity,
      sepp: this.chooseOrReuse('sepp', ms, rng, seppFrom, 0.5),
      li: this.choose('li', ms, rng),
    };
  }
}
