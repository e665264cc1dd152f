import type { OutputJson } from '../../src/domain/json-case.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

export const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'network-small');

/** A throw-away folder with a database path in it; `cleanup` removes both. */
export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'secure5g-cli-'));
  return { dir, db: join(dir, 'test.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function cli(...argv: string[]) {
  const io = bufferIo();
  const code = await run(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

export async function importSmallNetwork(db: string) {
  for (const kind of ['operators', 'suppliers', 'products', 'assets', 'designations']) {
    const r = await cli('import', kind, join(FIXTURE, `${kind}.csv`), '--db', db);
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`);
  }
}

/**
 * A value with every snake_case key in camelCase, by a plain rewrite of each key (a second method beside
 * src/domain/json-case.ts, which renames known fields only): what a JSON output of input rows looks like.
 */
export function camelKeys<T>(value: T): OutputJson<T> {
  const key = (k: string) => (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(k) ? k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : k);
  const walk = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(walk) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), walk(x)])) : v;
  return walk(value) as OutputJson<T>;
}
