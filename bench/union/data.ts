import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_FILES, generateDemo, writeDemoCsv } from '../../src/demo/index.js';

/** The eu-scale demo (seed 1) as CSV, written once and reused: the same rows the CLI's `demo --scale eu` writes. */
export async function ensureEuCsv(dir: string): Promise<{ dir: string; bytes: number; generatedMs?: number }> {
  const done = join(dir, '.complete');
  if (existsSync(done)) return { dir, bytes: statSync(join(dir, 'assets.csv')).size };
  mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const written = await writeDemoCsv(generateDemo({ scale: 'eu', seed: 1 }), dir);
  writeFileSync(done, JSON.stringify(Object.keys(DEMO_FILES)));
  return { dir, bytes: written.bytes, generatedMs: performance.now() - t };
}
