/**
 * The first page in a real browser (`node --import tsx bench/web-first-page.ts [runs] [db]`): from a cold
 * start of Debian's chromium (a new process and an empty profile each run) to the first page
 * interactive, defined as the dashboard's main figures rendered — the four key figures' values in the
 * DOM (`[data-figure] dd`), which needs the shell, the dashboard's chunk, GET /auth/me and GET /dashboard.
 * The session cookie is set before the browser opens the page (signing in is not part of the first page).
 * Median of N runs (default 5) on the demo the server seeds (or on the database file given, e.g. a
 * Union-scale one), the dashboard computed before the first run. Figures go to bench/WEB-NOTES.md by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/start.js';
import { CHROMIUM, ensureWebBuild } from '../test/e2e/harness.js';
import { median } from './lib.js';

const RUNS = Number(process.argv[2] ?? 5);
const DB = process.argv[3];
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const log = (s: string) => console.log(`[web-first-page] ${s}`);

ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'secure5g-web-bench-'));
let printed = '';
const seeded = Date.now();
const server = await startServer({ db: DB ?? join(dir, 'bench.db'), port: 0, seedDemo: !DB, logger: false, handleSignals: false, print: (t) => void (printed += t) });
const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
log(`server ready in ${Date.now() - seeded} ms (${DB ? DB : 'demo seeded'})`);

// a session for the authority of the demo's largest member state (the admin on a given database)
// On a given database (the Union-scale demo), pass an account as BENCH_ACCOUNT=username:password, e.g. one
// that `secure5g users create-demo --db FILE` printed.
const givenAccount = process.env.BENCH_ACCOUNT?.match(/^([^:]+):(.+)$/);
const account =
  givenAccount ?? [...printed.matchAll(/^\s+(demo-authority-\w+)\s+(\S+)\s/gm)][0] ?? [...printed.matchAll(/^\s+(demo-admin)\s+(\S+)\s/gm)][0];
if (!account) throw new Error('no demo account printed: run on a fresh database (the demo accounts are made on first start), or set BENCH_ACCOUNT=username:password');
const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account[1], password: account[2] }) });
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
const cookies = login.headers.getSetCookie().map((c) => {
  const [pair] = c.split(';');
  const [name, ...v] = pair!.split('=');
  return { name: name!, value: v.join('='), url };
});
const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
// the dashboard's first computation happens once per server start, not per visit: wait for it
const warm = Date.now();
for (;;) {
  const r = await fetch(`${url}/api/v1/dashboard`, { headers: { cookie: cookieHeader } });
  if (r.status === 200) break;
  await new Promise((res) => setTimeout(res, 500));
}
log(`dashboard computed in ${Date.now() - warm} ms; ${RUNS} runs as ${account[1]}`);

const runs: { total: number; launch: number; page: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const profile = mkdtempSync(join(dir, 'profile-'));
  const t0 = performance.now();
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await context.addCookies(cookies);
  const page = context.pages()[0] ?? (await context.newPage());
  const t1 = performance.now();
  await page.goto(`${url}/`);
  await page.locator('[data-figure="findings"] dd').waitFor({ timeout: 60_000 });
  const t2 = performance.now();
  runs.push({ total: t2 - t0, launch: t1 - t0, page: t2 - t1 });
  log(`run ${i + 1}: ${(t2 - t0).toFixed(0)} ms (browser start ${(t1 - t0).toFixed(0)} ms, page ${(t2 - t1).toFixed(0)} ms)`);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k])).toFixed(0);
log(`median of ${RUNS}: ${m('total')} ms cold start to the dashboard's figures (browser start ${m('launch')} ms, page ${m('page')} ms)`);
await server.close();
rmSync(dir, { recursive: true, force: true });
