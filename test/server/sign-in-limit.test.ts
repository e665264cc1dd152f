import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { fixtureApp, persona, type Fixture } from './helpers.js';

/*
 * Attacks on the sign-in limit: spellings of one user name that the lookup folds together, and a
 * different X-Forwarded-For on every try. Limits here: 5 failures per account, 20 per address, a minute.
 */

let f: Fixture | undefined;
let extra: App | undefined;
afterEach(async () => {
  await extra?.close();
  extra = undefined;
  await f?.close();
  f = undefined;
});

type Inject = { username: string; password: string; remoteAddress?: string; forwardedFor?: string };
const attempt = (app: App, a: Inject) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: a.username, password: a.password },
    ...(a.remoteAddress ? { remoteAddress: a.remoteAddress } : {}),
    headers: a.forwardedFor ? { 'x-forwarded-for': a.forwardedFor } : {},
  });

async function failFiveTimes(app: App, username: string, extraInject: Partial<Inject> = {}) {
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await attempt(app, { username, password: 'wrong-password-here', ...extraInject })).statusCode);
  expect(codes).toEqual([401, 401, 401, 401, 401]);
}

describe('sign-in limit', () => {
  it('counts spellings of a name that the lookup folds together as one account', async () => {
    f = await fixtureApp({ awaitDashboard: false });
    await failFiveTimes(f.app, 'union');
    const right = persona('union').password;
    // each of these finds the user "union"; each must meet the same exhausted allowance
    for (const variant of ['union', ' union', 'union\t', 'union\n', 'UNION', ' Union \n']) {
      const r = await attempt(f.app, { username: variant, password: right });
      expect([variant, r.statusCode]).toEqual([variant, 429]);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('spreading failures over variants does not buy more guesses', async () => {
    f = await fixtureApp({ awaitDashboard: false });
    const variants = ['auditor', ' auditor', 'auditor\t', 'auditor\n', 'AUDITOR'];
    for (const v of variants) expect((await attempt(f.app, { username: v, password: 'wrong-password-here' })).statusCode).toBe(401);
    // 5 failures on one account: the sixth try, under a seventh spelling, is refused before the password is checked
    expect((await attempt(f.app, { username: '\tauditor ', password: persona('auditor').password })).statusCode).toBe(429);
  });

  it('limits one address across names, and one account across addresses', async () => {
    f = await fixtureApp({ awaitDashboard: false });
    // 20 failures from one address, each on another (unknown) name: the 21st attempt is refused even for a real user
    for (let i = 0; i < 20; i++) expect((await attempt(f.app, { username: `nobody-${i}`, password: 'wrong-password-here' })).statusCode).toBe(401);
    expect((await attempt(f.app, { username: 'admin', password: persona('admin').password })).statusCode).toBe(429);
    // another address still signs in
    expect((await attempt(f.app, { username: 'admin', password: persona('admin').password, remoteAddress: '192.0.2.9' })).statusCode).toBe(200);
    // an account failed 5 times from 5 addresses is closed to a sixth address
    for (let i = 0; i < 5; i++)
      expect((await attempt(f.app, { username: 'authority-fr', password: 'wrong-password-here', remoteAddress: `198.51.100.${i + 1}` })).statusCode).toBe(401);
    expect((await attempt(f.app, { username: 'authority-fr', password: persona('authority-fr').password, remoteAddress: '198.51.100.77' })).statusCode).toBe(429);
  });

  it('successful sign-ins are not counted', async () => {
    f = await fixtureApp({ awaitDashboard: false });
    for (let i = 0; i < 25; i++) expect((await attempt(f.app, { username: 'auditor-de', password: persona('auditor-de').password })).statusCode).toBe(200);
  });
});

describe('proxy trust', () => {
  it('believes X-Forwarded-For only from the configured proxy: a new forwarded address per try does not escape', async () => {
    f = await fixtureApp({ awaitDashboard: false });
    extra = await buildApp({ store: f.store, logger: false, trustProxy: ['10.0.0.1'], dashboard: { worker: false } });
    await extra.ready();
    // through the proxy: the proxy appends the real client (203.0.113.5) after whatever the client claimed
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await attempt(extra, { username: `nobody-${i}`, password: 'wrong-password-here', remoteAddress: '10.0.0.1', forwardedFor: `192.0.2.${i}, 203.0.113.5` });
      codes.push(r.statusCode);
    }
    // 20 failures from 203.0.113.5, then refused
    expect(codes).toEqual([...Array(20).fill(401), 429, 429]);
    // a client connecting directly (not the proxy) cannot pick its address by header
    const direct: number[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await attempt(extra, { username: `stranger-${i}`, password: 'wrong-password-here', remoteAddress: '198.51.100.50', forwardedFor: `192.0.2.${100 + i}` });
      direct.push(r.statusCode);
    }
    expect(direct).toEqual([...Array(20).fill(401), 429]);
  });
});

describe('serve --trust-proxy', () => {
  it('takes proxy addresses, not a bare switch that would trust every hop', async () => {
    const { cli } = await import('../cli/helpers.js');
    const bare = await cli('serve', '--trust-proxy');
    expect(bare.code).toBe(2);
    const word = await cli('serve', '--trust-proxy', 'true', '--port', '0');
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('--trust-proxy');
  });
});
