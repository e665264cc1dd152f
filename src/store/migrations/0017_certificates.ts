import type { Kysely } from 'kysely';

/**
 * Certificates as records (src/domain/certificate.ts): scheme, certificate id, issuer, the product and
 * software versions they cover (JSON list; empty: every version) and their validity. Imported like the
 * inventory (kind `certificates`, upserted by certificate_id in one transaction); TM09 reads them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('certificate_id', 'text', (c) => c.primaryKey())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.product_id'))
    .addColumn('versions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .execute();
  await db.schema.createIndex('certificates_product').on('certificates').column('product_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
