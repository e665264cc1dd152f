import type { Kysely } from 'kysely';

/**
 * Designations gain `revoked_on`: the day a designation that was in force stops counting. Before it,
 * a revoked designation was ignored for every date, so an assessment dated before the revocation lost
 * findings that were due then. Existing revoked rows keep no date (their revocation date, where known,
 * is in designation_history): they stay ignored for every date, as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('designations').addColumn('revoked_on', 'text').execute();
}
