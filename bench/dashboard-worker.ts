/**
 * The dashboard's assessment on a worker thread against the same on the server thread: how long it
 * takes, and how long the server thread stops answering meanwhile (largest gap between 20 ms timer
 * ticks, and /healthz answers through inject during the run).
 *
 *   npx tsx bench/dashboard-worker.ts <eu.db> [runs = 2]
 */
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { median, sec } from './lib.js';

const db = process.argv[2];
if (!db) throw new Error('usage: bench/dashboard-worker.ts <database file> [runs]');
const runs = Number(process.argv[3] ?? 2);
const store = await openStore(db);

async function measure(worker: boolean) {
  const app = await buildApp({ store, logger: false, dashboard: { worker } });
  await app.ready();
  let last = performance.now();
  let maxGap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 20);
  const health: number[] = [];
  let done = false;
  const t = performance.now();
  const run = app.ctx.dashboard.refresh().finally(() => (done = true));
  while (!done) {
    const h = performance.now();
    await app.inject({ method: 'GET', url: '/healthz' });
    health.push(performance.now() - h);
    await new Promise((r) => setTimeout(r, 100));
  }
  const views = await run;
  const ms = performance.now() - t;
  clearInterval(tick);
  await app.close();
  return { ms, maxGap, healthMax: Math.max(...health), healthCount: health.length, assets: views.assets };
}

const out: Record<string, { ms: number; maxGap: number; healthMax: number }[]> = { worker: [], inThread: [] };
for (let r = 0; r < runs; r++)
  for (const worker of r % 2 ? [false, true] : [true, false]) {
    const m = await measure(worker);
    out[worker ? 'worker' : 'inThread']!.push(m);
    console.log(
      `[dashboard-worker] ${worker ? 'worker   ' : 'in-thread'}: ${m.assets} assets, run ${sec(m.ms)}, largest event-loop gap ${m.maxGap.toFixed(0)} ms, ` +
        `/healthz ${m.healthCount}× answered, slowest ${m.healthMax.toFixed(0)} ms`,
    );
  }
for (const [k, v] of Object.entries(out))
  console.log(`[dashboard-worker] ${k}: median run ${sec(median(v.map((x) => x.ms)))}, median largest gap ${median(v.map((x) => x.maxGap)).toFixed(0)} ms`);
await store.close();
