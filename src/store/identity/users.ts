import { randomUUID } from 'node:crypto';
import { UserError } from '../../domain/index.js';
import type { Store } from '../open.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { ROLES, type Role, type Scope } from '../access/scope.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';

export interface User {
  userId: string;
  username: string;
  role: Role;
  memberState?: string;
  operatorId?: string;
  demo: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserRow {
  user_id: string;
  username: string;
  password_hash: string;
  role: string;
  member_state: string | null;
  operator_id: string | null;
  demo: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export const toUser = (r: UserRow): User => ({
  userId: r.user_id,
  username: r.username,
  role: r.role as Role,
  ...(r.member_state ? { memberState: r.member_state } : {}),
  ...(r.operator_id ? { operatorId: r.operator_id } : {}),
  demo: r.demo === 1,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The data scope of a user; an operator user's member state is its operator's. */
export function scopeOfUser(store: Store, u: Pick<User, 'role' | 'memberState' | 'operatorId'>): Scope {
  if (u.role === 'operator' || (u.role === 'auditor' && u.operatorId)) {
    const ms = store.sqlite.prepare('SELECT member_state FROM operators WHERE operator_id = ?').pluck().get(u.operatorId) as string | undefined;
    // an operator user whose operator has gone keeps a scope that matches no rows
    return { role: u.role, operatorId: u.operatorId, memberState: ms ?? '--' };
  }
  return { role: u.role, ...(u.memberState ? { memberState: u.memberState } : {}) };
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  memberState?: string;
  operatorId?: string;
  demo?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Checks that the role's tenancy is complete and refers to rows that exist. */
function checkTenancy(store: Store, u: { role: Role; memberState?: string; operatorId?: string }): { memberState: string | null; operatorId: string | null } {
  if (!ROLES.includes(u.role)) throw new UserError(`role must be one of ${ROLES.join(', ')}`);
  const msExists = (ms: string) => store.sqlite.prepare('SELECT 1 FROM member_states WHERE code = ?').get(ms) !== undefined;
  const opExists = (op: string) => store.sqlite.prepare('SELECT 1 FROM operators WHERE operator_id = ?').get(op) !== undefined;
  switch (u.role) {
    case 'admin':
    case 'union-analyst':
      if (u.memberState || u.operatorId) throw new UserError(`a ${u.role} has no member state or operator`);
      return { memberState: null, operatorId: null };
    case 'authority':
      if (!u.memberState || !msExists(u.memberState)) throw new UserError('an authority needs a known member state code');
      if (u.operatorId) throw new UserError('an authority has no operator');
      return { memberState: u.memberState, operatorId: null };
    case 'operator':
      if (!u.operatorId || !opExists(u.operatorId)) throw new UserError('an operator user needs an operator id that is in the inventory');
      return { memberState: null, operatorId: u.operatorId };
    case 'auditor':
      if (u.operatorId && !opExists(u.operatorId)) throw new UserError('the auditor\'s operator is not in the inventory');
      if (u.memberState && !msExists(u.memberState)) throw new UserError('the auditor\'s member state code is not known');
      if (u.operatorId) return { memberState: null, operatorId: u.operatorId };
      return { memberState: u.memberState ?? null, operatorId: null };
  }
}

/**
 * The one form of a user name: what is stored, what sign-in looks up, and what the sign-in limit counts,
 * so " name", "NAME" and "name\n" are one account everywhere (a second spelling must not buy more guesses).
 */
export const normaliseUsername = (name: string): string => name.trim().toLowerCase();

export async function createUser(store: Store, actor: Actor, input: NewUser): Promise<User> {
  const username = normaliseUsername(input.username);
  if (!USERNAME.test(username)) throw new UserError('username: 2–64 characters, lower-case letters, digits and . _ @ -');
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new UserError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  const tenancy = checkTenancy(store, input);
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const row: UserRow = {
    user_id: randomUUID(),
    username,
    password_hash: passwordHash,
    role: input.role,
    member_state: tenancy.memberState,
    operator_id: tenancy.operatorId,
    demo: input.demo ? 1 : 0,
    disabled: 0,
    created_at: now,
    updated_at: now,
  };
  const db = store.sqlite;
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(username)) throw new UserError(`username ${username} is taken`);
    db.prepare(
      `INSERT INTO users (user_id, username, password_hash, role, member_state, operator_id, demo, disabled, created_at, updated_at)
       VALUES (@user_id, @username, @password_hash, @role, @member_state, @operator_id, @demo, @disabled, @created_at, @updated_at)`,
    ).run(row);
    appendAudit(store, actor, { action: 'user.create', targetType: 'user', targetId: row.user_id, after: auditView(row) });
  })();
  return toUser(row);
}

/** What the audit digest covers for a user: everything but the password hash itself (its change is noted). */
const auditView = (r: UserRow) => ({ ...toUser(r), passwordChanged: r.updated_at });

export function getUserRow(store: Store, userId: string): UserRow | undefined {
  return store.sqlite.prepare('SELECT * FROM users WHERE user_id = ?').get(userId) as UserRow | undefined;
}

export function findUserByName(store: Store, username: string): UserRow | undefined {
  return store.sqlite.prepare('SELECT * FROM users WHERE username = ?').get(normaliseUsername(username)) as UserRow | undefined;
}

export function listUsers(store: Store): User[] {
  return (store.sqlite.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
}

export function countAdmins(store: Store): number {
  return Number(store.sqlite.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get());
}

export interface UserChange {
  role?: Role;
  memberState?: string | null;
  operatorId?: string | null;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes a user. A role or tenancy change, disabling or a new password ends the user's sessions and
 * revokes their API tokens (what was granted under the old terms, or by whoever held the old password,
 * must not outlive them).
 */
export async function updateUser(store: Store, actor: Actor, userId: string, change: UserChange): Promise<User | undefined> {
  const before = getUserRow(store, userId);
  if (!before) return undefined;
  const role = change.role ?? (before.role as Role);
  const roleOrTenancyChanged = change.role !== undefined || change.memberState !== undefined || change.operatorId !== undefined;
  const tenancy = roleOrTenancyChanged
    ? checkTenancy(store, {
        role,
        memberState: (change.memberState === undefined ? before.member_state : change.memberState) ?? undefined,
        operatorId: (change.operatorId === undefined ? before.operator_id : change.operatorId) ?? undefined,
      })
    : { memberState: before.member_state, operatorId: before.operator_id };
  if (change.password !== undefined && change.password.length < MIN_PASSWORD_LENGTH)
    throw new UserError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : before.password_hash;
  const after: UserRow = {
    ...before,
    role,
    member_state: tenancy.memberState,
    operator_id: tenancy.operatorId,
    disabled: change.disabled === undefined ? before.disabled : change.disabled ? 1 : 0,
    password_hash: passwordHash,
    updated_at: new Date().toISOString(),
  };
  const db = store.sqlite;
  db.transaction(() => {
    if (before.role === 'admin' && before.disabled === 0 && (after.role !== 'admin' || after.disabled === 1) && countAdmins(store) <= 1)
      throw new UserError('this is the last active admin: create another admin first');
    db.prepare(
      `UPDATE users SET role = @role, member_state = @member_state, operator_id = @operator_id, disabled = @disabled,
       password_hash = @password_hash, updated_at = @updated_at WHERE user_id = @user_id`,
    ).run(after);
    const endsAccess = roleOrTenancyChanged || change.disabled === true || change.password !== undefined;
    // a new password ends sessions and tokens: someone who had the old password may have made either
    if (endsAccess) revokeAllFor(store, userId, after.updated_at);
    appendAudit(store, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: userId,
      before: auditView(before),
      after: auditView(after),
      detail: { passwordChanged: change.password !== undefined, accessRevoked: endsAccess },
    });
  })();
  return toUser(after);
}

/** Ends every session and API token of a user (sync; call inside a transaction with its audit entry). */
export function revokeAllFor(
  store: Store,
  userId: string,
  at = new Date().toISOString(),
  what: { tokens: boolean } = { tokens: true },
): { sessions: number; tokens: number } {
  const db = store.sqlite;
  const sessions = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId).changes;
  const tokens = what.tokens ? db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId).changes : 0;
  return { sessions, tokens };
}
