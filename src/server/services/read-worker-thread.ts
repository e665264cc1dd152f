import { parentPort } from 'node:worker_threads';
import { listAssets } from '../../store/access/inventory.js';
import type { Scope } from '../../store/access/scope.js';
import type { Store } from '../../store/index.js';
import { openReadStore } from '../../store/open.js';

/*
 * Reads whose cost grows with the data, run off the server thread (started by read-worker.ts): a deep
 * OFFSET page of assets steps over every row before it (about a second at 5 million assets), and on the
 * server thread every other request would wait that long. The thread keeps one read-only connection: it
 * sees what is committed, never takes the write lock, and so never holds up the server's writes.
 */

/** The reads the thread runs, by name: each a scoped read of src/store/access (the scope travels with the request). */
export const READS = {
  listAssets: (store: Store, scope: Scope, args: Parameters<typeof listAssets>[2]) => listAssets(store, scope, args),
};
export type ReadName = keyof typeof READS;

export interface ReadRequest {
  id: number;
  file: string;
  name: ReadName;
  scope: Scope;
  args: unknown;
}

export type ReadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

let store: Store | undefined;
parentPort?.on('message', (req: ReadRequest) => {
  try {
    store ??= openReadStore(req.file);
    const value = (READS[req.name] as (s: Store, scope: Scope, a: unknown) => unknown)(store, req.scope, req.args);
    parentPort!.postMessage({ id: req.id, ok: true, value } satisfies ReadReply);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, ok: false, message: String((err as Error)?.message ?? err) } satisfies ReadReply);
  }
});
