import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../../domain/index.js';
import type { Store } from '../open.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { newSecret, sameHash, secretHash } from './secrets.js';
import type { Authenticated } from './sessions.js';
import { scopeOfUser, toUser, type UserRow } from './users.js';

export const TOKEN_SCOPES = ['read', 'read-write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const MAX_TOKEN_DAYS = 366;

export interface ApiToken {
  tokenId: string;
  userId: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  token_id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  scope: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  tokenId: r.token_id,
  userId: r.user_id,
  name: r.name,
  scope: r.scope as TokenScope,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** `s5g_<16 hex id>_<43 base64url secret>`: the id finds the row, the secret is checked against its hash. */
const TOKEN_FORMAT = /^s5g_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export async function createToken(
  store: Store,
  actor: Actor,
  input: { userId: string; name: string; scope: TokenScope; days: number },
  now = Date.now(),
): Promise<{ token: ApiToken; secret: string }> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS) throw new UserError(`days: 1 to ${MAX_TOKEN_DAYS}`);
  const tokenId = randomBytes(8).toString('hex');
  const secret = newSecret();
  const row: TokenRow = {
    token_id: tokenId,
    user_id: input.userId,
    name: input.name,
    secret_hash: secretHash(secret),
    scope: input.scope,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + input.days * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  store.sqlite.transaction(() => {
    store.sqlite
      .prepare(
        `INSERT INTO api_tokens (token_id, user_id, name, secret_hash, scope, created_at, expires_at)
         VALUES (@token_id, @user_id, @name, @secret_hash, @scope, @created_at, @expires_at)`,
      )
      .run(row);
    const { secret_hash: _omit, ...view } = row;
    appendAudit(store, actor, { action: 'token.create', targetType: 'token', targetId: tokenId, after: view });
  })();
  return { token: toToken(row), secret: `s5g_${tokenId}_${secret}` };
}

export function listTokens(store: Store, filter: { userId?: string } = {}): ApiToken[] {
  const rows = filter.userId
    ? store.sqlite.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at').all(filter.userId)
    : store.sqlite.prepare('SELECT * FROM api_tokens ORDER BY created_at').all();
  return (rows as TokenRow[]).map(toToken);
}

export function getToken(store: Store, tokenId: string): ApiToken | undefined {
  const r = store.sqlite.prepare('SELECT * FROM api_tokens WHERE token_id = ?').get(tokenId) as TokenRow | undefined;
  return r && toToken(r);
}

export function revokeToken(store: Store, actor: Actor, tokenId: string, at = new Date().toISOString()): boolean {
  return store.sqlite.transaction(() => {
    const before = getToken(store, tokenId);
    if (!before || before.revokedAt) return false;
    store.sqlite.prepare('UPDATE api_tokens SET revoked_at = ? WHERE token_id = ?').run(at, tokenId);
    appendAudit(store, actor, { action: 'token.revoke', targetType: 'token', targetId: tokenId, before, after: { ...before, revokedAt: at } });
    return true;
  })();
}

const findStmt = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/** The user behind a bearer token, or undefined when malformed, unknown, revoked, expired or the user disabled. */
export function authenticateToken(store: Store, bearer: string, now = Date.now()): Authenticated | undefined {
  const m = TOKEN_FORMAT.exec(bearer);
  if (!m) return undefined;
  let find = findStmt.get(store.sqlite);
  if (!find) {
    find = store.sqlite.prepare(
      `SELECT t.secret_hash, t.scope AS token_scope, t.expires_at AS token_expires, t.last_used_at, u.* FROM api_tokens t
       JOIN users u ON u.user_id = t.user_id WHERE t.token_id = ? AND t.revoked_at IS NULL AND u.disabled = 0`,
    );
    findStmt.set(store.sqlite, find);
  }
  const r = find.get(m[1]) as (UserRow & { secret_hash: string; token_scope: string; token_expires: string; last_used_at: string | null }) | undefined;
  if (!r || !sameHash(r.secret_hash, secretHash(m[2]!)) || Date.parse(r.token_expires) <= now) return undefined;
  // last use is kept to the minute: a write per request would cost more than the request
  if (!r.last_used_at || now - Date.parse(r.last_used_at) >= 60_000)
    store.sqlite.prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?').run(new Date(now).toISOString(), m[1]);
  const user = toUser(r);
  const readOnly = r.token_scope !== 'read-write' || user.role === 'auditor';
  return { user, scope: scopeOfUser(store, user), tokenId: m[1], readOnly };
}
