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
