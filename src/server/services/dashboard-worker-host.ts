import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DashboardViews } from './dashboard-views.js';
import type { DashboardRunReply, DashboardRunRequest } from './dashboard-worker.js';

/**
 * Built, the worker is plain JS beside this module. Run from the TypeScript sources (tests, tsx), it is
 * started through tsx's loader, found from here (as src/interchange/import/csv-worker-host.ts does).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./dashboard-worker.js', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL('./dashboard-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`, { eval: true });
}

/** An error of the run in the worker, with SQLite's code when it has one. */
export class DashboardRunError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * One worker thread, started on the first run and kept for the next ones (starting one costs more than
 * a small run); it runs one request at a time. A worker that dies fails its run and is replaced on the
 * next one.
 */
export class DashboardWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: DashboardViews) => void; reject: (e: Error) => void }>();

  run(req: Omit<DashboardRunRequest, 'id'>): Promise<DashboardViews> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    // a run keeps the process alive; an idle worker does not
    worker.ref();
    return new Promise<DashboardViews>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } satisfies DashboardRunRequest);
    });
  }

  private start(): Worker {
    const worker = startWorker();
    worker.on('message', (m: DashboardRunReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(new DashboardRunError(m.message, m.code));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the dashboard worker stopped (exit ${code})`)));
    return worker;
  }

  /** Stops the thread (a run in progress fails). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
