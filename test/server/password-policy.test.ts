import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generatePassword } from '../../src/store/identity/index.js';
import { fixtureApp, login, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
});
afterAll(async () => f.close());

const api = (method: 'POST' | 'PATCH' | 'GET', url: string, headers: Record<string, string>, payload?: unknown) =>
  f.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('password policy', () => {
  it('refuses the common and the repetitive, and says why', async () => {
    // each is 12+ characters, so the old length-only rule let it through
    for (const weak of ['password1234', 'aaaaaaaaaaaaaaaa', 'abcabcabcabcabc', 'qwertyuiopasdf', 'Password1234']) {
      await expect(checkPasswordPolicy(weak), weak).rejects.toThrow(/too easy to guess/);
    }
    await expect(checkPasswordPolicy('aaaaaaaaaaaaaaaa')).rejects.toThrow(/[Rr]epeated/);
    await expect(checkPasswordPolicy('short-1')).rejects.toThrow(/at least 12 characters/);
    // built from the user's own name
    await expect(checkPasswordPolicy('janedoe123456', { username: 'janedoe' })).rejects.toThrow(/too easy to guess \(it contains your user name/);
    await expect(checkPasswordPolicy('cobalt lantern orchard 71')).resolves.toBeUndefined();
  });

  it("accepts generated passwords (demo accounts' and create-admin's)", async () => {
    for (let i = 0; i < 10; i++) await expect(checkPasswordPolicy(generatePassword())).resolves.toBeUndefined();
  });

  it('applies to users create, a user change and your own password change', async () => {
    const admin = await login(f.app, 'admin');
    const weakCreate = await api('POST', '/users', admin.write, { username: 'weak-one', password: 'password1234', role: 'union-analyst' });
    expect(weakCreate.statusCode).toBe(400);
    expect(weakCreate.json().detail).toMatch(/^password: too easy to guess/);
    const made = await api('POST', '/users', admin.write, { username: 'strong-one', password: 'cobalt lantern orchard 71', role: 'union-analyst' });
    expect(made.statusCode).toBe(201);
    const weakPatch = await api('PATCH', `/users/${made.json().userId}`, admin.write, { password: 'aaaaaaaaaaaaaaaa' });
    expect(weakPatch.statusCode).toBe(400);

    const me = await login(f.app, 'strong-one', 'cobalt lantern orchard 71');
    const weakOwn = await api('POST', '/auth/password', me.write, { currentPassword: 'cobalt lantern orchard 71', newPassword: 'qwertyuiopasdf' });
    expect(weakOwn.statusCode).toBe(400);
    expect(weakOwn.json().detail).toMatch(/too easy to guess/);
  });
});

describe('password change', () => {
  it("ends the owner's API tokens as well as sessions", async () => {
    const me = await login(f.app, 'auditor-de');
    const made = await api('POST', '/tokens', me.write, { name: 'laptop', scope: 'read' });
    expect(made.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().secret}` };
    expect((await api('GET', '/auth/me', bearer)).statusCode).toBe(200);
    const changed = await api('POST', '/auth/password', me.write, { currentPassword: 'pw-auditor-de-0123456789', newPassword: 'violet harbour stencil 48' });
    expect(changed.statusCode).toBe(204);
    // whoever had the old password may have made this token
    expect((await api('GET', '/auth/me', bearer)).statusCode).toBe(401);
    expect((await api('GET', '/auth/me', me.read)).statusCode).toBe(401);
  });

  it("an admin's password reset ends the user's tokens too", async () => {
    const admin = await login(f.app, 'admin');
    const u = await login(f.app, 'operator-fr1');
    const made = await api('POST', '/tokens', u.write, { name: 'script', scope: 'read' });
    const bearer = { authorization: `Bearer ${made.json().secret}` };
    const users = (await api('GET', '/users', admin.read)).json().items as { userId: string; username: string }[];
    const id = users.find((x) => x.username === 'operator-fr1')!.userId;
    expect((await api('PATCH', `/users/${id}`, admin.write, { password: 'amber quarry tulip 305' })).statusCode).toBe(200);
    expect((await api('GET', '/auth/me', bearer)).statusCode).toBe(401);
  });
});
