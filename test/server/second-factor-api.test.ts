import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmSecondFactor, enrolSecondFactor, findUserByName } from '../../src/store/identity/index.js';
import { secretOfUri, totp } from '../second-factor/reference-totp.js';
import { fixtureApp, login, persona, type Fixture, type Session } from './helpers.js';

/*
 * The second factor through the API: enrolment, sign-in with and without a code, replay, recovery
 * codes, tokens, the --require-2fa gate, the audit trail and the sign-in limit. Codes are computed by
 * the tests' own TOTP (test/second-factor/reference-totp.ts) at the real time; each flow takes codes of
 * strictly later steps, as an authenticator app's user would.
 */

/** The code of the earliest step still accepted (now − 1) that is later than the last one this key gave. */
const lastStep = new Map<string, number>();
function nextCode(key: Buffer): string {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now - 1, (lastStep.get(key.toString('hex')) ?? -Infinity) + 1);
  if (step > now + 1) throw new Error('no fresh code in the window: the test took codes too fast');
  lastStep.set(key.toString('hex'), step);
  return totp(key, step * 30_000);
}

const kind = (r: { json(): { type: string } }) => r.json().type.split(':').pop();

let f: Fixture;
beforeAll(async () => {
  // the limit has its own test below: here it must not get in the way of many tries from one address
  f = await fixtureApp({ awaitDashboard: false, app: { requireSecondFactor: ['admin', 'authority'], signInLimits: { perAccount: 1000, perAddress: 1000, windowMs: 60_000 } } });
});
afterAll(async () => f?.close());

const signIn = (username: string, extra: Record<string, string> = {}, password = persona(username).password) =>
  f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra } });
const post = (s: Session | Record<string, string>, url: string, payload: unknown) =>
  f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: 'write' in s ? (s as Session).write : s, payload: payload as object });
const get = (s: Session | Record<string, string>, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: 'read' in s ? (s as Session).read : s });
const auditOf = (userId: string) =>
  f.store.sqlite.prepare('SELECT action, actor, detail FROM audit_log WHERE target_id = ? ORDER BY seq').all(userId) as { action: string; actor: string; detail: string | null }[];

async function enrolAndConfirm(s: Session, name: string): Promise<{ key: Buffer; recoveryCodes: string[] }> {
  const e = await post(s, '/auth/second-factor/enrol', { password: persona(name).password });
  expect(e.statusCode).toBe(200);
  const key = secretOfUri(e.json().otpauthUri);
  const c = await post(s, '/auth/second-factor/confirm', { code: nextCode(key) });
  expect(c.statusCode).toBe(200);
  return { key, recoveryCodes: c.json().recoveryCodes };
}

describe('second factor of an account', () => {
  const name = 'operator-de1';
  let s: Session;
  let key: Buffer;
  let recoveryCodes: string[];

  it('is enrolled with the password, not asked for until confirmed, and confirmed with a current code only', async () => {
    s = await login(f.app, name);
    expect((await get(s, '/auth/second-factor')).json()).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0, required: false });
    const wrongPassword = await post(s, '/auth/second-factor/enrol', { password: 'not-the-password' });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().detail).toBe('the password is wrong');
    const e = await post(s, '/auth/second-factor/enrol', { password: persona(name).password });
    expect(e.statusCode).toBe(200);
    expect(e.json().otpauthUri).toBe(`otpauth://totp/secure5g:${name}?issuer=secure5g&secret=${e.json().secret}&algorithm=SHA1&digits=6&period=30`);
    key = secretOfUri(e.json().otpauthUri);
    expect((await get(s, '/auth/second-factor')).json()).toMatchObject({ enabled: false, pending: true });
    // pending: sign-in does not ask for it yet
    expect((await signIn(name)).statusCode).toBe(200);

    const bad = await post(s, '/auth/second-factor/confirm', { code: '000000' === totp(key, Date.now()) ? '111111' : '000000' });
    expect(bad.statusCode).toBe(400);
    expect(kind(bad)).toBe('second-factor-invalid');
    const ok = await post(s, '/auth/second-factor/confirm', { code: nextCode(key) });
    expect(ok.statusCode).toBe(200);
    recoveryCodes = ok.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    const status = (await get(s, '/auth/second-factor')).json();
    expect(status).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });
  });

  it('then sign-in needs a code: none is second-factor-required, a wrong or replayed one second-factor-invalid, no session either way', async () => {
    const none = await signIn(name);
    expect(none.statusCode).toBe(401);
    expect(kind(none)).toBe('second-factor-required');
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.cookies.find((c) => c.name === 'secure5g_session')).toBeUndefined();
    const wrong = await signIn(name, { code: '12345' });
    expect(kind(wrong)).toBe('second-factor-invalid');
    // a right code with a wrong password is a wrong password, and does not spend the code
    const code = nextCode(key);
    const badPassword = await signIn(name, { code }, 'not-the-password');
    expect(kind(badPassword)).toBe('bad-credentials');
    const ok = await signIn(name, { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'secure5g_session')).toBeDefined();
    const replay = await signIn(name, { code });
    expect(replay.statusCode).toBe(401);
    expect(kind(replay)).toBe('second-factor-invalid');
    expect(replay.cookies.find((c) => c.name === 'secure5g_session')).toBeUndefined();
  });

  it('takes a recovery code in place of a code, once', async () => {
    const first = await signIn(name, { code: recoveryCodes[0]! });
    expect(first.statusCode).toBe(200);
    const again = await signIn(name, { code: recoveryCodes[0]! });
    expect(kind(again)).toBe('second-factor-invalid');
    expect((await get(s, '/auth/second-factor')).json().recoveryCodesLeft).toBe(9);
  });

  it('leaves API tokens as they are: a token needs no code, and cannot manage the factor', async () => {
    const made = await post(s, '/tokens', { name: 'ci', scope: 'read-write', days: 7 });
    expect(made.statusCode, made.body).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().secret}` };
    expect((await get(bearer, '/auth/me')).statusCode).toBe(200);
    expect((await get(bearer, '/assets?limit=1')).statusCode).toBe(200);
    const disable = await post(bearer, '/auth/second-factor/disable', { password: persona(name).password, code: recoveryCodes[1]! });
    expect(disable.statusCode).toBe(403);
  });

  it('makes new recovery codes with a code, in place of the old ones', async () => {
    expect(kind(await post(s, '/auth/second-factor/recovery-codes', { code: '99999999' }))).toBe('second-factor-invalid');
    const r = await post(s, '/auth/second-factor/recovery-codes', { code: nextCode(key) });
    expect(r.statusCode).toBe(200);
    const fresh: string[] = r.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    expect(kind(await signIn(name, { code: recoveryCodes[2]! }))).toBe('second-factor-invalid');
    recoveryCodes = fresh;
  });

  it('is disabled with the password and a code, after which the password alone signs in', async () => {
    expect((await post(s, '/auth/second-factor/disable', { password: 'not-the-password', code: recoveryCodes[0]! })).json().detail).toBe('the password is wrong');
    expect(kind(await post(s, '/auth/second-factor/disable', { password: persona(name).password, code: '000000x' }))).toBe('second-factor-invalid');
    const off = await post(s, '/auth/second-factor/disable', { password: persona(name).password, code: recoveryCodes[0]! });
    expect(off.statusCode).toBe(204);
    expect((await signIn(name)).statusCode).toBe(200);
    expect((await get(s, '/auth/second-factor')).json()).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0, required: false });
  });

  it('leaves each step in the audit trail, failed codes with the client address, never a code', () => {
    const userId = findUserByName(f.store, name)!.user_id;
    const entries = auditOf(userId).filter((e) => e.action.startsWith('second-factor.') || e.action === 'session.login');
    const actions = entries.map((e) => e.action);
    for (const a of ['second-factor.enrol', 'second-factor.confirm', 'second-factor.failed', 'second-factor.recovery-used', 'second-factor.recovery-codes', 'second-factor.disable'])
      expect(actions, a).toContain(a);
    // failed, in order: the bad confirm; at sign-in the bad code, the replay, the used recovery code; the bad
    // regenerating code; the replaced recovery code at sign-in; the bad disabling code
    const failed = entries.filter((e) => e.action === 'second-factor.failed').map((e) => JSON.parse(e.detail!));
    expect(failed.map((d) => d.during)).toEqual(['confirm', 'sign-in', 'sign-in', 'sign-in', 'recovery-codes', 'sign-in', 'disable']);
    expect(failed.every((d) => d.address === '127.0.0.1')).toBe(true);
    expect(entries.filter((e) => e.action === 'session.login' && e.detail && JSON.parse(e.detail).secondFactor).map((e) => JSON.parse(e.detail!).secondFactor)).toEqual(['totp', 'recovery']);
    const text = JSON.stringify(entries);
    for (const c of recoveryCodes) expect(text).not.toContain(c);
  });
});

describe('--require-2fa admin,authority', () => {
  it('lets an admin without a factor sign in to a session that can only enrol, and says so in /auth/me', async () => {
    const s = await login(f.app, 'admin');
    const me = (await get(s, '/auth/me')).json();
    expect(me.secondFactorEnrolmentRequired).toBe(true);
    expect(me.actions).toEqual(['session.read', 'session.write']);
    for (const [method, url] of [
      ['GET', '/assets'],
      ['GET', '/users'],
      ['GET', '/audit'],
    ] as const) {
      const r = await f.app.inject({ method, url: `/api/v1${url}`, headers: s.read });
      expect(r.statusCode, url).toBe(403);
      expect(kind(r), url).toBe('second-factor-enrolment-required');
    }
    const token = await post(s, '/tokens', { name: 'x', days: 1 });
    expect(kind(token)).toBe('second-factor-enrolment-required');
    expect((await get(s, '/auth/second-factor')).json()).toMatchObject({ enabled: false, required: true });

    const { key } = await enrolAndConfirm(s, 'admin');
    // the same session reaches everything once the factor is confirmed
    expect((await get(s, '/assets?limit=1')).statusCode).toBe(200);
    const after = (await get(s, '/auth/me')).json();
    expect(after.secondFactorEnrolmentRequired).toBe(false);
    expect(after.actions).toContain('users.manage');
    // and sign-in asks for the code from now on
    expect(kind(await signIn('admin'))).toBe('second-factor-required');
    expect((await signIn('admin', { code: nextCode(key) })).statusCode).toBe(200);
  });

  it('does not touch the roles not listed', async () => {
    const s = await login(f.app, 'operator-fr1');
    expect((await get(s, '/auth/me')).json().secondFactorEnrolmentRequired).toBe(false);
    expect((await get(s, '/assets?limit=1')).statusCode).toBe(200);
  });
});

describe('the sign-in limit', () => {
  let g: Fixture;
  beforeAll(async () => {
    g = await fixtureApp({ awaitDashboard: false });
  });
  afterAll(async () => g?.close());

  it('counts answers without a code and wrong codes: five in a minute, then 429 even for the right code', async () => {
    const u = findUserByName(g.store, 'auditor-de')!;
    const key = secretOfUri(enrolSecondFactor(g.store, { name: 'test' }, { userId: u.user_id, username: u.username }).otpauthUri);
    confirmSecondFactor(g.store, { name: 'test' }, u.user_id, nextCode(key));
    const attempt = (code?: string) =>
      g.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor-de', password: persona('auditor-de').password, ...(code ? { code } : {}) } });
    const answers: string[] = [];
    for (const code of [undefined, undefined, undefined, '000000x', 'abcd-abcd-abcd-abcd', nextCode(key)]) {
      const r = await attempt(code);
      answers.push(`${r.statusCode} ${kind(r)}`);
    }
    expect(answers).toEqual([
      '401 second-factor-required',
      '401 second-factor-required',
      '401 second-factor-required',
      '401 second-factor-invalid',
      '401 second-factor-invalid',
      '429 too-many-attempts',
    ]);
  });
});
