import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../../domain/index.js';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-worker.js';
import type { TableKind } from './kinds.js';
import type { TableLoad } from './table-load.js';
import type { References } from './validate.js';

/**
 * Built, the worker is plain JS beside this module. Run from the TypeScript sources (tests, tsx), it is
 * started through tsx's loader, found from here.
 */
function startWorker(data: ParseWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: data });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL('./parse-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`, {
    eval: true,
    workerData: data,
  });
}

/** Parses `file` (CSV or JSON) on a worker thread and writes its checked batches through `load` on this one; resolves to the file's SHA-256. */
export function parseOnWorker(load: TableLoad, kind: TableKind, file: string, name: string, format: ParseWorkerData['format'], refs: References, progress: (b: number) => void) {
  const written = new SharedArrayBuffer(4);
  const counter = new Int32Array(written);
  const data: ParseWorkerData = {
    kind,
    format,
    file,
    name,
    operators: [...refs.operators],
    suppliers: [...refs.suppliers],
    products: [...refs.productSupplier],
    designations: refs.designations,
    written,
  };
  const worker = startWorker(data);
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    // messages are handled one after another: a batch is written (in slices, the event loop turning
    // between them) before the next message, a batch or the end, is looked at
    let handled = Promise.resolve();
    const handle = async (m: ParseWorkerMessage) => {
      if (settled) return;
      try {
        if (m.type === 'batch') {
          await load.apply(m.batch);
          Atomics.add(counter, 0, 1);
          Atomics.notify(counter, 0);
          progress(m.bytes);
          if (load.stopped) settle(() => resolve(''));
        } else if (m.type === 'done') settle(() => resolve(m.sha256));
        else {
          const err = m.userError ? new ImportError(m.file ?? name, m.row, m.field, m.reason) : new Error(`parse worker: ${m.reason}`);
          settle(() => reject(err));
        }
      } catch (err) {
        settle(() => reject(err));
      }
    };
    worker.on('message', (m: ParseWorkerMessage) => {
      handled = handled.then(() => handle(m));
    });
    // in the same queue, so that the load is never given up (and rolled back) while a batch is being written
    worker.on('error', (err) => {
      handled = handled.then(() => settle(() => reject(err)));
    });
    worker.on('exit', (code) => {
      handled = handled.then(() => settle(() => reject(new Error(`parse worker stopped (exit ${code}) before the end of ${name}`))));
    });
  });
}
