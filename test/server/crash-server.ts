/*
 * Child process of crash.test.ts: serves the API over the given database on 127.0.0.1 (a free port)
 * with its default upload folder, and prints the port. The test kills it with SIGKILL.
 */
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';

const store = await openStore(process.argv[2]!);
// no dashboard run: the writes under test are the import and the assessment, not a worker's reads
const app = await buildApp({ store, logger: false, dashboard: { worker: false } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
