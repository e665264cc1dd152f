import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEEP_OFFSET, MAX_WAITING_READS, READ_RETRY_AFTER_SECONDS, ReadWorker } from '../../src/server/services/read-worker.js';
import { listAssets } from '../../src/store/access/index.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Deep OFFSET pages of assets are read on a thread of their own (read-worker.ts), so the server thread
 * does not step over the rows before them while other requests wait. Same answers as the read on the
 * server thread; the thread sees what is committed.
 */

let f: Fixture;
let admin: Session;
const EXTRA = DEEP_OFFSET + 20;

beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
  admin = await login(f.app, 'admin');
  // enough assets for a page past DEEP_OFFSET: Z-00000 … sort after the fixture's own ids
  const ins = f.store.sqlite.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES (?, 'OP-DE-2', 'core', 'AMF', 'SUP-C', 1)");
  f.store.sqlite.transaction(() => {
    for (let i = 0; i < EXTRA; i++) ins.run(`Z-${String(i).padStart(5, '0')}`);
  })();
}, 60_000);
afterAll(async () => f?.close());

describe('reads off the server thread', () => {
  it('a page past DEEP_OFFSET is read by the worker and equals the rows SQL gives at that offset', async () => {
    const run = vi.spyOn(f.app.ctx.offload, 'run');
    const r = await f.app.inject({ url: `/api/v1/assets?offset=${DEEP_OFFSET + 3}&limit=4`, headers: admin.read });
    expect(r.statusCode).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
    const body = r.json() as { items: { assetId: string }[]; total: number; offset: number };
    const ids = f.store.sqlite.prepare('SELECT asset_id FROM assets ORDER BY asset_id LIMIT 4 OFFSET ?').pluck().all(DEEP_OFFSET + 3);
    expect(body.items.map((a) => a.assetId)).toEqual(ids);
    expect(body.total).toBe(EXTRA + 5); // the fixture's 5 assets and the ones added
    expect(body.offset).toBe(DEEP_OFFSET + 3);
    // a shallow page and a keyset page stay on the server thread
    await f.app.inject({ url: '/api/v1/assets?offset=10&limit=4', headers: admin.read });
    await f.app.inject({ url: `/api/v1/assets?after=Z-00001&offset=${DEEP_OFFSET}&limit=4`, headers: admin.read });
    expect(run).toHaveBeenCalledTimes(1);
    run.mockRestore();
  });

  it('answers as the read on the server thread, in every scope, and sees later commits', async () => {
    const worker = new ReadWorker(f.store);
    try {
      for (const scope of [{ role: 'admin' as const }, { role: 'authority' as const, memberState: 'DE' }, { role: 'operator' as const, memberState: 'FR', operatorId: 'OP-FR-1' }]) {
        const args = { offset: 2, limit: 3, segment: 'core' as const };
        expect(await worker.run('listAssets', scope, args)).toEqual(listAssets(f.store, scope, args));
      }
      f.store.sqlite.prepare("INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, quantity) VALUES ('FR1-NEW', 'OP-FR-1', 'core', 'AMF', 'SUP-C', 1)").run();
      const fr = await worker.run('listAssets', { role: 'operator', memberState: 'FR', operatorId: 'OP-FR-1' }, {});
      expect(fr.items.map((a) => a.asset_id)).toContain('FR1-NEW');
    } finally {
      await worker.close();
    }
  });

  it(`is full while ${MAX_WAITING_READS} reads wait, and not once they are answered`, async () => {
    const worker = new ReadWorker(f.store);
    try {
      const waiting = Array.from({ length: MAX_WAITING_READS - 1 }, () => worker.run('listAssets', { role: 'admin' }, { offset: DEEP_OFFSET, limit: 1 }));
      expect(worker.full).toBe(false);
      waiting.push(worker.run('listAssets', { role: 'admin' }, { offset: DEEP_OFFSET, limit: 1 }));
      expect(worker.full).toBe(true);
      await Promise.all(waiting);
      expect(worker.full).toBe(false);
    } finally {
      await worker.close();
    }
  });

  it('a deep page asked while the thread is full is answered 503 with Retry-After, not queued; other pages are answered', async () => {
    const full = vi.spyOn(f.app.ctx.offload, 'full', 'get').mockReturnValue(true);
    const run = vi.spyOn(f.app.ctx.offload, 'run');
    try {
      const r = await f.app.inject({ url: `/api/v1/assets?offset=${DEEP_OFFSET}&limit=4`, headers: admin.read });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe(String(READ_RETRY_AFTER_SECONDS));
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ type: 'urn:secure5g:problem:deep-pages-busy', status: 503 });
      expect(run).not.toHaveBeenCalled();
      expect((await f.app.inject({ url: '/api/v1/assets?offset=10&limit=4', headers: admin.read })).statusCode).toBe(200);
      expect((await f.app.inject({ url: `/api/v1/assets?after=Z-00001&limit=4`, headers: admin.read })).statusCode).toBe(200);
    } finally {
      full.mockRestore();
      run.mockRestore();
    }
  });
});
