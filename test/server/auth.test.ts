import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, persona, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp();
});
afterAll(async () => f.close());

const me = (headers: Record<string, string>) => f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

describe('sign-in', () => {
  it('stores argon2id hashes, never the password', () => {
    const hash = f.store.sqlite.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get('admin') as string;
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(persona('admin').password);
  });

  it('answers a wrong password and an unknown user alike, as problem+json', async () => {
    const wrong = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: 'not-the-password' } });
    const unknown = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'not-the-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/api/v1/auth/login' });
  });

  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, both Secure by default', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'authority-de', password: persona('authority-de').password } });
    expect(r.statusCode).toBe(200);
    const session = r.cookies.find((c) => c.name === 'secure5g_session')!;
    const csrf = r.cookies.find((c) => c.name === 'secure5g_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(session.secure).toBe(true); // configuration decides (problems.test.ts), not the Host header
    expect(csrf.httpOnly).toBeFalsy();
    expect(r.json().csrfToken).toBe(csrf.value);
    // only the SHA-256 of the session id is stored
    const stored = f.store.sqlite.prepare('SELECT session_hash FROM sessions').pluck().all() as string[];
    expect(stored).not.toContain(session.value);
    expect(stored).toContain(createHash('sha256').update(session.value).digest('hex'));
  });

  it('rate-limits sign-in attempts per address and username (5 a minute)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'union', password: 'wrong-password-here' } });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // another username from the same address is not blocked by it
    const other = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor-de', password: persona('auditor-de').password } });
    expect(other.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('needs the CSRF header, matching the cookie and the session, on state-changing requests', async () => {
    const s = await login(f.app, 'operator-de1');
    const post = (headers: Record<string, string>) => f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers, payload: {} });
    expect((await post(s.read)).statusCode).toBe(403);
    expect((await post(s.read)).json().type).toBe('urn:secure5g:problem:csrf');
    expect((await post({ ...s.read, 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(403);
    // a CSRF cookie and header that agree, but were not issued with this session
    const forged = `${s.cookie.split(';')[0]}; secure5g_csrf=${'y'.repeat(43)}`;
    expect((await post({ cookie: forged, 'x-csrf-token': 'y'.repeat(43) })).statusCode).toBe(403);
    expect((await post(s.write)).statusCode).toBe(201);
  });

  it('logout ends the session on the server', async () => {
    const s = await login(f.app, 'auditor');
    expect((await me(s.read)).statusCode).toBe(200);
    const out = await f.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.write });
    expect(out.statusCode).toBe(204);
    expect((await me(s.read)).statusCode).toBe(401);
  });

  it('expires after 8 hours idle and after 24 hours in all', async () => {
    const idle = await login(f.app, 'authority-fr');
    const absolute = await login(f.app, 'authority-fr');
    const hashOf = (s: { cookie: string }) => createHash('sha256').update(s.cookie.split(';')[0]!.split('=')[1]!).digest('hex');
    f.store.sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE session_hash = ?').run(new Date(Date.now() - 8 * 3600_000 - 1000).toISOString(), hashOf(idle));
    f.store.sqlite.prepare('UPDATE sessions SET expires_at = ? WHERE session_hash = ?').run(new Date(Date.now() - 1000).toISOString(), hashOf(absolute));
    expect((await me(idle.read)).statusCode).toBe(401);
    expect((await me(absolute.read)).statusCode).toBe(401);
  });

  it('an admin can end every session of a user', async () => {
    const admin = await login(f.app, 'admin');
    const s = await login(f.app, 'operator-fr1');
    const id = (await me(s.read)).json().user.userId;
    const r = await f.app.inject({ method: 'DELETE', url: `/api/v1/users/${id}/sessions`, headers: admin.write });
    expect(r.statusCode).toBe(200);
    expect(r.json().sessions).toBeGreaterThanOrEqual(1);
    expect((await me(s.read)).statusCode).toBe(401);
  });

  it('a disabled user cannot sign in and loses its sessions', async () => {
    const admin = await login(f.app, 'admin');
    const created = await f.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.write,
      payload: { username: 'temp-auditor', password: 'temp-password-123', role: 'auditor', memberState: 'FR' },
    });
    expect(created.statusCode).toBe(201);
    const s = await login(f.app, 'temp-auditor', 'temp-password-123');
    const patch = await f.app.inject({ method: 'PATCH', url: `/api/v1/users/${created.json().userId}`, headers: admin.write, payload: { disabled: true } });
    expect(patch.json().disabled).toBe(true);
    expect((await me(s.read)).statusCode).toBe(401);
    await expect(login(f.app, 'temp-auditor', 'temp-password-123')).rejects.toThrow(/401/);
  });
});

describe('API tokens', () => {
  it('stores only a hash; read tokens read, read-write tokens write without CSRF; revoked and expired tokens fail', async () => {
    const s = await login(f.app, 'authority-de');
    const make = async (scope: string) => {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.write, payload: { name: `t-${scope}`, scope, days: 30 } });
      expect(r.statusCode).toBe(201);
      return r.json() as { token: { tokenId: string }; secret: string };
    };
    const read = await make('read');
    const rw = await make('read-write');
    expect(read.secret).toMatch(/^s5g_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const stored = f.store.sqlite.prepare('SELECT secret_hash FROM api_tokens WHERE token_id = ?').pluck().get(read.token.tokenId) as string;
    expect(stored).toBe(createHash('sha256').update(read.secret.slice(4 + 16 + 1)).digest('hex'));

    const bearer = (t: { secret: string }) => ({ authorization: `Bearer ${t.secret}` });
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: bearer(read) })).json().total).toBe(2);
    const runRead = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: bearer(read), payload: {} });
    expect(runRead.statusCode).toBe(403);
    const runRw = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: bearer(rw), payload: {} });
    expect(runRw.statusCode).toBe(201);

    const del = await f.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${read.token.tokenId}`, headers: s.write });
    expect(del.statusCode).toBe(204);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: bearer(read) })).statusCode).toBe(401);

    f.store.sqlite.prepare('UPDATE api_tokens SET expires_at = ? WHERE token_id = ?').run(new Date(Date.now() - 1000).toISOString(), rw.token.tokenId);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: bearer(rw) })).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: { authorization: 'Bearer s5g_nonsense' } })).statusCode).toBe(401);
    // the right id with a wrong secret
    const wrongSecret = `s5g_${rw.token.tokenId}_${'A'.repeat(43)}`;
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: { authorization: `Bearer ${wrongSecret}` } })).statusCode).toBe(401);
  });

  it('an auditor only gets read tokens, whatever it asks for', async () => {
    const s = await login(f.app, 'auditor-de');
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.write, payload: { name: 'x', scope: 'read-write' } });
    expect(r.json().token.scope).toBe('read');
  });

  it('a user cannot revoke another user’s token, and is told only "not found"', async () => {
    const de = await login(f.app, 'authority-de');
    const fr = await login(f.app, 'operator-fr1');
    const t = (await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: de.write, payload: { name: 'mine' } })).json();
    const r = await f.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${t.token.tokenId}`, headers: fr.write });
    expect(r.statusCode).toBe(404);
  });
});
