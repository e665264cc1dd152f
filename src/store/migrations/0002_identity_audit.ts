import { sql, type Kysely } from 'kysely';

/*
 * Who may do what, and what they did.
 * - users: argon2id password hashes; role with its tenancy (member state or operator); demo accounts flagged.
 * - sessions and api_tokens hold only the SHA-256 of their secrets, so a copy of the database opens no door.
 * - audit_log is append-only: triggers refuse UPDATE and DELETE, and each entry carries the hash of the
 *   previous one, so an edit made around the triggers (another tool, a copied file) still shows on verify.
 * - assessments keep stored runs with their findings and metrics as rows keyed by member state and
 *   operator, so every read of them can be narrowed to a caller's scope in SQL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('session_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('csrf_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('before_digest', 'text')
    .addColumn('after_digest', 'text')
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);

  await db.schema
    .createTable('assessments')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('run_by', 'text')
    .execute();
  await db.schema
    .createTable('assessment_findings')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('segment', 'text')
    .addColumn('supplier_id', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_findings_pk', ['assessment_id', 'finding_id'])
    .execute();
  await db.schema
    .createTable('assessment_metrics')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.assessment_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('member_state', 'text')
    .addColumn('operator_id', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_metrics_pk', ['assessment_id', 'kind', 'position'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['assessment_metrics', 'assessment_findings', 'assessments', 'audit_log', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
