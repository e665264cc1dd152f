import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { findUncleanText } from '../domain/index.js';
import type { Role } from '../store/access/index.js';
import type { Store } from '../store/index.js';
import { openReadStore, pingStore, shareStoreFile } from '../store/open.js';
import type { ServerContext } from './context.js';
import { authorize, authPlugin, CSRF_HEADER } from './plugins/auth.js';
import { Metrics, metricsPlugin } from './plugins/metrics.js';
import { clientErrorHandler, frameworkErrorHandler, HttpProblem, problemPlugin } from './plugins/problem.js';
import { DEFAULT_WEB_ROOT, webPlugin } from './plugins/web.js';
import { openApiOptions } from './openapi.js';
import { fromInputJson, toOutputJson } from '../domain/json-case.js';
import { isRawBody } from './json-case.js';
import { API_ROUTES, API_TAGS } from './routes/index.js';
import { API_PREFIX, type ApiRoute } from './route-table.js';
import { DashboardService, type DashboardOptions } from './services/dashboard.js';
import { ImportJobs } from './services/import-jobs.js';
import { ReadWorker } from './services/read-worker.js';
import { clearUploads, defaultUploadDir } from './services/imports.js';
import { SignInLimit, type SignInLimits } from './services/sign-in-limit.js';
import { auditDownload, isDownload } from './security-events.js';
import { waitsForImports, WriteGate, WRITE_RETRY_AFTER_SECONDS } from './services/write-gate.js';

export interface BuildAppOptions {
  store: Store;
  /** pino options, a pino logger, or false (tests); default: info level JSON logs with secrets redacted */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** where uploaded import files wait for their job (default: a folder of the database's own in the OS temporary folder); emptied at start */
  uploadDir?: string;
  /** the date the dashboard assesses at (tests); default: today */
  dashboardDate?: () => string;
  /** where the dashboard's assessment runs (default: a worker thread for a database file) */
  dashboard?: DashboardOptions;
  /**
   * addresses (or CIDR ranges) of the TLS-terminating proxies whose X-Forwarded-* headers are believed;
   * a hop not listed is the client, whatever it forwards (default: none)
   */
  trustProxy?: readonly string[];
  /**
   * mark the session and CSRF cookies Secure (default true). Taken from configuration, never from the
   * request: a client's Host header must not be able to switch it off. startServer() turns it off only for
   * plain http on a loopback address with no proxy in front.
   */
  secureCookies?: boolean;
  /** parts outside the API served to signed-in callers only: the metrics, the API description (default: neither) */
  signInFor?: readonly SignInFor[];
  /** failed sign-ins allowed per account and per client address (tests) */
  signInLimits?: SignInLimits;
  /** the web build served at `/` (default: dist/web of this package); false: none */
  webRoot?: string | false;
  /** roles that must confirm a second factor before their sessions reach more than its enrolment (default: none) */
  requireSecondFactor?: readonly Role[];
}

export const SIGN_IN_FOR = ['metrics', 'docs'] as const;
export type SignInFor = (typeof SIGN_IN_FOR)[number];
const SIGN_IN_PATHS: Record<SignInFor, string[]> = { metrics: ['/metrics'], docs: ['/api/docs', '/api/openapi.json'] };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the policy action the route needs (policy.ts) */
    access?: string;
  }
}

export interface App extends FastifyInstance {
  ctx: ServerContext;
  routeTable: readonly ApiRoute[];
}

/** Secrets never reach the log: credentials in headers and any field that looks like one in bodies. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  `req.headers["${CSRF_HEADER}"]`,
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.secret',
  '*.token',
  '*.csrfToken',
  // not '*.code': error objects carry a `code` (FST_…, ENOENT) the log must keep; bodies are not logged
  '*.recoveryCodes',
];

export const DEFAULT_LOGGER = { level: process.env.SECURE5G_LOG_LEVEL ?? 'info', redact: { paths: LOG_REDACT, censor: '[redacted]' } };

/** A strict policy for the API and the web UI: same-origin scripts, styles and connections only, no framing. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Builds the app without listening: tests drive it with inject(), startServer() adds listen and shutdown. */
export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const loggerOption = opts.logger === undefined ? DEFAULT_LOGGER : opts.logger;
  const isInstance = typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption && typeof loggerOption.child === 'function';
  const app = Fastify({
    ...(isInstance ? { loggerInstance: loggerOption as FastifyServerOptions['loggerInstance'] } : { logger: loggerOption as FastifyServerOptions['logger'] }),
    bodyLimit: 1024 * 1024,
    connectionTimeout: 60_000,
    requestTimeout: 600_000,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    trustProxy: opts.trustProxy?.length ? [...opts.trustProxy] : false,
    routerOptions: { ignoreTrailingSlash: true },
    // errors raised before routing or below HTTP leave as problem+json too, never in the framework's words
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }) as unknown as App;

  // the dashboard worker and other commands open the file beside this connection, at any moment: imports keep WAL
  shareStoreFile(opts.store);
  const writeGate = new WriteGate();
  const passedGate = new WeakSet<FastifyRequest>();
  const leaveGate = (request: FastifyRequest) => {
    if (passedGate.delete(request)) writeGate.leave();
  };
  const ctx: ServerContext = {
    store: opts.store,
    offload: new ReadWorker(opts.store),
    dashboard: new DashboardService(opts.store, app.log, opts.dashboardDate, opts.dashboard),
    jobs: new ImportJobs(opts.store, app.log, writeGate),
    writeGate,
    uploadDir: opts.uploadDir ?? defaultUploadDir(opts.store.file),
    signInLimit: new SignInLimit(opts.signInLimits),
    requireSecondFactor: opts.requireSecondFactor ?? [],
  };
  // what is in it was left by an earlier process killed during an upload or a job (whose job the line
  // above marked failed): nothing will read it again
  const cleared = clearUploads(ctx.uploadDir);
  if (cleared > 0) app.log.warn({ uploads: cleared, dir: ctx.uploadDir }, 'removed uploads left by an earlier server process');
  app.decorate('ctx', ctx);
  // GETs read through their own connection: what is committed, never an import's rows before it commits
  // (an in-memory database has one connection only)
  const readStore = opts.store.file === ':memory:' ? opts.store : openReadStore(opts.store.file);
  const readCtx: ServerContext = { ...ctx, store: readStore };
  const ctxFor = (r: ApiRoute) => (r.method === 'GET' && !r.readsPending ? readCtx : ctx);
  app.decorate('routeTable', API_ROUTES);

  app.setValidatorCompiler(validatorCompiler);
  // before any route's own schema: no text field of a body, query or path may hold a NUL or a lone surrogate
  app.addHook('preValidation', async (request) => {
    const found = [
      ...findUncleanText(request.body, ['body']),
      ...findUncleanText(request.query, ['query']),
      ...findUncleanText(request.params, ['params']),
    ];
    if (found.length)
      throw new HttpProblem(400, 'validation', 'Invalid request', `${found.length} field(s) failed validation`, {
        errors: found.map((f) => ({ path: f.path.join('.'), message: f.message })),
      });
  });
  // response schemas document the API; output is serialised as built (a zod parse would strip or slow it)
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // one convention for machines: JSON in and out has camelCase keys, mapped here once for every route
  // (an uploaded file, a raw body, keeps its documented columns)
  app.addHook('preValidation', async (request) => {
    if (!isRawBody(request) && request.body !== null && typeof request.body === 'object') request.body = fromInputJson(request.body);
  });
  app.addHook('preSerialization', async (_request, _reply, payload) => toOutputJson(payload));

  problemPlugin(app);
  // JSON is the only body the API's non-upload routes take: anything else is a 415, not a string to validate
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  // before the docs and metrics routes exist, so that its sign-in check covers them when configured
  authPlugin(app, opts.store, {
    secureCookies: opts.secureCookies ?? true,
    signInFor: (opts.signInFor ?? []).flatMap((part) => SIGN_IN_PATHS[part]),
    requireSecondFactor: opts.requireSecondFactor,
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: true,
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifySwagger, openApiOptions(API_ROUTES, API_TAGS));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const metrics = new Metrics();
  metricsPlugin(app, metrics, () => ({ secure5g_dashboard_ready: ctx.dashboard.ready ? 1 : 0 }));

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    // a trivial query proves the database answers
    pingStore(opts.store);
    return reply.send({ status: 'ok' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const register = (instance: FastifyInstance, r: ApiRoute) =>
    instance.route({
      method: r.method,
      url: API_PREFIX + r.path,
      schema: {
        operationId: r.operationId,
        tags: [r.tag],
        summary: r.summary,
        ...(r.params ? { params: r.params } : {}),
        ...(r.query ? { querystring: r.query } : {}),
        ...(r.body && !r.rawBody ? { body: r.body } : {}),
        ...(r.response ? { response: r.response } : {}),
        ...(r.access === 'public' ? { security: [] } : {}),
      },
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      config: { access: r.access, rawBody: r.rawBody === true },
      // before the body is read or validated: a caller without the right gets 403, never a 400 about a body it may not send
      onRequest: authorize(r, opts.store),
      // exports and reports leave the instance: who took which is recorded once the answer is sent
      ...(isDownload(r) ? { onResponse: async (request: FastifyRequest, reply: FastifyReply) => auditDownload(opts.store, r, request, reply) } : {}),
      ...(waitsForImports(r)
        ? {
            preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
              if (writeGate.busy) reply.header('retry-after', String(WRITE_RETRY_AFTER_SECONDS));
              await writeGate.enter();
              reply.removeHeader('retry-after');
              passedGate.add(request);
            },
            // an import waits for the writes past the gate, answered or abandoned
            onResponse: async (request: FastifyRequest) => leaveGate(request),
            onRequestAbort: async (request: FastifyRequest) => leaveGate(request),
          }
        : {}),
      handler: (request, reply) =>
        r.handler({ request, reply, caller: request.caller!, params: request.params, query: request.query, body: request.body }, ctxFor(r)),
    });

  for (const r of API_ROUTES.filter((r) => !r.rawBody)) register(app, r);
  // uploads: the body stays a stream, written to disk as it arrives (a Union-scale file does not fit a JSON parse)
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const r of API_ROUTES.filter((r) => r.rawBody)) register(raw, r);
  });

  await webPlugin(app, opts.webRoot ?? DEFAULT_WEB_ROOT);

  app.addHook('onClose', async () => {
    await ctx.jobs.idle();
    // every job removed its own upload; a folder only this process could use goes too
    if (opts.store.file === ':memory:' && opts.uploadDir === undefined) clearUploads(ctx.uploadDir, { removeDir: true });
    await ctx.dashboard.close();
    await ctx.offload.close();
    if (readStore !== opts.store) await readStore.close();
  });
  return app;
}
