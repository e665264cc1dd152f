import { z } from 'zod';
import { MemberStateCode } from '../../domain/index.js';
import { appendAudit } from '../../store/audit/index.js';
import {
  checkPasswordPolicy,
  createToken,
  createUser,
  getToken,
  getUserRow,
  listTokens,
  listUsers,
  MAX_TOKEN_DAYS,
  MIN_PASSWORD_LENGTH,
  revokeAllFor,
  revokeToken,
  TOKEN_SCOPES,
  toUser,
  updateUser,
  usersWithSecondFactor,
} from '../../store/identity/index.js';
import { ROLES } from '../../store/access/index.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { IdParam, named, problems, UuidParam } from '../schemas.js';

const UserOut = named(z.object({
  userId: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  memberState: z.string().optional(),
  operatorId: z.string().optional(),
  demo: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secondFactor: z.boolean().optional().describe('in the users list: whether the user signs in with a confirmed second factor'),
}), 'User');
const TokenOut = named(z.object({
  tokenId: z.string(),
  userId: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
}), 'ApiToken');
const UserParams = z.object({ userId: UuidParam });

const user = (store: Parameters<typeof getUserRow>[0], id: string) => {
  const r = getUserRow(store, id);
  if (!r) throw notFound('user');
  return toUser(r);
};

export const userRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    access: 'users.manage',
    tag: 'users',
    summary: 'Every user account',
    response: { 200: z.object({ items: z.array(UserOut) }), ...problems(401, 403) },
    handler: (_i, { store }) => {
      const withFactor = usersWithSecondFactor(store);
      return { items: listUsers(store).map((u) => ({ ...u, secondFactor: withFactor.has(u.userId) })) };
    },
  }),
  route({
    method: 'POST',
    path: '/users',
    operationId: 'createUser',
    access: 'users.manage',
    tag: 'users',
    summary: 'Create a user with a role and its scope; the password must pass the password policy (audited)',
    // the body arrives with its camelCase fields renamed to columns (app.ts, json-case): memberState is
    // member_state here, and the document shows it as memberState again
    body: z.object({
      username: z.string().min(2).max(64),
      password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
      role: z.enum(ROLES),
      member_state: MemberStateCode.optional(),
      operator_id: IdParam.optional(),
    }),
    response: { 201: UserOut, ...problems(400, 401, 403) },
    handler: async ({ body, caller, reply }, { store }) => {
      await checkPasswordPolicy(body.password, { username: body.username });
      const { member_state: memberState, operator_id: operatorId, ...rest } = body;
      return reply.code(201).send(await createUser(store, caller.actor, { ...rest, memberState, operatorId }));
    },
  }),
  route({
    method: 'GET',
    path: '/users/:userId',
    operationId: 'getUser',
    access: 'users.manage',
    tag: 'users',
    summary: 'One user',
    params: UserParams,
    response: { 200: UserOut, ...problems(401, 403, 404) },
    handler: ({ params }, { store }) => user(store, params.userId),
  }),
  route({
    method: 'PATCH',
    path: '/users/:userId',
    operationId: 'updateUser',
    access: 'users.manage',
    tag: 'users',
    summary: "Change a user's role, scope, password or disable it; ends their sessions and API tokens (audited)",
    params: UserParams,
    // memberState and operatorId arrive as columns, as in POST /users
    body: z.object({
      role: z.enum(ROLES).optional(),
      member_state: MemberStateCode.nullable().optional(),
      operator_id: IdParam.nullable().optional(),
      disabled: z.boolean().optional(),
      password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
    }),
    response: { 200: UserOut, ...problems(400, 401, 403, 404) },
    handler: async ({ params, body, caller }, { store }) => {
      if (body.password !== undefined) await checkPasswordPolicy(body.password, { username: getUserRow(store, params.userId)?.username });
      const { member_state: memberState, operator_id: operatorId, ...rest } = body;
      const u = await updateUser(store, caller.actor, params.userId, {
        ...rest,
        ...(memberState !== undefined ? { memberState } : {}),
        ...(operatorId !== undefined ? { operatorId } : {}),
      });
      if (!u) throw notFound('user');
      return u;
    },
  }),
  route({
    method: 'DELETE',
    path: '/users/:userId/sessions',
    operationId: 'endUserSessions',
    access: 'users.manage',
    tag: 'users',
    summary: "End every session and API token of a user (audited)",
    params: UserParams,
    response: { 200: z.object({ sessions: z.number(), tokens: z.number() }), ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => {
      user(store, params.userId);
      return store.sqlite.transaction(() => {
        const n = revokeAllFor(store, params.userId);
        appendAudit(store, caller.actor, { action: 'user.revoke-access', targetType: 'user', targetId: params.userId, detail: n });
        return n;
      })();
    },
  }),
  route({
    method: 'GET',
    path: '/users/:userId/tokens',
    operationId: 'listUserTokens',
    access: 'tokens.manage',
    tag: 'users',
    summary: "A user's API tokens (never their secrets)",
    params: UserParams,
    response: { 200: z.object({ items: z.array(TokenOut) }), ...problems(401, 403, 404) },
    handler: ({ params }, { store }) => {
      user(store, params.userId);
      return { items: listTokens(store, { userId: params.userId }) };
    },
  }),
];

export const tokenRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/tokens',
    operationId: 'listTokens',
    access: 'tokens.own',
    tag: 'tokens',
    summary: 'Your API tokens (never their secrets)',
    response: { 200: z.object({ items: z.array(TokenOut) }), ...problems(401) },
    handler: ({ caller }, { store }) => ({ items: listTokens(store, { userId: caller.user.userId }) }),
  }),
  route({
    method: 'POST',
    path: '/tokens',
    operationId: 'createToken',
    access: 'tokens.own',
    tag: 'tokens',
    summary: 'Create an API token acting as you; the secret is shown once (audited)',
    body: z.object({
      name: z.string().min(1).max(100),
      scope: z.enum(TOKEN_SCOPES).default('read'),
      days: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
    }),
    response: { 201: z.object({ token: TokenOut, secret: z.string().describe('send as Authorization: Bearer <secret>; shown only now') }), ...problems(400, 401, 403) },
    handler: async ({ body, caller, reply }, { store }) => {
      // a token never grants more than its maker has: an auditor's or a read-only token's are read-only
      const scope = caller.user.role === 'auditor' || caller.readOnly ? 'read' : body.scope;
      const made = await createToken(store, caller.actor, { userId: caller.user.userId, name: body.name, scope, days: body.days });
      return reply.code(201).send(made);
    },
  }),
  route({
    method: 'DELETE',
    path: '/tokens/:tokenId',
    operationId: 'revokeToken',
    access: 'tokens.own',
    tag: 'tokens',
    summary: 'Revoke one of your API tokens (an admin may revoke anyone’s) (audited)',
    params: z.object({ tokenId: z.string().regex(/^[0-9a-f]{16}$/, 'is not a token id') }),
    response: { 204: z.null(), ...problems(401, 403, 404) },
    handler: ({ params, caller, reply }, { store }) => {
      const t = getToken(store, params.tokenId);
      if (!t || (t.userId !== caller.user.userId && caller.user.role !== 'admin')) throw notFound('token');
      revokeToken(store, caller.actor, params.tokenId);
      return reply.code(204).send();
    },
  }),
];
