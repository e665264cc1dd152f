import { z } from 'zod';
import { IsoDate, MemberStateCode } from '../../domain/index.js';
import { suggestProfileScores } from '../../services/profiles.js';
import * as access from '../../store/access/profile-writes.js';
import { API_PREFIX, route, type ApiRoute } from '../route-table.js';
import { notFound } from '../plugins/problem.js';
import { IdParam, problems, today } from '../schemas.js';

/*
 * Writing supplier profiles (append-only versions), their diff and suggestions, and supply-continuity
 * facts. A profile is its assessing authority's: the store (src/store/access/profile-writes.ts) checks
 * the member state of every write and narrows every read; the reads of a single profile stay in
 * registers.ts.
 */

const Loose = z.looseObject({});
const SupplierParam = z.object({ supplierId: IdParam });
const Versions = z.object({
  from: z.coerce.number().int().min(1).describe('a version'),
  to: z.coerce.number().int().min(1).describe('a version'),
});

export const supplierProfileRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/profiles',
    operationId: 'recordProfile',
    access: 'profiles.write',
    tag: 'profiles',
    summary: "Record a new version of a profile of your member state's (audited): 201 with the level and the rule that gave it; 409 when the stated version is not the next",
    body: Loose.describe('a profile as in docs/data-formats.md; version left out = the next one'),
    response: { 201: Loose, ...problems(400, 401, 403, 409) },
    handler: async ({ body, caller, reply }, { store, dashboard }) => {
      // a stated version that is not the next: ProfileVersionConflict, answered 409
      const stored = await access.recordProfileVersion(store, caller.scope, caller.actor, body);
      // the assessments take each supplier's current profile level
      dashboard.invalidate();
      const { profile_id: id, version } = stored.profile;
      return reply
        .code(201)
        .header('location', `${API_PREFIX}/profiles/${encodeURIComponent(id)}?version=${version}`)
        .send(stored);
    },
  }),
  route({
    method: 'GET',
    path: '/profiles/:profileId/diff',
    operationId: 'compareProfileVersions',
    access: 'profiles.read',
    tag: 'profiles',
    summary: 'What changed between two versions: scores, criteria, evidence, assessor, and the level (recorded, and under the rule in force now)',
    params: z.object({ profileId: IdParam }),
    query: Versions,
    response: { 200: Loose, ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const d = await access.diffProfileVersionsInScope(store, caller.scope, params.profileId, query.from, query.to);
      if (!d) throw notFound('profile version');
      return d;
    },
  }),
  route({
    method: 'GET',
    path: '/suppliers/:supplierId/profile-suggestions',
    operationId: 'getProfileSuggestions',
    access: 'profiles.read',
    tag: 'profiles',
    summary: "Suggested criterion scores with their explanations, as your member state would assess the supplier; shown, never recorded",
    params: SupplierParam,
    query: z.object({
      memberState: MemberStateCode.optional().describe("default: yours; required for whole-instance scopes; another than yours answers 404"),
      date: IsoDate.optional().describe('YYYY-MM-DD; default: today'),
    }),
    response: { 200: Loose, ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const memberState = access.assessingMemberState(store, caller.scope, params.supplierId, query.memberState);
      if (!memberState) throw notFound('supplier');
      // the only member-state rows the suggestions read are that member state's supply facts
      return suggestProfileScores(store, params.supplierId, memberState, query.date ?? today());
    },
  }),
  route({
    method: 'GET',
    path: '/suppliers/:supplierId/supply-facts',
    operationId: 'getSupplyFacts',
    access: 'profiles.read',
    tag: 'profiles',
    summary: 'Supply-continuity facts recorded about the supplier in your scope, oldest first, with the facts in force when they are one member state’s',
    params: SupplierParam,
    query: z.object({ memberState: MemberStateCode.optional() }),
    response: { 200: z.looseObject({ items: z.array(Loose), total: z.number().int() }), ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const v = await access.listSupplyFactsInScope(store, caller.scope, params.supplierId, query.memberState);
      if (!v) throw notFound('supplier');
      return v;
    },
  }),
  route({
    method: 'POST',
    path: '/suppliers/:supplierId/supply-facts',
    operationId: 'recordSupplyFacts',
    access: 'profiles.write',
    tag: 'profiles',
    summary: "Record supply-continuity facts about the supplier for your member state (audited)",
    params: SupplierParam,
    body: Loose.describe(
      'a supply-facts record as in docs/data-formats.md; supplier_id comes from the path, member_state defaults to yours, recorded_on to today',
    ),
    response: { 201: Loose, ...problems(400, 401, 403, 404) },
    handler: async ({ params, body, caller, reply }, { store }) => {
      const record = { member_state: caller.scope.memberState, recorded_on: today(), ...body, supplier_id: params.supplierId };
      const stored = await access.recordSupplyFacts(store, caller.scope, caller.actor, record);
      if (!stored) throw notFound('supplier');
      return reply.code(201).send(stored);
    },
  }),
];
