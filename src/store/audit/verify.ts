import type { Store } from '../open.js';
import { entryHash, GENESIS_HASH, type AuditRow } from './log.js';

export type AuditProblem =
  | { kind: 'altered'; seq: number; detail: string }
  | { kind: 'removed'; seq: number; detail: string }
  | { kind: 'broken-link'; seq: number; detail: string };

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** hash of the last entry: write it down elsewhere to detect a later truncation of the tail */
  head: string;
  /** the first problem found, in sequence order */
  problem?: AuditProblem;
}

/**
 * Walks the chain in sequence order and reports the first entry that does not hold: a gap in the
 * sequence (an entry removed), an entry whose content no longer matches its hash (altered), or one
 * whose prev_hash is not the hash of the entry before (altered or re-chained from there on).
 * What no chain can show by itself is the removal of the newest entries: compare `head` with a copy.
 */
export function verifyAudit(store: Store): AuditVerification {
  const rows = store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  let prev = GENESIS_HASH;
  let expected = 1;
  let n = 0;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== expected) {
      const detail = seq > expected ? `entries ${expected}–${seq - 1} are missing before entry ${seq}` : `entry ${seq} is out of sequence`;
      return { ok: false, entries: n, head: prev, problem: { kind: 'removed', seq: expected, detail } };
    }
    const { hash, ...rest } = r;
    if (entryHash(rest) !== hash) {
      return { ok: false, entries: n, head: prev, problem: { kind: 'altered', seq, detail: `entry ${seq} does not match its hash: its content was changed` } };
    }
    if (r.prev_hash !== prev) {
      return {
        ok: false,
        entries: n,
        head: prev,
        problem: { kind: 'broken-link', seq, detail: `entry ${seq} does not chain to entry ${seq - 1}: an earlier entry was changed or replaced` },
      };
    }
    prev = hash;
    expected++;
    n++;
  }
  return { ok: true, entries: n, head: prev };
}
