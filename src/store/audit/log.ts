import { createHmac } from 'node:crypto';
import { AUDIT_KEY } from '../keys/index.js';
import type { Store } from '../open.js';
import { canonicalJson, digestOf, sha256Hex } from './canonical.js';

/** Who did it: a signed-in user, or the command line / system for work done outside the API. */
export interface Actor {
  userId?: string;
  name: string;
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string;
  /** the tenancy of the target, so auditors see the entries of their scope only */
  memberState?: string;
  operatorId?: string;
  before?: unknown;
  after?: unknown;
  /** small, non-secret facts worth keeping (row counts, file digest …) */
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  memberState: string | null;
  operatorId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  member_state: string | null;
  operator_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA256 of `hash` under the audit key (src/store/keys); null on entries written before keys existed */
  mac: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The MAC of an entry: its hash keyed with a secret outside the database. Whoever rewrites an entry and
 * every hash after it cannot also make these, so verify shows the rewrite.
 */
export const entryMac = (key: Buffer, hash: string): string => createHmac('sha256', key).update(hash).digest('hex');

/** The hash of one entry: SHA-256 over the canonical JSON of every column but the hash and MAC. */
export function entryHash(row: Omit<AuditRow, 'hash' | 'mac'>): string {
  return sha256Hex(
    canonicalJson({
      seq: row.seq,
      at: row.at,
      actor_id: row.actor_id,
      actor: row.actor,
      action: row.action,
      target_type: row.target_type,
      target_id: row.target_id,
      member_state: row.member_state,
      operator_id: row.operator_id,
      before_digest: row.before_digest,
      after_digest: row.after_digest,
      detail: row.detail,
      prev_hash: row.prev_hash,
    }),
  );
}

/**
 * Appends one entry, chained to the last. Synchronous on the SQLite handle so that callers can put it
 * in the same transaction as the write it records (better-sqlite3 nests transactions as savepoints);
 * the sequence number is the last one plus one, read inside that transaction.
 */
export function appendAudit(store: Store, actor: Actor, input: AuditInput, at = new Date().toISOString()): AuditEntry {
  const db = store.sqlite;
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const base: Omit<AuditRow, 'hash' | 'mac'> = {
      seq: (last?.seq ?? 0) + 1,
      at,
      actor_id: actor.userId ?? null,
      actor: actor.name,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId ?? null,
      member_state: input.memberState ?? null,
      operator_id: input.operatorId ?? null,
      before_digest: digestOf(input.before),
      after_digest: digestOf(input.after),
      detail: input.detail ? canonicalJson(input.detail) : null,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(base);
    const row: AuditRow = { ...base, hash, mac: entryMac(store.keys.ensure(AUDIT_KEY), hash) };
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor_id, actor, action, target_type, target_id, member_state, operator_id,
        before_digest, after_digest, detail, prev_hash, hash, mac)
       VALUES (@seq, @at, @actor_id, @actor, @action, @target_type, @target_id, @member_state, @operator_id,
        @before_digest, @after_digest, @detail, @prev_hash, @hash, @mac)`,
    ).run(row);
    return toEntry(row);
    // IMMEDIATE: the read of the chain's head takes the write lock at once, so a write committed meanwhile by
    // another process (the server beside a CLI command) is waited for, not an SQLITE_BUSY without a retry
  }).immediate();
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    memberState: r.member_state,
    operatorId: r.operator_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
