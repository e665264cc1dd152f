import { HttpProblem } from '../plugins/problem.js';
import { READ_ONLY_POST, WRITE_METHODS } from '../policy.js';
import type { ApiRoute } from '../route-table.js';

/*
 * The server writes through one SQLite connection, and an import holds one transaction open on it while it reads
 * its file (minutes at Union scale), yielding to other requests between chunks. A write made by
 * another request meanwhile would land inside the import's transaction and go if the import rolled
 * back. So writes wait, without blocking the event loop, until no import transaction is open; one that
 * waits too long is answered 503 with Retry-After. Reads go on during an import, on their own read-only
 * connection (src/server/app.ts), which sees only what is committed.
 */

/** How long a write waits for a running import before 503; a first load of a Union-scale file takes longer. */
export const WRITE_WAIT_MS = 30_000;
export const WRITE_RETRY_AFTER_SECONDS = 10;

export class WriteGate {
  private open: Promise<void> | undefined;
  /** write requests past the gate and not yet answered: an import starts only when there are none */
  private writers = 0;
  private quiet: (() => void)[] = [];
  /** writes that must not land in an import's transaction, waiting for it to settle (afterImport) */
  private deferred: (() => void)[] = [];

  /** Runs `work` (an import) holding the gate: it starts once the writes in progress are answered, and new writes wait until it settles. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    while (this.open) await this.open.catch(() => undefined);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    this.open = held;
    try {
      if (this.writers > 0) await new Promise<void>((r) => this.quiet.push(r));
      return await work();
    } finally {
      this.open = undefined;
      // the import's transaction is over (committed or rolled back): what waited is written now, before
      // the next import can open one
      for (const write of this.deferred.splice(0)) write();
      release();
    }
  }

  /**
   * Runs `write` now, or, while an import holds the gate, once the import has settled. For the few
   * writes made by requests that do not wait at the gate (a download's audit entry, a refused request's
   * security event): written meanwhile, they would be inside the import's transaction, and go if it
   * rolled back. `write` must not throw (it is run from the import's ending).
   */
  afterImport(write: () => void): void {
    if (this.open) this.deferred.push(write);
    else write();
  }

  get busy(): boolean {
    return this.open !== undefined;
  }

  /**
   * Lets a write through once no import holds the gate, counting it until `leave`; throws a 503
   * problem after `maxMs`.
   */
  async enter(maxMs = WRITE_WAIT_MS): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (this.open) {
      const left = deadline - Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.open.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), Math.max(0, left)))),
      ]);
      clearTimeout(timer);
      if (timedOut)
        throw new HttpProblem(503, 'import-running', 'Service unavailable', `an import is being written to the database and writes wait for it: try again in ${WRITE_RETRY_AFTER_SECONDS} s`);
    }
    this.writers++;
  }

  leave(): void {
    this.writers = Math.max(0, this.writers - 1);
    if (this.writers === 0) for (const wake of this.quiet.splice(0)) wake();
  }
}

/**
 * Routes that write and so wait for a running import. Not the POSTs that store nothing, nor import
 * submissions: those only queue a job, and the job queue writes its waiting rows again after each
 * import (src/server/services/import-jobs.ts), so a rolled-back import cannot take them along.
 */
export function waitsForImports(r: ApiRoute): boolean {
  if (!WRITE_METHODS.has(r.method)) return false;
  if (r.access !== 'public' && READ_ONLY_POST.has(r.access)) return false;
  return !r.path.startsWith('/imports/');
}
