import type { Generated } from 'kysely';

/*
 * Table shapes as the database holds them (snake_case, the import columns). Portable across SQLite and
 * PostgreSQL: text keys, ISO dates as text, JSON as text (see json.ts), no auto-increment.
 */

export interface MemberStateTable {
  code: string;
  name: string;
}

export interface OperatorTable {
  operator_id: string;
  name: string;
  member_state: string;
  kind: string;
  subscribers: number | null;
  /** critical services relying on the network (R7); null when not recorded */
  critical_services: number | null;
}

export interface SupplierTable {
  supplier_id: string;
  name: string;
  hq_country: string;
}

export interface ProductTable {
  product_id: string;
  supplier_id: string;
  name: string;
  function: string;
  /** JSON array of upper-cased labels */
  certifications: string;
  end_of_support: string | null;
}

export interface AssetTable {
  asset_id: string;
  operator_id: string;
  segment: string;
  function: string;
  supplier_id: string;
  product_id: string | null;
  software_version: string | null;
  quantity: number;
  region: string | null;
  in_service: string | null;
  end_of_support: string | null;
}

/** Assets per operator × segment × function × supplier × product, kept by triggers (asset-counts.ts). */
export interface AssetCountTable {
  operator_id: string;
  segment: string;
  function: string;
  supplier_id: string;
  /** the product id, '' for assets without one */
  product_key: string;
  n: number;
}

/** An asset that left service (migration 0013): its columns as they were, and the day it left. */
export interface DecommissionedAssetTable extends AssetTable {
  decommissioned_on: string;
  /** what decommissioned it: `replace <file>` or `decommission` with the actor */
  source: string;
  recorded_at: string;
}

export interface DesignationTable {
  designation_id: string;
  member_state: string;
  supplier_id: string;
  kind: string;
  /** JSON array of segment ids or `key-assets` */
  segments: string;
  legal_basis: string;
  effective_date: string;
  transition_months: number;
  status: string;
  /** added by 0005_supplier_profiles */
  decision_date: string | null;
  profile_id: string | null;
  profile_version: number | null;
  /** added by 0011: the day a revoked designation stopped counting; null when it never was in force or the day is unknown */
  revoked_on: string | null;
}

export interface PolicyTable {
  member_state: string;
  version: string;
  /** the validated policy document as JSON */
  document: string;
  /** ISO timestamp; the latest per member state is the one in force */
  imported_at: string;
}

export interface ImportLogTable {
  import_id: string;
  kind: string;
  file: string;
  rows: number;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  /** hex SHA-256 of the file's bytes; null for programmatic imports */
  sha256: string | null;
  started_at: string;
  finished_at: string;
}

export interface Database {
  member_states: MemberStateTable;
  operators: OperatorTable;
  suppliers: SupplierTable;
  products: ProductTable;
  assets: AssetTable;
  asset_counts: AssetCountTable;
  decommissioned_assets: DecommissionedAssetTable;
  designations: DesignationTable;
  policies: PolicyTable;
  imports: ImportLogTable;
}

export type TableName = keyof Database;
