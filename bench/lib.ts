import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const msFmt = (ms: number) => `${ms.toFixed(0)} ms`;

export function removeDb(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Peak resident memory of this process so far, in MB (resourceUsage reports kilobytes). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Prints a step's result as the last line of stdout, for the orchestrator to read. */
export function report(result: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);
}

/**
 * Runs one benchmark step in its own Node process, so that its peak memory is its own, and returns the
 * JSON object the step printed last.
 */
export function runStep<T>(script: string, args: string[]): T & { peakRssMb: number; wallMs: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${script} failed with exit ${r.status}:\n${r.stdout}`);
  const last = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(last) as T & { peakRssMb: number }), wallMs };
}

export function collect() {
  (globalThis as { gc?: () => void }).gc?.();
}
