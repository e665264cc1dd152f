import { ZodError } from 'zod';
import { findFunction } from '../../catalog/segments.js';
import { resolvePolicy } from '../../catalog/resolve-policy.js';
import { formatPath, BASELINE_VERSION } from '../../domain/policy-check.js';
import { Implementation } from '../../domain/implementation.js';
import { FundingProject } from '../../domain/screening.js';
import type { Designation } from '../../domain/index.js';
import { diffEffectivePolicies, type PolicyDiff } from '../../engine/policy-diff.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { getFundingCheck, listFundingChecks, saveFundingCheck, type FundingCheckInput, type SavedFundingCheck } from '../funding.js';
import { appendImplementations, implementationHistory, type AppendSummary, type ImplementationRecord } from '../implementations.js';
import type { Store } from '../open.js';
import { listPolicyVersions } from '../policies.js';
import { getOperator } from '../repositories.js';
import { decidesFor, fieldError, inTransaction, reachesState, reachOf, type Path } from './member-state-registers.js';
import { Forbidden, reaches, tenancyOf, type Scope } from './scope.js';

/*
 * Scoped reads and writes of what the authorities track: implementation status of the measures, SA10
 * funding checks and policy versions compared (screening cases: screening-writes.ts). Funding checks and
 * policies belong to a member state: an authority reaches its own, an operator its own member state's at
 * most (and of funding checks only its own projects'); the union analyst none.
 */

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

/* ---------- policies ---------- */

/**
 * What changes between two stored versions of a member state's policy, on the effective values.
 * Defaults: `to` the version in force, `from` the one stored before it (the secure5g default (not an EU rule) before the
 * first); `baseline` names the secure5g default (not an EU rule) on either side. Undefined when the member state is outside
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
