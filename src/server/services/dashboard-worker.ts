import { parentPort } from 'node:worker_threads';
import type { Store } from '../../store/index.js';
import { openReadStore } from '../../store/open.js';
import { computeDashboardViews, type DashboardViews } from './dashboard-views.js';

/*
 * The dashboard's assessment on its own thread (started by dashboard-worker-host.ts). Each run opens its
 * own read-only connection to the database file: one read transaction gives it a consistent snapshot
 * while the server thread goes on answering requests and writing (WAL). Read-only, it never takes the
 * write lock, so it can never make the server thread wait; the snapshot cache, which a whole-instance
 * load writes after a full SQL read, is therefore not written here (writeSnapshotCache gives up on a
 * read-only connection), only used when valid.
 */

export interface DashboardRunRequest {
  id: number;
  file: string;
  date: string;
  /** tests: hold this thread this long before the run, as a slow run at Union scale would */
  delayMs?: number;
}

export type DashboardRunReply = { id: number; ok: true; value: DashboardViews } | { id: number; ok: false; message: string; code?: string };

parentPort!.on('message', async (req: DashboardRunRequest) => {
  let store: Store | undefined;
  try {
    if (req.delayMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, req.delayMs);
    store = openReadStore(req.file);
    const value = computeDashboardViews(store, req.date);
    parentPort!.postMessage({ id: req.id, ok: true, value } satisfies DashboardRunReply);
  } catch (err) {
    const e = err as { message?: string; code?: unknown };
    parentPort!.postMessage({ id: req.id, ok: false, message: String(e?.message ?? err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) } satisfies DashboardRunReply);
  } finally {
    await store?.close();
  }
});
