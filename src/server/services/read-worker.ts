import type { Worker } from 'node:worker_threads';
import { startThread } from './threads.js';
import type { Scope } from '../../store/access/scope.js';
import type { Store } from '../../store/index.js';
import { READS, type ReadName, type ReadReply, type ReadRequest } from './read-worker-thread.js';

const startWorker = () => startThread(import.meta.url, 'read-worker-thread');

/** An OFFSET at least this deep is read off the server thread (about 20 ms of stepping at this depth here; 1 s at 4 million). */
export const DEEP_OFFSET = 10_000;

/**
 * Reads waiting for the thread past which a new one is refused (503 with Retry-After): they are read one
 * at a time and a deep page costs up to a second at Union scale, so the last of more would wait longer
 * than a client waits (bench/LOAD-NOTES.md).
 */
export const MAX_WAITING_READS = 8;
export const READ_RETRY_AFTER_SECONDS = 5;

/**
 * Runs the reads of read-worker-thread.ts on one thread, started on first use, one read at a time in
 * the order asked; a thread that dies fails its reads and is replaced on the next one. An in-memory
 * database cannot be opened from another thread: its reads run here.
 */
export class ReadWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly store: Store) {}

  /** As many reads wait as may (MAX_WAITING_READS): the caller refuses the next rather than queue it. */
  get full(): boolean {
    return this.pending.size >= MAX_WAITING_READS;
  }

  run<N extends ReadName>(name: N, scope: Scope, args: Parameters<(typeof READS)[N]>[2]): Promise<ReturnType<(typeof READS)[N]>> {
    type R = ReturnType<(typeof READS)[N]>;
    if (this.store.file === ':memory:') return Promise.resolve(READS[name](this.store, scope, args) as R);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    worker.ref();
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, file: this.store.file, name, scope, args } satisfies ReadRequest);
    });
  }

  private start(): Worker {
    const worker = startWorker();
    worker.on('message', (m: ReadReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.message));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the read worker stopped (exit ${code})`)));
    return worker;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
