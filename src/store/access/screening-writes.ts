import { ScreeningCase } from '../../domain/screening.js';
import { Conflict } from '../../domain/index.js';
import { formatPath } from '../../domain/policy-check.js';
import { screeningRegister, type ScreeningPhase } from '../../engine/screening.js';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Store } from '../open.js';
import { getOperator, listSuppliers } from '../repositories.js';
import { getScreeningCase, upsertScreeningCases, type StoredScreeningCase, type UpsertSummary } from '../screening.js';
import { decidesFor, fieldError, inTransaction, reachesState, type Path } from './member-state-registers.js';
import { listScreeningCasesInScope, narrowAuthorityRegister } from './registers.js';
import { Forbidden, OutOfScope, type Scope } from './scope.js';

/*
 * Investment-screening cases (Regulation (EU) 2019/452) over the API: a case is its member state's. An
 * authority records and revises its own member state's cases, one at a time or as a register; reads of
 * a single case outside the scope are not found.
 */

/** A case's latest revision and history, or undefined when unknown or of another member state. */
export async function getScreeningCaseInScope(store: Store, scope: Scope, caseId: string): Promise<StoredScreeningCase | undefined> {
  const c = await getScreeningCase(store, caseId);
  return c && !narrowAuthorityRegister(scope, { memberState: c.case.member_state }).none ? c : undefined;
}

/** POST of a case id already recorded in the caller's scope: revise it with PUT instead. */
export class ScreeningCaseExists extends Conflict {
  override name = 'ScreeningCaseExists';
}

export interface RecordedCase {
  stored: StoredScreeningCase;
  status: 'inserted' | 'revised' | 'unchanged';
}

/**
 * Records a new case (`create`) or a revision of one (`revise`), audited in the same transaction. A case
 * to revise that is unknown or of another member state is OutOfScope (404); a case of another member
 * state, or on an operator that is not the member state's, is Forbidden.
 */
export async function recordScreeningCase(store: Store, scope: Scope, actor: Actor, input: unknown, mode: 'create' | 'revise'): Promise<RecordedCase> {
  const parsed = ScreeningCase.safeParse(input);
  if (!parsed.success) throw parsed.error;
  const c = parsed.data;
  await checkCaseWriter(store, scope, c, []);
  return inTransaction(store, async () => {
    const prior = await getScreeningCase(store, c.case_id);
    const priorInScope = prior !== undefined && reachesState(scope, prior.case.member_state);
    if (mode === 'revise' && !priorInScope) throw new OutOfScope(`no screening case ${c.case_id}`);
    if (mode === 'create' && prior) {
      if (priorInScope) throw new ScreeningCaseExists(`case ${c.case_id} is recorded already: PUT /screening-cases/${c.case_id} revises it`);
      // taken elsewhere: refused like any other id, without saying where
      throw new Forbidden('this case id cannot be used: choose another');
    }
    const s = await upsertScreeningCases(store, [c], 'api');
    const status = s.inserted > 0 ? 'inserted' : s.revised > 0 ? 'revised' : 'unchanged';
    if (status !== 'unchanged')
      appendAudit(store, actor, {
        action: status === 'inserted' ? 'screening.create' : 'screening.revise',
        targetType: 'screening-case',
        targetId: c.case_id,
        memberState: c.member_state,
        before: prior?.case,
        after: c,
      });
    return { stored: (await getScreeningCase(store, c.case_id))!, status };
  });
}

/** A case the caller may record: its member state's, on an operator of that member state. `at` names the case in errors. */
async function checkCaseWriter(store: Store, scope: Scope, c: ScreeningCase, at: Path): Promise<void> {
  const name = formatPath(at);
  if (!decidesFor(scope, c.member_state)) throw new Forbidden(`${name ? `${name} (case ${c.case_id}): ` : ''}you may only record screening cases of your own member state`);
  if (c.target_kind === 'operator' && scope.role !== 'admin') {
    const op = await getOperator(store, c.target_id);
    if (op?.member_state !== c.member_state) throw fieldError([...at, 'target_id'], `${c.target_id} is not an operator of ${c.member_state}`);
  }
}

/**
 * A register of cases (an upload): each new case recorded, each known one revised where it changed —
 * as `screening import` does — in one transaction with one audit entry. Every case must be the caller's
 * to record (checkCaseWriter), and an id taken by another member state refuses the upload without
 * saying where; nothing is written then.
 */
export async function recordScreeningRegister(store: Store, scope: Scope, actor: Actor, cases: readonly { row: number; value: ScreeningCase }[], file: string): Promise<UpsertSummary> {
  for (const { row, value } of cases) await checkCaseWriter(store, scope, value, [`row ${row}`]);
  return inTransaction(store, async () => {
    for (const { row, value } of cases) {
      const prior = await getScreeningCase(store, value.case_id);
      if (prior && !reachesState(scope, prior.case.member_state)) throw new Forbidden(`row ${row}: case id ${value.case_id} cannot be used: choose another; nothing was recorded`);
    }
    const s = await upsertScreeningCases(
      store,
      cases.map((c) => c.value),
      file,
      { rowNumbers: cases.map((c) => c.row) },
    );
    const states = new Set(cases.map((c) => c.value.member_state));
    if (s.inserted + s.revised > 0)
      appendAudit(store, actor, {
        action: 'screening.import',
        targetType: 'screening-register',
        targetId: file,
        memberState: states.size === 1 ? [...states][0] : undefined,
        after: cases.map((c) => c.value),
        detail: { rows: cases.length, inserted: s.inserted, revised: s.revised, unchanged: s.unchanged },
      });
    return s;
  });
}

export interface ReviewFlag {
  supplierId: string;
  name: string;
  cases: { caseId: string; investor: string; memberState: string; status: string; receivedOn: string; phase: ScreeningPhase }[];
}

/** Suppliers whose risk profile a case in the scope flags for review, with those cases (as `screening review-flags`). */
export async function screeningReviewFlagsInScope(store: Store, scope: Scope, date: string): Promise<ReviewFlag[]> {
  const cases = (await listScreeningCasesInScope(store, scope)).map((r) => r.case);
  const register = screeningRegister(cases, date);
  const names = new Map((await listSuppliers(store)).map((s) => [s.supplier_id, s.name]));
  const phase = new Map(register.cases.map((s) => [s.caseId, s.phase]));
  const order = (a: ScreeningCase, b: ScreeningCase) => (a.received_on !== b.received_on ? (a.received_on < b.received_on ? -1 : 1) : a.case_id < b.case_id ? -1 : 1);
  return register.profilesToReview.map((supplierId) => ({
    supplierId,
    name: names.get(supplierId) ?? '',
    cases: cases
      .filter((c) => c.target_kind === 'supplier' && c.target_id === supplierId)
      .sort(order)
      .map((c) => ({ caseId: c.case_id, investor: c.investor, memberState: c.member_state, status: c.status, receivedOn: c.received_on, phase: phase.get(c.case_id)! })),
  }));
}
