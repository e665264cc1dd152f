import { createHash } from 'node:crypto';
import { ImportError } from '../domain/errors.js';
import { IdSpellings } from '../domain/id-spelling.js';
import type { ScreeningCase } from '../domain/screening.js';
import { ImportErrors, MAX_ERRORS } from '../interchange/import/errors.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * Investment screening cases (migration 0006). Every change to a case is a new revision; nothing is
 * overwritten. The register is the latest revision of each case.
 */

interface ScreeningCaseTable {
  case_id: string;
  revision: number;
  member_state: string;
  target_kind: string;
  target_id: string;
  status: string;
  received_on: string;
  document: string;
  sha256: string;
  recorded_at: string;
  source: string;
}

export interface ScreeningRevision {
  revision: number;
  recordedAt: string;
  source: string;
  case: ScreeningCase;
}

export interface StoredScreeningCase extends ScreeningRevision {
  /** every revision, oldest first (the last is this one) */
  history: ScreeningRevision[];
}

export interface UpsertSummary {
  source: string;
  rows: number;
  /** cases not seen before */
  inserted: number;
  /** cases given a new revision */
  revised: number;
  /** cases whose latest revision already says the same */
  unchanged: number;
}

const table = (store: Store) => store.db.withTables<{ screening_cases: ScreeningCaseTable }>();

/**
 * Records cases in one transaction: a new case gets revision 1, a changed one the next revision, an
 * unchanged one nothing. A case's target must be in the database (a supplier, or an operator of the
 * case's member state), and a case id may be given once per call; otherwise nothing is written and
 * ImportErrors names the source, row and field.
 */
export async function upsertScreeningCases(
  store: Store,
  cases: readonly ScreeningCase[],
  source: string,
  options: { rowNumbers?: readonly number[] } = {},
): Promise<UpsertSummary> {
  const db = store.sqlite;
  const supplier = db.prepare('SELECT 1 FROM suppliers WHERE supplier_id = ?').pluck();
  const operatorState = db.prepare('SELECT member_state FROM operators WHERE operator_id = ?').pluck();
  const latest = db.prepare('SELECT revision, sha256 FROM screening_cases WHERE case_id = ? ORDER BY revision DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO screening_cases (case_id, revision, member_state, target_kind, target_id, status, received_on, document, sha256, recorded_at, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const recordedAt = new Date().toISOString();
  const write = db.transaction(() => {
    const errors: ImportError[] = [];
    const seen = new Map<string, number>();
    const spellings = new IdSpellings(db.prepare('SELECT DISTINCT case_id FROM screening_cases').pluck().all() as string[]);
    cases.forEach((c, i) => {
      if (errors.length >= MAX_ERRORS) return;
      const row = options.rowNumbers?.[i] ?? i + 1;
      const first = seen.get(c.case_id);
      if (first !== undefined) errors.push(new ImportError(source, row, 'case_id', `case ${c.case_id} is already given in row ${first}`));
      else seen.set(c.case_id, row);
      const clash = spellings.see(c.case_id, row);
      if (clash !== undefined) errors.push(new ImportError(source, row, 'case_id', clash));
      if (c.target_kind === 'supplier') {
        if (supplier.get(c.target_id) === undefined) errors.push(new ImportError(source, row, 'target_id', `supplier ${c.target_id} is not in the database (import suppliers first)`));
      } else {
        const state = operatorState.get(c.target_id) as string | undefined;
        if (state === undefined) errors.push(new ImportError(source, row, 'target_id', `operator ${c.target_id} is not in the database (import operators first)`));
        else if (state !== c.member_state) errors.push(new ImportError(source, row, 'member_state', `operator ${c.target_id} is an operator of ${state}, not of ${c.member_state}`));
      }
    });
    if (errors.length > 0) throw new ImportErrors(source, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);
    const counts = { inserted: 0, revised: 0, unchanged: 0 };
    for (const c of cases) {
      // the schema's parse fixes the key order, so the JSON text is canonical enough to compare
      const document = toJsonColumn(c);
      const sha256 = createHash('sha256').update(document).digest('hex');
      const held = latest.get(c.case_id) as { revision: number; sha256: string } | undefined;
      if (held?.sha256 === sha256) {
        counts.unchanged++;
        continue;
      }
      const revision = held ? Number(held.revision) + 1 : 1;
      insert.run(c.case_id, revision, c.member_state, c.target_kind, c.target_id, c.status, c.received_on, document, sha256, recordedAt, source);
      counts[held ? 'revised' : 'inserted']++;
    }
    return counts;
  });
  return { source, rows: cases.length, ...write.immediate() };
}

const toRevision = (r: ScreeningCaseTable): ScreeningRevision => ({
  revision: Number(r.revision),
  recordedAt: r.recorded_at,
  source: r.source,
  case: fromJsonColumn<ScreeningCase>(r.document, undefined as never),
});

/** The latest revision of every case (optionally of one member state), by case id. */
export async function listScreeningCases(store: Store, filter: { memberState?: string } = {}): Promise<ScreeningRevision[]> {
  const rows = await table(store).selectFrom('screening_cases').selectAll().orderBy('case_id').orderBy('revision').execute();
  const latest = new Map<string, ScreeningRevision>();
  for (const r of rows) latest.set(r.case_id, toRevision(r));
  // filtered after picking the latest: a case moved to another member state is no longer the first one's
  return [...latest.values()].filter((r) => filter.memberState === undefined || r.case.member_state === filter.memberState);
}

/** One case: its latest revision and its whole history; undefined when unknown. */
export async function getScreeningCase(store: Store, caseId: string): Promise<StoredScreeningCase | undefined> {
  const rows = await table(store).selectFrom('screening_cases').selectAll().where('case_id', '=', caseId).orderBy('revision').execute();
  if (rows.length === 0) return undefined;
  const history = rows.map(toRevision);
  return { ...history[history.length - 1]!, history };
}
