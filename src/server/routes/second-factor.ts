import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../domain/index.js';
import {
  confirmSecondFactor,
  disableSecondFactor,
  enrolSecondFactor,
  findUserByName,
  regenerateRecoveryCodes,
  secondFactorStatus,
  useSecondFactorCode,
  verifyPassword,
  RECOVERY_CODE_COUNT,
} from '../../store/identity/index.js';
import type { ServerContext } from '../context.js';
import { forbidden, HttpProblem } from '../plugins/problem.js';
import { route, type ApiRoute, type Caller } from '../route-table.js';
import { auditEvent } from '../security-events.js';
import { named, problems } from '../schemas.js';

/*
 * Your own second factor (TOTP, src/store/identity/second-factor.ts): its state, enrolment, the
 * confirming code, disabling it, new recovery codes. In a signed-in session only: an API token may not
 * change how its owner signs in. Every code and password tried here counts toward the sign-in limit of
 * the account and the address, so a stolen session cannot guess codes at leisure. A wrong code is a 400
 * of kind second-factor-invalid (a 401 would say the session ended).
 */

const Code = z.string().min(1).max(64).describe('the current 6-digit code of the authenticator app, or a recovery code');
const Password = z.string().min(1).max(1024);
const RecoveryCodes = named(
  z.object({ recoveryCodes: z.array(z.string()).describe(`${RECOVERY_CODE_COUNT} codes, each usable once in place of a code; shown this once, stored hashed`) }),
  'RecoveryCodes',
);

function sessionOnly(caller: Caller): void {
  if (caller.tokenId) throw forbidden('the second factor is managed in a signed-in session, not with an API token');
}

/** Refuses at once while the account or address is over the sign-in limit. */
function checkLimit(ctx: ServerContext, request: FastifyRequest, caller: Caller): void {
  const { wait } = ctx.signInLimit.retryAfter(caller.user.username, request.ip);
  if (wait > 0) throw new HttpProblem(429, 'too-many-attempts', 'Too many requests', `too many failed attempts for this account or from this address: try again in ${wait} s`);
}

async function checkPassword(ctx: ServerContext, request: FastifyRequest, caller: Caller, password: string): Promise<void> {
  const row = findUserByName(ctx.store, caller.user.username);
  if (!row || !(await verifyPassword(row.password_hash, password))) {
    ctx.signInLimit.failed(caller.user.username, request.ip);
    throw new UserError('the password is wrong');
  }
}

const invalidCode = () => new HttpProblem(400, 'second-factor-invalid', 'Bad request', 'the code is wrong, expired or used already');

function failedCode(ctx: ServerContext, request: FastifyRequest, caller: Caller, during: string): never {
  ctx.signInLimit.failed(caller.user.username, request.ip);
  auditEvent(ctx.store, request, { action: 'second-factor.failed', targetType: 'user', targetId: caller.user.userId, detail: { during } });
  throw invalidCode();
}

/** A code of the confirmed factor (or a recovery code), taken; else counted, audited and refused. */
function takeCode(ctx: ServerContext, request: FastifyRequest, caller: Caller, code: string, during: string): void {
  if (!useSecondFactorCode(ctx.store, caller.actor, caller.user.userId, code)) failedCode(ctx, request, caller, during);
}

export const secondFactorRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/auth/second-factor',
    operationId: 'getSecondFactor',
    access: 'session.read',
    duringEnrolment: true,
    tag: 'session',
    summary: 'Your second factor: enabled (asked at sign-in), pending (enrolled, waiting for its first code), recovery codes left, and whether your role must have one here',
    response: {
      200: named(
        z.object({
          enabled: z.boolean(),
          pending: z.boolean(),
          confirmedAt: z.string().optional(),
          recoveryCodesLeft: z.number().int(),
          required: z.boolean().describe('this instance requires a second factor of your role (--require-2fa)'),
        }),
        'SecondFactorStatus',
      ),
      ...problems(401),
    },
    handler: ({ caller }, ctx) => ({
      ...secondFactorStatus(ctx.store, caller.user.userId),
      required: ctx.requireSecondFactor.includes(caller.user.role),
    }),
  }),
  route({
    method: 'POST',
    path: '/auth/second-factor/enrol',
    operationId: 'enrolSecondFactor',
    access: 'session.write',
    duringEnrolment: true,
    tag: 'session',
    summary: 'Start enrolling a second factor (your password again): a new TOTP secret, as an otpauth URI and in base32; not asked at sign-in until confirmed',
    body: z.object({ password: Password }),
    response: {
      200: named(
        z.object({
          otpauthUri: z.string().describe('otpauth://totp/… for an authenticator app (as a QR code, or pasted)'),
          secret: z.string().describe('the same secret in base32, to type in by hand'),
        }),
        'SecondFactorEnrolment',
      ),
      ...problems(400, 401, 403, 409, 429),
    },
    async handler({ body, caller, request }, ctx) {
      sessionOnly(caller);
      checkLimit(ctx, request, caller);
      await checkPassword(ctx, request, caller, body.password);
      return enrolSecondFactor(ctx.store, caller.actor, caller.user);
    },
  }),
  route({
    method: 'POST',
    path: '/auth/second-factor/confirm',
    operationId: 'confirmSecondFactor',
    access: 'session.write',
    duringEnrolment: true,
    tag: 'session',
    summary: 'Confirm the enrolled second factor with a current code: from now on sign-in asks for a code; answers the recovery codes, this once',
    body: z.object({ code: z.string().min(1).max(64).describe('the current 6-digit code the authenticator app shows') }),
    response: { 200: RecoveryCodes, ...problems(400, 401, 403, 409, 429) },
    handler({ body, caller, request }, ctx) {
      sessionOnly(caller);
      checkLimit(ctx, request, caller);
      const done = confirmSecondFactor(ctx.store, caller.actor, caller.user.userId, body.code);
      if (!done) failedCode(ctx, request, caller, 'confirm');
      return done;
    },
  }),
  route({
    method: 'POST',
    path: '/auth/second-factor/disable',
    operationId: 'disableSecondFactor',
    access: 'session.write',
    tag: 'session',
    summary: 'Turn the second factor off, with your password and a current code (or a recovery code); its recovery codes go with it',
    body: z.object({ password: Password, code: Code }),
    response: { 204: z.null(), ...problems(400, 401, 403, 429) },
    async handler({ body, caller, request, reply }, ctx) {
      sessionOnly(caller);
      checkLimit(ctx, request, caller);
      if (!secondFactorStatus(ctx.store, caller.user.userId).enabled) throw new UserError('there is no confirmed second factor to disable');
      await checkPassword(ctx, request, caller, body.password);
      takeCode(ctx, request, caller, body.code, 'disable');
      disableSecondFactor(ctx.store, caller.actor, caller.user.userId);
      return reply.code(204).send();
    },
  }),
  route({
    method: 'POST',
    path: '/auth/second-factor/recovery-codes',
    operationId: 'regenerateRecoveryCodes',
    access: 'session.write',
    tag: 'session',
    summary: 'New recovery codes in place of all the old ones, with a current code (or a recovery code); answered this once',
    body: z.object({ code: Code }),
    response: { 200: RecoveryCodes, ...problems(400, 401, 403, 429) },
    handler({ body, caller, request }, ctx) {
      sessionOnly(caller);
      checkLimit(ctx, request, caller);
      if (!secondFactorStatus(ctx.store, caller.user.userId).enabled) throw new UserError('there is no confirmed second factor: enrol and confirm one first');
      takeCode(ctx, request, caller, body.code, 'recovery-codes');
      return { recoveryCodes: regenerateRecoveryCodes(ctx.store, caller.actor, caller.user.userId) };
    },
  }),
];
