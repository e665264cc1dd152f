import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { UserError } from '../../domain/index.js';
import { scopeKey, type Scope } from '../../store/access/index.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJob {
  jobId: string;
  kind: string;
  status: JobStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  createdBy: string;
  bytes: number;
  progress?: { done: number; total: number };
  result?: { rows: number; inserted: number; updated: number; unchanged: number; ms: number };
  error?: string;
}

interface Entry {
  job: ImportJob;
  ownerScope: string;
  run: (job: ImportJob) => Promise<ImportJob['result']>;
}

/**
 * Import jobs, run one at a time (SQLite has one writer) in the order they came. Kept in memory: a
 * restart forgets finished jobs (the import log and the audit trail keep what was imported). A job is
 * visible to whole-instance callers and to callers of the same scope as the one who started it.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private running: Promise<void> | undefined;
  private static readonly KEEP = 200;

  constructor(private readonly log?: FastifyBaseLogger) {}

  submit(kind: string, createdBy: string, scope: Scope, bytes: number, run: Entry['run']): ImportJob {
    const job: ImportJob = { jobId: randomUUID(), kind, status: 'queued', createdAt: new Date().toISOString(), createdBy, bytes };
    const entry = { job, ownerScope: scopeKey(scope), run };
    this.jobs.set(job.jobId, entry);
    this.queue.push(entry);
    this.forgetOld();
    this.running ??= this.drain();
    return job;
  }

  private async drain(): Promise<void> {
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        e.job.status = 'running';
        e.job.startedAt = new Date().toISOString();
        try {
          e.job.result = await e.run(e.job);
          e.job.status = 'succeeded';
        } catch (err) {
          e.job.status = 'failed';
          // messages of UserError/ImportError name the uploaded file's rows and fields; anything else stays in the log
          // a UserError (ImportError, scope refusal) names the uploaded file's rows and fields; anything else stays in the log
          if (err instanceof UserError) e.job.error = err.message;
          else {
            e.job.error = 'the import failed for an internal reason; see the server log';
            this.log?.error({ err, jobId: e.job.jobId }, 'import job failed');
          }
        }
        e.job.finishedAt = new Date().toISOString();
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Resolves when every queued job has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  get(jobId: string, scope: Scope): ImportJob | undefined {
    const e = this.jobs.get(jobId);
    return e && this.visible(e, scope) ? e.job : undefined;
  }

  list(scope: Scope): ImportJob[] {
    return [...this.jobs.values()].filter((e) => this.visible(e, scope)).map((e) => e.job).reverse();
  }

  private visible(e: Entry, scope: Scope): boolean {
    const key = scopeKey(scope);
    return key === 'all' || key === e.ownerScope;
  }

  private forgetOld(): void {
    const done = [...this.jobs.values()].filter((e) => e.job.status === 'succeeded' || e.job.status === 'failed');
    for (const e of done.slice(0, Math.max(0, this.jobs.size - ImportJobs.KEEP))) this.jobs.delete(e.job.jobId);
  }
}
