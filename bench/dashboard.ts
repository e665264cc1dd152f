/*
 * Dashboard endpoint under load: GET /api/v1/dashboard on the eu-scale demo, autocannon with 50
 * connections for 10 s per scope (authority, operator, admin), bearer-token authentication on every
 * request. The server runs in its own process so the load generator does not share its event loop.
 *
 * Database: $SECURE5G_BENCH_DB or the first argument; make one with
 *   npm run build && node dist/cli/bin.js demo --scale eu --db /tmp/secure5g-eu.db     (~2–3 minutes)
 * Run: node --import tsx bench/dashboard.ts [db]   — writes bench/SERVER-NOTES.md's figures table to stdout
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

interface Started {
  port: number;
  tokens: Record<'admin' | 'authority' | 'operator', string>;
  assessMs: number;
  assets: number;
  memberState: string;
  operatorId: string;
  rssMb: number;
}

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const db = process.argv[2] ?? process.env.SECURE5G_BENCH_DB;
if (!db || !existsSync(db)) {
  process.stderr.write('give the eu-scale database as argument or SECURE5G_BENCH_DB (see the header of bench/dashboard.ts)\n');
  process.exit(2);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'dashboard-server.ts'), db], { stdio: ['ignore', 'pipe', 'inherit'] });
const started = await new Promise<Started>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Started));
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

// autocannon ships no types: loaded through require, with the few fields used typed above
const autocannon = createRequire(import.meta.url)('autocannon') as (o: object, cb: (e: Error | null, r: CannonResult) => void) => void;

const run = (token: string, duration: number) =>
  new Promise<CannonResult>((resolve, reject) =>
    autocannon(
      { url: `http://127.0.0.1:${started.port}/api/v1/dashboard`, connections: 50, duration, headers: { authorization: `Bearer ${token}` } },
      (err, r) => (err ? reject(err) : resolve(r)),
    ),
  );

const rows: string[] = [];
try {
  // a short warm-up fills the per-scope JSON caches and lets V8 optimise the hot path
  for (const t of Object.values(started.tokens)) await run(t, 2);
  for (const scope of ['authority', 'operator', 'admin'] as const) {
    const r = await run(started.tokens[scope], 10);
    const bytes = r.requests.total ? r.throughput.average / r.requests.average : 0;
    rows.push(
      `| ${scope} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${(bytes / 1024).toFixed(1)} | ${r.non2xx + r.errors + r.timeouts} |`,
    );
  }
} finally {
  child.kill('SIGTERM');
}

process.stdout.write(
  [
    `database: ${started.assets.toLocaleString('en')} assets; start-up assessment for the dashboard ${(started.assessMs / 1000).toFixed(1)} s; server RSS ${started.rssMb.toFixed(0)} MB`,
    `scopes: authority of ${started.memberState}, operator ${started.operatorId}, admin (whole instance)`,
    '',
    '| scope | requests/s | p50 ms | p99 ms | max ms | KiB/response | errors |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
