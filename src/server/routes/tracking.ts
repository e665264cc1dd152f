import { z } from 'zod';
import { BASELINE_POLICY, resolvePolicy } from '../../catalog/index.js';
import { MEASURE_IDS } from '../../catalog/measures.js';
import { IsoDate, MemberStateCode } from '../../domain/index.js';
import { outputPath, outputText } from '../../domain/json-case.js';
import { checkPolicy } from '../../domain/policy-check.js';
import { screenCase } from '../../engine/screening.js';
import { runFundingCheck } from '../../services/funding-check.js';
import * as access from '../../store/access/tracking.js';
import * as screening from '../../store/access/screening-writes.js';
import type { StoredScreeningCase } from '../../store/screening.js';
import { badRequest, notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { ImplementationRow } from '../response-schemas.js';
import { pageList } from '../../store/access/sql.js';
import { DateQuery, IdParam, page, PageQuery, problems, today } from '../schemas.js';

/*
 * What the authorities track beside the registers' reads (routes/registers.ts): implementation status
 * rows recorded, SA10 checks of funded projects, investment-screening cases recorded and revised, and
 * policy documents checked and compared. Scope checks and audit entries are the store's
 * (src/store/access/tracking.ts); the handlers shape requests and answers.
 */

const List = page(z.looseObject({}));
const Obj = z.looseObject({});
/** `union`, `ms:DE` or `op:OP-DE-1`, as implementationScopeKey writes them */
const ScopeKey = z
  .string()
  .regex(/^(union|ms:[A-Za-z]{2}|op:[A-Za-z0-9][A-Za-z0-9._:-]*)$/, 'must be union, ms:<member state> or op:<operator id>')
  // member state codes are upper case in the keys the rows carry
  .transform((k) => (k.startsWith('ms:') ? `ms:${k.slice(3).toUpperCase()}` : k));

/** A case as the API answers it: the latest revision, its screening at `date`, and every revision. */
const caseView = (c: StoredScreeningCase, date: string) => ({
  case: c.case,
  screening: screenCase(c.case, date),
  revision: c.revision,
  recordedAt: c.recordedAt,
  source: c.source,
  history: c.history,
});

const implementationRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/implementation',
    operationId: 'recordImplementation',
    access: 'implementation.write',
    tag: 'implementation',
    summary: 'Record implementation status rows ({items: [...]} or one row; fields as the CSV columns, in camelCase), in one transaction (audited)',
    body: Obj.describe('one row as in docs/data-formats.md (implementation register), or {"items": [rows]}'),
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403) },
    handler: async ({ body, caller, reply }, { store, dashboard }) => {
      const many = Array.isArray(body.items);
      const rows: unknown[] = many ? (body.items as unknown[]) : [body];
      const s = await access.recordImplementations(store, caller.scope, caller.actor, rows, (i) => (many ? ['items', i] : []));
      if (s.inserted > 0) dashboard.invalidate();
      return reply.code(s.inserted > 0 ? 201 : 200).send(s);
    },
  }),
  route({
    method: 'GET',
    path: '/implementation/history',
    operationId: 'listImplementationHistory',
    access: 'implementation.read',
    tag: 'implementation',
    summary: 'The history of one measure at one scope (union, ms:DE, op:OP-DE-1), oldest first; empty outside your scope',
    query: PageQuery.extend({ measure: z.enum(MEASURE_IDS), scope: ScopeKey }),
    response: { 200: page(ImplementationRow), ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => pageList(await access.implementationHistoryInScope(store, caller.scope, query.measure, query.scope), query),
  }),
];

const fundingRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/funding-checks',
    operationId: 'runFundingCheck',
    access: 'funding.check',
    tag: 'funding',
    summary: 'SA10: check a funded project against the designations in force; kept as evidence (201, audited) unless save is false (200)',
    body: Obj.extend({
      date: IsoDate.optional().describe('judge designations as in force on this day instead of the planned date'),
      save: z.boolean().optional().describe('keep the check as evidence; default true'),
    }).describe('the project as in docs/data-formats.md (funding project), plus date and save'),
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403) },
    handler: async ({ body, caller, reply }, { store }) => {
      const { date, save = true, ...given } = body;
      const project = await access.fundingProjectInScope(store, caller.scope, given);
      const run = await runFundingCheck(store, project, { ...(date ? { date } : {}), file: `project ${project.project_id}`, ...access.fundingReadScope(caller.scope) });
      const saved = save ? await access.saveFundingCheckInScope(store, caller.scope, caller.actor, run) : undefined;
      return reply.code(saved ? 201 : 200).send({
        ...run.result,
        dateUsed: run.dateUsed,
        ...(run.policyVersion !== undefined ? { policyVersion: run.policyVersion } : {}),
        ...(saved ? { checkId: saved.checkId, checkedAt: saved.checkedAt } : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/funding-checks',
    operationId: 'listFundingChecks',
    access: 'funding.read',
    tag: 'funding',
    summary: 'Saved funding checks of projects in your scope, oldest first',
    query: PageQuery.extend({ projectId: IdParam.optional(), memberState: MemberStateCode.optional() }),
    response: { 200: List, ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => pageList(await access.listFundingChecksInScope(store, caller.scope, query), query),
  }),
  route({
    method: 'GET',
    path: '/funding-checks/:checkId',
    operationId: 'getFundingCheck',
    access: 'funding.read',
    tag: 'funding',
    summary: 'One saved funding check: the project, the verdict with its reasons, and the designations it read',
    params: z.object({ checkId: IdParam }),
    response: { 200: Obj, ...problems(400, 401, 403, 404) },
    handler: async ({ params, caller }, { store }) => {
      const c = await access.getFundingCheckInScope(store, caller.scope, params.checkId);
      if (!c) throw notFound('funding check');
      return c;
    },
  }),
];

const screeningRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/screening-cases/review-flags',
    operationId: 'listScreeningReviewFlags',
    access: 'screening.read',
    tag: 'screening',
    summary: 'Suppliers whose risk profile a screening case in your scope flags for review, with those cases and their phase at ?date',
    query: DateQuery,
    response: { 200: Obj, ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => {
      const date = query.date ?? today();
      return { date, suppliers: await screening.screeningReviewFlagsInScope(store, caller.scope, date) };
    },
  }),
  route({
    method: 'GET',
    path: '/screening-cases/:caseId',
    operationId: 'getScreeningCase',
    access: 'screening.read',
    tag: 'screening',
    summary: 'One case: its latest revision, the 35-day comment deadline and phase at ?date, and every revision',
    params: z.object({ caseId: IdParam }),
    query: DateQuery,
    response: { 200: Obj, ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const c = await screening.getScreeningCaseInScope(store, caller.scope, params.caseId);
      if (!c) throw notFound('screening case');
      return caseView(c, query.date ?? today());
    },
  }),
  route({
    method: 'POST',
    path: '/screening-cases',
    operationId: 'createScreeningCase',
    access: 'screening.write',
    tag: 'screening',
    summary: "Record a new screening case of your member state's (201, audited); 409 when the case id is recorded already",
    body: Obj.describe('a case as in docs/data-formats.md (screening register)'),
    response: { 201: Obj, ...problems(400, 401, 403, 409) },
    handler: async ({ body, caller, reply }, { store }) => {
      // an id recorded already: ScreeningCaseExists, answered 409
      const { stored } = await screening.recordScreeningCase(store, caller.scope, caller.actor, body, 'create');
      return reply.code(201).send(caseView(stored, today()));
    },
  }),
  route({
    method: 'PUT',
    path: '/screening-cases/:caseId',
    operationId: 'reviseScreeningCase',
    access: 'screening.write',
    tag: 'screening',
    summary: 'Record a revision of a case (status, decision, note …); the same content again adds no revision (audited)',
    params: z.object({ caseId: IdParam }),
    body: Obj.describe('the whole case as in docs/data-formats.md; case_id comes from the path'),
    response: { 200: Obj, ...problems(400, 401, 403, 404) },
    handler: async ({ params, body, caller }, { store }) => {
      if (body.case_id !== undefined && body.case_id !== params.caseId)
        throw badRequest('the case id of the body differs from the path', [{ path: 'body.case_id', message: `must be ${params.caseId} (the path) or left out` }]);
      const { stored } = await screening.recordScreeningCase(store, caller.scope, caller.actor, { ...body, case_id: params.caseId }, 'revise');
      return caseView(stored, today());
    },
  }),
];

const policyRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/policies/validate',
    operationId: 'validatePolicy',
    access: 'policies.validate',
    tag: 'policies',
    summary: 'Check a policy document without storing it: {valid, errors, warnings, effective}; 200 whether valid or not',
    body: Obj.describe('a policy document as in docs/data-formats.md'),
    response: { 200: Obj, ...problems(400, 401, 403) },
    handler: ({ body }) => {
      const c = checkPolicy(body);
      const issue = (i: { path: string; message: string }) => ({ path: outputPath(i.path), message: outputText(i.message) });
      return {
        valid: c.policy !== undefined,
        errors: c.errors.map(issue),
        warnings: c.warnings.map(issue),
        // what would apply: the secure5g default (not an EU rule) with this policy over it
        ...(c.policy ? { effective: resolvePolicy(c.policy.member_state, c.policy) } : {}),
      };
    },
  }),
  route({
    method: 'GET',
    path: '/policies/baseline',
    operationId: 'getBaselinePolicy',
    access: 'policies.read',
    tag: 'policies',
    summary: 'The secure5g default (not an EU rule): the rules where a member state has no national policy, and the fallback of every field one leaves out',
    response: { 200: Obj, ...problems(401, 403) },
    handler: () => BASELINE_POLICY,
  }),
  route({
    method: 'GET',
    path: '/policies/:memberState/diff',
    operationId: 'comparePolicyVersions',
    access: 'policies.read',
    tag: 'policies',
    summary: 'What changes between two stored versions (default: the one before the version in force, and it); "baseline" names the secure5g default (not an EU rule)',
    params: z.object({ memberState: MemberStateCode }),
    query: z.object({ from: z.string().min(1).max(64).optional(), to: z.string().min(1).max(64).optional() }),
    response: { 200: Obj, ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      const d = access.policyDiffInScope(store, caller.scope, params.memberState, query.from, query.to);
      if (!d) throw notFound('policy version');
      return d;
    },
  }),
];

/** Implementation status writes, SA10 funding checks, screening-case writes and policy checks. */
export const trackingRoutes: ApiRoute[] = [...implementationRoutes, ...fundingRoutes, ...screeningRoutes, ...policyRoutes];
