import type { Designation, SegmentId } from '../domain/index.js';
import type { EffectivePolicy } from '../catalog/index.js';
import type { CertificateRecord } from './certificates.js';

/**
 * The engine's input: one consistent picture of the inventory, held column-wise so that Union-scale
 * group-bys are flat-array indexing. Ids are dictionary-encoded: each asset column holds an index into
 * the matching dictionary (`-1` where a value is absent). Dates are epoch days (UTC), NaN where absent.
 */
export interface Snapshot {
  memberStates: string[];
  operators: {
    ids: string[];
    names: string[];
    /** index into memberStates */
    memberState: Int32Array;
    subscribers: Float64Array;
  };
  suppliers: {
    ids: string[];
    names: string[];
    hqCountry: string[];
  };
  products: {
    ids: string[];
    names: string[];
    /** index into suppliers */
    supplier: Int32Array;
    function: string[];
    /** upper-cased certification labels */
    certifications: string[][];
    endOfSupport: Float64Array;
  };
  /** the catalogue's segment ids, in catalogue order */
  segments: readonly SegmentId[];
  /** function ids as found in the data (validated against the catalogue on import) */
  functions: string[];
  assets: {
    count: number;
    ids: string[];
    operator: Int32Array;
    segment: Int32Array;
    function: Int32Array;
    supplier: Int32Array;
    /** index into products, -1 where no product is recorded */
    product: Int32Array;
    quantity: Float64Array;
    /** the asset's own end of support, else its product's (resolved when the snapshot is built) */
    endOfSupport: Float64Array;
  };
  designations: Designation[];
  /** the policy in force for each member state in memberStates, by code */
  policies: Map<string, EffectivePolicy>;
  /** certificate records (TM09 reads them beside the products' plain labels); none when absent */
  certificates?: readonly CertificateRecord[];
  /**
   * software version by asset id, for the assets whose product has a certificate limited to some versions
   * (the only ones whose version decides anything); an asset not in it has no version recorded
   */
  assetVersions?: ReadonlyMap<string, string>;
}

const MS_PER_DAY = 86_400_000;

/** ISO date (YYYY-MM-DD) to days since 1970-01-01 UTC; NaN for absent input. */
export function toEpochDay(iso: string | null | undefined): number {
  if (!iso) return Number.NaN;
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

export function fromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds calendar months to an ISO date, clamping to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Asset columns for `n` rows, zero-filled; `ids` sized for filling when `withIds`, else left empty for lazy ids. */
export function allocateAssetColumns(n: number, withIds = true): Snapshot['assets'] {
  return {
    count: n,
    ids: withIds ? new Array<string>(n) : [],
    operator: new Int32Array(n),
    segment: new Int32Array(n),
    function: new Int32Array(n),
    supplier: new Int32Array(n),
    product: new Int32Array(n),
    quantity: new Float64Array(n),
    endOfSupport: new Float64Array(n),
  };
}
