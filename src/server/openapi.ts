import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { camelDocument } from './json-case.js';
import { CSRF_HEADER, SESSION_COOKIE } from './plugins/auth.js';
import { everyoneMay, WRITE_METHODS } from './policy.js';
// registers the named row schemas before the document is built
import './response-schemas.js';
import { API_PREFIX, type ApiRoute } from './route-table.js';

/*
 * The OpenAPI document is the API's contract: the web UI's client is generated from it (web/src/api),
 * so it must say everything a client needs. fastify-swagger builds it from the route table's zod
 * schemas (schemas registered with named() become components.schemas); completeDocument() then adds
 * what the zod schemas cannot say: problem+json answers, the 401/403 every guarded route can give,
 * the real media types of reports, CSV and XLSX, upload bodies, servers and licence.
 * test/server/openapi.test.ts lints the result with Redocly's recommended rules.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  responses?: Record<string, Json>;
  requestBody?: Json;
}
export interface OpenApiDocument {
  openapi: string;
  info: Json;
  servers?: Json[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> } & Json;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: the problem lists each failing field',
  401: 'Not signed in, or the session or token has ended',
  403: 'Signed in, but your role, token or missing CSRF token does not allow this',
  404: 'Not found in your scope',
  405: 'Method not allowed',
  409: 'Conflict with what is stored',
  413: 'Body too large',
  415: 'Unsupported media type',
  429: 'Too many requests: wait as Retry-After says',
  503: 'Not ready yet: ask again after Retry-After seconds',
};

/** The OpenAPI path of a route (`/api/v1/assets/{assetId}`). */
export const openApiPath = (r: Pick<ApiRoute, 'path'>) => API_PREFIX + r.path.replace(/:(\w+)/g, '{$1}');

const schemaFor = (mediaType: string, json: unknown): unknown => {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return json;
  if (mediaType.startsWith('text/')) return { type: 'string' };
  return { type: 'string', contentMediaType: mediaType };
};

/** 401 and 403 as the auth plugin answers them (plugins/auth.ts): derived from the policy, not repeated per route. */
function guardProblems(r: ApiRoute): number[] {
  if (r.access === 'public') return [];
  const everyone = everyoneMay(r.access);
  // a write needs the CSRF token of a cookie session and is refused to read-only tokens
  return everyone && !WRITE_METHODS.has(r.method) ? [401] : [401, 403];
}

function completeOperation(op: Operation, r: ApiRoute) {
  op.operationId = r.operationId;
  const responses = (op.responses ??= {});
  for (const status of guardProblems(r)) responses[status] ??= {};
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    if (code >= 400) {
      responses[status] = { description: ERROR_TEXT[code] ?? 'Problem', content: { [PROBLEM_MEDIA_TYPE]: { schema: PROBLEM_REF } } };
    } else if (code >= 200 && code < 300 && r.produces) {
      const json = (response.content as Record<string, { schema?: unknown }> | undefined)?.['application/json']?.schema;
      response.content = Object.fromEntries(r.produces.map((t) => [t, { schema: schemaFor(t, json) }]));
    }
  }
  if (r.consumes)
    op.requestBody = {
      required: true,
      description: 'the file itself',
      content: Object.fromEntries(r.consumes.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
    };
}

/** Components no operation reaches, directly or through another component (zod's input and output variants of each named schema). */
function pruneComponents(doc: OpenApiDocument) {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const refs = (v: unknown, into: Set<string>) =>
    (JSON.stringify(v) ?? '').replace(/"\$ref":"#\/components\/schemas\/([^"]+)"/g, (_m, id: string) => (into.add(id), ''));
  const reached = new Set<string>();
  refs(doc.paths, reached);
  for (let frontier = [...reached]; frontier.length > 0; ) {
    const next = new Set<string>();
    for (const id of frontier) refs(schemas[id], next);
    frontier = [...next].filter((id) => !reached.has(id));
    for (const id of frontier) reached.add(id);
  }
  doc.components!.schemas = Object.fromEntries(Object.keys(schemas).sort().filter((id) => reached.has(id)).map((id) => [id, schemas[id]]));
}

export function completeDocument(doc: OpenApiDocument, routes: readonly ApiRoute[]): OpenApiDocument {
  for (const r of routes) {
    const op = doc.paths[openApiPath(r)]?.[r.method.toLowerCase()];
    if (op) completeOperation(op, r);
  }
  pruneComponents(doc);
  return doc;
}

/** fastify-swagger's options: the document's frame, and the zod transforms followed by completeDocument(). */
export function openApiOptions(routes: readonly ApiRoute[], tags: { name: string; description: string }[]): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'secure5g API',
        version: '1',
        description:
          'The EU 5G Toolbox at work. Errors are RFC 9457 problem+json. Sign in with POST /api/v1/auth/login (cookie session; send the ' +
          `CSRF token in the ${CSRF_HEADER} header on writes) or use an API token as a bearer token. See docs/api.md.`,
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      // paths carry the /api/v1 prefix: the server is wherever this document was fetched from
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token s5g_<id>_<secret>' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      tags,
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => camelDocument(completeDocument(jsonSchemaTransformObject(input) as unknown as OpenApiDocument, routes)) as never,
  };
}
