import type { Kysely } from 'kysely';

/*
 * Ownership and control (entities, holdings) and product BOMs (issue 3).
 *
 * holdings: keyed by holder, held and `since`, with '' standing for "no date" (a primary-key column may
 * not be NULL on PostgreSQL, and SQLite would not enforce uniqueness over NULLs). The date is in the key
 * so that a stake bought in tranches can be recorded as one row per tranche, each counted from its own
 * date by an as-of computation. Holder and held may each be an entity or a supplier, so neither column
 * can carry a foreign key: the import checks them, naming file, row and field.
 *
 * boms: one row per imported BOM file; a product keeps every BOM it was given, the latest (by
 * imported_at) counts. bom_components keeps each mapped component as JSON, plus the columns queried on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entities')
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .execute();

  await db.schema
    .createTable('holdings')
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('held_id', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('percentage', 'double precision', (c) => c.notNull())
    .addColumn('voting_rights', 'double precision')
    .addColumn('control', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('holdings_pk', ['holder_id', 'held_id', 'since'])
    .execute();
  // holdings in an entity are read per held entity (entity show, --replace); the key serves the holder side
  await db.schema.createIndex('holdings_held').on('holdings').column('held_id').execute();

  await db.schema
    .createTable('boms')
    .addColumn('bom_id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.product_id'))
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('bom_version', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('component_count', 'integer', (c) => c.notNull())
    /** metadata.component and its maker, as mapped (JSON), so a listing can show what the BOM describes */
    .addColumn('product', 'text')
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('boms_product').on('boms').columns(['product_id', 'imported_at']).execute();

  await db.schema
    .createTable('bom_components')
    .addColumn('bom_id', 'text', (c) => c.notNull().references('boms.bom_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('bom_ref', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('manufacturer', 'text')
    .addColumn('origin_country', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bom_components_pk', ['bom_id', 'position'])
    .execute();
  await db.schema.createIndex('bom_components_country').on('bom_components').column('origin_country').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bom_components', 'boms', 'holdings', 'entities']) await db.schema.dropTable(t).execute();
}
