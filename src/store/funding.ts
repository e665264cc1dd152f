import { randomUUID } from 'node:crypto';
import type { Designation } from '../domain/index.js';
import type { FundingProject } from '../domain/screening.js';
import type { FundingCheck } from '../engine/funding.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * Saved SA10 funding checks (migration 0006): kept as evidence with what they were judged on, so that a
 * check made under one set of designations still reads the same after they change.
 */

interface FundingCheckTable {
  check_id: string;
  project_id: string;
  operator_id: string;
  member_state: string;
  verdict: string;
  date_used: string;
  policy_version: string | null;
  project: string;
  result: string;
  designations: string;
  checked_at: string;
}

export interface FundingCheckInput {
  project: FundingProject;
  result: FundingCheck;
  /** the day designations were judged as in force on */
  dateUsed: string;
  /** version of the member state's national policy used for criticality; absent: the secure5g default alone */
  policyVersion?: string;
  /** the designations the check read */
  designations: readonly Designation[];
}

export interface SavedFundingCheck extends FundingCheckInput {
  checkId: string;
  checkedAt: string;
}

const table = (store: Store) => store.db.withTables<{ funding_checks: FundingCheckTable }>();

export async function saveFundingCheck(store: Store, input: FundingCheckInput): Promise<SavedFundingCheck> {
  const saved: SavedFundingCheck = { checkId: randomUUID(), checkedAt: new Date().toISOString(), ...input };
  await table(store)
    .insertInto('funding_checks')
    .values({
      check_id: saved.checkId,
      project_id: input.project.project_id,
      operator_id: input.project.operator_id,
      member_state: input.project.member_state,
      verdict: input.result.verdict,
      date_used: input.dateUsed,
      policy_version: input.policyVersion ?? null,
      project: toJsonColumn(input.project),
      result: toJsonColumn(input.result),
      designations: toJsonColumn(input.designations),
      checked_at: saved.checkedAt,
    })
    .execute();
  return saved;
}

const toSaved = (r: FundingCheckTable): SavedFundingCheck => ({
  checkId: r.check_id,
  checkedAt: r.checked_at,
  project: fromJsonColumn<FundingProject>(r.project, undefined as never),
  result: fromJsonColumn<FundingCheck>(r.result, undefined as never),
  dateUsed: r.date_used,
  ...(r.policy_version !== null ? { policyVersion: r.policy_version } : {}),
  designations: fromJsonColumn<Designation[]>(r.designations, []),
});

/** Saved checks, oldest first, optionally of one project or member state. */
export async function listFundingChecks(store: Store, filter: { projectId?: string; memberState?: string } = {}): Promise<SavedFundingCheck[]> {
  let q = table(store).selectFrom('funding_checks').selectAll();
  if (filter.projectId !== undefined) q = q.where('project_id', '=', filter.projectId);
  if (filter.memberState !== undefined) q = q.where('member_state', '=', filter.memberState);
  return (await q.orderBy('checked_at').orderBy('check_id').execute()).map(toSaved);
}

export async function getFundingCheck(store: Store, checkId: string): Promise<SavedFundingCheck | undefined> {
  const r = await table(store).selectFrom('funding_checks').selectAll().where('check_id', '=', checkId).executeTakeFirst();
  return r && toSaved(r);
}
