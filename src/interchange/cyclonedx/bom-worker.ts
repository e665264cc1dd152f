import { parentPort } from 'node:worker_threads';
import { ImportError } from '../../domain/errors.js';
import type { ParsedBom } from './types.js';
import { BomTooLarge } from './validate.js';
import { parseBomText } from './index.js';

/*
 * The worker thread of bom-worker-host.ts: reads one BOM per message (JSON, bounds, schema, mapping)
 * and answers with the parsed BOM or the ImportError's parts, so the server's event loop never runs
 * the schema check.
 */

export interface BomRequest {
  id: number;
  file: string;
  text: string;
}

export type BomReply =
  | { id: number; ok: true; bom: ParsedBom }
  | { id: number; ok: false; userError: true; tooLarge: boolean; file: string; row?: number; field?: string; reason: string }
  | { id: number; ok: false; userError: false; reason: string };

parentPort?.on('message', (req: BomRequest) => {
  parseBomText(req.file, req.text).then(
    (bom) => parentPort!.postMessage({ id: req.id, ok: true, bom } satisfies BomReply),
    (err: unknown) =>
      parentPort!.postMessage(
        (err instanceof ImportError
          ? { id: req.id, ok: false, userError: true, tooLarge: err instanceof BomTooLarge, file: err.file, row: err.row, field: err.field, reason: err.reason }
          : { id: req.id, ok: false, userError: false, reason: err instanceof Error ? err.message : String(err) }) satisfies BomReply,
      ),
  );
});
