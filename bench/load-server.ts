/*
 * Child process of bench/load.ts: serves the API over an existing database on 127.0.0.1 (a free port)
 * and prints one JSON line: the port, the API tokens of the three scopes the clients use (read-write, so
 * that the few writes of the mix are allowed), the member state and operator they reach; then every 5 s a
 * line of its resident memory, CPU time and event-loop delay. Ends on SIGTERM.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.js';
import { createToken, createUser, findUserByName, generatePassword } from '../src/store/identity/index.js';
import { openStore, type Store } from '../src/store/index.js';

const file = process.argv[2]!;
const uploadDir = process.argv[3]!;
const store = await openStore(file);

async function benchToken(store: Store, username: string, role: 'admin' | 'authority' | 'operator', tenancy: { memberState?: string; operatorId?: string }) {
  const actor = { name: 'bench' };
  const existing = findUserByName(store, username);
  const userId = existing ? existing.user_id : (await createUser(store, actor, { username, password: generatePassword(), role, ...tenancy })).userId;
  return (await createToken(store, actor, { userId, name: 'bench-load', scope: 'read-write', days: 1 })).secret;
}

const ms = store.sqlite.prepare('SELECT member_state FROM operators GROUP BY member_state ORDER BY COUNT(*) DESC, member_state LIMIT 1').pluck().get() as string;
const op = store.sqlite.prepare('SELECT operator_id FROM operators WHERE member_state = ? ORDER BY operator_id LIMIT 1').pluck().get(ms) as string;
const tokens = {
  admin: await benchToken(store, 'load-admin', 'admin', {}),
  authority: await benchToken(store, `load-authority-${ms.toLowerCase()}`, 'authority', { memberState: ms }),
  operator: await benchToken(store, 'load-operator', 'operator', { operatorId: op }),
};

const app = await buildApp({ store, logger: { level: 'warn' }, uploadDir });
await app.ctx.dashboard.refresh();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const assets = Number(store.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get());
process.stdout.write(`${JSON.stringify({ port, tokens, assets, memberState: ms, operatorId: op, pid: process.pid })}\n`);

// every 5 s: resident memory, CPU time so far, and the longest the event loop was held in the window
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const sampler = setInterval(() => {
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ rssMb: Math.round(process.memoryUsage().rss / 1e6), cpuMs: Math.round((cpu.user + cpu.system) / 1000), loopMaxMs: Math.round(loop.max / 1e6), loopP99Ms: Math.round(loop.percentile(99) / 1e6) })}\n`,
  );
  loop.reset();
}, 5000);

process.once('SIGTERM', () => {
  clearInterval(sampler);
  void app.close().then(() => store.close()).then(() => process.exit(0));
});
