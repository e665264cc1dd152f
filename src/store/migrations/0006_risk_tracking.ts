import type { Kysely } from 'kysely';

/*
 * Risk tracking (issue 4): implementation of measures, investment screening cases, funding checks.
 *
 * implementations: append-only history, never updated or deleted. `seq` orders rows given on the same
 * `recorded_on` (the later one wins, as latestImplementations expects); it is assigned by the writer
 * inside its transaction (max + 1), not by the database. `fingerprint` is a digest of the row's content,
 * unique, so that importing the very same row again is a no-op rather than a second history row.
 * `scope_key` (`union`, `ms:DE`, `op:OP-1`) is stored to read one scope's history by index.
 *
 * screening_cases: every revision of a case, keyed by (case_id, revision); the register shows the latest.
 * The validated case is kept whole as JSON; the columns beside it are the ones queried on.
 *
 * funding_checks: each saved SA10 check with the project as given, the result and what it was judged
 * on (date, policy version, the designations read), so that a check stays evidence after the
 * designations change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('implementations')
    .addColumn('row_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('scope_level', 'text', (c) => c.notNull())
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('owner', 'text')
    .addColumn('due_date', 'text')
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('implementations_scope').on('implementations').columns(['measure', 'scope_key', 'recorded_on']).execute();
  await db.schema.createIndex('implementations_member_state').on('implementations').column('member_state').execute();
  await db.schema.createIndex('implementations_operator').on('implementations').column('operator_id').execute();

  await db.schema
    .createTable('screening_cases')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_cases_pk', ['case_id', 'revision'])
    .execute();
  await db.schema.createIndex('screening_cases_member_state').on('screening_cases').column('member_state').execute();
  await db.schema.createIndex('screening_cases_target').on('screening_cases').column('target_id').execute();

  await db.schema
    .createTable('funding_checks')
    .addColumn('check_id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('date_used', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text')
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('designations', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funding_checks_project').on('funding_checks').columns(['project_id', 'checked_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['funding_checks', 'screening_cases', 'implementations']) await db.schema.dropTable(t).execute();
}
