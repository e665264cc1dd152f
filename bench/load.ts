/*
 * The API under mixed load while imports run: many clients reading every list and detail route, a few
 * writing, and an asset import submitted again and again through POST /imports/assets. Reports per route
 * the requests, statuses, p50/p99/max, the writes apart (those made while an import holds the write gate
 * wait for it, up to 30 s, then 503 with Retry-After), the imports, and the server's resident memory
 * sampled over the run. All traffic is on 127.0.0.1; every loop ends at the run's deadline.
 *
 * Database: a copy of the given one is used (the imports change it); default: a fresh small demo
 * (`secure5g demo`, ~60,000 assets) made in a temporary folder, and assessed once so that the findings
 * routes have a run to read.
 *
 * Run: node --import tsx bench/load.ts [--db FILE] [--seconds 300] [--clients 200] [--think-ms 0] [--import-rows 200000] [--out FILE.json]
 * Figures: bench/LOAD-NOTES.md
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { CSV_COLUMNS, csvField } from '../src/demo/index.js';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '300' },
    clients: { type: 'string', default: '200' },
    'import-rows': { type: 'string', default: '200000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'think-ms': { type: 'string', default: '0' },
  },
});
const SECONDS = Number(opt.seconds);
const CLIENTS = Number(opt.clients);
const IMPORT_ROWS = Number(opt['import-rows']);
/** each client waits between 0 and twice this after an answer before asking again (0: a closed loop, as fast as answers come) */
const THINK_MS = Number(opt['think-ms']);
/** a request that takes longer than this is counted as an error (the client gives up) */
const CLIENT_TIMEOUT_MS = 60_000;
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'secure5g-load-'));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`secure5g ${args.join(' ')} exited with ${r.status}`);
};

// ---- the database and the import files ----
const db = join(work, 'load.db');
if (opt.db) copyFileSync(opt.db, db);
else cli('demo', '--db', db);
cli('assess', '--db', db, '--format', 'json');

let seed = Number(opt.seed) >>> 0;
/** mulberry32: the same run gives the same choices */
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const ro = new BetterSqlite3(db, { readonly: true });
const assetIds = ro.prepare('SELECT asset_id FROM assets ORDER BY random() LIMIT 2000').pluck().all() as string[];
const templates = ro.prepare('SELECT * FROM assets ORDER BY asset_id LIMIT 5000').all() as Record<string, unknown>[];
const operatorIds = ro.prepare('SELECT operator_id FROM operators ORDER BY operator_id').pluck().all() as string[];
ro.close();

/**
 * Two asset files over the same new ids (LOAD-…), copies of existing rows: the second moves every row to
 * the next operator and changes its quantity, so alternating them inserts, then changes, every row.
 */
function importFile(name: string, shift: number): string {
  const cols = CSV_COLUMNS.assets;
  const lines = [cols.join(',')];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const t = templates[i % templates.length]!;
    const row: Record<string, unknown> = { ...t, asset_id: `LOAD-${String(i).padStart(8, '0')}` };
    if (shift) {
      row.operator_id = operatorIds[(operatorIds.indexOf(String(t.operator_id)) + shift) % operatorIds.length];
      row.quantity = Number(t.quantity) + 1;
    }
    lines.push(cols.map((c) => csvField(row[c] ?? '')).join(','));
  }
  const file = join(work, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
const files = [importFile('assets-a.csv', 0), importFile('assets-b.csv', 1)].map((f) => readFileSync(f));

// ---- the server ----
let t0 = Date.now();
mkdirSync(join(work, 'uploads'));
const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load-server.ts'), db, join(work, 'uploads')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
interface Started {
  port: number;
  tokens: Record<'admin' | 'authority' | 'operator', string>;
  assets: number;
  memberState: string;
  operatorId: string;
  pid: number;
}
interface ServerSample {
  rssMb: number;
  cpuMs: number;
  loopMaxMs: number;
  loopP99Ms: number;
}
const serverSamples: (ServerSample & { s: number; load1: number })[] = [];
const started = await new Promise<Started>((resolve, reject) => {
  let first = true;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (first) {
      first = false;
      resolve(JSON.parse(line) as Started);
    } else {
      // the server's own log lines (warnings, errors) go to the same output: only samples are kept
      const sample = JSON.parse(line) as Partial<ServerSample>;
      if (typeof sample.rssMb === 'number') serverSamples.push({ ...(sample as ServerSample), s: Math.round((Date.now() - t0) / 1000), load1: loadavg()[0]! });
      else process.stderr.write(`server: ${line}\n`);
    }
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 4 });
interface Answer {
  status: number;
  ms: number;
  retryAfter?: string;
  body: string;
}
function call(method: string, path: string, token: string, body?: Buffer | string, type = 'application/json', timeout = CLIENT_TIMEOUT_MS): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: started.port,
        method,
        path: `/api/v1${path}`,
        agent,
        timeout,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8'), ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}) }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0, body: '' }));
    req.end(body);
  });
}

// ---- what the clients ask ----
type Role = keyof Started['tokens'];
interface Ask {
  route: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => string;
  roles: Role[];
  weight: number;
}
const today = new Date().toISOString().slice(0, 10);
let writeNo = 0;
const ASKS: Ask[] = [
  { route: 'GET /assets (first page)', method: 'GET', path: () => '/assets?limit=100', roles: ['admin', 'authority', 'operator'], weight: 10 },
  { route: 'GET /assets?offset=', method: 'GET', path: () => `/assets?limit=100&offset=${Math.floor(random() * started.assets)}`, roles: ['admin', 'authority', 'operator'], weight: 6 },
  { route: 'GET /assets?after=', method: 'GET', path: () => `/assets?limit=100&after=${encodeURIComponent(pick(assetIds))}`, roles: ['admin', 'authority', 'operator'], weight: 10 },
  { route: 'GET /assets?segment=&supplierId=', method: 'GET', path: () => `/assets?limit=100&segment=${pick(['core', 'ran', 'transport'])}`, roles: ['admin', 'authority', 'operator'], weight: 6 },
  { route: 'GET /assets/:id', method: 'GET', path: () => `/assets/${encodeURIComponent(pick(assetIds))}`, roles: ['admin', 'authority', 'operator'], weight: 6 },
  { route: 'GET /operators', method: 'GET', path: () => '/operators', roles: ['admin', 'authority', 'operator'], weight: 4 },
  { route: 'GET /suppliers', method: 'GET', path: () => '/suppliers', roles: ['admin', 'authority', 'operator'], weight: 3 },
  { route: 'GET /products', method: 'GET', path: () => '/products?limit=100', roles: ['admin', 'authority', 'operator'], weight: 3 },
  { route: 'GET /designations', method: 'GET', path: () => '/designations', roles: ['admin', 'authority', 'operator'], weight: 3 },
  { route: 'GET /dashboard', method: 'GET', path: () => '/dashboard', roles: ['admin', 'authority', 'operator'], weight: 8 },
  { route: 'GET /findings', method: 'GET', path: () => '/findings?limit=100', roles: ['admin', 'authority', 'operator'], weight: 5 },
  { route: 'GET /assessments', method: 'GET', path: () => '/assessments', roles: ['admin', 'authority', 'operator'], weight: 3 },
  { route: 'GET /implementation', method: 'GET', path: () => '/implementation', roles: ['admin', 'authority', 'operator'], weight: 3 },
  { route: 'GET /imports/jobs', method: 'GET', path: () => '/imports/jobs', roles: ['admin', 'authority'], weight: 2 },
  {
    route: 'POST /implementation',
    method: 'POST',
    path: () => '/implementation',
    body: () =>
      JSON.stringify({
        measure: pick(['TM01', 'TM02', 'TM03', 'SM01']),
        scope_level: 'member-state',
        member_state: started.memberState,
        status: pick(['in-place', 'in-progress', 'planned']),
        evidence: `load run write ${++writeNo}`,
        recorded_on: today,
      }),
    roles: ['authority'],
    weight: 1,
  },
];

interface Tally {
  ms: number[];
  statuses: Record<string, number>;
  retryAfterOn503: number;
}
const reads = new Map<string, Tally>();
const writes = { duringImport: new Map<string, Tally>(), otherwise: new Map<string, Tally>() };
/** every read's answer time by the second of the run it was asked in: the latency over time, beside the server's samples */
const readsBySecond: number[][] = [];
const tally = (m: Map<string, Tally>, route: string, a: Answer) => {
  let t = m.get(route);
  if (!t) m.set(route, (t = { ms: [], statuses: {}, retryAfterOn503: 0 }));
  t.ms.push(a.ms);
  t.statuses[a.status] = (t.statuses[a.status] ?? 0) + 1;
  if (a.status === 503 && a.retryAfter) t.retryAfterOn503++;
};

t0 = Date.now();
const deadline = t0 + SECONDS * 1000;
// the server's CPU before the run (its start-up), from its last sample: up to 5 s of start-up may count as the run's
const cpuAtStart = serverSamples.at(-1)?.cpuMs ?? 0;
serverSamples.length = 0;
let importing = false;

async function client(i: number): Promise<void> {
  const role: Role = (['admin', 'authority', 'operator'] as const)[i % 3]!;
  const mine = ASKS.filter((a) => a.roles.includes(role));
  const total = mine.reduce((s, a) => s + a.weight, 0);
  // the clients start spread over the same think time, as users arrive, not all in the same millisecond
  if (THINK_MS > 0) await sleep(random() * 2 * THINK_MS);
  while (Date.now() < deadline) {
    let r = random() * total;
    const ask = mine.find((a) => (r -= a.weight) < 0) ?? mine[0]!;
    const during = importing;
    const second = Math.floor((Date.now() - t0) / 1000);
    const a = await call(ask.method, ask.path(), started.tokens[role], ask.body?.());
    if (ask.method === 'GET') {
      tally(reads, ask.route, a);
      (readsBySecond[second] ??= []).push(a.ms);
    } else tally(during ? writes.duringImport : writes.otherwise, ask.route, a);
    if (THINK_MS > 0) await sleep(random() * 2 * THINK_MS);
  }
}

interface ImportRun {
  file: string;
  startS: number;
  seconds: number;
  status: string;
  result?: unknown;
  error?: string;
}
const imports: ImportRun[] = [];
async function importer(): Promise<void> {
  // the first import 20 s in; the next 15 s after each ends; none starts in the last 60 s
  await sleep(20_000);
  for (let n = 0; Date.now() < deadline - 60_000; n++) {
    const t = Date.now();
    importing = true;
    const sub = await call('POST', `/imports/assets?filename=load-${n % 2 ? 'b' : 'a'}.csv`, started.tokens.admin, files[n % 2], 'text/csv', 600_000);
    let job = JSON.parse(sub.body || '{}') as { jobId?: string; status?: string; result?: unknown; error?: string };
    while (job.jobId && (job.status === 'queued' || job.status === 'running') && Date.now() < deadline + CLIENT_TIMEOUT_MS) {
      await sleep(500);
      const a = await call('GET', `/imports/jobs/${job.jobId}`, started.tokens.admin);
      if (a.status === 200) job = JSON.parse(a.body) as typeof job;
    }
    importing = false;
    imports.push({ file: n % 2 ? 'b' : 'a', startS: (t - t0) / 1000, seconds: (Date.now() - t) / 1000, status: job.status ?? `HTTP ${sub.status}`, result: job.result, error: job.error });
    await sleep(15_000);
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

try {
  await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i)), importer()]);
} finally {
  child.kill('SIGTERM');
  agent.destroy();
}

// ---- the report ----
const q = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const row = (route: string, t: Tally) => {
  const n = t.ms.length;
  const s5 = Object.entries(t.statuses).filter(([k]) => k.startsWith('5')).reduce((s, [, v]) => s + v, 0);
  const errs = t.statuses['0'] ?? 0;
  const st = Object.entries(t.statuses).map(([k, v]) => `${k === '0' ? 'no answer' : k}: ${v}`).join(', ');
  return `| ${route} | ${n} | ${st} | ${s5} | ${errs} | ${q(t.ms, 0.5).toFixed(0)} | ${q(t.ms, 0.99).toFixed(0)} | ${Math.max(...t.ms).toFixed(0)} |`;
};
const head = ['| route | requests | statuses | 5xx | no answer | p50 ms | p99 ms | max ms |', '|---|---|---|---|---|---|---|---|'];
const allReads = [...reads.values()].flatMap((t) => t.ms);
const readCount = allReads.length;
const run = serverSamples.filter((m) => m.s > 0 && m.s <= SECONDS);
const totalRequests = readCount + [...writes.duringImport.values(), ...writes.otherwise.values()].reduce((n, t) => n + t.ms.length, 0);
const out = [
  `database: ${started.assets.toLocaleString('en')} assets; ${CLIENTS} clients for ${SECONDS} s, think time ${THINK_MS ? `0–${2 * THINK_MS} ms` : 'none'}; import files of ${IMPORT_ROWS.toLocaleString('en')} asset rows`,
  `reads: ${readCount} requests (${(readCount / SECONDS).toFixed(0)}/s), p50 ${q(allReads, 0.5).toFixed(0)} ms, p99 ${q(allReads, 0.99).toFixed(0)} ms`,
  '',
  '### Reads',
  ...head,
  ...[...reads.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => row(k, t)),
  '',
  '### Writes (POST /implementation), while an import ran and otherwise',
  ...head,
  ...[...writes.duringImport.entries()].map(([k, t]) => `${row(`${k} — during an import`, t)} Retry-After on ${t.retryAfterOn503} of the 503s`),
  ...[...writes.otherwise.entries()].map(([k, t]) => row(`${k} — no import`, t)),
  '',
  '### Imports',
  '| file | started at s | took s | status | result |',
  '|---|---|---|---|---|',
  ...imports.map((i) => `| ${i.file} | ${i.startS.toFixed(0)} | ${i.seconds.toFixed(1)} | ${i.status} | ${i.error ?? JSON.stringify(i.result ?? {})} |`),
  '',
  '### The server over time (every 30 s): resident memory, CPU used in the window, longest event-loop delay in the last 5 s, machine load',
  '| s | RSS MB | server CPU % | loop max ms | load avg (1 min) |',
  '|---|---|---|---|---|',
  ...run.filter((_, i) => i % 6 === 5).map((m, i, xs) => {
    const prev = i ? xs[i - 1]! : { s: 0, cpuMs: cpuAtStart };
    return `| ${m.s} | ${m.rssMb} | ${(((m.cpuMs - prev.cpuMs) / ((m.s - prev.s) * 1000)) * 100).toFixed(0)} | ${m.loopMaxMs} | ${m.load1.toFixed(1)} |`;
  }),
  '',
  '### Reads over time (every 10 s, by when they were asked), with the server in that window and the imports running',
  '| s | reads | p50 ms | p99 ms | max ms | loop max ms | server CPU % | import |',
  '|---|---|---|---|---|---|---|---|',
  ...Array.from({ length: Math.ceil(SECONDS / 10) }, (_, w) => {
    const ms = readsBySecond.slice(w * 10, w * 10 + 10).flatMap((x) => x ?? []);
    const samples = run.filter((m) => m.s > w * 10 && m.s <= w * 10 + 10);
    const before = run.filter((m) => m.s <= w * 10).at(-1) ?? { s: 0, cpuMs: cpuAtStart };
    const last = samples.at(-1);
    const cpu = last ? (((last.cpuMs - before.cpuMs) / ((last.s - before.s) * 1000)) * 100).toFixed(0) : '';
    const open = imports.filter((i) => i.startS < w * 10 + 10 && i.startS + i.seconds > w * 10).map((i) => i.file).join(' ');
    return `| ${w * 10}–${w * 10 + 10} | ${ms.length} | ${q(ms, 0.5).toFixed(0)} | ${q(ms, 0.99).toFixed(0)} | ${ms.length ? Math.max(...ms).toFixed(0) : ''} | ${samples.length ? Math.max(...samples.map((m) => m.loopMaxMs)) : ''} | ${cpu} | ${open} |`;
  }),
  `RSS min ${Math.min(...run.map((m) => m.rssMb))} MB, max ${Math.max(...run.map((m) => m.rssMb))} MB; first minute ${Math.max(...run.filter((m) => m.s <= 60).map((m) => m.rssMb))} MB at most, last minute ${Math.max(...run.filter((m) => m.s >= SECONDS - 60).map((m) => m.rssMb))} MB at most`,
  `server CPU: ${((run.at(-1)!.cpuMs - cpuAtStart) / 1000).toFixed(0)} s for ${totalRequests} requests = ${((run.at(-1)!.cpuMs - cpuAtStart) / totalRequests).toFixed(2)} ms a request (imports included); longest event-loop delay ${Math.max(...run.map((m) => m.loopMaxMs))} ms`,
  '',
];
process.stdout.write(out.join('\n'));
if (opt.out) writeFileSync(opt.out, JSON.stringify({ reads: Object.fromEntries(reads), writes: { duringImport: Object.fromEntries(writes.duringImport), otherwise: Object.fromEntries(writes.otherwise) }, imports, server: serverSamples }, (k, v) => (k === 'ms' ? undefined : v), 2));
rmSync(work, { recursive: true, force: true });
