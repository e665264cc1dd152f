import type { Kysely } from 'kysely';

/**
 * A stored run keeps its contradictions: measures declared in place at a scope whose findings say
 * otherwise (src/engine/contradictions.ts). One row per contradiction with the member state and
 * operator of the declaring scope, so a caller's scope narrows them in SQL like findings; a Union-level
 * declaration has neither and is seen by those who see Union rows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_contradictions')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_contradictions_pk', ['assessment_id', 'position'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_contradictions').execute();
}
