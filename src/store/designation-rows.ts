import type { DesignationTable } from './schema.js';
import { UserError, type Designation, type DesignationInput } from '../domain/index.js';
import { effectivePolicyOf } from './effective-policy.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * A designation between the domain and the table: the row with the columns migration 0005 added, the
 * one canonical shape (fixed key order, absent fields left out) that history revisions store and
 * compare, and the checks a write needs from the store (supplier, profile version, policy default).
 */

/** A designations row as stored (with 0005's decision_date, profile_id and profile_version). */
export type DesignationRecord = DesignationTable;

/** The designation with its keys in one fixed order and absent fields left out. */
export function canonicalDesignation(d: Designation): Designation {
  return {
    designation_id: d.designation_id,
    member_state: d.member_state,
    supplier_id: d.supplier_id,
    kind: d.kind,
    segments: [...d.segments],
    legal_basis: d.legal_basis,
    ...(d.decision_date !== undefined ? { decision_date: d.decision_date } : {}),
    effective_date: d.effective_date,
    transition_months: d.transition_months,
    status: d.status,
    ...(d.profile_id !== undefined ? { profile_id: d.profile_id } : {}),
    ...(d.profile_version !== undefined ? { profile_version: d.profile_version } : {}),
    ...(d.revoked_on !== undefined ? { revoked_on: d.revoked_on } : {}),
  };
}

/** The text a revision stores; equal designations give equal text. */
export const designationText = (d: Designation): string => toJsonColumn(canonicalDesignation(d));

export function rowToDesignation(r: DesignationRecord): Designation {
  return canonicalDesignation({
    designation_id: r.designation_id,
    member_state: r.member_state as Designation['member_state'],
    supplier_id: r.supplier_id,
    kind: r.kind as Designation['kind'],
    segments: fromJsonColumn<Designation['segments']>(r.segments, []),
    legal_basis: r.legal_basis,
    ...(r.decision_date !== null ? { decision_date: r.decision_date } : {}),
    effective_date: r.effective_date,
    transition_months: Number(r.transition_months),
    status: r.status as Designation['status'],
    ...(r.profile_id !== null ? { profile_id: r.profile_id } : {}),
    ...(r.profile_version !== null ? { profile_version: Number(r.profile_version) } : {}),
    ...(r.revoked_on !== null && r.revoked_on !== undefined ? { revoked_on: r.revoked_on } : {}),
  });
}

export function designationToRow(d: Designation): DesignationRecord {
  return {
    designation_id: d.designation_id,
    member_state: d.member_state,
    supplier_id: d.supplier_id,
    kind: d.kind,
    segments: toJsonColumn(d.segments),
    legal_basis: d.legal_basis,
    effective_date: d.effective_date,
    transition_months: d.transition_months,
    status: d.status,
    decision_date: d.decision_date ?? null,
    profile_id: d.profile_id ?? null,
    profile_version: d.profile_version ?? null,
    revoked_on: d.revoked_on ?? null,
  };
}

export function readDesignation(store: Store, id: string): Designation | undefined {
  const r = store.sqlite.prepare('SELECT * FROM designations WHERE designation_id = ?').get(id) as DesignationRecord | undefined;
  return r && rowToDesignation(r);
}

/**
 * The designation as it will be stored: a transition period left out is the member state's policy
 * default now (the latest stored policy, else the baseline's 36 months).
 */
export function completeDesignation(store: Store, d: DesignationInput): Designation {
  const transition = d.transition_months ?? effectivePolicyOf(store, d.member_state).defaultTransitionMonths;
  return canonicalDesignation({ ...d, transition_months: transition });
}

/**
 * The key under which a cited profile version is looked up: the citing designation's member state with
 * the profile's id and version. A designation may rest only on a profile its own member state keeps, so
 * a profile of another member state is looked up under a key it is never stored under and answers
 * exactly as an id that does not exist (it must not say which supplier that profile covers, or that it exists).
 */
export const citedProfileKey = (memberState: string, profileId: string, version: number): string => `${memberState}/${profileId}@${version}`;

/** Why the store cannot take the designation: an unknown supplier, or a profile version its member state does not keep or that is about someone else. */
export function designationReferenceProblem(
  store: Store,
  d: Pick<Designation, 'member_state' | 'supplier_id' | 'profile_id' | 'profile_version'>,
): string | undefined {
  const db = store.sqlite;
  if (!db.prepare('SELECT 1 FROM suppliers WHERE supplier_id = ?').get(d.supplier_id)) return `supplier_id ${d.supplier_id} is not a known supplier`;
  if (d.profile_id === undefined || d.profile_version === undefined) return undefined;
  const supplier = db
    .prepare('SELECT supplier_id FROM profiles WHERE profile_id = ? AND version = ? AND member_state = ?')
    .pluck()
    .get(d.profile_id, d.profile_version, d.member_state) as string | undefined;
  return profileReferenceProblem(d.profile_id, d.profile_version, d.supplier_id, supplier);
}

/**
 * Shared with the importer, which looks the profile up in its reference data (under citedProfileKey)
 * instead. `profileSupplier` must come from a lookup narrowed to the citing member state.
 */
export function profileReferenceProblem(profileId: string, version: number, supplierId: string, profileSupplier: string | undefined): string | undefined {
  if (profileSupplier === undefined) return `profile ${profileId} version ${version} is not recorded (record it with: secure5g profile create)`;
  if (profileSupplier !== supplierId) return `profile ${profileId} is about supplier ${profileSupplier}, not ${supplierId}`;
  return undefined;
}

export function checkDesignationReferences(store: Store, d: Pick<Designation, 'member_state' | 'supplier_id' | 'profile_id' | 'profile_version'>): void {
  const problem = designationReferenceProblem(store, d);
  if (problem) throw new UserError(problem);
}
