import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { UserError } from '../../domain/index.js';
import {
  failUnfinishedImportJobs,
  getImportJob,
  listImportJobs,
  putImportJob,
  putImportJobProgress,
  type ImportJob,
  type ImportJobStatus,
  type JobOwner,
} from '../../store/access/import-jobs.js';
import type { Page, PageRequest, Scope } from '../../store/access/index.js';
import type { Store } from '../../store/index.js';
import type { WriteGate } from './write-gate.js';

export type { ImportJob, ImportJobStatus, ImportJobSummary } from '../../store/access/import-jobs.js';

/** What a job left unfinished by an earlier server process says. */
export const INTERRUPTED = 'interrupted by a server restart';

/** Progress is written at most this often while a job runs. */
const PROGRESS_EVERY_MS = 500;

interface Entry {
  job: ImportJob;
  owner: JobOwner;
  /**
   * The job's work. It calls `committing` inside its import's transaction, just before the commit, with
   * the result: the job's row says "done" in that same transaction, so a process killed after the
   * commit does not leave a job marked failed whose rows are in.
   */
  run: (job: Readonly<ImportJob>, progress: (done: number, total: number) => void, committing: (result: NonNullable<ImportJob['result']>) => void) => Promise<ImportJob['result']>;
  /** called once the job has ended, whatever happened: removes its upload */
  release?: () => Promise<void>;
}

/**
 * Import jobs, run one at a time (SQLite has one writer) in the order they came. Each job is a row of
 * import_jobs, written at every change of status, so its status and result outlive the server process;
 * reads go through the store's scope filter. On start, jobs an earlier process left queued or running
 * are marked failed ("interrupted by a server restart"): their uploads were temporary files, and an
 * interrupted import wrote nothing (it is one transaction).
 */
export class ImportJobs {
  private readonly queue: Entry[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly log?: FastifyBaseLogger,
    /** held while a job runs: its import's transaction is open on the shared connection */
    private readonly gate?: WriteGate,
  ) {
    const failed = failUnfinishedImportJobs(store, INTERRUPTED);
    if (failed > 0) log?.warn({ jobs: failed }, 'import jobs left unfinished by an earlier server process marked failed');
  }

  submit(kind: string, fileName: string, owner: JobOwner, bytes: number, run: Entry['run'], release?: Entry['release']): ImportJob {
    const job: ImportJob = { jobId: randomUUID(), kind, fileName, status: 'queued', createdAt: new Date().toISOString(), createdBy: owner.actor.name, bytes };
    const entry = { job, owner, run, release };
    putImportJob(this.store, job, owner);
    this.queue.push(entry);
    this.running ??= this.drain();
    return { ...job };
  }

  private async drain(): Promise<void> {
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        await this.runOne(e);
        // a job submitted while the previous import's transaction was open was written inside it; if that
        // import rolled back, its row went too: write the waiting ones again
        for (const q of this.queue) putImportJob(this.store, q.job, q.owner);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async runOne(e: Entry): Promise<void> {
    const { job } = e;
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    let lastWrite = 0;
    const progress = (done: number, total: number) => {
      job.progress = { done, total };
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      putImportJobProgress(this.store, job.jobId, done, total);
    };
    const committing = (result: NonNullable<ImportJob['result']>) => putImportJob(this.store, { ...job, status: 'done', result, finishedAt: new Date().toISOString() }, e.owner);
    try {
      putImportJob(this.store, job, e.owner);
      job.result = await (this.gate ? this.gate.hold(() => e.run(job, progress, committing)) : e.run(job, progress, committing));
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      // a UserError (ImportError, scope refusal) names the uploaded file's rows and fields; anything else stays in the log
      if (err instanceof UserError) job.error = err.message;
      else {
        job.error = 'the import failed for an internal reason; see the server log';
        this.log?.error({ err, jobId: job.jobId }, 'import job failed');
      }
    }
    job.finishedAt = new Date().toISOString();
    await e.release?.().catch((err: unknown) => this.log?.error({ err, jobId: job.jobId }, 'cannot remove the upload of an import job'));
    try {
      putImportJob(this.store, job, e.owner);
    } catch (err) {
      // the import itself is done (or rolled back); a failed status write must not stop the queue
      this.log?.error({ err, jobId: job.jobId }, 'cannot record the end of an import job');
    }
  }

  /** Resolves when every queued job has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  get(jobId: string, scope: Scope): ImportJob | undefined {
    return getImportJob(this.store, scope, jobId);
  }

  list(scope: Scope, page: PageRequest & { status?: ImportJobStatus } = {}): Page<ImportJob> {
    return listImportJobs(this.store, scope, page);
  }
}
