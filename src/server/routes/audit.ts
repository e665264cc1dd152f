import { z } from 'zod';
import { listAudit, verifyAuditInScope } from '../../store/access/index.js';
import { parseHead } from '../../store/audit/index.js';
import { route, type ApiRoute } from '../route-table.js';
import { named, page, PageQuery, problems } from '../schemas.js';

const Entry = named(z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  memberState: z.string().nullable(),
  operatorId: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
}), 'AuditEntry');

export const auditRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/audit',
    operationId: 'listAuditEvents',
    access: 'audit.read',
    tag: 'audit',
    summary: 'Audit entries in your scope, newest first',
    query: PageQuery.extend({
      action: z.string().max(64).optional(),
      actorId: z.string().max(64).optional(),
      targetType: z.string().max(64).optional(),
      targetId: z.string().max(256).optional(),
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
    }),
    response: { 200: page(Entry), ...problems(400, 401, 403) },
    handler: ({ query, caller }, { store }) => listAudit(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/audit/verify',
    operationId: 'verifyAuditChain',
    access: 'audit.read',
    tag: 'audit',
    summary: 'Check the hash chain and the keyed MACs of the whole audit trail, and that a head recorded earlier is still in it (whole-instance scopes)',
    query: z.object({
      expectHead: z
        .string()
        .max(100)
        .optional()
        .refine((v) => v === undefined || parseHead(v) !== undefined, 'must be seq:hash or the hash (64 hex) of a head recorded earlier')
        .describe('a head recorded earlier (`headRef` of an earlier check): its entry must still be in the trail'),
    }),
    response: {
      200: z.object({
        ok: z.boolean(),
        entries: z.number(),
        head: z.string(),
        headRef: z.string().describe('seq:hash of the newest entry: keep it elsewhere, pass it back as expectHead'),
        keyedFrom: z.number().nullable().describe('the first entry with a MAC under the audit key; it vouches for those before it'),
        problem: z.object({ kind: z.string(), seq: z.number(), detail: z.string() }).optional(),
      }),
      ...problems(400, 401, 403),
    },
    handler: ({ caller, query }, { store }) => verifyAuditInScope(store, caller.scope, query.expectHead ? parseHead(query.expectHead) : undefined),
  }),
];
