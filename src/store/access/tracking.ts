import { ZodError } from 'zod';
import { findFunction } from '../../catalog/segments.js';
import { resolvePolicy } from '../../catalog/resolve-policy.js';
import { formatPath, BASELINE_VERSION } from '../../domain/policy-check.js';
import { Implementation } from '../../domain/implementation.js';
import { FundingProject, ScreeningCase } from '../../domain/screening.js';
import { UserError, type Designation } from '../../domain/index.js';
import { diffEffectivePolicies, type PolicyDiff } from '../../engine/policy-diff.js';
import { screeningRegister, type ScreeningPhase } from '../../engine/screening.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { getFundingCheck, listFundingChecks, saveFundingCheck, type FundingCheckInput, type SavedFundingCheck } from '../funding.js';
import { appendImplementations, implementationHistory, type AppendSummary, type ImplementationRecord } from '../implementations.js';
import type { Store } from '../open.js';
import { listPolicyVersions } from '../policies.js';
import { getOperator, listSuppliers } from '../repositories.js';
import { getScreeningCase, upsertScreeningCases, type StoredScreeningCase, type UpsertSummary } from '../screening.js';
import { listScreeningCasesInScope } from './registers.js';
import { Forbidden, OutOfScope, reaches, tenancyOf, type Scope } from './scope.js';

/*
 * Scoped reads and writes of what the authorities track: implementation status of the measures, SA10
 * funding checks, investment-screening cases and policy versions compared. Screening cases, funding
 * checks and policies belong to a member state: an authority reaches its own, an operator its own
 * member state's at most (and of funding checks only its own projects'); the union analyst none.
 */

type Path = (string | number)[];
const fieldError = (path: Path, message: string) => new ZodError([{ code: 'custom', path, message, input: undefined }]);

/** The rows of a member-state register a scope reaches: none, all, or one member state (and operator). */
type Reach = { none: true } | { none: false; memberState?: string; operatorId?: string };

function reachOf(scope: Scope, asked?: string): Reach {
  const t = tenancyOf(scope);
  if (t.kind === 'aggregates') return { none: true };
  if (t.kind === 'all') return { none: false, memberState: asked };
  if (asked !== undefined && asked !== t.memberState) return { none: true };
  return t.kind === 'operator' ? { none: false, memberState: t.memberState, operatorId: t.operatorId } : { none: false, memberState: t.memberState };
}

const reachesState = (scope: Scope, memberState: string) => !reachOf(scope, memberState).none;

/** Writers of a member state's registers: the administrator, or the authority of that member state. */
function decidesFor(scope: Scope, memberState: string): boolean {
  if (scope.role === 'admin') return true;
  const t = tenancyOf(scope);
  return scope.role === 'authority' && t.kind === 'member-state' && t.memberState === memberState;
}

/**
 * Runs `write` in one IMMEDIATE transaction, so the audit entry it appends commits or rolls back with
 * the rows. The store functions it wraps are async in signature only: their statements run synchronously
 * on the same better-sqlite3 handle (Kysely included) and their promises settle without I/O, so no other
 * request runs between BEGIN and COMMIT; their own transactions become savepoints of this one. `write`
 * must not await real I/O.
 */
async function inTransaction<T>(store: Store, write: () => Promise<T>): Promise<T> {
  const db = store.sqlite;
  if (db.inTransaction) return write();
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = await write();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/* ---------- implementation status ---------- */

/**
 * Appends status rows to the history (one transaction, audited). An authority records its member
 * state's rows and its operators'; an operator its own operator rows. A row outside the scope refuses
 * the whole request, naming the row, and nothing is written. `at(i)` is row i's path in the request.
 */
export async function recordImplementations(
  store: Store,
  scope: Scope,
  actor: Actor,
  given: readonly unknown[],
  at: (i: number) => Path,
): Promise<AppendSummary> {
  if (scope.role !== 'admin' && scope.role !== 'authority' && scope.role !== 'operator') throw new Forbidden('you may not record implementation status');
  const issues: ZodError['issues'] = [];
  const rows: Implementation[] = [];
  given.forEach((g, i) => {
    const r = Implementation.safeParse(g);
    if (r.success) rows.push(r.data);
    else issues.push(...r.error.issues.map((x) => ({ ...x, path: [...at(i), ...x.path] })));
  });
  if (issues.length > 0) throw new ZodError(issues);
  if (rows.length === 0) throw fieldError(at(0).slice(0, -1), 'must hold at least one row');
  const t = tenancyOf(scope);
  for (const [i, r] of rows.entries()) {
    // the operator's member state as recorded, not as the row claims: a row cannot bring another state's operator in
    const operatorState = r.scope_level === 'operator' && r.operator_id ? (await getOperator(store, r.operator_id))?.member_state : undefined;
    const inScope =
      t.kind === 'all' ||
      (t.kind === 'member-state' &&
        ((r.scope_level === 'member-state' && r.member_state === t.memberState) || (r.scope_level === 'operator' && operatorState === t.memberState && r.member_state === t.memberState))) ||
      (t.kind === 'operator' && r.scope_level === 'operator' && r.operator_id === t.operatorId);
    if (!inScope) {
      const where = r.scope_level === 'union' ? 'the Union' : r.scope_level === 'member-state' ? `member state ${r.member_state}` : `operator ${r.operator_id}`;
      const yours = t.kind === 'operator' ? 'your own operator' : "your member state and its operators";
      const name = formatPath(at(i)) || 'the row';
      throw new Forbidden(`${name} (${r.measure} for ${where}) is outside your scope: you may record status for ${yours} only; nothing was recorded`);
    }
  }
  const memberStates = new Set(rows.map((r) => r.member_state));
  const operators = new Set(rows.map((r) => r.operator_id));
  return inTransaction(store, async () => {
    const s = await appendImplementations(store, rows, 'api');
    if (s.inserted > 0)
      appendAudit(store, actor, {
        action: 'implementation.record',
        targetType: 'implementation',
        targetId: s.importId,
        // the tenancy of the batch when it has one, so that a member state's auditor sees its entries
        memberState: memberStates.size === 1 ? [...memberStates][0] : undefined,
        operatorId: operators.size === 1 && memberStates.size === 1 ? [...operators][0] : undefined,
        after: rows,
        detail: { rows: s.rows, inserted: s.inserted, unchanged: s.unchanged },
      });
    return s;
  });
}

/** The history of one measure at one scope key (`union`, `ms:DE`, `op:OP-DE-1`): the rows the scope reaches, oldest first. */
export async function implementationHistoryInScope(store: Store, scope: Scope, measure: string, scopeKey: string): Promise<ImplementationRecord[]> {
  // rows at one key share their tenancy: the filter keeps all of them or none
  return (await implementationHistory(store, measure, scopeKey)).filter((r) => reaches(scope, r.member_state, r.operator_id));
}

/* ---------- SA10 funding checks ---------- */

/** The project as readFundingProject reads a file, its problems as field errors (`assets.0.function`). */
function parseFundingProject(input: unknown): FundingProject {
  const parsed = FundingProject.safeParse(input);
  if (!parsed.success) throw parsed.error;
  const issues: ZodError['issues'] = [];
  parsed.data.assets.forEach((a, i) => {
    const fn = findFunction(a.function);
    const message = !fn ? `"${a.function}" is not a function of the catalogue` : fn.segment !== a.segment ? `"${a.function}" belongs to segment ${fn.segment}, not ${a.segment}` : undefined;
    if (message) issues.push({ code: 'custom', path: ['assets', i, 'function'], message, input: undefined });
  });
  if (issues.length > 0) throw new ZodError(issues);
  return parsed.data;
}

/**
 * The project of a funding check, validated, when the caller may check it: an authority checks
 * projects in its own member state. The check itself is services/funding-check.ts's runFundingCheck.
 */
export async function fundingProjectInScope(store: Store, scope: Scope, input: unknown): Promise<FundingProject> {
  const project = parseFundingProject(input);
  if (!decidesFor(scope, project.member_state)) throw new Forbidden('you may only check projects in your own member state');
  // only a whole-instance caller is told that an operator belongs elsewhere; a member state's authority
  // gets the answer it would get for an operator that does not exist (runFundingCheck's onlyMemberState)
  const operator = await getOperator(store, project.operator_id);
  if (tenancyOf(scope).kind === 'all' && operator && operator.member_state !== project.member_state)
    throw fieldError(['operator_id'], `${project.operator_id} is an operator of ${operator.member_state}, not of ${project.member_state}`);
  return project;
}

/** What runFundingCheck may read for this caller: everything for a whole-instance scope, else its member state's rows. */
export function fundingReadScope(scope: Scope): { onlyMemberState?: string } {
  const t = tenancyOf(scope);
  return t.kind === 'all' || t.kind === 'aggregates' ? {} : { onlyMemberState: t.memberState };
}

/** Keeps a check as evidence, audited in the same transaction. */
export async function saveFundingCheckInScope(store: Store, scope: Scope, actor: Actor, run: FundingCheckInput): Promise<SavedFundingCheck> {
  const { project, result, dateUsed } = run;
  if (!decidesFor(scope, project.member_state)) throw new Forbidden('you may only check projects in your own member state');
  return inTransaction(store, async () => {
    const s = await saveFundingCheck(store, run);
    appendAudit(store, actor, {
      action: 'funding.check',
      targetType: 'funding-check',
      targetId: s.checkId,
      memberState: project.member_state,
      operatorId: project.operator_id,
      after: { project, result, dateUsed },
      detail: { projectId: project.project_id, verdict: result.verdict, dateUsed },
    });
    return s;
  });
}

/** The designations a saved check read, as far as the caller may read designations. */
export function designationsInScope(scope: Scope, designations: readonly Designation[]): Designation[] {
  return designations.filter((d) => reachesState(scope, d.member_state));
}

const fundingInScope = (scope: Scope, c: SavedFundingCheck): SavedFundingCheck => ({ ...c, designations: designationsInScope(scope, c.designations) });

export async function listFundingChecksInScope(store: Store, scope: Scope, f: { projectId?: string; memberState?: string } = {}): Promise<SavedFundingCheck[]> {
  const r = reachOf(scope, f.memberState);
  if (r.none) return [];
  const checks = await listFundingChecks(store, { projectId: f.projectId, memberState: r.memberState });
  return checks.filter((c) => r.operatorId === undefined || c.project.operator_id === r.operatorId).map((c) => fundingInScope(scope, c));
}

/** One saved check, or undefined when unknown or of a project outside the scope. */
export async function getFundingCheckInScope(store: Store, scope: Scope, checkId: string): Promise<SavedFundingCheck | undefined> {
  const c = await getFundingCheck(store, checkId);
  if (!c) return undefined;
  const r = reachOf(scope, c.project.member_state);
  return r.none || (r.operatorId !== undefined && c.project.operator_id !== r.operatorId) ? undefined : fundingInScope(scope, c);
}

/* ---------- investment screening ---------- */

/** A case's latest revision and history, or undefined when unknown or of another member state. */
export async function getScreeningCaseInScope(store: Store, scope: Scope, caseId: string): Promise<StoredScreeningCase | undefined> {
  const c = await getScreeningCase(store, caseId);
  return c && reachesState(scope, c.case.member_state) ? c : undefined;
}

/** POST of a case id already recorded in the caller's scope: revise it with PUT instead. */
export class ScreeningCaseExists extends UserError {
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

/* ---------- policies ---------- */

/**
 * What changes between two stored versions of a member state's policy, on the effective values.
 * Defaults: `to` the version in force, `from` the one stored before it (the EU baseline before the
 * first); `baseline` names the EU baseline on either side. Undefined when the member state is outside
 * the scope, has no version, or a version named is not stored.
 */
export function policyDiffInScope(store: Store, scope: Scope, memberState: string, from?: string, to?: string): PolicyDiff | undefined {
  if (!reachesState(scope, memberState)) return undefined;
  const versions = listPolicyVersions(store, memberState);
  const toVersion = to ?? versions.at(-1)?.version;
  if (toVersion === undefined) return undefined;
  const index = versions.findIndex((v) => v.version === toVersion);
  const fromVersion = from ?? (index > 0 ? versions[index - 1]!.version : BASELINE_VERSION);
  const effective = (version: string) => {
    if (version === BASELINE_VERSION) return resolvePolicy(memberState);
    const v = versions.find((x) => x.version === version);
    return v && resolvePolicy(memberState, v.policy);
  };
  const a = effective(fromVersion);
  const b = effective(toVersion);
  return a && b ? diffEffectivePolicies(a, b) : undefined;
}
