import type { Worker } from 'node:worker_threads';
import { startThread } from './threads.js';
import type { DashboardViews } from './dashboard-views.js';
import type { DashboardRunReply, DashboardRunRequest } from './dashboard-worker.js';

const startWorker = () => startThread(import.meta.url, 'dashboard-worker');

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
