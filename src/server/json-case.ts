import type { FastifyRequest } from 'fastify';
import { outputKey } from '../domain/json-case.js';

/*
 * The API's side of the camelCase convention (src/domain/json-case.ts): which requests keep their
 * body as sent (uploaded files keep their columns), and the OpenAPI description in the names the wire
 * carries, so that the document and the answers agree.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** an upload: the body is a file, read as the CLI reads it, with its documented columns */
    rawBody?: boolean;
  }
}

export const isRawBody = (request: FastifyRequest): boolean => request.routeOptions.config?.rawBody === true;

type JsonSchema = Record<string, unknown>;

/** A JSON schema with its property names as JSON output and request bodies carry them. */
function camelSchema(node: unknown, parent: string | undefined): unknown {
  if (Array.isArray(node)) return node.map((n) => camelSchema(n, parent));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node as JsonSchema)) {
    if (k === 'properties' && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v as JsonSchema).map(([name, s]) => [outputKey(name, parent), camelSchema(s, name)]));
    else if (k === 'required' && Array.isArray(v)) out[k] = v.map((name) => (typeof name === 'string' ? outputKey(name, parent) : name));
    else out[k] = camelSchema(v, parent);
  }
  return out;
}

/**
 * The OpenAPI document in the names the wire carries: request bodies, answers and the named schemas in
 * camelCase (query and path parameters are camelCase already; an upload's body is a file, described as one).
 */
export function camelDocument<T extends { paths: Record<string, Record<string, object>>; components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item) as JsonSchema[]) {
      if (op.requestBody) op.requestBody = camelSchema(op.requestBody, undefined);
      if (op.responses) op.responses = camelSchema(op.responses, undefined);
    }
  if (doc.components?.schemas) doc.components.schemas = camelSchema(doc.components.schemas, undefined) as Record<string, unknown>;
  return doc;
}
