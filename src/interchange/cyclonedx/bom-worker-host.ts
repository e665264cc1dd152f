import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../../domain/errors.js';
import type { BomReply, BomRequest } from './bom-worker.js';
import type { ParsedBom } from './types.js';
import { BomTooLarge } from './validate.js';

/**
 * Built, the worker is plain JS beside this module. Run from the TypeScript sources (tests, tsx), it is
 * started through tsx's loader, found from here (as src/interchange/import/parse-worker-host.ts does).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./bom-worker.js', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL('./bom-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`, { eval: true });
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (b: ParsedBom) => void; reject: (e: Error) => void }>();

/** One worker, started on the first BOM and kept (it holds the compiled schemas); it keeps the process alive only while a BOM is read. */
function bomWorker(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.on('message', (m: BomReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.ok) p.resolve(m.bom);
    else if (m.userError) p.reject(new (m.tooLarge ? BomTooLarge : ImportError)(m.file, m.row, m.field, m.reason));
    else p.reject(new Error(`CycloneDX worker: ${m.reason}`));
  });
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the CycloneDX worker stopped (exit ${code})`)));
  return (worker = w);
}

/**
 * parseBomText on a worker thread: a large BOM's schema check (seconds for tens of thousands of
 * components) never holds the caller's event loop, so the server keeps answering meanwhile.
 */
export function parseBomOffThread(file: string, bytes: Buffer): Promise<ParsedBom> {
  const w = bomWorker();
  w.ref();
  const id = nextId++;
  return new Promise<ParsedBom>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, file, text: bytes.toString('utf8') } satisfies BomRequest);
  });
}

/** Stops the worker (tests; a BOM being read fails). */
export async function closeBomWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
