/*
 * Child process of bench/dashboard.ts: serves the API over an existing database on 127.0.0.1 (a free
 * port), after computing the dashboard's assessment, and prints one JSON line: the port, the API tokens
 * the driver uses, and how long start-up took. Ends on SIGTERM.
 */
import { buildApp } from '../src/server/app.js';
import { createToken, createUser, findUserByName, generatePassword } from '../src/store/identity/index.js';
import { openStore, type Store } from '../src/store/index.js';

const file = process.argv[2]!;
const store = await openStore(file);

async function benchToken(store: Store, username: string, role: 'admin' | 'authority' | 'operator', tenancy: { memberState?: string; operatorId?: string }) {
  const actor = { name: 'bench' };
  const existing = findUserByName(store, username);
  const userId = existing ? existing.user_id : (await createUser(store, actor, { username, password: generatePassword(), role, ...tenancy })).userId;
  return (await createToken(store, actor, { userId, name: 'bench', scope: 'read', days: 1 })).secret;
}

const ms = store.sqlite.prepare('SELECT member_state FROM operators GROUP BY member_state ORDER BY COUNT(*) DESC, member_state LIMIT 1').pluck().get() as string;
const op = store.sqlite.prepare('SELECT operator_id FROM operators WHERE member_state = ? ORDER BY operator_id LIMIT 1').pluck().get(ms) as string;
const tokens = {
  admin: await benchToken(store, 'bench-admin', 'admin', {}),
  authority: await benchToken(store, `bench-authority-${ms.toLowerCase()}`, 'authority', { memberState: ms }),
  operator: await benchToken(store, 'bench-operator', 'operator', { operatorId: op }),
};

const app = await buildApp({ store, logger: { level: 'warn' } });
const t0 = performance.now();
await app.ctx.dashboard.refresh();
const assessMs = performance.now() - t0;
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const assets = Number(store.sqlite.prepare('SELECT COUNT(*) FROM assets').pluck().get());
process.stdout.write(`${JSON.stringify({ port, tokens, assessMs, assets, memberState: ms, operatorId: op, rssMb: process.memoryUsage().rss / 1e6 })}\n`);

process.once('SIGTERM', () => {
  void app.close().then(() => store.close()).then(() => process.exit(0));
});
