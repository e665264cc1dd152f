import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../store/access/index.js';
import { authenticateSession, authenticateToken, hasSecondFactor, secretHash, sameHash, type Authenticated } from '../../store/identity/index.js';
import type { Store } from '../../store/index.js';
import { allowed, READ_ONLY_POST, WRITE_METHODS } from '../policy.js';
import type { ApiRoute, Caller } from '../route-table.js';
import { auditEvent } from '../security-events.js';
import { forbidden, HttpProblem, unauthorized } from './problem.js';

export const SESSION_COOKIE = 'secure5g_session';
export const CSRF_COOKIE = 'secure5g_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    secureCookies: boolean;
  }
}

function asCaller(a: Authenticated): Caller {
  return { ...a, actor: { userId: a.user.userId, name: a.tokenId ? `${a.user.username} (token ${a.tokenId})` : a.user.username } };
}

/**
 * Who is calling: a bearer token (`Authorization: Bearer s5g_…`) or the session cookie. A bad token is
 * refused at once (the client meant to authenticate); a stale cookie just leaves the caller anonymous.
 */
export interface AuthOptions {
  /** path prefixes outside the API that need a signed-in caller too (/metrics, /api/docs, /api/openapi.json) */
  signInFor: readonly string[];
  /** mark the session cookies Secure (configuration; never guessed from the client's Host header) */
  secureCookies: boolean;
  /** roles whose sessions are limited to enrolling until a second factor is confirmed (--require-2fa) */
  requireSecondFactor?: readonly Role[];
}

export function authPlugin(app: FastifyInstance, store: Store, opts: AuthOptions): void {
  app.decorate('secureCookies', opts.secureCookies);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    const signInFirst = opts.signInFor.some((prefix) => request.url === prefix || request.url.startsWith(`${prefix}/`) || request.url.startsWith(`${prefix}?`));
    if (!request.url.startsWith('/api/') && !signInFirst) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const a = m ? authenticateToken(store, m[1]!) : undefined;
      if (!a) {
        reply.header('www-authenticate', 'Bearer realm="secure5g", error="invalid_token"');
        throw unauthorized('the API token is malformed, unknown, expired or revoked');
      }
      request.caller = asCaller(a);
      return;
    }
    const sid = request.cookies?.[SESSION_COOKIE];
    if (sid) {
      const a = authenticateSession(store, sid);
      if (a) request.caller = asCaller(a);
      // sessions only: an API token is made in a full session and is a random secret, not a password (docs/security.md)
      if (a && opts.requireSecondFactor?.includes(a.user.role) && !hasSecondFactor(store, a.user.userId)) request.caller!.enrolmentOnly = true;
    }
    if (signInFirst && !request.caller) throw unauthorized('this instance serves this page to signed-in users only');
  });
}

/** The per-route gate: signed in, the role allowed by the policy table, writes only with write rights and CSRF token. */
export function authorize(route: ApiRoute, store: Store) {
  const changes = WRITE_METHODS.has(route.method);
  const storesSomething = changes && !(route.access !== 'public' && READ_ONLY_POST.has(route.access));
  return async (request: FastifyRequest) => {
    if (route.access === 'public') return;
    const c = request.caller;
    if (!c) throw unauthorized();
    if (c.enrolmentOnly && !route.duringEnrolment) throw enrolmentRequired();
    if (!allowed(c.scope, route.access)) throw forbidden(`the ${c.user.role} role may not do this (${route.access})`);
    if (storesSomething && c.readOnly) throw forbidden('this API token is read-only');
    if (changes && c.csrfHash) {
      try {
        checkCsrf(request, c.csrfHash);
      } catch (refused) {
        auditEvent(store, request, { action: 'request.csrf-refused', targetType: 'route', targetId: `${route.method} ${route.path}` });
        throw refused;
      }
    }
  };
}

export const enrolmentRequired = () =>
  new HttpProblem(403, 'second-factor-enrolment-required', 'Forbidden', 'your role must use a second factor on this instance: enrol one (POST /auth/second-factor/enrol, then confirm) to go further');

/**
 * Double-submit CSRF check for cookie sessions: the header must repeat the CSRF cookie, and both must be
 * the token issued with this session (its hash is stored with the session), so a token planted in the
 * cookie by a sibling subdomain does not pass either.
 */
export function checkCsrf(request: FastifyRequest, csrfHash: string): void {
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies?.[CSRF_COOKIE];
  if (typeof header !== 'string' || !cookie || header !== cookie || !sameHash(secretHash(header), csrfHash))
    throw new HttpProblem(403, 'csrf', 'CSRF check failed', `state-changing requests with a session cookie need the ${CSRF_HEADER} header holding the ${CSRF_COOKIE} cookie`);
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: { sessionId: string; csrfToken: string; expiresAt: string }): void {
  const secure = request.server.secureCookies;
  const expires = new Date(session.expiresAt);
  reply.setCookie(SESSION_COOKIE, session.sessionId, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires });
  // readable by the page's script, which copies it into the header
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, expires });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.server.secureCookies;
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure });
}
