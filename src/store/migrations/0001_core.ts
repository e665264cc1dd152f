import type { Kysely } from 'kysely';
import { MEMBER_STATES } from '../../domain/index.js';

/*
 * The core inventory. Keys are the data's own text ids; nothing auto-increments. Foreign keys hold
 * wherever a reference must exist; "a product belongs to the asset's supplier" spans two columns of two
 * tables and is checked on import instead.
 *
 * Indexes are few on purpose: the snapshot load scans whole tables, and every secondary index on assets
 * costs import time at 5 million rows (bench/IMPORT-NOTES.md). The one on assets(operator_id) serves the
 * per-operator and per-member-state reads.
 */
// Kysely's schema builder is untyped with respect to the Database interface by design: migrations must
// keep working after the interface has moved on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_states')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('member_states')
    .values(Object.entries(MEMBER_STATES).map(([code, name]) => ({ code, name })))
    .execute();

  await db.schema
    .createTable('operators')
    .addColumn('operator_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull().references('member_states.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subscribers', 'double precision')
    .execute();

  await db.schema
    .createTable('suppliers')
    .addColumn('supplier_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hq_country', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('product_id', 'text', (c) => c.primaryKey())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    .addColumn('certifications', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('end_of_support', 'text')
    .execute();
  await db.schema.createIndex('products_supplier').on('products').column('supplier_id').execute();

  await db.schema
    .createTable('assets')
    .addColumn('asset_id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.operator_id'))
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('product_id', 'text', (c) => c.references('products.product_id'))
    .addColumn('software_version', 'text')
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('in_service', 'text')
    .addColumn('end_of_support', 'text')
    .execute();
  await db.schema.createIndex('assets_operator').on('assets').column('operator_id').execute();

  await db.schema
    .createTable('designations')
    .addColumn('designation_id', 'text', (c) => c.primaryKey())
    .addColumn('member_state', 'text', (c) => c.notNull().references('member_states.code'))
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('segments', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('transition_months', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('member_state', 'text', (c) => c.notNull().references('member_states.code'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policies_pk', ['member_state', 'version'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['imports', 'policies', 'designations', 'assets', 'products', 'suppliers', 'operators', 'member_states']) {
    await db.schema.dropTable(t).execute();
  }
}
