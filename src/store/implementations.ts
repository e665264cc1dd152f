import { createHash, randomUUID } from 'node:crypto';
import { ImportError } from '../domain/errors.js';
import { implementationScopeKey, type Implementation } from '../domain/implementation.js';
import { ImportErrors, MAX_ERRORS } from '../interchange/import/errors.js';
import type { Store } from './open.js';

/*
 * Implementation history (migration 0006). Rows are only ever appended: a change of status is a new row,
 * and the status in force at a scope is its latest row (latestImplementations in the domain). Rows come
 * back in history order: by recorded_on, then in the order they were appended.
 */

interface ImplementationTable {
  row_id: string;
  seq: number;
  measure: string;
  scope_level: string;
  scope_key: string;
  member_state: string | null;
  operator_id: string | null;
  status: string;
  evidence: string | null;
  owner: string | null;
  due_date: string | null;
  recorded_on: string;
  recorded_at: string;
  import_id: string;
  source: string;
  fingerprint: string;
}

/** A stored history row: the implementation plus when, from where and in which append it was recorded. */
export type ImplementationRecord = Implementation & { row_id: string; recorded_at: string; import_id: string; source: string };

export interface ImplementationFilter {
  memberState?: string;
  operatorId?: string;
  measure?: string;
  /** only rows recorded on or before this day */
  asOf?: string;
}

export interface AppendSummary {
  importId: string;
  source: string;
  rows: number;
  /** new history rows */
  inserted: number;
  /** rows already in the history, byte for byte: left alone */
  unchanged: number;
}

const table = (store: Store) => store.db.withTables<{ implementations: ImplementationTable }>();

const CONTENT = ['measure', 'scope_level', 'member_state', 'operator_id', 'status', 'evidence', 'owner', 'due_date', 'recorded_on'] as const;

function fingerprint(r: Implementation): string {
  return createHash('sha256')
    .update(JSON.stringify(CONTENT.map((k) => r[k] ?? null)))
    .digest('hex');
}

/**
 * Appends rows to the history in one transaction. An operator-scope row must name an operator in the
 * database whose member state is the row's; otherwise nothing is written and ImportErrors names the
 * source, row and field (rows are numbered by `rowNumbers`, else 1, 2, … in the order given). A row
 * identical to one already recorded (all fields, recorded_on included) is not written again.
 */
export async function appendImplementations(
  store: Store,
  rows: readonly Implementation[],
  source: string,
  options: { rowNumbers?: readonly number[] } = {},
): Promise<AppendSummary> {
  const db = store.sqlite;
  const importId = randomUUID();
  const recordedAt = new Date().toISOString();
  const operatorState = db.prepare('SELECT member_state FROM operators WHERE operator_id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO implementations (row_id, seq, measure, scope_level, scope_key, member_state, operator_id, status, evidence, owner,
       due_date, recorded_on, recorded_at, import_id, source, fingerprint)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
  );
  const write = db.transaction(() => {
    const errors: ImportError[] = [];
    rows.forEach((r, i) => {
      if (r.scope_level !== 'operator' || errors.length >= MAX_ERRORS) return;
      const row = options.rowNumbers?.[i] ?? i + 1;
      const state = operatorState.get(r.operator_id) as string | undefined;
      if (state === undefined) errors.push(new ImportError(source, row, 'operator_id', `operator ${r.operator_id} is not in the database (import operators first)`));
      else if (state !== r.member_state) errors.push(new ImportError(source, row, 'member_state', `operator ${r.operator_id} is an operator of ${state}, not of ${r.member_state}`));
    });
    if (errors.length > 0) throw new ImportErrors(source, errors, errors.length >= MAX_ERRORS);
    let seq = Number(db.prepare('SELECT ifnull(max(seq), 0) FROM implementations').pluck().get());
    let inserted = 0;
    for (const r of rows) {
      const done = insert.run(
        randomUUID(),
        ++seq,
        r.measure,
        r.scope_level,
        implementationScopeKey(r),
        r.member_state ?? null,
        r.operator_id ?? null,
        r.status,
        r.evidence ?? null,
        r.owner ?? null,
        r.due_date ?? null,
        r.recorded_on,
        recordedAt,
        importId,
        source,
        fingerprint(r),
      );
      inserted += done.changes;
    }
    return inserted;
  });
  const inserted = write.immediate();
  return { importId, source, rows: rows.length, inserted, unchanged: rows.length - inserted };
}

function toRecord(r: ImplementationTable): ImplementationRecord {
  const opt = <K extends string>(k: K, v: string | null) => (v === null ? {} : ({ [k]: v } as Record<K, string>));
  return {
    measure: r.measure,
    scope_level: r.scope_level,
    ...opt('member_state', r.member_state),
    ...opt('operator_id', r.operator_id),
    status: r.status,
    ...opt('evidence', r.evidence),
    ...opt('owner', r.owner),
    ...opt('due_date', r.due_date),
    recorded_on: r.recorded_on,
    row_id: r.row_id,
    recorded_at: r.recorded_at,
    import_id: r.import_id,
    source: r.source,
  } as ImplementationRecord; // the columns were written from validated rows
}

const toImplementation = ({ row_id: _id, recorded_at: _at, import_id: _imp, source: _src, ...rest }: ImplementationRecord): Implementation => rest;

/** Every history row matching the filter, with its recording metadata, in history order. */
export async function listImplementationRecords(store: Store, filter: ImplementationFilter = {}): Promise<ImplementationRecord[]> {
  let q = table(store).selectFrom('implementations').selectAll();
  if (filter.memberState !== undefined) q = q.where('member_state', '=', filter.memberState);
  if (filter.operatorId !== undefined) q = q.where('operator_id', '=', filter.operatorId);
  if (filter.measure !== undefined) q = q.where('measure', '=', filter.measure);
  if (filter.asOf !== undefined) q = q.where('recorded_on', '<=', filter.asOf);
  const rows = await q.orderBy('recorded_on').orderBy('seq').execute();
  return rows.map((r) => toRecord({ ...r, seq: Number(r.seq) }));
}

/** Every history row matching the filter, in history order (latestImplementations picks the current ones). */
export async function listImplementations(store: Store, filter?: { memberState?: string; operatorId?: string; measure?: string }): Promise<Implementation[]> {
  return (await listImplementationRecords(store, filter)).map(toImplementation);
}

/** The history of one measure at one scope (`union`, `ms:DE`, `op:OP-1`), oldest first. */
export async function implementationHistory(store: Store, measure: string, scopeKey: string): Promise<ImplementationRecord[]> {
  const rows = await table(store)
    .selectFrom('implementations')
    .selectAll()
    .where('measure', '=', measure)
    .where('scope_key', '=', scopeKey)
    .orderBy('recorded_on')
    .orderBy('seq')
    .execute();
  return rows.map(toRecord);
}
