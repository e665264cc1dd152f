import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmSecondFactor, enrolSecondFactor, findUserByName } from '../../src/store/identity/index.js';
import { secretOfUri, totp } from '../second-factor/reference-totp.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * POST and PATCH /users carry the scope a role needs as memberState and operatorId (camelCase, as every
 * JSON body): a user is created with exactly the scope given, and a scoped auditor is not silently made a
 * whole-instance one. Expected scopes are the ones sent; the fixture has OP-DE-1 in DE.
 */

let f: Fixture;
let admin: Session;
const post = (payload: object) => f.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.write, payload });
const me = async (s: Session) => (await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.read })).json();

beforeAll(async () => {
  f = await fixtureApp();
  admin = await login(f.app, 'admin');
});
afterAll(() => f.close());

describe('users: scope by role', () => {
  it('creates an authority, an operator user and scoped auditors with the scope given', async () => {
    const pw = 'lantern-orchard-quartz-58-fjord';
    const authority = await post({ username: 'u-auth-fr', password: pw, role: 'authority', memberState: 'FR' });
    expect(authority.statusCode).toBe(201);
    expect(authority.json()).toMatchObject({ role: 'authority', memberState: 'FR' });
    expect(authority.json().operatorId).toBeUndefined();
    const operator = await post({ username: 'u-op-de1', password: pw, role: 'operator', operatorId: 'OP-DE-1' });
    expect(operator.json()).toMatchObject({ role: 'operator', operatorId: 'OP-DE-1' });
    const auditor = await post({ username: 'u-aud-fr', password: pw, role: 'auditor', memberState: 'FR' });
    expect(auditor.json()).toMatchObject({ role: 'auditor', memberState: 'FR' });
    // signed in, each works in that scope
    expect((await me(await login(f.app, 'u-auth-fr', pw))).reach).toMatchObject({ role: 'authority', memberState: 'FR' });
    expect((await me(await login(f.app, 'u-aud-fr', pw))).reach).toMatchObject({ role: 'auditor', memberState: 'FR' });
    expect((await me(await login(f.app, 'u-op-de1', pw))).reach).toMatchObject({ role: 'operator', operatorId: 'OP-DE-1', memberState: 'DE' });
  });

  it('refuses an authority without a member state, and an admin with one', async () => {
    const pw = 'harbour-violet-signal-71-tundra';
    const none = await post({ username: 'u-auth-none', password: pw, role: 'authority' });
    expect(none.statusCode).toBe(400);
    expect(none.json().detail).toContain('member state');
    expect((await post({ username: 'u-admin-de', password: pw, role: 'admin', memberState: 'DE' })).statusCode).toBe(400);
  });

  it('PATCH moves a user to another member state', async () => {
    const created = (await post({ username: 'u-move', password: 'meadow-copper-beacon-39-delta', role: 'authority', memberState: 'FR' })).json();
    const moved = await f.app.inject({ method: 'PATCH', url: `/api/v1/users/${created.userId}`, headers: admin.write, payload: { memberState: 'DE' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'authority', memberState: 'DE' });
  });

  it('the list says who signs in with a confirmed second factor', async () => {
    const actor = { name: 'test' };
    const user = (name: string) => {
      const row = findUserByName(f.store, name)!;
      return { userId: row.user_id, username: row.username };
    };
    const confirmed = user('authority-de');
    const key = secretOfUri(enrolSecondFactor(f.store, actor, confirmed).otpauthUri);
    expect(confirmSecondFactor(f.store, actor, confirmed.userId, totp(key, Date.now()))).toBeDefined();
    // enrolled but never confirmed: not a second factor yet
    enrolSecondFactor(f.store, actor, user('operator-de1'));
    const items = (await f.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.read })).json().items as { username: string; secondFactor: boolean }[];
    expect(items.filter((u) => u.secondFactor).map((u) => u.username)).toEqual(['authority-de']);
    expect(items.find((u) => u.username === 'operator-de1')!.secondFactor).toBe(false);
  });
});
