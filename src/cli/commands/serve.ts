import type { Command } from 'commander';
import { z } from 'zod';
import { startServer } from '../../server/start.js';
import type { CommandContext } from '../main.js';
import { dbOption, parseOption, resolveDbPath } from '../options.js';
import { registerAudit } from './audit.js';
import { registerUsers } from './users.js';

/** `10.0.0.5,10.0.1.0/24`: each an IPv4/IPv6 address or CIDR range; "everything" is deliberately not expressible */
const ProxyList = z
  .string()
  .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'each proxy must be an IP address or CIDR range' })));

const Port = z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65_535);

/** `serve`, with the `users` and `audit` commands that go with it (one registration in main.ts). */
export function registerServer(program: Command, ctx: CommandContext) {
  program
    .command('serve')
    .description('serve the REST API (and the web UI) on http://127.0.0.1:8080; see docs/api.md')
    .option('--host <address>', 'address to bind; anything but loopback should sit behind TLS', '127.0.0.1')
    .option('--port <n>', 'port', '8080')
    .option('--trust-proxy <addresses>', 'behind TLS-terminating proxies: their addresses or CIDR ranges, comma-separated, whose X-Forwarded-* headers are believed (default: $SECURE5G_TRUST_PROXY, else none)')
    .option('--seed-demo', 'seed the small fictional demo and demo accounts if the database is empty')
    .addOption(dbOption())
    .action(async (opts: { host: string; port: string; seedDemo?: boolean; trustProxy?: string; db?: string }) => {
      const port = parseOption(Port, opts.port, '--port');
      const trustProxy = parseOption(ProxyList, opts.trustProxy ?? process.env.SECURE5G_TRUST_PROXY ?? '', '--trust-proxy');
      const server = await startServer({ db: resolveDbPath(opts.db), host: opts.host, port, seedDemo: opts.seedDemo === true, trustProxy, print: ctx.io.out });
      // keep the command alive until the server closes (signals end the process)
      await new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
    });
  registerUsers(program, ctx);
  registerAudit(program, ctx);
}
