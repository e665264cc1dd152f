import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../open.js';
import type { Scope } from '../access/scope.js';
import { newSecret, secretHash } from './secrets.js';
import { scopeOfUser, toUser, type User, type UserRow } from './users.js';

export const SESSION_IDLE_MS = 8 * 3600_000;
export const SESSION_ABSOLUTE_MS = 24 * 3600_000;
/** last_seen_at is written at most this often: a write per request would cost more than the request */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** goes to the cookie; never stored */
  sessionId: string;
  /** goes to the CSRF cookie and header; only its hash is stored */
  csrfToken: string;
  expiresAt: string;
}

export function createSession(store: Store, userId: string, now = Date.now()): NewSession {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now + SESSION_ABSOLUTE_MS).toISOString();
  const at = new Date(now).toISOString();
  store.sqlite
    .prepare('INSERT INTO sessions (session_hash, user_id, csrf_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(secretHash(sessionId), userId, secretHash(csrfToken), at, at, expiresAt);
  return { sessionId, csrfToken, expiresAt };
}

export interface Authenticated {
  user: User;
  scope: Scope;
  /** sessions: the stored CSRF hash to check state-changing requests against */
  csrfHash?: string;
  sessionHash?: string;
  tokenId?: string;
  /** tokens: read-only tokens may not change anything */
  readOnly: boolean;
}

type Statements = { find: BetterSqlite3.Statement; touch: BetterSqlite3.Statement };
const statements = new WeakMap<BetterSqlite3.Database, Statements>();
function stmts(db: BetterSqlite3.Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      find: db.prepare(
        `SELECT s.csrf_hash, s.last_seen_at, s.expires_at, u.* FROM sessions s JOIN users u ON u.user_id = s.user_id
         WHERE s.session_hash = ? AND s.revoked_at IS NULL AND u.disabled = 0`,
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE session_hash = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/** The user behind a session cookie, or undefined when unknown, revoked, idle too long or past its end. */
export function authenticateSession(store: Store, sessionId: string, now = Date.now()): Authenticated | undefined {
  const hash = secretHash(sessionId);
  const s = stmts(store.sqlite);
  const r = s.find.get(hash) as (UserRow & { csrf_hash: string; last_seen_at: string; expires_at: string }) | undefined;
  if (!r) return undefined;
  const lastSeen = Date.parse(r.last_seen_at);
  if (Date.parse(r.expires_at) <= now || lastSeen + SESSION_IDLE_MS <= now) return undefined;
  if (now - lastSeen >= TOUCH_EVERY_MS) s.touch.run(new Date(now).toISOString(), hash);
  const user = toUser(r);
  return { user, scope: scopeOfUser(store, user), csrfHash: r.csrf_hash, sessionHash: hash, readOnly: false };
}

export function revokeSession(store: Store, sessionId: string, at = new Date().toISOString()): boolean {
  return store.sqlite.prepare('UPDATE sessions SET revoked_at = ? WHERE session_hash = ? AND revoked_at IS NULL').run(at, secretHash(sessionId)).changes > 0;
}

/** Removes sessions ended more than a day ago; they serve no check any more. */
export function pruneSessions(store: Store, now = Date.now()): number {
  const cutoff = new Date(now - 24 * 3600_000).toISOString();
  return store.sqlite.prepare('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?').run(cutoff, cutoff).changes;
}
