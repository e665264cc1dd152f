import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/index.js';
import { importFile } from '../../src/interchange/index.js';
import { buildApp } from '../../src/server/app.js';
import { computeDashboardViews, viewOf } from '../../src/server/services/dashboard-views.js';
import { dashboardView, type Scope } from '../../src/store/access/index.js';
import { loadSnapshot, openStore } from '../../src/store/index.js';
import { fixtureApp, IMPORT_FIXTURES, login, type Fixture, type Session } from './helpers.js';

/*
 * The dashboard's assessment runs on a worker thread: the server thread answers meanwhile. A test hook
 * holds the worker DELAY ms before each run, standing in for an 18-second run at Union scale.
 */

const DELAY = 2000;
const DATE = '2026-06-01';
let f: Fixture;
const s: Record<string, Session> = {};

beforeAll(async () => {
  f = await fixtureApp({ dashboard: { testDelayMs: DELAY }, awaitDashboard: false });
  for (const name of ['admin', 'authority-de']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const healthz = async () => {
  const t = performance.now();
  const r = await f.app.inject({ method: 'GET', url: '/healthz' });
  return { status: r.statusCode, ms: performance.now() - t };
};

describe('a slow dashboard run does not hold up the server', () => {
  it('first run: /healthz answers at once, the dashboard 503 with Retry-After until the result is there', async () => {
    expect(f.app.ctx.dashboard.usesWorker).toBe(true);
    const run = f.app.ctx.dashboard.refresh();
    const h = await healthz();
    expect(h.status).toBe(200);
    expect(h.ms).toBeLessThan(DELAY / 2);
    // still computing after the answer: it was given during the run
    expect(f.app.ctx.dashboard.busy).toBe(true);
    const early = await get('authority-de', '/dashboard');
    expect(early.statusCode).toBe(503);
    expect(early.headers['retry-after']).toBe('5');
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.json()).toMatchObject({ type: 'urn:secure5g:problem:dashboard-not-ready', status: 503 });
    await run;
    const ready = await get('authority-de', '/dashboard');
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['x-dashboard-stale']).toBeUndefined();
    // DE: 60 + 40 + 2 + 1.5 = 103.5
    expect(ready.json().totals.quantity).toBe(103.5);
  });

  it('after a write: the previous figures (marked stale) while the recomputation runs, then the new ones', async () => {
    const r = await f.app.inject({
      method: 'POST',
      url: '/api/v1/imports/assets?filename=more.json',
      headers: { ...s.admin!.write, 'content-type': 'application/json' },
      payload: JSON.stringify([{ asset_id: 'DE2-UPF', operator_id: 'OP-DE-2', segment: 'core', function: 'UPF', supplier_id: 'SUP-C', quantity: 10 }]),
    });
    expect(r.statusCode).toBe(202);
    await f.app.ctx.jobs.idle();
    const t = performance.now();
    const stale = await get('authority-de', '/dashboard');
    expect(performance.now() - t).toBeLessThan(DELAY / 2);
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['x-dashboard-stale']).toBe('1');
    expect(stale.json().totals.quantity).toBe(103.5);
    expect(f.app.ctx.dashboard.busy).toBe(true);
    expect((await healthz()).ms).toBeLessThan(DELAY / 2);
    await f.app.ctx.dashboard.refresh();
    const fresh = await get('authority-de', '/dashboard');
    expect(fresh.headers['x-dashboard-stale']).toBeUndefined();
    // 103.5 + the new 10 units
    expect(fresh.json().totals.quantity).toBe(113.5);
  });
});

describe('the worker computes what the server thread would', () => {
  const normalise = (text: string) => {
    const { generatedAt: _g, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return rest;
  };

  it('every view equals the in-thread computation over the same file', async () => {
    const worker = await f.app.ctx.dashboard.refresh();
    const inThread = computeDashboardViews(f.store, DATE);
    // Union, aggregates, DE and FR, OP-DE-1, OP-DE-2 and OP-FR-1
    expect(Object.keys(worker.views).sort()).toEqual(['aggregates', 'all', 'ms:DE', 'ms:FR', 'op:OP-DE-1@DE', 'op:OP-DE-2@DE', 'op:OP-FR-1@FR']);
    expect(Object.keys(inThread.views).sort()).toEqual(Object.keys(worker.views).sort());
    for (const key of Object.keys(worker.views)) expect(normalise(worker.views[key]!), key).toEqual(normalise(inThread.views[key]!));
  });

  it('and equals dashboardView over a direct assessment, operator quantities summed in SQL (second method)', async () => {
    const worker = await f.app.ctx.dashboard.refresh();
    const snapshot = loadSnapshot(f.store);
    const result = assess(snapshot, { date: DATE });
    const byOp = new Map(
      (f.store.sqlite.prepare('SELECT o.operator_id, o.name, o.member_state, COALESCE(SUM(a.quantity), 0) AS q FROM operators o LEFT JOIN assets a ON a.operator_id = o.operator_id GROUP BY o.operator_id').all() as {
        operator_id: string;
        name: string;
        member_state: string;
        q: number;
      }[]).map((r) => [r.operator_id, { operatorId: r.operator_id, name: r.name, memberState: r.member_state, quantity: r.q }]),
    );
    const operators = snapshot.operators.ids.map((id) => byOp.get(id)!);
    const scopes: Scope[] = [
      { role: 'admin' },
      { role: 'union-analyst' },
      { role: 'authority', memberState: 'DE' },
      { role: 'auditor', memberState: 'FR' },
      { role: 'operator', memberState: 'DE', operatorId: 'OP-DE-1' },
      // no operators or rules of its own: the empty-result view, which must equal the cut of the full result
      { role: 'authority', memberState: 'IT' },
      { role: 'operator', memberState: '--', operatorId: 'OP-GONE' },
    ];
    for (const scope of scopes) {
      const direct = JSON.stringify(dashboardView(result, operators, scope, worker.generatedAt));
      expect(normalise(viewOf(worker, scope)), JSON.stringify(scope)).toEqual(normalise(direct));
    }
    expect(JSON.parse(viewOf(worker, { role: 'authority', memberState: 'DE' })).totals.quantity).toBe(113.5);
  });
});

describe("':memory:'", () => {
  it('cannot be opened from another thread: the dashboard is computed on the server thread, and answers at once', async () => {
    const store = await openStore(':memory:');
    for (const kind of ['operators', 'suppliers', 'products', 'assets', 'designations'] as const) await importFile(store, kind, join(IMPORT_FIXTURES, `${kind}.csv`));
    const { createUser } = await import('../../src/store/identity/index.js');
    await createUser(store, { name: 'test' }, { username: 'mem-admin', password: 'mem-password-1234', role: 'admin' });
    const app = await buildApp({ store, logger: false, dashboardDate: () => DATE });
    try {
      expect(app.ctx.dashboard.usesWorker).toBe(false);
      const session = await login(app, 'mem-admin', 'mem-password-1234');
      const r = await app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: session.read });
      expect(r.statusCode).toBe(200);
      // 103.5 in DE + 100 in FR
      expect(r.json().totals.quantity).toBe(203.5);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
