import { z } from 'zod';
import { Designation, DESIGNATION_STATUSES, MemberStateCode, Policy } from '../../domain/index.js';
import { designationBasis } from '../../services/designations.js';
import * as access from '../../store/access/index.js';
import { DesignationAnswer } from '../response-schemas.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { IdParam, named, page, PageQuery, problems } from '../schemas.js';

const PolicyVersion = named(z.object({ memberState: z.string(), version: z.string(), importedAt: z.string(), policy: Policy }), 'PolicyVersion');
import { found } from './inventory.js';

/** Designations and national policies: a member state's decisions. */
export const decisionRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/designations',
    operationId: 'listDesignations',
    access: 'designations.read',
    tag: 'designations',
    summary: 'Designations of the member states in your scope',
    query: PageQuery.extend({ memberState: MemberStateCode.optional(), supplierId: IdParam.optional(), status: z.enum(DESIGNATION_STATUSES).optional() }),
    response: { 200: page(Designation), ...problems(400, 401, 403) },
    handler: ({ query, caller }, { store }) => access.listDesignations(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/designations/:designationId',
    operationId: 'getDesignation',
    access: 'designations.read',
    tag: 'designations',
    summary: 'One designation',
    params: z.object({ designationId: IdParam }),
    response: { 200: DesignationAnswer, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => {
      const d = found(access.getDesignation(store, caller.scope, params.designationId), 'designation');
      return { ...d, ...designationBasis(store, d) };
    },
  }),
  route({
    method: 'PUT',
    path: '/designations/:designationId',
    operationId: 'saveDesignation',
    access: 'designations.write',
    tag: 'designations',
    summary: "Record or change a designation of your member state's (audited)",
    params: z.object({ designationId: IdParam }),
    body: z.looseObject({}).describe('a designation as in docs/data-formats.md; designation_id comes from the path'),
    response: { 200: DesignationAnswer, 201: DesignationAnswer, ...problems(400, 401, 403) },
    handler: ({ params, body, caller, reply }, { store, dashboard }) => {
      const { designation, created } = access.putDesignation(store, caller.scope, caller.actor, { ...body, designation_id: params.designationId });
      dashboard.invalidate();
      return reply.code(created ? 201 : 200).send({ ...designation, ...designationBasis(store, designation) });
    },
  }),
  route({
    method: 'GET',
    path: '/policies',
    operationId: 'listPolicies',
    access: 'policies.read',
    tag: 'policies',
    summary: 'The national policy in force of each member state in your scope',
    response: { 200: z.object({ items: z.array(PolicyVersion) }) },
    handler: ({ caller }, { store }) => ({ items: access.listPolicies(store, caller.scope) }),
  }),
  route({
    method: 'GET',
    path: '/policies/:memberState',
    operationId: 'getPolicy',
    access: 'policies.read',
    tag: 'policies',
    summary: "A member state's policy in force",
    params: z.object({ memberState: MemberStateCode }),
    response: { 200: PolicyVersion, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => {
      const p = access.listPolicies(store, caller.scope, { memberState: params.memberState })[0];
      if (!p) throw notFound('policy');
      return p;
    },
  }),
  route({
    method: 'PUT',
    path: '/policies/:memberState',
    operationId: 'savePolicy',
    access: 'policies.write',
    tag: 'policies',
    summary: "Store a version of your member state's policy; it becomes the one in force (audited); 409 when the version is stored with other content",
    params: z.object({ memberState: MemberStateCode }),
    body: z.looseObject({}).describe('a policy document as in docs/data-formats.md; member_state comes from the path'),
    response: { 201: PolicyVersion, ...problems(400, 401, 403, 409) },
    handler: ({ params, body, caller, reply }, { store, dashboard }) => {
      const stored = access.putPolicy(store, caller.scope, caller.actor, params.memberState, body as never);
      dashboard.invalidate();
      return reply.code(201).send(stored);
    },
  }),
];
