/**
 * CLI start-up (`node --import tsx bench/cli-startup.ts [--cli dist/cli/bin.js] [--before OTHER/bin.js] [--runs 20]`):
 * how long `secure5g --help` and small commands take as a user runs them — the built CLI in a process of
 * its own, from start to exit — against a bare `node -e 0`. Medians of --runs runs, wall time and the CPU
 * time the process used (user + system, from /usr/bin/time where it exists: steadier than wall time on a
 * shared machine). Run `npm run build` (or `npx tsc -p tsconfig.build.json`) first. Figures: bench/CLI-NOTES.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './lib.js';

const { values } = parseArgs({ options: { cli: { type: 'string', default: join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js') }, before: { type: 'string' }, runs: { type: 'string', default: '20' } } });
const RUNS = Number(values.runs);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const dir = mkdtempSync(join(tmpdir(), 'secure5g-startup-'));
// one database per CLI measured: each creates it with its own schema
const dbs = new Map<string, string>();
const dbFor = (cli: string) => {
  if (!dbs.has(cli)) {
    const db = join(dir, `startup-${dbs.size}.db`);
    execFileSync(process.execPath, [cli, 'init', '--db', db]);
    dbs.set(cli, db);
  }
  return dbs.get(cli)!;
};

const COMMANDS: { name: string; args: string[]; goalMs?: number }[] = [
  { name: 'node -e 0 (bare Node)', args: ['-e', '0'] },
  { name: 'secure5g --help', args: ['CLI', '--help'], goalMs: 300 },
  { name: 'secure5g --version', args: ['CLI', '--version'], goalMs: 300 },
  { name: 'secure5g policy baseline', args: ['CLI', 'policy', 'baseline'], goalMs: 500 },
  { name: 'secure5g assessment list (opens the database)', args: ['CLI', 'assessment', 'list', '--db', 'DB'], goalMs: 500 },
];

interface Sample {
  wallMs: number;
  cpuMs: number | undefined;
}

function once(args: string[]): Sample {
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const last = TIME ? r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) : undefined;
  return { wallMs, cpuMs: last ? (last[0]! + last[1]!) * 1000 : undefined };
}

function measure(cli: string, args: string[]) {
  const argv = args.map((a) => (a === 'CLI' ? cli : a === 'DB' ? dbFor(cli) : a));
  once(argv); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => once(argv));
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: TIME ? median(samples.map((s) => s.cpuMs!)) : undefined };
}

const ms = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(x)} ms`);
console.log(`# CLI start-up, medians of ${RUNS} runs; load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`| command | wall | CPU (user + sys) |${values.before ? ' before: wall | before: CPU | CPU ratio before/now |' : ''} goal (wall) |`);
console.log(`|---|---|---|${values.before ? '---|---|---|' : ''}---|`);
for (const c of COMMANDS) {
  const now = measure(values.cli!, c.args);
  const before = values.before ? measure(values.before, c.args) : undefined;
  const goal = c.goalMs === undefined ? '' : `< ${c.goalMs} ms — ${now.wallMs < c.goalMs ? 'met' : 'not met'}`;
  const ratio = before?.cpuMs && now.cpuMs ? `${(before.cpuMs / now.cpuMs).toFixed(1)}×` : '–';
  console.log(`| ${c.name} | ${ms(now.wallMs)} | ${ms(now.cpuMs)} |${before ? ` ${ms(before.wallMs)} | ${ms(before.cpuMs)} | ${ratio} |` : ''} ${goal} |`);
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
