import type { Kysely } from 'kysely';

/**
 * Stored assessments gain their risk scores, recommendations and what they were computed from:
 * - assessments.inputs_hash / inputs: the SHA-256 of the run's inputs and the inputs themselves (JSON),
 *   so two runs over the same data, policy, catalogue, risk model and implementations share a hash;
 * - assessments.run_seq: the order runs were stored in, written by the saver as max + 1 inside its
 *   transaction (not an auto-increment), because two runs may share a millisecond of run_at and
 *   `latest` / `previous` must not depend on a random id;
 * - assessment_risks and assessment_recommendations: one row per score or recommendation with its
 *   member state and operator, so a caller's scope narrows them in SQL like findings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessments').addColumn('inputs_hash', 'text').execute();
  await db.schema.alterTable('assessments').addColumn('inputs', 'text').execute();
  await db.schema.alterTable('assessments').addColumn('run_seq', 'integer').execute();
  await db.schema.createIndex('assessments_inputs_hash').on('assessments').column('inputs_hash').execute();

  await db.schema
    .createTable('assessment_risks')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('risk_area', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('residual_level', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_risks_pk', ['assessment_id', 'position'])
    .execute();
  await db.schema
    .createTable('assessment_recommendations')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    /** `finding` or `risk` */
    .addColumn('target_kind', 'text', (c) => c.notNull())
    /** the finding id, or the risk area */
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_recommendations_pk', ['assessment_id', 'position'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_recommendations').execute();
  await db.schema.dropTable('assessment_risks').execute();
  await db.schema.dropIndex('assessments_inputs_hash').execute();
  for (const c of ['run_seq', 'inputs', 'inputs_hash']) await db.schema.alterTable('assessments').dropColumn(c).execute();
}
