import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../store/audit/index.js';
import type { Authenticated } from '../store/identity/index.js';
import type { ServerContext } from './context.js';
import type { RouteAccess } from './policy.js';

/*
 * Every API route is one entry of a table: method, path, the action it needs (see policy.ts), its zod
 * schemas and its handler. The app registers the table; the access-matrix test walks the same table.
 * A resource adds itself by adding a module to routes/index.ts.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Caller extends Authenticated {
  actor: Actor;
  /**
   * a session of a role the configuration requires a second factor of (--require-2fa), whose user has
   * none confirmed yet: only the routes marked duringEnrolment answer it
   */
  enrolmentOnly?: boolean;
}

export interface RouteInput<P = unknown, Q = unknown, B = unknown> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** present on every route but the public ones */
  caller: Caller;
  params: P;
  query: Q;
  body: B;
}

export interface ApiRoute {
  method: Method;
  /** path below /api/v1, with :params */
  path: string;
  /** the operation's name in the OpenAPI document and the generated web client: camelCase verb + noun (`listAssets`) */
  operationId: string;
  access: RouteAccess;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** response schemas by status, for the OpenAPI description and serialisation */
  response?: Record<number, z.ZodType>;
  /**
   * media types of the success answer when it is not JSON only (reports, CSV and XLSX exports); a JSON
   * one listed here is described by the response schema, the others as text or bytes
   */
  produces?: readonly string[];
  /** a `rawBody` route: the media types of the file it takes as its body */
  consumes?: readonly string[];
  /** larger bodies (imports) */
  bodyLimit?: number;
  /** the request body stays an unread stream (imports) */
  rawBody?: boolean;
  /**
   * a GET that must see what the server's own connection has not committed yet (the import job queue's
   * rows, written inside a running import's transaction); every other GET reads committed data only
   */
  readsPending?: boolean;
  /** open to a session limited to enrolling a second factor (who am I, sign out, the second-factor routes) */
  duringEnrolment?: boolean;
  handler: (input: RouteInput<any, any, any>, ctx: ServerContext) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- typed by route() below
}

/** Builds a table entry whose handler sees the parsed (zod output) params, query and body. */
export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  r: Omit<ApiRoute, 'params' | 'query' | 'body' | 'handler'> & {
    params?: P;
    query?: Q;
    body?: B;
    handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>, ctx: ServerContext) => unknown;
  },
): ApiRoute {
  return r as ApiRoute;
}

export const API_PREFIX = '/api/v1';
