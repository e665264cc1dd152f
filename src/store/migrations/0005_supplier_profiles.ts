import type { Kysely } from 'kysely';

/*
 * Supplier risk profiles, supply facts and the history of designations.
 *
 * - profiles: append-only versions of an authority's profile of a supplier. The level is computed when a
 *   version is recorded, with the member state's rule in force then; the rule itself is kept beside it
 *   so the level can be explained later even after the policy changed.
 * - supply_facts: facts an assessor records about a supplier's supply (single-source critical
 *   components, export-control exposure, financial stability), append-only; per fact the latest counts.
 * - designation_history: one revision per change of a designation (created, amended, revoked), with the
 *   whole designation as it stood after the change. A write that changes nothing stores no revision.
 * - designations gain the decision date and the profile version the decision rests on.
 *
 * Existing designations get revision 1 ("created", source migration) so that every row has a history.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('member_state', 'text', (c) => c.notNull().references('member_states.code'))
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profiles_pk', ['profile_id', 'version'])
    .execute();
  await db.schema.createIndex('profiles_supplier').on('profiles').columns(['supplier_id', 'member_state']).execute();

  await db.schema
    .createTable('supply_facts')
    .addColumn('fact_id', 'text', (c) => c.primaryKey())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('member_state', 'text', (c) => c.notNull().references('member_states.code'))
    .addColumn('single_source_critical_components', 'integer')
    .addColumn('export_control_exposure', 'integer')
    .addColumn('financial_stability_note', 'text')
    .addColumn('financial_stability_concern', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_facts_supplier').on('supply_facts').columns(['supplier_id', 'member_state']).execute();

  await db.schema
    .createTable('designation_history')
    .addColumn('designation_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('designation', 'text', (c) => c.notNull())
    .addColumn('change_date', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('designation_history_pk', ['designation_id', 'revision'])
    .execute();

  await db.schema.alterTable('designations').addColumn('decision_date', 'text').execute();
  await db.schema.alterTable('designations').addColumn('profile_id', 'text').execute();
  await db.schema.alterTable('designations').addColumn('profile_version', 'integer').execute();

  const rows = (await db.selectFrom('designations').selectAll().orderBy('designation_id').execute()) as Record<string, unknown>[];
  const at = new Date().toISOString();
  for (const r of rows) {
    // the same shape and key order as src/store/designation-rows.ts gives a stored designation
    const designation = {
      designation_id: r.designation_id,
      member_state: r.member_state,
      supplier_id: r.supplier_id,
      kind: r.kind,
      segments: JSON.parse(String(r.segments)) as unknown,
      legal_basis: r.legal_basis,
      effective_date: r.effective_date,
      transition_months: Number(r.transition_months),
      status: r.status,
    };
    await db
      .insertInto('designation_history')
      .values({
        designation_id: r.designation_id,
        revision: 1,
        change: r.status === 'revoked' ? 'revoked' : 'created',
        designation: JSON.stringify(designation),
        change_date: null,
        recorded_at: at,
        actor: 'system',
        source: 'migration 0005 (designation recorded before history was kept)',
      })
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['profile_version', 'profile_id', 'decision_date']) await db.schema.alterTable('designations').dropColumn(c).execute();
  for (const t of ['designation_history', 'supply_facts', 'profiles']) await db.schema.dropTable(t).execute();
}
