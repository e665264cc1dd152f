import type { Implementation } from '../../domain/implementation.js';
import type { ImplementationRecord } from '../implementations.js';
import { listImplementationRecords } from '../implementations.js';
import type { Store } from '../open.js';
import { listPolicyVersions, type StoredPolicyVersion } from '../policies.js';
import { getProfile, listProfiles, profileHistory, type ProfileSummary, type StoredProfile } from '../profiles.js';
import { listScreeningCases, type ScreeningRevision } from '../screening.js';
import { tenancyOf, type Scope } from './scope.js';

/*
 * Scoped reads of the registers an authority keeps (profiles, implementation status, screening cases,
 * policy versions). The tenancy becomes the registers' own member-state and operator filters, which
 * narrow in SQL; a request for another member state than the caller's gets nothing, as if there were
 * nothing to see.
 */

/** The member state (and operator) a read must be narrowed to, or `none` when the scope reaches no rows of the request. */
export type Narrowing = { none: true } | { none: false; memberState?: string; operatorId?: string };

export function narrow(scope: Scope, requested: { memberState?: string; operatorId?: string } = {}): Narrowing {
  const t = tenancyOf(scope);
  const clash = (held: string, asked?: string) => asked !== undefined && asked !== held;
  switch (t.kind) {
    case 'all':
      return { none: false, ...requested };
    case 'aggregates':
      return { none: true };
    case 'member-state':
      return clash(t.memberState, requested.memberState) ? { none: true } : { none: false, memberState: t.memberState, operatorId: requested.operatorId };
    case 'operator':
      return clash(t.memberState, requested.memberState) || clash(t.operatorId, requested.operatorId)
        ? { none: true }
        : { none: false, memberState: t.memberState, operatorId: t.operatorId };
  }
}

/**
 * The narrowing of the registers only a member state's authority keeps — profiles and their supply
 * facts and suggestions, screening cases: confidential assessments, of which an operator's tenancy
 * (an operator, or an auditor of one) reaches no row, whatever the route's gate said.
 */
export function narrowAuthorityRegister(scope: Scope, requested: { memberState?: string } = {}): Narrowing {
  return tenancyOf(scope).kind === 'operator' ? { none: true } : narrow(scope, requested);
}

export async function listProfilesInScope(store: Store, scope: Scope, f: { supplierId?: string; memberState?: string } = {}): Promise<ProfileSummary[]> {
  const n = narrowAuthorityRegister(scope, { memberState: f.memberState });
  if (n.none) return [];
  return listProfiles(store, { supplierId: f.supplierId, memberState: n.memberState });
}

/** One profile version, or undefined when it does not exist or belongs to another member state's authority. */
export async function getProfileInScope(store: Store, scope: Scope, profileId: string, version?: number): Promise<StoredProfile | undefined> {
  const p = await getProfile(store, profileId, version);
  const n = narrowAuthorityRegister(scope, p ? { memberState: p.profile.member_state } : {});
  return p && !n.none ? p : undefined;
}

export async function profileHistoryInScope(store: Store, scope: Scope, profileId: string): Promise<StoredProfile[] | undefined> {
  const latest = await getProfileInScope(store, scope, profileId);
  return latest ? profileHistory(store, profileId) : undefined;
}

/**
 * Implementation rows in scope: an authority its member state's rows and its operators'; an operator its
 * own rows only (a member state's row is the authority's statement, not the operator's).
 */
export async function listImplementationInScope(
  store: Store,
  scope: Scope,
  f: { memberState?: string; operatorId?: string; measure?: string; asOf?: string } = {},
): Promise<ImplementationRecord[]> {
  const n = narrow(scope, { memberState: f.memberState, operatorId: f.operatorId });
  if (n.none) return [];
  const rows = await listImplementationRecords(store, { memberState: n.memberState, operatorId: n.operatorId, measure: f.measure, asOf: f.asOf });
  // the Union's own rows have no member state: only unnarrowed scopes (admin, unscoped auditor) read them
  return n.memberState === undefined ? rows : rows.filter((r: Implementation) => r.member_state === n.memberState);
}

export async function listScreeningCasesInScope(store: Store, scope: Scope, f: { memberState?: string } = {}): Promise<ScreeningRevision[]> {
  const n = narrowAuthorityRegister(scope, { memberState: f.memberState });
  if (n.none) return [];
  return listScreeningCases(store, { memberState: n.memberState });
}

export function listPolicyVersionsInScope(store: Store, scope: Scope, memberState: string): StoredPolicyVersion[] {
  const n = narrow(scope, { memberState });
  return n.none ? [] : listPolicyVersions(store, memberState);
}
