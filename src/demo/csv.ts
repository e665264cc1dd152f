import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Asset, Designation, Operator, Product, Supplier } from '../domain/index.js';
import type { DemoData } from './generate.js';

/** The import format's columns, taken from the domain schemas so the two cannot drift apart. */
export const CSV_COLUMNS = {
  operators: Object.keys(Operator.shape),
  suppliers: Object.keys(Supplier.shape),
  products: Object.keys(Product.shape),
  assets: Object.keys(Asset.shape),
  designations: Object.keys(Designation.shape),
} as const;

export type DemoCsvKind = keyof typeof CSV_COLUMNS;

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted only where RFC 4180 requires it (comma, quote, line break). */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to CSV`);
    return String(value);
  }
  if (typeof value !== 'string') throw new Error(`cannot write a ${typeof value} to CSV`);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(row: Record<string, unknown>, columns: readonly string[]): string {
  let line = csvField(row[columns[0]]);
  for (let c = 1; c < columns.length; c++) line += ',' + csvField(row[columns[c]]);
  return line + '\n';
}

/**
 * Lines are joined into 64 KiB strings: measured faster than 1 MiB ones, whose deep concatenation
 * trees cost more to flatten on write than they save in calls. The stream batches them into 1 MiB writes.
 */
const CHUNK_CHARS = 1 << 16;

/** Streams rows to a CSV file, waiting on 'drain' so memory stays flat; returns bytes written. `onRows` hears the rows written so far, a chunk at a time. */
export async function writeCsv(path: string, columns: readonly string[], rows: Iterable<Record<string, unknown>>, onRows?: (done: number) => void): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => undefined);
  let chunk = columns.join(',') + '\n';
  let done = 0;
  for (const row of rows) {
    chunk += csvLine(row, columns);
    done++;
    if (chunk.length >= CHUNK_CHARS) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
      onRows?.(done);
    }
  }
  out.end(chunk);
  await Promise.race([finished(out), failed]);
  return out.bytesWritten;
}

export const DEMO_FILES = {
  operators: 'operators.csv',
  suppliers: 'suppliers.csv',
  products: 'products.csv',
  assets: 'assets.csv',
  designations: 'designations.csv',
  policies: 'policies.json',
} as const;

/**
 * Writes the demo in the import format: five CSV files and policies.json (a JSON array). Returns the path
 * of each file by kind and the total bytes written.
 */
export async function writeDemoCsv(
  data: DemoData,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ files: Record<string, string>; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  let bytes = 0;
  const tables: [DemoCsvKind, Iterable<Record<string, unknown>>][] = [
    ['operators', data.operators],
    ['suppliers', data.suppliers],
    ['products', data.products],
    ['assets', data.assets()],
    ['designations', data.designations],
  ];
  for (const [kind, rows] of tables) {
    const path = join(dir, DEMO_FILES[kind]);
    // the assets are generated as they are written: the long part of a Union-scale demo, with progress
    bytes += await writeCsv(path, CSV_COLUMNS[kind], rows, kind === 'assets' && onProgress ? (done) => onProgress(done, data.assetCount) : undefined);
    files[kind] = path;
  }
  const policies = JSON.stringify(data.policies, null, 2) + '\n';
  files.policies = join(dir, DEMO_FILES.policies);
  await writeFile(files.policies, policies);
  bytes += Buffer.byteLength(policies);
  return { files, bytes };
}
