import { Conflict, ProfileAssessment, UserError, type ProfileLevel } from '../../domain/index.js';
import { SupplyFactsRecord } from '../../domain/supply-facts.js';
import { diffProfiles, type ProfileDiff } from '../../engine/profile-diff.js';
import type { Actor } from '../audit/index.js';
import { effectivePolicyOf } from '../effective-policy.js';
import type { Store } from '../open.js';
import { appendProfile, appendSupplyFacts, latestSupplyFacts, listSupplyFacts, type AppendedProfile, type CurrentSupplyFacts, type StoredSupplyFacts } from '../profiles.js';
import { supplierExists } from '../repositories.js';
import { getProfileInScope, narrowAuthorityRegister } from './registers.js';
import { Forbidden, reaches, tenancyOf, type Scope } from './scope.js';

/*
 * Scoped writes of the profile register (profile versions, supply facts) and the reads that need the
 * same member-state resolution (profile diff, the member state suggestions are made for). A profile and
 * a supply-facts record belong to the assessing authority's member state: an authority writes and reads
 * its own, the administrator any, an auditor reads those of its scope.
 */

/** A stated version that is not the next one: the caller worked from a stale copy (routes answer 409). */
export class ProfileVersionConflict extends Conflict {
  override name = 'ProfileVersionConflict';
}

const writerOf = (scope: Scope, memberState: string, what: string): void => {
  if (tenancyOf(scope).kind === 'operator' || !reaches(scope, memberState)) throw new Forbidden(`you may only record ${what} of your own member state`);
};

/**
 * Records a new version of a profile (appendProfile levels and audits it). Checked first against the
 * scope, for the version given and for the versions already stored under that id: an id another member
 * state uses is refused without saying whose it is.
 */
export async function recordProfileVersion(store: Store, scope: Scope, actor: Actor, input: Record<string, unknown>): Promise<AppendedProfile> {
  // validated here, with the version appendProfile would give when none is stated, so the scope is checked on a valid member state
  const parsed = ProfileAssessment.safeParse({ ...input, version: input.version ?? 1 });
  if (!parsed.success) throw parsed.error;
  const p = parsed.data;
  writerOf(scope, p.member_state, 'profiles');
  const latest = store.sqlite.prepare('SELECT member_state, version FROM profiles WHERE profile_id = ? ORDER BY version DESC LIMIT 1').get(p.profile_id) as
    | { member_state: string; version: number }
    | undefined;
  if (latest && !reaches(scope, latest.member_state)) throw new Forbidden('this profile id cannot be used: choose another');
  const next = (latest ? Number(latest.version) : 0) + 1;
  if (input.version != null && p.version !== next)
    throw new ProfileVersionConflict(
      `${latest ? `profile ${p.profile_id} is at version ${next - 1}; the next must be ${next}` : `profile ${p.profile_id} has no version yet; the first must be 1`}, not ${p.version} (leave version out to take the next)`,
    );
  // no await between these checks and appendProfile's transaction, which checks the version again
  return appendProfile(store, input, { actor });
}

export interface ProfileVersionsDiff extends ProfileDiff {
  /** the levels as recorded with each version */
  recorded: { from: ProfileLevel; to: ProfileLevel };
  /** the rule `level` was computed with: the member state's rule in force now */
  ruleId: string;
}

/** What changed between two versions (as `profile diff` shows it), or undefined when either is missing or out of scope. */
export async function diffProfileVersionsInScope(store: Store, scope: Scope, profileId: string, from: number, to: number): Promise<ProfileVersionsDiff | undefined> {
  const a = await getProfileInScope(store, scope, profileId, from);
  const b = await getProfileInScope(store, scope, profileId, to);
  if (!a || !b) return undefined;
  const rule = effectivePolicyOf(store, b.profile.member_state).profileRule;
  return { ...diffProfiles(a.profile, b.profile, rule), recorded: { from: a.level, to: b.level }, ruleId: rule.rule_id };
}

/**
 * The member state whose view of a supplier suggestions are made for: the caller's own, or the one a
 * whole-instance scope names (required then). Undefined when the caller asks for another member state
 * than its own, or the supplier is not recorded: the route answers 404 either way.
 */
export function assessingMemberState(store: Store, scope: Scope, supplierId: string, asked?: string): string | undefined {
  // narrowed like the registers: a scope with a member state reads its own, `none` when it asks for another
  const n = narrowAuthorityRegister(scope, { memberState: asked });
  if (n.none) return undefined;
  if (n.memberState === undefined) throw new UserError('memberState is required: name the member state whose view of the supplier you want');
  return supplierExists(store, supplierId) ? n.memberState : undefined;
}

export interface SupplyFactsView {
  items: StoredSupplyFacts[];
  total: number;
  /** the facts in force, fact by fact, when the records are one member state's */
  current?: CurrentSupplyFacts;
}

/**
 * Supply-facts records about a supplier in scope, oldest first; undefined for an unknown supplier.
 * Another member state's records are not listed (an empty list).
 */
export async function listSupplyFactsInScope(store: Store, scope: Scope, supplierId: string, asked?: string): Promise<SupplyFactsView | undefined> {
  if (!supplierExists(store, supplierId)) return undefined;
  const n = narrowAuthorityRegister(scope, { memberState: asked });
  if (n.none) return { items: [], total: 0 };
  const items = await listSupplyFacts(store, { supplierId, memberState: n.memberState });
  return { items, total: items.length, ...(n.memberState !== undefined ? { current: await latestSupplyFacts(store, supplierId, n.memberState) } : {}) };
}

/** Appends a supply-facts record of the caller's member state (audited by appendSupplyFacts); undefined for an unknown supplier. */
export async function recordSupplyFacts(store: Store, scope: Scope, actor: Actor, input: Record<string, unknown>): Promise<StoredSupplyFacts | undefined> {
  const parsed = SupplyFactsRecord.safeParse(input);
  if (!parsed.success) throw parsed.error;
  writerOf(scope, parsed.data.member_state, 'supply facts');
  if (!supplierExists(store, parsed.data.supplier_id)) return undefined;
  return appendSupplyFacts(store, parsed.data, { actor });
}
