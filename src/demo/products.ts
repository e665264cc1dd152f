import { findFunction } from '../catalog/index.js';
import type { Rng } from './random.js';
import { ROLE_FUNCTIONS, type RosterSupplier } from './roster.js';
import { dayOf, isoOf, type ProductRow, type SupplierRow } from './rows.js';

/** One product generation as the generator needs it: the row plus when it shipped and its releases. */
export interface ProductGen {
  row: ProductRow;
  /** epoch day from which new deployments use this generation */
  releaseDay: number;
  /** software releases, oldest first */
  versions: string[];
}

export interface SupplierCatalogue {
  supplier: RosterSupplier;
  row: SupplierRow;
  /** product generations per function id, oldest first */
  byFunction: Map<string, ProductGen[]>;
}

/** Certification schemes that exist for a segment (NESAS/SCAS for 3GPP functions, EUCC for IT products). */
const NESAS_SEGMENTS = new Set(['core', 'ran', 'interconnection']);
const EUCC_SEGMENTS = new Set(['management', 'it-cloud', 'interconnection', 'lawful-interception']);

/** Functions without software of their own carry no version. */
const NO_SOFTWARE = new Set(['HVAC', 'DATACENTRE']);

export function supplierId(s: RosterSupplier): string {
  return `SUP-${s.key}`;
}

function monthEnd(year: number, month: number): string {
  return isoOf(Date.UTC(year, month, 0) / 86_400_000);
}

/**
 * Products per supplier and function: usually an older generation (support ending between 2024 and 2028,
 * so some are already out of support at the demo date) and a current one. Certification is likelier on
 * the current generation; some products have none.
 */
export function buildCatalogue(suppliers: readonly RosterSupplier[], rng: Rng): SupplierCatalogue[] {
  return suppliers.map((supplier) => {
    const id = supplierId(supplier);
    const functions = [...new Set(supplier.roles.flatMap((r) => ROLE_FUNCTIONS[r]))];
    const byFunction = new Map<string, ProductGen[]>();
    for (const fn of functions) {
      const entry = findFunction(fn);
      if (!entry) throw new Error(`demo roster names ${fn}, which is not in the function catalogue`);
      const is5g = entry.generation === '5G';
      const current = rng.int(3, 7);
      const hasOld = rng.chance(0.7);
      const gens: ProductGen[] = [];
      const make = (gen: number, old: boolean): ProductGen => {
        const releaseYear = old ? (is5g ? rng.int(2019, 2020) : rng.int(2012, 2016)) : is5g ? rng.int(2022, 2024) : rng.int(2019, 2023);
        const certs: string[] = [];
        if (NESAS_SEGMENTS.has(entry.segment) && rng.chance(old ? 0.4 : 0.85)) certs.push('NESAS');
        if (EUCC_SEGMENTS.has(entry.segment) && rng.chance(old ? 0.2 : 0.5)) certs.push('EUCC');
        const eos = old ? monthEnd(rng.int(2024, 2028), rng.int(1, 12)) : rng.chance(0.1) ? '' : monthEnd(rng.int(2030, 2035), rng.int(1, 12));
        const minor = rng.int(0, 3);
        const versions = NO_SOFTWARE.has(fn) ? [''] : [0, 1, 2].map((k) => `${gen}.${minor + k}.${rng.int(0, 9)}`);
        return {
          row: {
            product_id: `${supplier.key}-${fn}-${gen}`,
            supplier_id: id,
            name: `${supplier.brand} ${fn} ${gen}`,
            function: fn,
            certifications: certs.join(';'),
            end_of_support: eos,
          },
          releaseDay: dayOf(`${releaseYear}-${String(rng.int(1, 12)).padStart(2, '0')}-01`),
          versions,
        };
      };
      if (hasOld) gens.push(make(current - rng.int(1, 2), true));
      gens.push(make(current, false));
      byFunction.set(fn, gens);
    }
    return { supplier, row: { supplier_id: id, name: supplier.name, hq_country: supplier.hq }, byFunction };
  });
}
