import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { Conflict, UserError } from '../../domain/index.js';
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
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: ProblemInput): FastifyReply {
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
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) return { type: PROBLEM_TYPE(fe.code ? fe.code.toLowerCase().replace(/_/g, '-') : 'client-error'), title: TITLES[status] ?? 'Client error', status, detail: fe.message };
  request.log.error({ err: error }, 'unhandled error');
  return { type: PROBLEM_TYPE('internal'), title: TITLES[500]!, status: 500, detail: 'the server failed to handle this request; it has been logged' };
}

export function problemPlugin(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, fromError(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, { type: PROBLEM_TYPE('not-found'), title: 'Not found', status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
