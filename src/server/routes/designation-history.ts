import { z } from 'zod';
import { Designation, DesignationRow, IsoDate } from '../../domain/index.js';
import { outputKey } from '../../domain/json-case.js';
import { designationBasis } from '../../services/designations.js';
import * as access from '../../store/access/designation-history.js';
import { DesignationProfileRef, DesignationWarning } from '../response-schemas.js';
import type { DesignationWrite } from '../../store/designations.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { IdParam, problems } from '../schemas.js';

/*
 * A designation's lifecycle: its revisions (created, amended, revoked), their diff, an amendment of some
 * fields, and revocation. Reads have GET /designations/:id's scope; writes are the designation's own
 * member state's (src/store/access/designation-history.ts).
 */

const DesignationParam = z.object({ designationId: IdParam });
const Loose = z.looseObject({});
const Revision = z.coerce.number().int().min(1);

/**
 * The fields an amendment may change, each checked as a designation's field is; id, member state and
 * supplier stay, and revoking has its own route. The rules across fields are checked on the result.
 */
const Amendment = DesignationRow.pick({
  kind: true,
  segments: true,
  legal_basis: true,
  decision_date: true,
  effective_date: true,
  transition_months: true,
  profile_id: true,
  profile_version: true,
})
  .extend({ status: z.enum(['proposed', 'in-force'], { error: 'must be proposed or in-force (to revoke, POST /designations/{id}/revoke)' }) })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'names no field to change');

/** A write's answer: the designation, and the revision it recorded (absent when nothing changed). */
const written = (w: DesignationWrite) => ({ designation: w.designation, ...(w.revision ? { revision: w.revision } : {}) });
const Written = z.looseObject({ designation: Designation, revision: Loose.optional() });
/** An amendment's answer: as a write's, with the profile version the designation now rests on and the warnings about it. */
const Amended = z.looseObject({ designation: Designation, revision: Loose.optional(), profile: DesignationProfileRef.optional(), warnings: z.array(DesignationWarning) });

export const designationHistoryRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/designations/:designationId/history',
    operationId: 'getDesignationHistory',
    access: 'designations.read',
    tag: 'designations',
    summary: 'Every revision of a designation, oldest first: created, amended, revoked, with who, how and the date decided',
    params: DesignationParam,
    response: { 200: z.object({ items: z.array(Loose), total: z.number().int() }), ...problems(400, 401, 403, 404) },
    handler: ({ params, caller }, { store }) => {
      const items = access.designationHistoryInScope(store, caller.scope, params.designationId);
      if (!items) throw notFound('designation');
      return { items, total: items.length };
    },
  }),
  route({
    method: 'GET',
    path: '/designations/:designationId/diff',
    operationId: 'compareDesignationRevisions',
    access: 'designations.read',
    tag: 'designations',
    summary: 'The fields that differ between two revisions of a designation',
    params: DesignationParam,
    query: z.object({ from: Revision.describe('a revision'), to: Revision.describe('a revision') }),
    response: { 200: Loose, ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      const d = access.diffRevisionsInScope(store, caller.scope, params.designationId, query.from, query.to);
      if (!d) throw notFound('designation revision');
      // a field's name is a value here, which the camelCase answer does not rename by itself
      return { ...d, changes: d.changes.map((c) => ({ ...c, field: outputKey(c.field) })) };
    },
  }),
  route({
    method: 'PATCH',
    path: '/designations/:designationId',
    operationId: 'amendDesignation',
    access: 'designations.write',
    tag: 'designations',
    summary: "Amend some fields of a designation of your member state's (audited); a change that alters nothing records nothing",
    params: DesignationParam,
    body: Amendment,
    response: { 200: Amended, ...problems(400, 401, 403, 404) },
    handler: ({ params, body, caller }, { store, dashboard }) => {
      const w = access.amendDesignationInScope(store, caller.scope, caller.actor, params.designationId, body);
      if (w.revision) dashboard.invalidate();
      return { ...written(w), ...designationBasis(store, w.designation) };
    },
  }),
  route({
    method: 'POST',
    path: '/designations/:designationId/revoke',
    operationId: 'revokeDesignation',
    access: 'designations.write',
    tag: 'designations',
    summary: "Revoke a designation of your member state's as of a date (audited, with the reason); 409 when it is revoked already",
    params: DesignationParam,
    body: z.object({ date: IsoDate.describe('the date of the revocation'), reason: z.string().trim().min(1).max(2000).optional() }).strict(),
    response: { 200: Written, ...problems(400, 401, 403, 404, 409) },
    handler: ({ params, body, caller }, { store, dashboard }) => {
      // revoked already: DesignationStateConflict, answered 409
      const w = access.revokeDesignationInScope(store, caller.scope, caller.actor, params.designationId, body.date, body.reason);
      dashboard.invalidate();
      return written(w);
    },
  }),
];
