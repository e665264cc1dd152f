import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../../domain/index.js';
import type { EncodedBatch } from './batch-codec.js';
import { readCsv } from './csv.js';
import { jsonRows, readJsonFile } from './json-rows.js';
import { KINDS, type TableKind } from './kinds.js';
import { RowStage } from './row-stage.js';
import type { DesignationReferences } from './validate.js';

/*
 * The parsing half of a large CSV or JSON import: reads, parses and validates on this thread and posts
 * checked batches to the writing thread, which then only writes (a server answers requests meanwhile).
 * At most IN_FLIGHT batches wait unwritten, so memory stays flat however large a CSV file; a JSON
 * document is parsed whole, here.
 */

export interface ParseWorkerData {
  kind: TableKind;
  format: 'csv' | 'json';
  file: string;
  name: string;
  operators: string[];
  suppliers: string[];
  products: [string, string][];
  designations: DesignationReferences;
  /** shared counter: batches written by the main thread */
  written: SharedArrayBuffer;
}

export type ParseWorkerMessage =
  | { type: 'batch'; batch: EncodedBatch; bytes: number }
  | { type: 'done'; sha256: string }
  | { type: 'error'; file?: string; row?: number; field?: string; reason: string; userError: boolean };

const IN_FLIGHT = 4;
/** a JSON document's objects are posted this many at a time */
const JSON_BATCH_ROWS = 16_384;

async function main(data: ParseWorkerData): Promise<void> {
  const port = parentPort!;
  const spec = KINDS[data.kind];
  const stage = new RowStage(spec, {
    operators: new Set(data.operators),
    suppliers: new Set(data.suppliers),
    productSupplier: new Map(data.products),
    designations: data.designations,
  });
  const written = new Int32Array(data.written);
  let posted = 0;
  let bytes = 0;
  const post = () => {
    while (posted - Atomics.load(written, 0) >= IN_FLIGHT) Atomics.wait(written, 0, Atomics.load(written, 0), 50);
    const batch = stage.take();
    port.postMessage({ type: 'batch', batch, bytes } satisfies ParseWorkerMessage, [batch.codes.buffer, batch.numbers.buffer, batch.rows.buffer] as ArrayBuffer[]);
    posted++;
  };
  try {
    const sha256 = data.format === 'json' ? await json(data, stage, post, (b) => (bytes = b)) : await readCsv(data.file, data.name, {
      header: (names) => stage.header(names),
      record: (fields, count, row) => stage.csvRecord(fields, count, row),
      flush: post,
      wants: () => !stage.stopped,
      progress(b) {
        bytes = b;
      },
    });
    post();
    port.postMessage({ type: 'done', sha256 } satisfies ParseWorkerMessage);
  } catch (err) {
    const e = err as Error;
    port.postMessage({
      type: 'error',
      reason: e instanceof ImportError ? e.reason : e.message,
      userError: e instanceof ImportError,
      ...(e instanceof ImportError ? { file: e.file, row: e.row, field: e.field } : {}),
    } as ParseWorkerMessage);
  }
}

/** Checks a JSON document's objects, numbered from 1 as the in-thread import numbers them; returns the file's SHA-256. */
async function json(data: ParseWorkerData, stage: RowStage, post: () => void, progress: (bytes: number) => void): Promise<string> {
  const { doc, sha256, bytes } = await readJsonFile(data.file, data.name);
  const rows = jsonRows(doc, data.kind, data.name);
  progress(bytes);
  for (let i = 0; i < rows.length && !stage.stopped; i++) {
    stage.object(rows[i], i + 1);
    if ((i + 1) % JSON_BATCH_ROWS === 0) post();
  }
  return sha256;
}

void main(workerData as ParseWorkerData);
