import type { Kysely } from 'kysely';

/*
 * Import jobs of the server: one row per uploaded file, kept across restarts. member_state and
 * operator_id are the tenancy of the caller who started the job (both null for whole-instance callers),
 * so reads narrow to a caller's scope in SQL like every other scoped table. status: queued, running,
 * done, failed. progress_done / progress_total count the file's bytes (rows for JSON documents).
 * summary holds the import's counts as JSON; error a message fit for the user (never a stack trace).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer')
    .addColumn('progress_total', 'integer')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_created').on('import_jobs').column('created_at').execute();
  await db.schema.createIndex('import_jobs_status').on('import_jobs').column('status').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_jobs').execute();
}
