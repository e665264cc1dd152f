import type { Store } from '../store/index.js';
import type { DashboardService } from './services/dashboard.js';
import type { ImportJobs } from './services/import-jobs.js';

/** What handlers share: the store and the few services that hold state across requests. */
export interface ServerContext {
  store: Store;
  dashboard: DashboardService;
  jobs: ImportJobs;
  /** folder for uploaded import files while their job runs */
  uploadDir: string;
}
