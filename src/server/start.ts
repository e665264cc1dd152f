import { generateDemo } from '../demo/index.js';
import { seedDemoData } from '../services/demo-seed.js';
import { countAdmins, createDemoAccounts, formatDemoAccounts, pruneSessions } from '../store/identity/index.js';
import { countRows, openStore, type Store } from '../store/index.js';
import { buildApp, type App, type BuildAppOptions } from './app.js';

export interface StartOptions {
  db: string;
  host?: string;
  port?: number;
  /** seed the small fictional demo and its demo accounts when the database holds no assets (npm start) */
  seedDemo?: boolean;
  logger?: BuildAppOptions['logger'];
  /** the TLS-terminating proxies whose X-Forwarded-* headers are believed (addresses or CIDR ranges) */
  trustProxy?: readonly string[];
  /** Secure session cookies; default: yes, unless plain http on a loopback address with no proxy in front */
  secureCookies?: boolean;
  /** parts outside the API served to signed-in callers only */
  signInFor?: BuildAppOptions['signInFor'];
  /** roles that must confirm a second factor (--require-2fa) */
  requireSecondFactor?: BuildAppOptions['requireSecondFactor'];
  /** where to print the address and sign-in help (default: stdout) */
  print?: (text: string) => void;
  /** end the process on SIGINT/SIGTERM after closing (default true) */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: App;
  store: Store;
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * Cookies are Secure unless the server is plain http on this machine only (loopback, no proxy: npm start),
 * where a browser would drop them. Decided from the configuration, never from what a client sends.
 */
export const defaultSecureCookies = (host: string, trustProxy: readonly string[] | undefined): boolean =>
  !LOOPBACK.test(host.replace(/^\[|\]$/g, '')) || (trustProxy?.length ?? 0) > 0;

const SYSTEM = { name: 'system (server start)' };

/**
 * Opens the database, seeds the demo on first run if asked, starts assessing the inventory for the
 * dashboard (on a worker thread; in the foreground for ':memory:'), listens (127.0.0.1:8080 by default)
 * and prints where and how to sign in. Import jobs an earlier process left unfinished are marked failed.
 * SIGINT/SIGTERM close the server gracefully: no new connections, running requests and import jobs
 * finish, the dashboard worker stops, the database closes.
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const print = opts.print ?? ((t: string) => void process.stdout.write(t));
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8080;
  const store = await openStore(opts.db);
  let app: App | undefined;
  try {
    let demoText = '';
    if (opts.seedDemo && (await countRows(store)).assets === 0) {
      print(`${opts.db} is empty: seeding the fictional demo data (small scale)…\n`);
      await seedDemoData(store, generateDemo({ scale: 'small', seed: 1 }));
      const { created } = await createDemoAccounts(store, SYSTEM);
      if (created.length) demoText = formatDemoAccounts(created);
    }
    app = await buildApp({
      store,
      logger: opts.logger,
      trustProxy: opts.trustProxy,
      secureCookies: opts.secureCookies ?? defaultSecureCookies(host, opts.trustProxy),
      signInFor: opts.signInFor,
      requireSecondFactor: opts.requireSecondFactor,
    });
    if (app.ctx.dashboard.usesWorker) {
      // on a worker thread: /healthz and the API answer meanwhile, GET /dashboard says 503 with Retry-After until it is done
      print('assessing the inventory for the dashboard in the background…\n');
      app.ctx.dashboard.refresh().catch(() => undefined); // logged by the service; the next dashboard request tries again
    } else {
      print('assessing the inventory for the dashboard…\n');
      await app.ctx.dashboard.refresh();
    }
    await app.listen({ host, port });
    const shown = host.includes(':') ? `[${host}]` : host;
    const url = `http://${shown}:${port}`;
    print(
      [
        '',
        `secure5g is serving on ${url}`,
        `  web:      ${url}/   (the interface; built by npm run build)`,
        `  API:      ${url}/api/v1   (OpenAPI: ${url}/api/openapi.json, docs: ${url}/api/docs)`,
        `  health:   ${url}/healthz   metrics: ${url}/metrics`,
        '',
      ].join('\n'),
    );
    if (demoText) print(`${demoText}\n`);
    if (countAdmins(store) === 0)
      print(`No admin account yet. Create one (the password is prompted, or generated and shown once):\n  npx secure5g users create-admin --db ${opts.db}\n\n`);
    else print(`Sign in: POST ${url}/api/v1/auth/login with {"username", "password"}, or use an API token (docs/api.md).\n\n`);

    // ended sessions serve no check after a day: keep the table small
    pruneSessions(store);
    const pruning = setInterval(() => pruneSessions(store), 3600_000);
    pruning.unref();
    const running = app;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        clearInterval(pruning);
        await running.close();
        await store.close();
      })());
    if (opts.handleSignals !== false) {
      const onSignal = (signal: string) => {
        running.log.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 30_000);
        force.unref();
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    return { app: running, store, url, close };
  } catch (err) {
    await app?.close();
    await store.close();
    throw err;
  }
}
