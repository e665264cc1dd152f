import type { Kysely } from 'kysely';

/**
 * Each audit entry gains a MAC: HMAC-SHA256 of its hash under a key kept outside the database
 * (src/store/keys). Entries written before have none; the first keyed entry's hash covers them through
 * the chain, so they stay checked once anything is appended.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('mac', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('mac').execute();
}
