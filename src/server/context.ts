import type { Role } from '../store/access/index.js';
import type { Store } from '../store/index.js';
import type { DashboardService } from './services/dashboard.js';
import type { ImportJobs } from './services/import-jobs.js';
import type { ReadWorker } from './services/read-worker.js';
import type { SignInLimit } from './services/sign-in-limit.js';
import type { WriteGate } from './services/write-gate.js';

/** What handlers share: the store and the few services that hold state across requests. */
export interface ServerContext {
  store: Store;
  dashboard: DashboardService;
  jobs: ImportJobs;
  /** writes wait here while an import's transaction is open on the shared connection */
  writeGate: WriteGate;
  /** folder for uploaded import files while their job runs */
  uploadDir: string;
  /** failed sign-ins per account and per client address */
  signInLimit: SignInLimit;
  /** reads whose cost grows with the data (a deep OFFSET page), run off the server thread */
  offload: ReadWorker;
  /** roles that must have a confirmed second factor to use more than its enrolment (--require-2fa) */
  requireSecondFactor: readonly Role[];
}
