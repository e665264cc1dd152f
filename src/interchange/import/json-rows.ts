import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ImportError } from '../../domain/index.js';
import { decodeText } from '../text.js';
import type { ImportKind } from './kinds.js';

/** A JSON import file's document and the SHA-256 of its bytes (the import log's), read on this thread or the parse worker. */
export async function readJsonFile(file: string, name: string): Promise<{ doc: unknown; sha256: string; bytes: number }> {
  const bytes = await readFile(file);
  return { doc: parseJsonFile(name, bytes), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** A JSON document, read as text in any of the encodings a CSV file may have (the importer's and the preview's). */
export function parseJsonFile(name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(decodeText(name, bytes, 'lines'));
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(name, undefined, undefined, `not valid JSON: ${(err as Error).message}`);
  }
}

/** The rows of a JSON document: an array of objects, or `{ "<kind>": [...] }`. */
export function jsonRows(doc: unknown, kind: ImportKind, name: string): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc !== null && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>)[kind])) {
    return (doc as Record<string, unknown[]>)[kind]!;
  }
  throw new ImportError(name, undefined, undefined, `must be a JSON array of ${kind}, or an object {"${kind}": [...]}`);
}
