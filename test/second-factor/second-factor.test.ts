import { createDecipheriv, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmSecondFactor,
  createSession,
  createUser,
  disableSecondFactor,
  enrolSecondFactor,
  hasSecondFactor,
  regenerateRecoveryCodes,
  resetSecondFactor,
  secondFactorStatus,
  SECOND_FACTOR_KEY,
  useSecondFactorCode,
  authenticateSession,
} from '../../src/store/identity/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { base32Decode, hotp, secretOfUri, totp } from './reference-totp.js';

/*
 * The second factor's store functions against TOTP computed by a second implementation
 * (reference-totp.ts, node:crypto HMAC-SHA-1), at chosen instants: the clock is an argument.
 */

let dir: string;
let store: Store;
const actor = { name: 'test' };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-2fa-'));
  store = await openStore(join(dir, 't.db'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function user() {
  const u = await createUser(store, actor, { username: `user-${++n}`, password: 'a-long-enough-password', role: 'admin' });
  return { userId: u.userId, username: u.username };
}

// a fixed instant in the middle of a 30-second step (step 58_000_000)
const T = 58_000_000 * 30_000 + 12_000;
const STEP = 30_000;

describe('the reference TOTP of the tests', () => {
  it('gives the RFC 6238 Appendix B values for SHA-1 (8 digits)', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect(totp(key, 59_000, 0, 8)).toBe('94287082');
    expect(totp(key, 1_111_111_109_000, 0, 8)).toBe('07081804');
    expect(totp(key, 1_234_567_890_000, 0, 8)).toBe('89005924');
    expect(totp(key, 20_000_000_000_000, 0, 8)).toBe('65353130');
  });
  it('gives the RFC 4226 Appendix D values (6 digits) and decodes base32 as RFC 4648', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
  });
});

describe('enrolment', () => {
  it('answers an otpauth URI and the same secret in base32; the database holds it sealed with the key-store key', async () => {
    const u = await user();
    const e = enrolSecondFactor(store, actor, u, T);
    const uri = new URL(e.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/secure5g:${u.username}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ issuer: 'secure5g', algorithm: 'SHA1', digits: '6', period: '30', secret: e.secret });
    const key = base32Decode(e.secret);
    expect(key.length).toBe(20);

    const sealed = store.sqlite.prepare('SELECT secret_sealed FROM second_factors WHERE user_id = ?').pluck().get(u.userId) as string;
    for (const form of [e.secret, key.toString('hex'), key.toString('base64'), key.toString('base64url')]) expect(sealed).not.toContain(form);
    // opened here with node:crypto and the key file's key: AES-256-GCM, the user id as authenticated data
    const [version, iv, tag, body] = sealed.split('.');
    expect(version).toBe('v1');
    const d = createDecipheriv('aes-256-gcm', store.keys.get(SECOND_FACTOR_KEY)!, Buffer.from(iv!, 'base64url'));
    d.setAAD(Buffer.from(`secure5g second factor ${u.userId}`));
    d.setAuthTag(Buffer.from(tag!, 'base64url'));
    expect(Buffer.concat([d.update(Buffer.from(body!, 'base64url')), d.final()])).toEqual(key);
  });

  it('is not asked for until confirmed with a current code; a wrong code confirms nothing', async () => {
    const u = await user();
    const key = secretOfUri(enrolSecondFactor(store, actor, u, T).otpauthUri);
    expect(secondFactorStatus(store, u.userId)).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });
    expect(hasSecondFactor(store, u.userId)).toBe(false);
    const wrong = String((Number(totp(key, T)) + 1) % 1_000_000).padStart(6, '0');
    expect(confirmSecondFactor(store, actor, u.userId, wrong, T)).toBeUndefined();
    expect(confirmSecondFactor(store, actor, u.userId, totp(key, T, 2), T)).toBeUndefined();
    expect(hasSecondFactor(store, u.userId)).toBe(false);
    const done = confirmSecondFactor(store, actor, u.userId, totp(key, T), T)!;
    expect(hasSecondFactor(store, u.userId)).toBe(true);
    expect(secondFactorStatus(store, u.userId)).toEqual({ enabled: true, pending: false, confirmedAt: new Date(T).toISOString(), recoveryCodesLeft: 10 });
    // ten distinct codes, 16 base32 characters in groups of four, stored only as the SHA-256 of their letters
    expect(new Set(done.recoveryCodes).size).toBe(10);
    for (const c of done.recoveryCodes) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const stored = store.sqlite.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ? ORDER BY code_hash').pluck().all(u.userId);
    expect(stored).toEqual(done.recoveryCodes.map((c) => createHash('sha256').update(c.replaceAll('-', '')).digest('hex')).sort());
    // enrolling again while confirmed would let a stolen session swap the factor
    expect(() => enrolSecondFactor(store, actor, u, T)).toThrow(/disable it first/);
  });
});

describe('codes', () => {
  it('accepts now ± one step, never a code twice nor one older than the last taken', async () => {
    const u = await user();
    const key = secretOfUri(enrolSecondFactor(store, actor, u, T).otpauthUri);
    confirmSecondFactor(store, actor, u.userId, totp(key, T), T);
    const use = (code: string, at: number) => useSecondFactorCode(store, actor, u.userId, code, at);
    expect(use(totp(key, T), T)).toBeUndefined(); // the confirming code, replayed
    expect(use(totp(key, T, 2), T)).toBeUndefined(); // two steps ahead
    expect(use(totp(key, T, -2), T)).toBeUndefined();
    expect(use(totp(key, T, 1), T)).toBe('totp'); // one step ahead
    expect(use(totp(key, T, 1), T)).toBeUndefined(); // replayed in its window
    expect(use(totp(key, T + 2 * STEP, 0).slice(0, 3) + ' ' + totp(key, T + 2 * STEP).slice(3), T + 2 * STEP)).toBe('totp'); // typed with a space
    expect(use(totp(key, T + 5 * STEP, -1), T + 5 * STEP)).toBe('totp'); // one step behind
    expect(use(totp(key, T + 5 * STEP, -1), T + 5 * STEP + 10_000)).toBeUndefined();
    expect(use(totp(key, T + 5 * STEP, -2), T + 5 * STEP)).toBeUndefined();
  });

  it('takes each recovery code once, in any case and with or without hyphens, and records its use', async () => {
    const u = await user();
    const key = secretOfUri(enrolSecondFactor(store, actor, u, T).otpauthUri);
    const { recoveryCodes } = confirmSecondFactor(store, actor, u.userId, totp(key, T), T)!;
    const code = recoveryCodes[3]!;
    expect(useSecondFactorCode(store, { userId: u.userId, name: u.username }, u.userId, code.toUpperCase().replaceAll('-', ' '), T)).toBe('recovery');
    expect(useSecondFactorCode(store, actor, u.userId, code, T)).toBeUndefined();
    expect(useSecondFactorCode(store, actor, u.userId, 'aaaa-bbbb-cccc-dddd', T)).toBeUndefined();
    expect(secondFactorStatus(store, u.userId).recoveryCodesLeft).toBe(9);
    const entry = store.sqlite
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'second-factor.recovery-used' AND target_id = ?")
      .get(u.userId) as { actor: string; detail: string };
    expect(entry.actor).toBe(u.username);
    expect(JSON.parse(entry.detail)).toEqual({ recoveryCodesLeft: 9 });
    // new codes replace every old one
    const fresh = regenerateRecoveryCodes(store, actor, u.userId);
    expect(useSecondFactorCode(store, actor, u.userId, recoveryCodes[0]!, T)).toBeUndefined();
    expect(useSecondFactorCode(store, actor, u.userId, fresh[0]!, T)).toBe('recovery');
  });

  it('does not open a sealed secret moved to another user', async () => {
    const a = await user();
    const b = await user();
    const keyA = secretOfUri(enrolSecondFactor(store, actor, a, T).otpauthUri);
    enrolSecondFactor(store, actor, b, T);
    const sealedA = store.sqlite.prepare('SELECT secret_sealed FROM second_factors WHERE user_id = ?').pluck().get(a.userId);
    store.sqlite.prepare('UPDATE second_factors SET secret_sealed = ? WHERE user_id = ?').run(sealedA, b.userId);
    expect(() => confirmSecondFactor(store, actor, b.userId, totp(keyA, T), T)).toThrow(/does not open/);
  });
});

describe('disable and reset', () => {
  it('disable removes the factor and its codes; the admin reset does too and ends the sessions', async () => {
    const u = await user();
    const key = secretOfUri(enrolSecondFactor(store, actor, u, T).otpauthUri);
    confirmSecondFactor(store, actor, u.userId, totp(key, T), T);
    expect(disableSecondFactor(store, actor, u.userId)).toBe(true);
    expect(hasSecondFactor(store, u.userId)).toBe(false);
    expect(store.sqlite.prepare('SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?').pluck().get(u.userId)).toBe(0);

    const key2 = secretOfUri(enrolSecondFactor(store, actor, u, T).otpauthUri);
    confirmSecondFactor(store, actor, u.userId, totp(key2, T), T);
    const s = createSession(store, u.userId);
    expect(authenticateSession(store, s.sessionId)).toBeDefined();
    expect(resetSecondFactor(store, { name: 'os:someone' }, u.userId)).toBe(true);
    expect(hasSecondFactor(store, u.userId)).toBe(false);
    expect(authenticateSession(store, s.sessionId)).toBeUndefined();
    const actions = store.sqlite.prepare('SELECT action FROM audit_log WHERE target_id = ? ORDER BY seq').pluck().all(u.userId);
    expect(actions.filter((a) => String(a).startsWith('second-factor.'))).toEqual([
      'second-factor.enrol',
      'second-factor.confirm',
      'second-factor.disable',
      'second-factor.enrol',
      'second-factor.confirm',
      'second-factor.reset',
    ]);
  });
});
