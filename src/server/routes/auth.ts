import { z } from 'zod';
import { UserError } from '../../domain/index.js';
import { appendAudit } from '../../store/audit/index.js';
import {
  createSession,
  dummyHash,
  findUserByName,
  normaliseUsername,
  revokeSession,
  toUser,
  updateUser,
  useSecondFactorCode,
  hasSecondFactor,
  verifyPassword,
  checkPasswordPolicy,
  MIN_PASSWORD_LENGTH,
} from '../../store/identity/index.js';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { allowed, POLICY, type Action } from '../policy.js';
import { route, type ApiRoute } from '../route-table.js';
import { auditEvent } from '../security-events.js';
import { named, problems } from '../schemas.js';

const Login = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  code: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('for an account with a second factor: the current 6-digit code of the authenticator app, or one of its recovery codes'),
});

const UserOut = named(z.object({
  userId: z.string(),
  username: z.string(),
  role: z.string(),
  memberState: z.string().optional(),
  operatorId: z.string().optional(),
  demo: z.boolean(),
}), 'SessionUser');

export const authRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/auth/login',
    operationId: 'signIn',
    access: 'public',
    tag: 'session',
    summary:
      'Sign in with username and password (and `code` when the account has a second factor: without it the answer is a 401 of kind second-factor-required, with a wrong one second-factor-invalid); sets the session and CSRF cookies',
    body: Login,
    response: { 200: z.object({ user: UserOut, csrfToken: z.string(), expiresAt: z.string() }), ...problems(400, 401, 429) },
    async handler({ body, request, reply }, { store, signInLimit }) {
      // the limit counts the name exactly as the lookup reads it: " name" and "NAME" are the same account
      const account = normaliseUsername(body.username);
      const { wait, firstRefusal } = signInLimit.retryAfter(account, request.ip);
      if (wait > 0) {
        request.log.info({ event: 'login-limited' }, 'sign-in refused: too many failed attempts');
        if (firstRefusal) {
          const known = findUserByName(store, account);
          auditEvent(store, request, { action: 'session.login-limited', targetType: 'user', targetId: known?.user_id, detail: { retryAfterSeconds: wait } });
        }
        reply.header('retry-after', String(wait));
        throw new HttpProblem(429, 'too-many-attempts', 'Too many requests', `too many failed sign-ins for this account or from this address: try again in ${wait} s`);
      }
      const row = findUserByName(store, account);
      // the same work and the same answer whether the user exists or not
      const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), body.password);
      if (!row || !ok || row.disabled === 1) {
        signInLimit.failed(account, request.ip);
        request.log.info({ event: 'login-failed' }, 'sign-in refused');
        // the name is kept only as the account it names: an unknown one may be a password typed in the wrong field
        auditEvent(store, request, {
          action: 'session.login-failed',
          targetType: 'user',
          targetId: row?.user_id,
          detail: { reason: !row ? 'unknown-user' : row.disabled === 1 && ok ? 'disabled' : 'wrong-password' },
        });
        throw new HttpProblem(401, 'bad-credentials', 'Unauthorized', 'wrong username or password');
      }
      const actor = { userId: row.user_id, name: row.username };
      let secondFactor: string | undefined;
      if (hasSecondFactor(store, row.user_id)) {
        // the right password alone says so: counted like a failure, so this answer is no unlimited password oracle
        if (body.code === undefined) {
          signInLimit.failed(account, request.ip);
          throw new HttpProblem(401, 'second-factor-required', 'Unauthorized', 'this account has a second factor: send the current code of the authenticator app, or a recovery code, as code');
        }
        secondFactor = useSecondFactorCode(store, actor, row.user_id, body.code);
        if (!secondFactor) {
          signInLimit.failed(account, request.ip);
          auditEvent(store, request, { action: 'second-factor.failed', targetType: 'user', targetId: row.user_id, detail: { during: 'sign-in' } }, actor);
          throw new HttpProblem(401, 'second-factor-invalid', 'Unauthorized', 'the code is wrong, expired or used already');
        }
      }
      const session = createSession(store, row.user_id);
      setSessionCookies(request, reply, session);
      appendAudit(store, actor, { action: 'session.login', targetType: 'user', targetId: row.user_id, ...(secondFactor ? { detail: { secondFactor } } : {}) });
      return { user: toUser(row), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  }),
  route({
    method: 'POST',
    path: '/auth/logout',
    operationId: 'signOut',
    access: 'session.write',
    duringEnrolment: true,
    tag: 'session',
    summary: 'Sign out: the session ends on the server, the cookies are cleared',
    response: { 204: z.null(), ...problems(401, 403) },
    async handler({ request, reply, caller }, { store }) {
      const sid = request.cookies?.[SESSION_COOKIE];
      if (sid && caller.sessionHash) revokeSession(store, sid);
      auditEvent(store, request, { action: 'session.logout', targetType: 'user', targetId: caller.user.userId });
      clearSessionCookies(request, reply);
      return reply.code(204).send();
    },
  }),
  route({
    method: 'GET',
    path: '/auth/me',
    operationId: 'getSession',
    access: 'session.read',
    duringEnrolment: true,
    tag: 'session',
    summary: 'Who you are: user, role and reach (the data you may see), and the actions of policy.ts your role and scope may take (what the web interface offers you)',
    response: {
      200: named(
        z.object({
          user: UserOut,
          reach: z.object({ role: z.string(), memberState: z.string().optional(), operatorId: z.string().optional() }),
          via: z.enum(['session', 'token']),
          actions: z.array(z.string()).describe('e.g. assets.read, designations.write: the policy actions allowed to you'),
          secondFactorEnrolmentRequired: z
            .boolean()
            .describe('true: this instance requires your role to use a second factor and you have none yet; until you enrol and confirm one, only the session and second-factor routes answer you'),
        }),
        'Session',
      ),
    },
    handler: ({ caller }) => ({
      user: caller.user,
      reach: caller.scope,
      via: caller.tokenId ? 'token' : 'session',
      // a session limited to enrolment may take no action but its own session's
      actions: (Object.keys(POLICY) as Action[]).filter((a) => allowed(caller.scope, a) && (!caller.enrolmentOnly || a.startsWith('session.'))),
      secondFactorEnrolmentRequired: caller.enrolmentOnly === true,
    }),
  }),
  route({
    method: 'POST',
    path: '/auth/password',
    operationId: 'changePassword',
    access: 'session.write',
    tag: 'session',
    summary: 'Change your own password (checked against the password policy); every session and API token of yours ends',
    body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024) }),
    response: { 204: z.null(), ...problems(400, 401, 403) },
    async handler({ body, caller, request, reply }, { store }) {
      const row = findUserByName(store, caller.user.username);
      if (!row || !(await verifyPassword(row.password_hash, body.currentPassword))) throw new UserError('the current password is wrong');
      await checkPasswordPolicy(body.newPassword, { username: row.username });
      await updateUser(store, caller.actor, caller.user.userId, { password: body.newPassword });
      clearSessionCookies(request, reply);
      return reply.code(204).send();
    },
  }),
];
