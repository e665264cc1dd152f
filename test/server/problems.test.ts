import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { fixtureApp, login, persona, type Fixture, type Session } from './helpers.js';

/*
 * Every error is problem+json of the project's own kinds: nothing of the framework (FST_ codes, its
 * messages) reaches a client, for errors raised before a handler runs and below HTTP too.
 */

let f: Fixture;
let admin: Session;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
  admin = await login(f.app, 'admin');
});
afterAll(async () => f.close());

function expectProblem(r: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, kind: string) {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const p = JSON.parse(r.body) as { type: string; status: number; title: string; detail: string };
  expect(p.type).toBe(`urn:secure5g:problem:${kind}`);
  expect(p.status).toBe(status);
  // nothing in the framework's words
  expect(r.body).not.toMatch(/FST_|fastify|content-type is set to|Body cannot be empty|Unsupported Media Type: /i);
  return p;
}

describe('framework errors as problem+json', () => {
  it('malformed JSON', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { ...admin.write, 'content-type': 'application/json' }, payload: '{"date": ' });
    expect(expectProblem(r, 400, 'malformed-json').detail).toBe('the body is not valid JSON');
  });

  it('an empty JSON body', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { ...admin.write, 'content-type': 'application/json' }, payload: '' });
    expectProblem(r, 400, 'malformed-json');
  });

  it('an unsupported media type', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { ...admin.write, 'content-type': 'text/plain' }, payload: 'date=2026-06-01' });
    expectProblem(r, 415, 'unsupported-media-type');
  });

  it('a body over the limit', async () => {
    const r = await f.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { ...admin.write, 'content-type': 'application/json' },
      payload: JSON.stringify({ date: '2026-06-01', pad: 'x'.repeat(1024 * 1024) }),
    });
    expectProblem(r, 413, 'body-too-large');
  });

  it('a malformed URL', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/api/v1/operators/%E0%A4%A', headers: admin.read });
    expectProblem(r, 400, 'bad-url');
  });

  it('a malformed header, below HTTP (a real socket)', async () => {
    const app = await buildApp({ store: f.store, logger: false, dashboard: { worker: false } });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n'));
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const [head, body] = raw.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body!)).toMatchObject({ type: 'urn:secure5g:problem:bad-request', status: 400 });
    } finally {
      await app.close();
    }
  });
});

describe('405 and 401', () => {
  it('a wrong method on a known path is 405 with Allow', async () => {
    const r = await f.app.inject({ method: 'DELETE', url: '/api/v1/users', headers: admin.write });
    expectProblem(r, 405, 'method-not-allowed');
    // GET (with the HEAD the framework answers for it) and POST are routes of /users
    expect(r.headers.allow).toBe('GET, HEAD, POST');
    const withParam = await f.app.inject({ method: 'PUT', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', headers: admin.write, payload: {} });
    expectProblem(withParam, 405, 'method-not-allowed');
    expect(withParam.headers.allow).toBe('GET, HEAD, PATCH');
    // an unknown path is still 404
    expectProblem(await f.app.inject({ method: 'DELETE', url: '/api/v1/no-such-thing', headers: admin.write }), 404, 'not-found');
  });

  it('401 names how to authenticate', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expectProblem(r, 401, 'unauthorized');
    expect(r.headers['www-authenticate']).toMatch(/^Bearer realm="secure5g"/);
    expect(r.headers['www-authenticate']).toContain('form-action="/api/v1/auth/login"');
    const bad = await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer s5g_nonsense' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="secure5g", error="invalid_token"');
  });
});

describe('configuration, not the client', () => {
  it('decides the Secure flag of the session cookies, whatever the Host header says', async () => {
    const signIn = (app: App, host: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { host }, payload: { username: 'auditor', password: persona('auditor').password } });
    const secureOf = (r: Awaited<ReturnType<typeof signIn>>) => r.cookies.filter((c) => c.name.startsWith('secure5g_')).map((c) => c.secure === true);
    // the default (buildApp): Secure, also when the client claims to be on loopback
    expect(secureOf(await signIn(f.app, 'localhost'))).toEqual([true, true]);
    expect(secureOf(await signIn(f.app, '127.0.0.1:8080'))).toEqual([true, true]);
    const plain = await buildApp({ store: f.store, logger: false, secureCookies: false, dashboard: { worker: false } });
    try {
      expect(secureOf(await signIn(plain, 'secure5g.example.org'))).toEqual([false, false]);
    } finally {
      await plain.close();
    }
  });

  it('can put /metrics and the API description behind sign-in', async () => {
    const open = await f.app.inject({ method: 'GET', url: '/metrics' });
    expect(open.statusCode).toBe(200);
    const guarded = await buildApp({ store: f.store, logger: false, signInFor: ['metrics', 'docs'], dashboard: { worker: false } });
    try {
      for (const url of ['/metrics', '/api/openapi.json', '/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/static/index.html']) {
        const r = await guarded.inject({ method: 'GET', url });
        expect([url, r.statusCode]).toEqual([url, 401]);
      }
      const s = await login(guarded, 'union');
      expect((await guarded.inject({ method: 'GET', url: '/metrics', headers: s.read })).statusCode).toBe(200);
      expect((await guarded.inject({ method: 'GET', url: '/api/openapi.json', headers: s.read })).statusCode).toBe(200);
      // the API's own description stays readable in-process (the web build reads it so)
      expect(Object.keys(guarded.swagger().paths ?? {}).length).toBeGreaterThan(10);
      expect((await guarded.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
