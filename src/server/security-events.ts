import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit, type Actor, type AuditInput } from '../store/audit/index.js';
import type { Store } from '../store/index.js';
import type { ServerContext } from './context.js';
import type { ApiRoute } from './route-table.js';

/*
 * What a security team reads the audit trail for, beyond the writes the store records with them:
 * refused sign-ins, sign-outs, CSRF and rate-limit refusals, and every export or report taken out of the
 * instance. Entries carry the client address and the route, never a credential: a name typed at sign-in
 * is kept only when it is an account's (an unknown one may be a password typed in the wrong field).
 */

const ANONYMOUS: Actor = { name: 'anonymous' };

export function actorOf(request: FastifyRequest): Actor {
  return request.caller?.actor ?? ANONYMOUS;
}

/**
 * Records one security event, at the time it happened; a failure to record is logged, never turned into
 * the client's error. While an import's transaction is open on the server's connection, the entry is
 * written once it has settled (WriteGate.afterImport), so that an import rolled back cannot take it along.
 */
export function auditEvent(store: Store, request: FastifyRequest, input: AuditInput, actor: Actor = actorOf(request)): void {
  const at = new Date().toISOString();
  const write = () => {
    try {
      appendAudit(store, actor, { ...input, detail: { address: request.ip, ...input.detail } }, at);
    } catch (err) {
      request.log.error({ err, action: input.action }, 'audit entry not written');
    }
  };
  const gate = (request.server as { ctx?: ServerContext }).ctx?.writeGate;
  if (gate) gate.afterImport(write);
  else write();
}

/** Routes whose answer takes data out of the instance: audited as downloads. */
const DOWNLOAD_TAGS: Record<string, string> = { exports: 'export.download', reports: 'report.download' };

export function isDownload(r: ApiRoute): boolean {
  return r.method === 'GET' && r.tag in DOWNLOAD_TAGS;
}

/** After a successful download: who took which export or report, in which format. */
export function auditDownload(store: Store, r: ApiRoute, request: FastifyRequest, reply: FastifyReply): void {
  if (reply.statusCode >= 400) return;
  const params = (request.params ?? {}) as Record<string, string>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const scope = request.caller?.scope;
  auditEvent(store, request, {
    action: DOWNLOAD_TAGS[r.tag]!,
    targetType: params.assessmentId ? 'assessment' : 'export',
    targetId: params.assessmentId ?? r.path,
    memberState: scope?.memberState,
    operatorId: scope?.operatorId,
    detail: { route: r.operationId ?? r.path, path: request.url.split('?')[0], ...(typeof query.format === 'string' ? { format: query.format } : {}) },
  });
}
