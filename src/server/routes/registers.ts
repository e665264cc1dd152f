import { z } from 'zod';
import { MEASURE_IDS } from '../../catalog/measures.js';
import { IsoDate, MemberStateCode } from '../../domain/index.js';
import { implementationMatrixAt } from '../../services/implementation-matrix.js';
import { matrixToCsv, matrixToText } from '../../report/tracking.js';
import { screenCase } from '../../engine/screening.js';
import * as access from '../../store/access/registers.js';
import { listImplementationRecords } from '../../store/implementations.js';
import { listOperators } from '../../store/repositories.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { ImplementationRow, ProfileSummaryRow, ScreeningCaseRow } from '../response-schemas.js';
import { pageList } from '../../store/access/sql.js';
import { DateQuery, IdParam, page, PageQuery, problems, today } from '../schemas.js';

/*
 * The registers an authority keeps beside the inventory: supplier profiles, implementation status of the
 * measures, investment-screening cases, policy versions. Reads narrow to the caller's scope in the store
 * (src/store/access/registers.ts); the implementation matrix is an aggregate by member state, the view
 * the Union level is meant to have.
 */

const List = page(z.looseObject({}));

export const registerRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/profiles',
    operationId: 'listProfiles',
    access: 'profiles.read',
    tag: 'profiles',
    summary: 'Supplier risk profiles in your scope: the latest version of each',
    query: PageQuery.extend({ supplierId: IdParam.optional(), memberState: MemberStateCode.optional() }),
    response: { 200: page(ProfileSummaryRow), ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => pageList(await access.listProfilesInScope(store, caller.scope, query), query),
  }),
  route({
    method: 'GET',
    path: '/profiles/:profileId',
    operationId: 'getProfile',
    access: 'profiles.read',
    tag: 'profiles',
    summary: 'One profile: the latest version, or ?version=N, with its scores, evidence and the level recorded',
    params: z.object({ profileId: IdParam }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    response: { 200: z.looseObject({}), ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const p = await access.getProfileInScope(store, caller.scope, params.profileId, query.version);
      if (!p) throw notFound('profile');
      return p;
    },
  }),
  route({
    method: 'GET',
    path: '/profiles/:profileId/history',
    operationId: 'getProfileHistory',
    access: 'profiles.read',
    tag: 'profiles',
    summary: "Every version of a profile, oldest first (profiles are append-only)",
    params: z.object({ profileId: IdParam }),
    query: PageQuery,
    response: { 200: List, ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const h = await access.profileHistoryInScope(store, caller.scope, params.profileId);
      if (!h) throw notFound('profile');
      return pageList(h, query);
    },
  }),
  route({
    method: 'GET',
    path: '/implementation',
    operationId: 'listImplementation',
    access: 'implementation.read',
    tag: 'implementation',
    summary: 'Implementation status rows in your scope, history order (the last row per measure and scope is current)',
    query: PageQuery.extend({ memberState: MemberStateCode.optional(), operatorId: IdParam.optional(), measure: z.enum(MEASURE_IDS).optional(), date: IsoDate.optional() }),
    response: { 200: page(ImplementationRow), ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) =>
      pageList(await access.listImplementationInScope(store, caller.scope, { memberState: query.memberState, operatorId: query.operatorId, measure: query.measure, asOf: query.date }), query),
  }),
  route({
    method: 'GET',
    path: '/implementation/matrix',
    operationId: 'getImplementationMatrix',
    produces: ['application/json', 'text/csv', 'text/plain'],
    access: 'implementation.matrix',
    tag: 'implementation',
    summary: 'Member state × measure matrix with per-measure counts (aggregates: no operator ids); as JSON, CSV or text',
    query: DateQuery.extend({ format: z.enum(['json', 'csv', 'text']).default('json') }),
    response: { 200: z.looseObject({ measures: z.array(z.string()), memberStates: z.array(z.string()) }), ...problems(400, 401, 403) },
    handler: async ({ query, reply }, { store }) => {
      const date = query.date ?? today();
      const m = await implementationMatrixAt(store, { date });
      if (query.format === 'csv')
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="implementation-matrix-${date}.csv"`).send(matrixToCsv(m));
      if (query.format === 'text') return reply.type('text/plain; charset=utf-8').send(matrixToText(m, date));
      // a cell's evidence and owner are a member state's own statement; the matrix keeps status, dates and counts
      return { ...m, rows: m.rows.map((r) => ({ ...r, cells: r.cells.map(({ evidence: _e, owner: _o, ...cell }) => cell) })) };
    },
  }),
  route({
    method: 'GET',
    path: '/screening-cases',
    operationId: 'listScreeningCases',
    access: 'screening.read',
    tag: 'screening',
    summary: 'Investment-screening cases in your scope with the 35-day comment deadline and phase at ?date',
    query: DateQuery.extend({ memberState: MemberStateCode.optional() }).extend(PageQuery.shape),
    response: { 200: page(ScreeningCaseRow), ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => {
      const date = query.date ?? today();
      const cases = pageList(await access.listScreeningCasesInScope(store, caller.scope, { memberState: query.memberState }), query);
      return { ...cases, items: cases.items.map((c) => ({ ...c, screening: screenCase(c.case, date) })) };
    },
  }),
  route({
    method: 'GET',
    path: '/policies/:memberState/versions',
    operationId: 'listPolicyVersions',
    access: 'policies.read',
    tag: 'policies',
    summary: "Every stored version of a member state's policy, oldest first; inForce marks the one applied",
    params: z.object({ memberState: MemberStateCode }),
    query: PageQuery,
    response: { 200: List, ...problems(400, 401, 403) },
    handler: ({ params, query, caller }, { store }) => pageList(access.listPolicyVersionsInScope(store, caller.scope, params.memberState), query),
  }),
];
