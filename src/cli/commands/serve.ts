import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { existingDatabase } from '../store.js';
import { dbOption, formatOption, outputFormat, parseOption, resolveDbPath } from '../options.js';
import { registerAudit } from './audit.js';
import { registerUsers } from './users.js';

/** The option schemas, built when serve runs: zod is not loaded at start-up. */
async function schemas() {
  const { z } = await import('zod');
  /** A comma-separated list of names from a fixed set: `metrics,docs`. */
  const list = <T extends string>(names: readonly T[]) =>
    z
      .string()
      .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(z.enum(names as [T, ...T[]], { error: `each must be one of ${names.join(', ')}` })));
  return {
    list,
    /** `10.0.0.5,10.0.1.0/24`: each an IPv4/IPv6 address or CIDR range; "everything" is deliberately not expressible */
    ProxyList: z
      .string()
      .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'each proxy must be an IP address or CIDR range' }))),
    OnOff: z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { error: 'must be 1 or 0' }).transform((v) => ['1', 'true', 'yes', 'on'].includes(v)),
    Port: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65_535),
  };
}

/** `serve`, with the `users` and `audit` commands that go with it (one registration in main.ts). */
export function registerServer(program: Command, ctx: CommandContext) {
  program
    .command('serve')
    .description('serve the REST API (and the web UI) on http://127.0.0.1:8080; see docs/api.md')
    .option('--host <address>', 'address to bind; anything but loopback should sit behind TLS', '127.0.0.1')
    .option('--port <n>', 'port', '8080')
    .option('--trust-proxy <addresses>', 'behind TLS-terminating proxies: their addresses or CIDR ranges, comma-separated, whose X-Forwarded-* headers are believed (default: $SECURE5G_TRUST_PROXY, else none)')
    .option('--secure-cookies', 'mark session cookies Secure (default: $SECURE5G_SECURE_COOKIES, else on unless plain http on loopback with no proxy)')
    .option('--no-secure-cookies', 'never mark session cookies Secure (plain-http testing only)')
    .option('--require-sign-in <parts>', 'serve these to signed-in callers only: metrics, docs (/api/docs and /api/openapi.json), comma-separated (default: $SECURE5G_REQUIRE_SIGN_IN)')
    .option('--require-2fa <roles>', 'roles that must confirm a second factor (TOTP) before their sessions reach more than its enrolment, comma-separated, e.g. admin,authority (default: $SECURE5G_REQUIRE_2FA, else none)')
    .option('--seed-demo', 'seed the small fictional demo and demo accounts if the database is empty')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { host: string; port: string; seedDemo?: boolean; trustProxy?: string; secureCookies?: boolean; requireSignIn?: string; require2fa?: string; format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { Port, ProxyList, OnOff, list } = await schemas();
      const { startServer } = await import('../../server/start.js');
      const { SIGN_IN_FOR } = await import('../../server/app.js');
      const env = process.env;
      const port = parseOption(Port, opts.port, '--port');
      const trustProxy = parseOption(ProxyList, opts.trustProxy ?? env.SECURE5G_TRUST_PROXY ?? '', '--trust-proxy');
      const secureCookies = opts.secureCookies ?? (env.SECURE5G_SECURE_COOKIES ? parseOption(OnOff, env.SECURE5G_SECURE_COOKIES, 'SECURE5G_SECURE_COOKIES') : undefined);
      const signInFor = parseOption(list(SIGN_IN_FOR), opts.requireSignIn ?? env.SECURE5G_REQUIRE_SIGN_IN ?? '', '--require-sign-in');
      const { ROLES } = await import('../../store/access/index.js');
      const requireSecondFactor = parseOption(list(ROLES), opts.require2fa ?? env.SECURE5G_REQUIRE_2FA ?? '', '--require-2fa');
      // --seed-demo starts a database where there is none (what `npm start` does on a fresh checkout); else it must exist
      const db = opts.seedDemo === true ? resolveDbPath(opts.db) : existingDatabase(opts.db);
      // with --format json, each line the server prints at start-up is a JSON object of its own (JSON Lines)
      const print = format === 'json' ? (text: string) => text.split('\n').filter(Boolean).forEach((message) => ctx.io.out(`${JSON.stringify({ message })}\n`)) : ctx.io.out;
      const server = await startServer({ db, host: opts.host, port, seedDemo: opts.seedDemo === true, trustProxy, secureCookies, signInFor, requireSecondFactor, print });
      // keep the command alive until the server closes (signals end the process)
      await new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
    });
  registerUsers(program, ctx);
  registerAudit(program, ctx);
}
