import { IdSpellings } from '../domain/id-spelling.js';
import { ProfileAssessment, UserError, type ProfileLevel, type ResultLevelRule } from '../domain/index.js';
import type { ProfileLink, ProfileRef } from '../engine/designation-warnings.js';
import { appendRefusal } from '../engine/profile-diff.js';
import { currentRuleId, withCurrentRuleId } from '../catalog/profile-rule.js';
import { profileLevel, type LevelResult } from '../engine/profile-level.js';
import { appendAudit, type Actor } from './audit/index.js';
import { effectivePolicyOf } from './effective-policy.js';
import { inputError } from './input-errors.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';
import { supplierExists } from './repositories.js';

export { appendSupplyFacts, latestSupplyFacts, listSupplyFacts, type CurrentSupplyFacts, type FactOrigin, type StoredSupplyFacts } from './supply-facts.js';

/*
 * Supplier risk profiles (table profiles, migration 0005): append-only versions. A version is written
 * once with the level the member state's rule gave it at that moment, and the rule itself, so the level
 * stays explainable after the policy moves on. A profile whose `version` is left out gets the next one;
 * a stated version must be exactly the next one (latest + 1), which refuses a version prepared from a
 * stale copy instead of silently stacking it on a newer one.
 */

interface ProfileTable {
  profile_id: string;
  version: number;
  supplier_id: string;
  member_state: string;
  assessor: string;
  assessed_on: string;
  level: string;
  rule_id: string;
  rule: string;
  document: string;
  recorded_at: string;
  recorded_by: string;
}

export interface StoredProfile {
  profile: ProfileAssessment;
  /** the level when the version was recorded, under `rule` */
  level: ProfileLevel;
  ruleId: string;
  rule: ResultLevelRule;
  recordedAt: string;
  recordedBy: string;
}

export interface AppendedProfile extends StoredProfile {
  /** the level with its drivers and explanation */
  result: LevelResult;
  /** the policy version whose rule gave the level (`baseline` when the member state has none) */
  policyVersion: string;
}

const toStored = (r: ProfileTable): StoredProfile => ({
  profile: fromJsonColumn<ProfileAssessment>(r.document, undefined as never),
  level: r.level as ProfileLevel,
  // versions recorded under the default rule's former id (eu-baseline) read under its current one
  ruleId: currentRuleId(r.rule_id),
  rule: withCurrentRuleId(fromJsonColumn<ResultLevelRule>(r.rule, undefined as never)),
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

function latestRow(store: Store, profileId: string): ProfileTable | undefined {
  return store.sqlite.prepare('SELECT * FROM profiles WHERE profile_id = ? ORDER BY version DESC LIMIT 1').get(profileId) as ProfileTable | undefined;
}

/**
 * Records a new version of a profile: validated by ProfileAssessment, refused for appendRefusal's
 * reasons or an unknown supplier, levelled with the member state's rule in force, audited. One
 * transaction, so two writers cannot both take the same version.
 */
export async function appendProfile(store: Store, input: unknown, opts: { actor?: Actor } = {}): Promise<AppendedProfile> {
  const actor = opts.actor ?? { name: 'cli' };
  const db = store.sqlite;
  return db.transaction(() => {
    let given = input;
    if (given !== null && typeof given === 'object' && !Array.isArray(given) && (given as { version?: unknown }).version == null) {
      const id = (given as { profile_id?: unknown }).profile_id;
      const latest = typeof id === 'string' ? latestRow(store, id.trim()) : undefined;
      given = { ...given, version: (latest ? Number(latest.version) : 0) + 1 };
    }
    const parsed = ProfileAssessment.safeParse(given);
    if (!parsed.success) throw inputError('profile', parsed.error);
    const p = parsed.data;
    if (!supplierExists(store, p.supplier_id)) throw new UserError(`profile: supplier_id ${p.supplier_id} is not a known supplier`);
    const latest = latestRow(store, p.profile_id);
    if (!latest) {
      const clash = new IdSpellings(db.prepare('SELECT DISTINCT profile_id FROM profiles').pluck().all() as string[]).see(p.profile_id, 1);
      if (clash !== undefined) throw new UserError(`profile, field profile_id: ${clash}`);
    }
    const refusal = appendRefusal(latest && toStored(latest).profile, p);
    if (refusal) throw new UserError(`profile refused: ${refusal}`);
    const policy = effectivePolicyOf(store, p.member_state);
    const result = profileLevel(p, policy.profileRule);
    const row: ProfileTable = {
      profile_id: p.profile_id,
      version: p.version,
      supplier_id: p.supplier_id,
      member_state: p.member_state,
      assessor: p.assessor,
      assessed_on: p.assessed_on,
      level: result.level,
      rule_id: result.ruleId,
      rule: toJsonColumn(policy.profileRule),
      document: toJsonColumn(p),
      recorded_at: new Date().toISOString(),
      recorded_by: actor.name,
    };
    db.prepare(
      'INSERT INTO profiles (profile_id, version, supplier_id, member_state, assessor, assessed_on, level, rule_id, rule, document, recorded_at, recorded_by) ' +
        'VALUES (@profile_id, @version, @supplier_id, @member_state, @assessor, @assessed_on, @level, @rule_id, @rule, @document, @recorded_at, @recorded_by)',
    ).run(row);
    appendAudit(store, actor, {
      action: 'profile.create',
      targetType: 'profile',
      targetId: `${p.profile_id}@${p.version}`,
      memberState: p.member_state,
      after: p,
      detail: { level: result.level, ruleId: result.ruleId },
    });
    return { ...toStored(row), result, policyVersion: policy.version };
  })();
}

/** A version of a profile, or its latest when `version` is left out. */
export async function getProfile(store: Store, profileId: string, version?: number): Promise<StoredProfile | undefined> {
  const r =
    version === undefined
      ? latestRow(store, profileId)
      : (store.sqlite.prepare('SELECT * FROM profiles WHERE profile_id = ? AND version = ?').get(profileId, version) as ProfileTable | undefined);
  return r && toStored(r);
}

/** Every version of a profile, oldest first. */
export async function profileHistory(store: Store, profileId: string): Promise<StoredProfile[]> {
  return (store.sqlite.prepare('SELECT * FROM profiles WHERE profile_id = ? ORDER BY version').all(profileId) as ProfileTable[]).map(toStored);
}

export interface ProfileSummary {
  profileId: string;
  /** the latest version */
  version: number;
  supplierId: string;
  memberState: string;
  assessor: string;
  assessedOn: string;
  level: ProfileLevel;
  ruleId: string;
  recordedAt: string;
}

/** The latest version of each profile, by supplier, member state and profile id. */
export async function listProfiles(store: Store, f: { supplierId?: string; memberState?: string } = {}): Promise<ProfileSummary[]> {
  const rows = store.sqlite
    .prepare(
      'SELECT * FROM profiles p WHERE version = (SELECT MAX(version) FROM profiles q WHERE q.profile_id = p.profile_id) ' +
        'AND (? IS NULL OR supplier_id = ?) AND (? IS NULL OR member_state = ?) ORDER BY supplier_id, member_state, profile_id',
    )
    .all(f.supplierId ?? null, f.supplierId ?? null, f.memberState ?? null, f.memberState ?? null) as ProfileTable[];
  return rows.map((r) => ({
    profileId: r.profile_id,
    version: Number(r.version),
    supplierId: r.supplier_id,
    memberState: r.member_state,
    assessor: r.assessor,
    assessedOn: r.assessed_on,
    level: r.level as ProfileLevel,
    ruleId: currentRuleId(r.rule_id),
    recordedAt: r.recorded_at,
  }));
}

/**
 * The current level of each supplier as each member state assessed it: the stored level of the latest
 * version (latest assessed_on, then latest recorded) among that supplier × member state's profiles.
 */
export async function currentProfileLevels(store: Store): Promise<{ supplierId: string; memberState: string; level: ProfileLevel }[]> {
  const rows = store.sqlite
    .prepare('SELECT supplier_id, member_state, level FROM profiles ORDER BY supplier_id, member_state, assessed_on, recorded_at, version')
    .raw()
    .all() as [string, string, string][];
  const latest = new Map<string, { supplierId: string; memberState: string; level: ProfileLevel }>();
  for (const [supplierId, memberState, level] of rows) latest.set(`${supplierId}\u0000${memberState}`, { supplierId, memberState, level: level as ProfileLevel });
  return [...latest.values()];
}

/**
 * The profile versions a designation can rest on (engine/designation-warnings.ts): the version it cites
 * and the latest of that profile, or without a citation the latest profile of its supplier and member
 * state. Every read is narrowed to the designation's own supplier and member state, so a profile of
 * another supplier or member state is never returned (a citation of one is refused on write anyway).
 */
export function profileLinkOf(
  store: Store,
  d: { supplier_id: string; member_state: string; profile_id?: string | undefined; profile_version?: number | undefined },
): ProfileLink {
  const ref = (r: ProfileTable | undefined): ProfileRef | undefined =>
    r && { profileId: r.profile_id, version: Number(r.version), level: r.level as ProfileLevel, ruleId: currentRuleId(r.rule_id), assessedOn: r.assessed_on };
  const own = 'supplier_id = ? AND member_state = ?';
  if (d.profile_id !== undefined && d.profile_version !== undefined) {
    const cited = store.sqlite.prepare(`SELECT * FROM profiles WHERE profile_id = ? AND version = ? AND ${own}`).get(d.profile_id, d.profile_version, d.supplier_id, d.member_state) as ProfileTable | undefined;
    if (cited) {
      const latest = store.sqlite.prepare(`SELECT * FROM profiles WHERE profile_id = ? AND ${own} ORDER BY version DESC LIMIT 1`).get(d.profile_id, d.supplier_id, d.member_state) as ProfileTable | undefined;
      return { cited: ref(cited), latest: ref(latest) };
    }
  }
  const candidate = store.sqlite
    .prepare(`SELECT * FROM profiles WHERE ${own} ORDER BY assessed_on DESC, recorded_at DESC, version DESC LIMIT 1`)
    .get(d.supplier_id, d.member_state) as ProfileTable | undefined;
  return { candidate: ref(candidate) };
}
