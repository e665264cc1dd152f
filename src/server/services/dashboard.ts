import type { FastifyBaseLogger } from 'fastify';
import type { Scope } from '../../store/access/index.js';
import type { Store } from '../../store/index.js';
import { computeDashboardViews, viewOf, type DashboardViews } from './dashboard-views.js';
import { DashboardWorker } from './dashboard-worker-host.js';

const today = () => new Date().toISOString().slice(0, 10);

export interface DashboardOptions {
  /**
   * Assess on a worker thread (default: yes for a database file). An in-memory database cannot be
   * opened from another thread: ':memory:' always assesses on the server thread, which then waits.
   */
  worker?: boolean;
  /** tests: hold the worker this long before each run, as a slow run at Union scale would */
  testDelayMs?: number;
}

/** A scope's dashboard: the JSON text, and whether the data changed since it was computed. */
export interface DashboardAnswer {
  text: string;
  stale: boolean;
  generatedAt: string;
}

/** How long a client waits before asking again while the first result is computed. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The latest whole-instance assessment, cut into every scope's dashboard, held as JSON text: a request
 * is a map lookup. Writes that change the inventory call invalidate(); the next dashboard request
 * starts a recomputation (one at a time, however many requests ask).
 *
 * On a database file the computation runs on a worker thread with its own read-only connection, and
 * the server thread keeps answering: meanwhile a dashboard request gets the previous result (marked
 * stale), and before the very first result exists, nothing (the route answers 503 with Retry-After).
 * On ':memory:' the computation runs on the server thread and requests wait for it, as they must.
 */
export class DashboardService {
  private current: DashboardViews | undefined;
  private computing: Promise<DashboardViews> | undefined;
  private stale = true;
  private readonly worker: DashboardWorker | undefined;

  constructor(
    private readonly store: Store,
    private readonly log?: FastifyBaseLogger,
    private readonly date: () => string = today,
    private readonly opts: DashboardOptions = {},
  ) {
    const inMemory = store.file === ':memory:' || store.file === '';
    if (opts.worker !== false && !inMemory) this.worker = new DashboardWorker();
  }

  /** True when assessments run on a worker thread (requests never wait for them). */
  get usesWorker(): boolean {
    return this.worker !== undefined;
  }

  /** Recomputes now; concurrent callers share the one computation. Rejects when the run fails (the previous result stays). */
  refresh(): Promise<DashboardViews> {
    this.computing ??= this.compute().finally(() => {
      this.computing = undefined;
    });
    return this.computing;
  }

  private async compute(): Promise<DashboardViews> {
    this.stale = false;
    const date = this.date();
    try {
      const d = this.worker
        ? await this.worker.run({ file: this.store.file, date, delayMs: this.opts.testDelayMs })
        : computeDashboardViews(this.store, date);
      this.current = d;
      this.log?.info({ ms: d.ms, assets: d.assets, findings: d.findings, worker: this.usesWorker }, 'dashboard assessment computed');
      return d;
    } catch (err) {
      // the data it would have shown is still to be shown: the next request tries again
      this.stale = true;
      this.log?.error({ err }, 'dashboard assessment failed');
      throw err;
    }
  }

  /** The inventory changed: the next request recomputes. */
  invalidate(): void {
    this.stale = true;
  }

  /** A result exists and no write came after it. */
  get ready(): boolean {
    return this.current !== undefined && !this.stale && this.current.date === this.date();
  }

  get busy(): boolean {
    return this.computing !== undefined;
  }

  /**
   * The scope's dashboard. With a worker: the latest result at once (starting a recomputation in the
   * background when the data or the day changed), or undefined while the first one is computed. Without
   * one: recomputes first when needed, then answers.
   */
  async answer(scope: Scope): Promise<DashboardAnswer | undefined> {
    const l = await this.latest();
    return l && { text: viewOf(l.d, scope), stale: l.stale, generatedAt: l.d.generatedAt };
  }

  /** The latest result whole (the Union view narrows its member-state rows itself), on the same terms as answer(). */
  async latest(): Promise<{ d: DashboardViews; stale: boolean } | undefined> {
    const due = !this.ready;
    if (!this.worker) return { d: due ? await this.refresh() : this.current!, stale: false };
    if (due && !this.computing) this.refresh().catch(() => undefined); // logged in compute()
    return this.current && { d: this.current, stale: due };
  }

  /** Stops the worker thread (app shutdown). */
  async close(): Promise<void> {
    await this.worker?.close();
  }
}
