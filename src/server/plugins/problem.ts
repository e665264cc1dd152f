import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { Conflict, UserError } from '../../domain/index.js';
import { outputKey, outputPath, outputText } from '../../domain/json-case.js';
import { Forbidden, OutOfScope } from '../../store/access/index.js';

/*
 * Every error leaves as RFC 9457 problem+json: type, title, status, detail, instance. Validation
 * problems list each failing field by path. Details never carry stack traces, SQL or data of another
 * scope: out-of-scope single items are plain 404s, and unexpected errors say only that they happened.
 */

export const PROBLEM_TYPE = (slug: string) => `urn:secure5g:problem:${slug}`;

export interface FieldError {
  /** where: `body.designation_id`, `query.limit` */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

/** A problem before its instance is known, with any extension members (RFC 9457 §3.2). */
type ProblemInput = Omit<Problem, 'instance'> & Record<string, unknown>;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what = 'resource') => new HttpProblem(404, 'not-found', 'Not found', `no such ${what}, or not in your scope`);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'bad-request', 'Bad request', detail, errors ? { errors } : {});
export const unauthorized = (detail = 'sign in, or send a valid API token') => new HttpProblem(401, 'unauthorized', 'Unauthorized', detail);

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * A JSON body's problems in the body's own names (`body.items.0.memberState`, field `memberState`);
 * an uploaded file's keep its columns.
 */
function inCallerNames(request: FastifyRequest, p: ProblemInput): ProblemInput {
  if (request.routeOptions.config?.rawBody === true) return p;
  const errors = (p.errors as (FieldError & { field?: unknown })[] | undefined)?.map((e) => ({
    ...e,
    path: e.path.startsWith('body') ? outputPath(e.path) : e.path,
    message: outputText(e.message),
    ...(typeof e.field === 'string' ? { field: outputKey(e.field) } : {}),
  }));
  return { ...p, ...(p.detail !== undefined ? { detail: outputText(p.detail) } : {}), ...(errors ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: ProblemInput): FastifyReply {
  p = inCallerNames(request, p);
  if (p.status === 401 && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', WWW_AUTHENTICATE);
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send({ ...p, instance: request.url.split('?')[0] });
}

function fromError(error: unknown, request: FastifyRequest): ProblemInput {
  if (error instanceof HttpProblem)
    return { ...error.extra, type: PROBLEM_TYPE(error.slug), title: error.title, status: error.status, detail: error.message };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as unknown as { validationContext?: string }).validationContext ?? 'request';
    const where = context === 'querystring' ? 'query' : context;
    const errors = error.validation.map((v) => ({ path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'), message: v.message ?? 'is invalid' }));
    return { type: PROBLEM_TYPE('validation'), title: 'Invalid request', status: 400, detail: `${errors.length} field(s) failed validation`, errors };
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
    return { type: PROBLEM_TYPE('validation'), title: 'Invalid request', status: 400, detail: `${errors.length} field(s) failed validation`, errors };
  }
  if (error instanceof OutOfScope) return { type: PROBLEM_TYPE('not-found'), title: 'Not found', status: 404, detail: 'no such resource, or not in your scope' };
  if (error instanceof Conflict) return { type: PROBLEM_TYPE('conflict'), title: 'Conflict', status: 409, detail: error.message };
  if (error instanceof Forbidden) return { type: PROBLEM_TYPE('forbidden'), title: 'Forbidden', status: 403, detail: error.message };
  if (error instanceof UserError) return { type: PROBLEM_TYPE('bad-request'), title: 'Bad request', status: 400, detail: error.message };
  const fe = error as FastifyError;
  const framework = fe.code ? FRAMEWORK[fe.code] : undefined;
  if (framework) return { type: PROBLEM_TYPE(framework.kind), title: TITLES[framework.status]!, status: framework.status, detail: framework.detail };
  if (error instanceof SyntaxError && (fe.statusCode === 400 || 'body' in error)) return malformedJson;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  // the framework's own words (and FST_ codes) stay in the log: a client gets the project's kinds only
  if (status < 500) {
    request.log.info({ err: error }, 'request refused');
    return { type: PROBLEM_TYPE(KIND_OF_STATUS[status] ?? 'bad-request'), title: TITLES[status] ?? 'Client error', status, detail: 'the request could not be processed as sent' };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { type: PROBLEM_TYPE('internal'), title: TITLES[500]!, status: 500, detail: 'the server failed to handle this request; it has been logged' };
}

const malformedJson: ProblemInput = { type: PROBLEM_TYPE('malformed-json'), title: 'Bad request', status: 400, detail: 'the body is not valid JSON' };

/** Errors the framework raises before a handler runs, each as one of the project's problem kinds. */
const FRAMEWORK: Record<string, { kind: string; status: number; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { kind: 'malformed-json', status: 400, detail: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { kind: 'malformed-json', status: 400, detail: 'the body is empty, but its content-type says JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { kind: 'unsupported-media-type', status: 415, detail: 'this route takes application/json bodies (uploads: the file as sent)' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { kind: 'bad-request', status: 400, detail: 'the Content-Length header does not match the body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { kind: 'body-too-large', status: 413, detail: 'the body is larger than this route accepts (1 MiB for JSON)' },
  FST_ERR_BAD_URL: { kind: 'bad-url', status: 400, detail: 'the URL is not valid (a malformed percent-encoding?)' },
  FST_ERR_MAX_PARAM_LENGTH: { kind: 'bad-url', status: 400, detail: 'a path segment is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { kind: 'bad-request', status: 400, detail: 'the request could not be routed' },
};

const KIND_OF_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** For errors below the request (bad headers, header overflow, timeouts): written on the socket, as problem+json too. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, kind, detail] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'the request did not arrive in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'the request headers are too large']
        : [400, 'bad-request', 'the request is not valid HTTP (a malformed header or request line?)'];
  const body = JSON.stringify({ type: PROBLEM_TYPE(kind), title: TITLES[status] ?? 'Bad request', status, detail });
  if (socket.writable)
    socket.write(`HTTP/1.1 ${status} ${TITLES[status] ?? 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy(err);
}

/** Answers a framework error (bad URL) raised before routing, with the same problem kinds. */
export function frameworkErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, request, fromError(error, request));
}

/**
 * The challenge a 401 carries (RFC 9110 §11.6.1): an API token as a bearer token (RFC 6750), or a session
 * cookie from the sign-in route (the "Cookie" scheme of draft-broyer-http-cookie-auth, naming the form).
 */
export const WWW_AUTHENTICATE = 'Bearer realm="secure5g", Cookie realm="secure5g", form-action="/api/v1/auth/login", cookie-name="secure5g_session"';

export function problemPlugin(app: FastifyInstance): void {
  // every route's path pattern and methods, so a wrong method on a known path is a 405 naming the right ones
  const known: { pattern: RegExp; method: string }[] = [];
  app.addHook('onRoute', (r) => {
    // the web interface's catch-all (plugins/web.ts) would make every path "known": it is a fallback, not a resource
    if ((r.config as { clientRoute?: boolean } | undefined)?.clientRoute) return;
    const pattern = new RegExp(`^${r.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:\w+/g, '[^/]+')}/?$`);
    for (const m of [r.method].flat()) known.push({ pattern, method: m });
  });
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, fromError(error, request)));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allow = [...new Set(known.filter((k) => k.pattern.test(path)).map((k) => k.method))].sort();
    if (allow.length > 0 && !allow.includes(request.method)) {
      reply.header('allow', allow.join(', '));
      return sendProblem(reply, request, { type: PROBLEM_TYPE('method-not-allowed'), title: TITLES[405]!, status: 405, detail: `${request.method} is not allowed here; allowed: ${allow.join(', ')}` });
    }
    return sendProblem(reply, request, { type: PROBLEM_TYPE('not-found'), title: 'Not found', status: 404, detail: `no route ${request.method} ${path}` });
  });
}
