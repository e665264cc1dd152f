import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/index.js';

/* The web build served at `/` by the API's server: files, client routes answered by index.html, never under /api. */

const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

let dir: string;
let store: Store;
let app: App;
let bare: App;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-web-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), INDEX);
  writeFileSync(join(dir, 'web', 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'web', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  store = await openStore(':memory:');
  app = await buildApp({ store, logger: false, dashboard: { worker: false }, webRoot: join(dir, 'web'), uploadDir: join(dir, 'up') });
  bare = await buildApp({ store, logger: false, dashboard: { worker: false }, webRoot: join(dir, 'nothing-built'), uploadDir: join(dir, 'up2') });
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web interface at /', () => {
  it('answers index.html at / and at any client route, under the strict CSP, never cached', async () => {
    for (const url of ['/', '/findings', '/assets/DE1-RAN-A?tab=history', '/fr/dashboard/']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.body).toBe(INDEX);
      expect(r.headers['cache-control']).toBe('no-cache');
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('serves the build’s files, the hashed ones cached for good', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toBe('console.log("app")');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('never answers the page under /api or the server’s own paths: an unknown one stays a problem+json 404', async () => {
    for (const url of ['/api/v1/nope', '/api/nope', '/api', '/metrics/x', '/healthz/x']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
    // a write to a client path is no page either, and the catch-all makes no unknown path a 405
    for (const [method, url] of [['POST', '/findings'], ['DELETE', '/api/v1/nope'], ['PUT', '/']] as const) {
      const r = await app.inject({ method, url, payload: {} });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // a known API path with a wrong method is still the 405 it was
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/auth/me' })).statusCode).toBe(405);
    // the API itself still answers
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('says the interface is not built when dist/web is missing', async () => {
    const r = await bare.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ type: 'urn:secure5g:problem:web-not-built', detail: expect.stringContaining('npm run build') });
  });
});
