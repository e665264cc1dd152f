import { timingSafeEqual } from 'node:crypto';
import { AUDIT_KEY } from '../keys/index.js';
import type { Store } from '../open.js';
import { entryHash, entryMac, GENESIS_HASH, type AuditRow } from './log.js';

export type AuditProblem =
  | { kind: 'altered'; seq: number; detail: string }
  | { kind: 'removed'; seq: number; detail: string }
  | { kind: 'broken-link'; seq: number; detail: string }
  | { kind: 'forged'; seq: number; detail: string }
  | { kind: 'truncated'; seq: number; detail: string }
  | { kind: 'no-key'; seq: number; detail: string };

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** hash of the last entry: write it down elsewhere to detect a later truncation of the tail */
  head: string;
  /** `seq:hash` of the last entry, the form `--expect-head` takes */
  headRef: string;
  /** the first entry carrying a MAC under the audit key (null: none yet); it vouches for every entry before it */
  keyedFrom: number | null;
  /** the first problem found, in sequence order */
  problem?: AuditProblem;
}

/** A head recorded earlier: `seq:hash`, or the hash alone. */
export interface ExpectedHead {
  seq?: number;
  hash: string;
}

export function parseHead(text: string): ExpectedHead | undefined {
  const m = /^(?:(\d+):)?([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return m ? { ...(m[1] ? { seq: Number(m[1]) } : {}), hash: m[2]! } : undefined;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/**
 * Walks the chain in sequence order and reports the first entry that does not hold: a gap in the
 * sequence (an entry removed), an entry whose content no longer matches its hash (altered), one whose
 * prev_hash is not the hash of the entry before (altered or re-chained from there on), or one whose MAC
 * does not match under the key kept outside the database (rewritten with recomputed hashes, or added
 * without the key). Entries from before the key existed carry no MAC; the first keyed entry's hash
 * covers them. The removal of the newest entries shows only against a head recorded earlier
 * (`expect`): that entry must still be there.
 */
export function verifyAudit(store: Store, expect?: ExpectedHead): AuditVerification {
  const rows = store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  const key = store.keys.get(AUDIT_KEY);
  let prev = GENESIS_HASH;
  let expected = 1;
  let n = 0;
  let keyedFrom: number | null = null;
  let sawExpected = false;
  const result = (problem?: AuditProblem): AuditVerification => ({
    ok: !problem,
    entries: n,
    head: prev,
    headRef: `${n}:${prev}`,
    keyedFrom,
    ...(problem ? { problem } : {}),
  });
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== expected) {
      const detail = seq > expected ? `entries ${expected}–${seq - 1} are missing before entry ${seq}` : `entry ${seq} is out of sequence`;
      return result({ kind: 'removed', seq: expected, detail });
    }
    const { hash, mac, ...rest } = r;
    if (entryHash(rest) !== hash) return result({ kind: 'altered', seq, detail: `entry ${seq} does not match its hash: its content was changed` });
    if (r.prev_hash !== prev)
      return result({ kind: 'broken-link', seq, detail: `entry ${seq} does not chain to entry ${seq - 1}: an earlier entry was changed or replaced` });
    if (mac !== null) {
      if (!key) return result({ kind: 'no-key', seq, detail: `entry ${seq} carries a MAC but the audit key is not in ${store.keys.path}: it cannot be checked` });
      if (!sameHex(entryMac(key, hash), mac))
        return result({ kind: 'forged', seq, detail: `entry ${seq} fails the keyed check: it was written or rewritten without the audit key` });
      keyedFrom ??= seq;
    } else if (keyedFrom !== null) {
      return result({ kind: 'forged', seq, detail: `entry ${seq} has no MAC after keyed entries began at ${keyedFrom}: it was added without the audit key` });
    }
    if (expect && hash === expect.hash && (expect.seq === undefined || expect.seq === seq)) sawExpected = true;
    prev = hash;
    expected++;
    n++;
  }
  if (expect && !sawExpected) {
    const at = expect.seq ?? n + 1;
    return result({
      kind: 'truncated',
      seq: at,
      detail: `the head recorded earlier (${expect.seq !== undefined ? `entry ${expect.seq}, ` : ''}${expect.hash.slice(0, 12)}…) is not in the trail: the newest entries were removed or the trail was replaced`,
    });
  }
  return result();
}
