import type { Kysely } from 'kysely';

/**
 * Operators gain `critical_services`: how many critical services (essential entities, emergency
 * services …) rely on the operator's network, as the authority records it. R7 reads it (the
 * critical-services driver); where it is absent the driver is unknown and takes the model's value for
 * an unknown fact.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('operators').addColumn('critical_services', 'integer').execute();
}
