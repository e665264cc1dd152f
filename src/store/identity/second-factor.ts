import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { Conflict, UserError } from '../../domain/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Store } from '../open.js';
import { secretHash } from './secrets.js';
import { revokeAllFor } from './users.js';
import { matchTotp, newTotpSecret, openSecret, otpauthUri, sealSecret, totpCodeOf } from './totp.js';

/*
 * The optional second factor of an account: enrol (a new TOTP secret, sealed in the database, not yet
 * active), confirm with a code from the app (only then is it asked at sign-in, and ten recovery codes
 * are made, shown once), check a code (a TOTP code, or a recovery code in its place), disable, make new
 * recovery codes, and the admin's reset from the command line. Each change is one transaction with its
 * audit entry; checking a code is one too, so two requests cannot both take the same code.
 *
 * Recovery codes are 80 random bits each (16 base32 characters), stored as SHA-256: a slow hash such as
 * argon2 is there to make guessing a human's low-entropy password costly, which a uniformly random
 * 80-bit code needs no help with (2^80 hashes per code); a plain hash lets sign-in find a code with one
 * indexed lookup, where argon2 would cost ten slow verifications per attempt, an easy way to load the server.
 */

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface SecondFactorStatus {
  /** confirmed: asked at every sign-in */
  enabled: boolean;
  /** enrolled, waiting for the first code */
  pending: boolean;
  confirmedAt?: string;
  recoveryCodesLeft: number;
}

interface FactorRow {
  user_id: string;
  secret_sealed: string;
  created_at: string;
  confirmed_at: string | null;
  last_step: number | null;
}

const factorOf = (db: BetterSqlite3.Database, userId: string) =>
  db.prepare('SELECT * FROM second_factors WHERE user_id = ?').get(userId) as FactorRow | undefined;

const codesLeft = (db: BetterSqlite3.Database, userId: string) =>
  Number(db.prepare('SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(userId));

export function secondFactorStatus(store: Store, userId: string): SecondFactorStatus {
  const f = factorOf(store.sqlite, userId);
  return {
    enabled: f?.confirmed_at != null,
    pending: f !== undefined && f.confirmed_at === null,
    ...(f?.confirmed_at ? { confirmedAt: f.confirmed_at } : {}),
    recoveryCodesLeft: f?.confirmed_at ? codesLeft(store.sqlite, userId) : 0,
  };
}

/** Whether sign-in asks this user for a code. */
export function hasSecondFactor(store: Store, userId: string): boolean {
  return store.sqlite.prepare('SELECT 1 FROM second_factors WHERE user_id = ? AND confirmed_at IS NOT NULL').get(userId) !== undefined;
}

/** Users with a confirmed factor (users list). */
export function usersWithSecondFactor(store: Store): Set<string> {
  return new Set(store.sqlite.prepare('SELECT user_id FROM second_factors WHERE confirmed_at IS NOT NULL').pluck().all() as string[]);
}

/** A recovery code as shown: `abcd-efgh-ijkl-mnop`. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].reduce((bits, b) => bits + b.toString(2).padStart(8, '0'), '');
  const code = chars.match(/.{5}/g)!.map((five) => BASE32[parseInt(five, 2)]).join('');
  return code.match(/.{4}/g)!.join('-');
}

/** A recovery code as typed, in the one form that is hashed: lower case, without spaces and hyphens. */
export const recoveryCodeOf = (input: string): string | undefined => {
  const code = input.toLowerCase().replace(/[\s-]+/g, '');
  return /^[a-z2-7]{16}$/.test(code) ? code : undefined;
};

function replaceRecoveryCodes(db: BetterSqlite3.Database, userId: string, at: string): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)');
  for (const c of codes) insert.run(userId, secretHash(recoveryCodeOf(c)!), at);
  return codes;
}

export interface Enrolment {
  /** for an authenticator app: as a QR code or pasted */
  otpauthUri: string;
  /** the same secret in base32, for typing in by hand */
  secret: string;
}

/**
 * A new secret for the user, not active until confirmed; enrolling again before confirming replaces
 * it. A confirmed factor must be disabled first (a stolen session must not swap the user's factor).
 */
export function enrolSecondFactor(store: Store, actor: Actor, user: { userId: string; username: string }, now = Date.now()): Enrolment {
  const secret = newTotpSecret();
  const sealed = sealSecret(store.keys, user.userId, secret);
  const at = new Date(now).toISOString();
  const db = store.sqlite;
  db.transaction(() => {
    if (factorOf(db, user.userId)?.confirmed_at) throw new Conflict('a second factor is active already: disable it first to enrol another');
    db.prepare(
      `INSERT INTO second_factors (user_id, secret_sealed, created_at, confirmed_at, last_step) VALUES (?, ?, ?, NULL, NULL)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, created_at = excluded.created_at, last_step = NULL`,
    ).run(user.userId, sealed, at);
    appendAudit(store, actor, { action: 'second-factor.enrol', targetType: 'user', targetId: user.userId }, at);
  })();
  return { otpauthUri: otpauthUri(secret, user.username), secret: secret.base32 };
}

/**
 * Activates the enrolled secret with a current code from the app (which proves the app holds it), and
 * makes the recovery codes, returned this once. Undefined when the code is not right.
 */
export function confirmSecondFactor(store: Store, actor: Actor, userId: string, input: string, now = Date.now()): { recoveryCodes: string[] } | undefined {
  const db = store.sqlite;
  const at = new Date(now).toISOString();
  return db.transaction(() => {
    const f = factorOf(db, userId);
    if (!f) throw new UserError('enrol first: there is no second factor to confirm');
    if (f.confirmed_at) throw new Conflict('the second factor is confirmed already');
    const code = totpCodeOf(input);
    const step = code ? matchTotp(openSecret(store.keys, userId, f.secret_sealed), code, now, f.last_step) : undefined;
    if (step === undefined) return undefined;
    db.prepare('UPDATE second_factors SET confirmed_at = ?, last_step = ? WHERE user_id = ?').run(at, step, userId);
    const recoveryCodes = replaceRecoveryCodes(db, userId, at);
    appendAudit(store, actor, { action: 'second-factor.confirm', targetType: 'user', targetId: userId, detail: { recoveryCodes: recoveryCodes.length } }, at);
    return { recoveryCodes };
  })();
}

export type CodeUsed = 'totp' | 'recovery';

/**
 * Checks a code for a user with a confirmed factor, and takes it: a TOTP code of now ± one step that is
 * newer than the last one accepted, or an unused recovery code, then marked used (audited, with how
 * many are left). Undefined when it is neither.
 */
export function useSecondFactorCode(store: Store, actor: Actor, userId: string, input: string, now = Date.now()): CodeUsed | undefined {
  const db = store.sqlite;
  const at = new Date(now).toISOString();
  return db.transaction((): CodeUsed | undefined => {
    const f = factorOf(db, userId);
    if (!f?.confirmed_at) return undefined;
    const code = totpCodeOf(input);
    if (code) {
      const step = matchTotp(openSecret(store.keys, userId, f.secret_sealed), code, now, f.last_step);
      if (step === undefined) return undefined;
      db.prepare('UPDATE second_factors SET last_step = ? WHERE user_id = ?').run(step, userId);
      return 'totp';
    }
    const recovery = recoveryCodeOf(input);
    if (!recovery) return undefined;
    const used = db
      .prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
      .run(at, userId, secretHash(recovery)).changes;
    if (used === 0) return undefined;
    appendAudit(store, actor, { action: 'second-factor.recovery-used', targetType: 'user', targetId: userId, detail: { recoveryCodesLeft: codesLeft(db, userId) } }, at);
    return 'recovery';
  })();
}

/** Removes the factor and its recovery codes (the caller has checked the password and a code). */
export function disableSecondFactor(store: Store, actor: Actor, userId: string, at = new Date().toISOString()): boolean {
  const db = store.sqlite;
  return db.transaction(() => {
    db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    const removed = db.prepare('DELETE FROM second_factors WHERE user_id = ?').run(userId).changes > 0;
    if (removed) appendAudit(store, actor, { action: 'second-factor.disable', targetType: 'user', targetId: userId }, at);
    return removed;
  })();
}

/** New recovery codes in place of all the old ones, returned this once (the caller has checked a code). */
export function regenerateRecoveryCodes(store: Store, actor: Actor, userId: string, at = new Date().toISOString()): string[] {
  const db = store.sqlite;
  return db.transaction(() => {
    if (!factorOf(db, userId)?.confirmed_at) throw new UserError('there is no confirmed second factor to make recovery codes for');
    const codes = replaceRecoveryCodes(db, userId, at);
    appendAudit(store, actor, { action: 'second-factor.recovery-codes', targetType: 'user', targetId: userId, detail: { recoveryCodes: codes.length } }, at);
    return codes;
  })();
}

/**
 * The admin's way back in for a user who lost the app and the recovery codes (command line only): the
 * factor goes and the user's sessions end; API tokens stay (they never depended on it).
 */
export function resetSecondFactor(store: Store, actor: Actor, userId: string, at = new Date().toISOString()): boolean {
  const db = store.sqlite;
  return db.transaction(() => {
    db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    const removed = db.prepare('DELETE FROM second_factors WHERE user_id = ?').run(userId).changes > 0;
    const ended = revokeAllFor(store, userId, at, { tokens: false });
    appendAudit(store, actor, { action: 'second-factor.reset', targetType: 'user', targetId: userId, detail: { hadFactor: removed, sessionsEnded: ended.sessions } }, at);
    return removed;
  })();
}
