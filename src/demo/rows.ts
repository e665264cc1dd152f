import type { SegmentId } from '../domain/index.js';

/*
 * Demo rows in the import format: snake_case keys, exactly the CSV columns of src/domain/entities.ts,
 * lists as `;`-joined text, quantities as numbers, an absent optional value as ''. They are type aliases
 * (not interfaces) so that they are assignable to Record<string, unknown> for the importer.
 */

export type OperatorRow = {
  operator_id: string;
  name: string;
  member_state: string;
  kind: 'mno' | 'neutral-host' | 'private';
  subscribers: number | '';
  /** MNOs only: neutral hosts and private networks leave it unrecorded */
  critical_services?: number;
};

export type SupplierRow = {
  supplier_id: string;
  name: string;
  hq_country: string;
};

export type ProductRow = {
  product_id: string;
  supplier_id: string;
  name: string;
  function: string;
  certifications: string;
  end_of_support: string;
};

export type AssetRow = {
  asset_id: string;
  operator_id: string;
  segment: SegmentId;
  function: string;
  supplier_id: string;
  product_id: string;
  software_version: string;
  quantity: number;
  region: string;
  in_service: string;
  end_of_support: string;
};

export type DesignationRow = {
  designation_id: string;
  member_state: string;
  supplier_id: string;
  kind: 'high-risk' | 'restricted' | 'conditional';
  segments: string;
  legal_basis: string;
  effective_date: string;
  transition_months: number;
  status: 'proposed' | 'in-force' | 'revoked';
};

const MS_PER_DAY = 86_400_000;
const CACHE_FROM = Date.UTC(2000, 0, 1) / MS_PER_DAY;
const dayCache: string[] = [];

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
}

/** ISO date of an epoch day; cached because millions of asset rows share a few thousand dates. */
export function isoOf(day: number): string {
  const k = day - CACHE_FROM;
  if (k >= 0 && k < 20_000) {
    return (dayCache[k] ??= new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
