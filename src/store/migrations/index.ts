import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_identity_audit.js';
import * as m0003 from './0003_snapshot_cache.js';
import * as m0004 from './0004_scenarios.js';
import * as m0005 from './0005_supplier_profiles.js';
import * as m0006 from './0006_risk_tracking.js';
import * as m0007 from './0007_import_jobs.js';
import * as m0008 from './0008_ownership_boms.js';
import * as m0009 from './0009_assessment_risks.js';
import * as m0010 from './0010_operator_facts.js';
import * as m0011 from './0011_designation_revocation.js';
import * as m0012 from './0012_asset_counts.js';
import * as m0013 from './0013_decommissioned_assets.js';
import * as m0014 from './0014_assessment_contradictions.js';
import * as m0015 from './0015_audit_mac.js';
import * as m0016 from './0016_entity_supplier.js';
import * as m0017 from './0017_certificates.js';
import * as m0018 from './0018_second_factor.js';
import * as m0019 from './0019_asset_operator_order.js';
import * as m0020 from './0020_asset_operator_segment_order.js';

/** Migrations in code (not read from a folder at run time), so they travel inside the build. Names sort in order. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_identity_audit': m0002,
  '0003_snapshot_cache': m0003,
  '0004_scenarios': m0004,
  '0005_supplier_profiles': m0005,
  '0006_risk_tracking': m0006,
  '0007_import_jobs': m0007,
  '0008_ownership_boms': m0008,
  '0009_assessment_risks': m0009,
  '0010_operator_facts': m0010,
  '0011_designation_revocation': m0011,
  '0012_asset_counts': m0012,
  '0013_decommissioned_assets': m0013,
  '0014_assessment_contradictions': m0014,
  '0015_audit_mac': m0015,
  '0016_entity_supplier': m0016,
  '0017_certificates': m0017,
  '0018_second_factor': m0018,
  '0019_asset_operator_order': m0019,
  '0020_asset_operator_segment_order': m0020,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
