import { Conflict, Policy } from '../domain/index.js';
import { appendAudit, canonicalJson, type Actor } from './audit/index.js';
import { importTimestamp } from './import-writes.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';
import { markDataChanged } from './snapshot-cache.js';

/*
 * National policies as versioned data. One rule for every writer (file import, API, CLI): a stored
 * (member_state, version) is immutable. The same content again is a no-op; other content under a
 * stored version is refused, so a version label always means one rule set and an assessment that names
 * it can be redone. The version in force is the one stored last (greatest stored_at).
 */

export interface StoredPolicyVersion {
  memberState: string;
  version: string;
  /** when this version was stored (ISO timestamp) */
  importedAt: string;
  /** true for the version stored last for its member state: the one the engine applies */
  inForce: boolean;
  policy: Policy;
}

export type PolicyVersionStatus = 'new' | 'unchanged' | 'conflict';

/** A different document under a stored version. */
export class PolicyVersionConflict extends Conflict {
  override name = 'PolicyVersionConflict';
  constructor(
    readonly memberState: string,
    readonly version: string,
  ) {
    super(`policy ${memberState} version "${version}" is stored already with other content: versions are immutable, give the new content a new version`);
  }
}

/** Stored documents are compared by meaning (canonical JSON of the parsed policy), not by key order. */
const sameContent = (stored: string, p: Policy): boolean => {
  const parsed = Policy.safeParse(fromJsonColumn<unknown>(stored, null));
  return parsed.success ? canonicalJson(parsed.data) === canonicalJson(p) : stored === toJsonColumn(p);
};

/** What storing `policy` would do: insert a new version, nothing (same content), or be refused. */
export function policyVersionStatus(store: Store, policy: Policy): PolicyVersionStatus {
  const stored = store.sqlite
    .prepare('SELECT document FROM policies WHERE member_state = ? AND version = ?')
    .pluck()
    .get(policy.member_state, policy.version) as string | undefined;
  if (stored === undefined) return 'new';
  return sameContent(stored, policy) ? 'unchanged' : 'conflict';
}

/**
 * Stores a validated policy under the version rule, in one transaction (a savepoint inside the
 * caller's, e.g. an import's). A new version becomes the one in force; with an actor, an audit entry
 * `policy.create` records the policy it replaces and the new one. Throws PolicyVersionConflict.
 */
export function storePolicyVersion(store: Store, policy: Policy, actor?: Actor): { status: 'inserted' | 'unchanged'; stored: StoredPolicyVersion } {
  return store.sqlite.transaction(() => {
    const status = policyVersionStatus(store, policy);
    if (status === 'conflict') throw new PolicyVersionConflict(policy.member_state, policy.version);
    if (status === 'unchanged') return { status: 'unchanged' as const, stored: getPolicyVersion(store, policy.member_state, policy.version)! };
    const before = getPolicyVersion(store, policy.member_state);
    const importedAt = importTimestamp();
    store.sqlite
      .prepare('INSERT INTO policies (member_state, version, document, imported_at) VALUES (?, ?, ?, ?)')
      .run(policy.member_state, policy.version, toJsonColumn(policy), importedAt);
    // the snapshot cache does not hold policies, but the rule is that every writer of engine inputs says so
    markDataChanged(store);
    if (actor)
      appendAudit(store, actor, {
        action: 'policy.create',
        targetType: 'policy',
        targetId: `${policy.member_state}@${policy.version}`,
        memberState: policy.member_state,
        before: before?.policy,
        after: policy,
      });
    return { status: 'inserted' as const, stored: { memberState: policy.member_state, version: policy.version, importedAt, inForce: true, policy } };
  })();
}

interface Row {
  member_state: string;
  version: string;
  document: string;
  imported_at: string;
}

/** Every stored version, by member state, oldest first; the last of each member state is in force. */
export function listPolicyVersions(store: Store, memberState?: string): StoredPolicyVersion[] {
  const rows = store.sqlite
    .prepare(
      `SELECT member_state, version, document, imported_at FROM policies${memberState ? ' WHERE member_state = ?' : ''} ORDER BY member_state, imported_at, version`,
    )
    .all(...(memberState ? [memberState] : [])) as Row[];
  return rows.map((r, i) => ({
    memberState: r.member_state,
    version: r.version,
    importedAt: r.imported_at,
    inForce: rows[i + 1]?.member_state !== r.member_state,
    policy: fromJsonColumn<Policy>(r.document, undefined as never),
  }));
}

/** One stored version; without `version`, the one in force. */
export function getPolicyVersion(store: Store, memberState: string, version?: string): StoredPolicyVersion | undefined {
  const all = listPolicyVersions(store, memberState);
  return version === undefined ? all.at(-1) : all.find((v) => v.version === version);
}
