import { z } from 'zod';
import { CountryCode, ENTITY_KINDS, ImportError, IsoDate } from '../../domain/index.js';
import * as access from '../../services/ownership-in-scope.js';
import { BomTooLarge } from '../../interchange/cyclonedx/index.js';
import { HttpProblem, notFound } from '../plugins/problem.js';
import { BODY_LIMIT, FileQuery, fromImportErrors, mediaType, readBody, registerBody, REGISTER_TYPES, safeName, unsupported, XLSX_TYPE } from '../register-body.js';
import { route, type ApiRoute } from '../route-table.js';
import { EntityRow, HoldingRow } from '../response-schemas.js';
import { pageList } from '../../store/access/sql.js';
import { IdParam, page, PageQuery, problems, today } from '../schemas.js';

/*
 * Ownership and control of suppliers, BOMs and where a product's components come from: what `secure5g
 * entity|holding|supplier control|bom|product origins` do, over HTTP. Shared reference data: every role
 * reads it, the administrator writes it (src/services/ownership-in-scope.ts says why the scope rule is the
 * same for all). Register writes are small and synchronous (one transaction, answered at once), unlike
 * the /imports jobs meant for inventory files of millions of rows.
 */

const List = page(z.looseObject({}));
const Obj = z.looseObject({});

/** An invalid BOM: the ImportError's field is a JSON pointer (/components/3/type), given as body.components.3.type. */
function bomProblem(error: unknown): never {
  if (error instanceof BomTooLarge) throw new HttpProblem(413, 'payload-too-large', 'Payload too large', `${error.message}; nothing was stored`);
  if (!(error instanceof ImportError)) throw error;
  const at = error.field ? `body${error.field === '/' ? '' : error.field.replace(/\//g, '.')}` : 'body';
  throw new HttpProblem(400, 'bad-request', 'Bad request', `${error.message}; nothing was stored`, { errors: [{ path: at, message: error.reason }] });
}

const registerRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/entities',
    operationId: 'listEntities',
    access: 'ownership.read',
    tag: 'ownership',
    summary: 'Entities of the ownership graph, suppliers standing in for themselves included (source: supplier)',
    query: PageQuery.extend({ kind: z.enum(ENTITY_KINDS).optional(), country: CountryCode.optional(), source: z.enum(['register', 'supplier']).optional() }),
    response: { 200: page(EntityRow), ...problems(400, 401) },
    handler: async ({ query, caller }, { store }) => pageList(await access.listEntitiesInScope(store, caller.scope, query), query),
  }),
  route({
    method: 'GET',
    path: '/entities/:entityId',
    operationId: 'getEntity',
    access: 'ownership.read',
    tag: 'ownership',
    summary: 'One entity with the holdings in it (heldBy) and the holdings it has (holds)',
    params: z.object({ entityId: IdParam }),
    response: { 200: Obj, ...problems(400, 401, 404) },
    handler: async ({ params, caller }, { store }) => {
      const e = await access.getEntityInScope(store, caller.scope, params.entityId);
      if (!e) throw notFound('entity');
      return e;
    },
  }),
  route({
    method: 'POST',
    path: '/entities',
    operationId: 'recordEntities',
    access: 'ownership.write',
    tag: 'ownership',
    summary: 'Record entities (CSV, JSON {items: [...]} or an XLSX workbook), upserting by entity_id in one transaction (audited); a bad row refuses all',
    query: FileQuery,
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: [...REGISTER_TYPES, XLSX_TYPE],
    bodyLimit: BODY_LIMIT,
    handler: async ({ request, reply, query, caller }, { store, dashboard }) => {
      const body = await registerBody(request, 'entities', query.filename, { xlsx: true });
      const s = fromImportErrors(() => access.recordEntities(store, caller.scope, caller.actor, body), body.json);
      if (s.inserted + s.updated > 0) dashboard.invalidate();
      return reply.code(s.inserted > 0 ? 201 : 200).send(s);
    },
  }),
  route({
    method: 'GET',
    path: '/holdings',
    operationId: 'listHoldings',
    access: 'ownership.read',
    tag: 'ownership',
    summary: 'Holdings, by held entity, holder and date; ?entityId gives those on either side of one entity',
    query: PageQuery.extend({ holderId: IdParam.optional(), heldId: IdParam.optional(), entityId: IdParam.optional() }),
    response: { 200: page(HoldingRow), ...problems(400, 401) },
    handler: async ({ query, caller }, { store }) => pageList(await access.listHoldingsInScope(store, caller.scope, query), query),
  }),
  route({
    method: 'POST',
    path: '/holdings',
    operationId: 'recordHoldings',
    access: 'ownership.write',
    tag: 'ownership',
    summary:
      'Record holdings (CSV, JSON {items: [...]} or an XLSX workbook), upserting by holder_id, held_id and since in one transaction (audited); ' +
      '?replace=true: the body is the complete record of each held entity it names',
    query: FileQuery.extend({ replace: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: [...REGISTER_TYPES, XLSX_TYPE],
    bodyLimit: BODY_LIMIT,
    handler: async ({ request, reply, query, caller }, { store, dashboard }) => {
      const body = await registerBody(request, 'holdings', query.filename, { xlsx: true });
      const s = fromImportErrors(() => access.recordHoldings(store, caller.scope, caller.actor, body, { replace: query.replace }), body.json);
      if (s.inserted + s.updated + s.deleted > 0) dashboard.invalidate();
      return reply.code(s.inserted > 0 ? 201 : 200).send(s);
    },
  }),
  route({
    method: 'GET',
    path: '/suppliers/:supplierId/control',
    operationId: 'getSupplierControl',
    access: 'ownership.read',
    tag: 'ownership',
    summary: 'Look-through owners, ultimate controllers, state shares by country, control outside the EU/EEA, cycles and missing data, each explained',
    params: z.object({ supplierId: IdParam }),
    query: z.object({ date: IsoDate.optional().describe('YYYY-MM-DD: holdings dated after it are left out; default: today') }),
    response: { 200: Obj, ...problems(400, 401, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const asOf = query.date ?? today();
      const r = await access.supplierControlInScope(store, caller.scope, params.supplierId, asOf);
      if (!r) throw notFound('supplier');
      return { supplierId: params.supplierId, asOf, ...r };
    },
  }),
];

const bomRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/products/:productId/boms',
    operationId: 'listProductBoms',
    access: 'boms.read',
    tag: 'boms',
    summary: "The product's stored BOMs, newest first; `latest` marks the one that counts",
    params: z.object({ productId: IdParam }),
    query: PageQuery,
    response: { 200: List, ...problems(400, 401, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const list = await access.listBomsInScope(store, caller.scope, params.productId);
      if (!list) throw notFound('product');
      return pageList(list, query);
    },
  }),
  route({
    method: 'POST',
    path: '/products/:productId/boms',
    operationId: 'uploadProductBom',
    access: 'boms.write',
    tag: 'boms',
    summary: "Store a CycloneDX JSON BOM (1.4–1.6) as the product's latest (audited): 201 when new, 200 when it is the latest already",
    params: z.object({ productId: IdParam }),
    query: FileQuery,
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403, 404, 413, 415) },
    rawBody: true,
    consumes: ['application/json', 'application/vnd.cyclonedx+json'],
    bodyLimit: BODY_LIMIT,
    handler: async ({ request, reply, params, query, caller }, { store }) => {
      const type = mediaType(request.headers['content-type']);
      if (type !== 'application/json' && type !== 'application/vnd.cyclonedx+json') throw unsupported('application/json or application/vnd.cyclonedx+json');
      const bytes = await readBody(request.body);
      const file = safeName(query.filename, `${params.productId}.cdx.json`);
      const r = await access.recordBom(store, caller.scope, caller.actor, params.productId, file, bytes).catch(bomProblem);
      if (!r) throw notFound('product');
      // origins feed profile suggestions only, not assessments: the dashboard stays as it is
      return reply.code(r.created ? 201 : 200).send(r);
    },
  }),
  route({
    method: 'GET',
    path: '/products/:productId/origins',
    operationId: 'getProductOrigins',
    access: 'boms.read',
    tag: 'boms',
    summary: "Component shares by country of manufacture and single-source components, from the product's latest BOM, explained",
    params: z.object({ productId: IdParam }),
    response: { 200: Obj, ...problems(400, 401, 404) },
    handler: async ({ params, caller }, { store }) => {
      const o = await access.productOriginsInScope(store, caller.scope, params.productId);
      if (o === 'unknown-product') throw notFound('product');
      if (o === 'no-bom') throw new HttpProblem(404, 'not-found', 'Not found', `product ${params.productId} has no BOM: POST one to /products/${params.productId}/boms`);
      return o;
    },
  }),
  route({
    method: 'GET',
    path: '/suppliers/:supplierId/origins',
    operationId: 'getSupplierOrigins',
    access: 'boms.read',
    tag: 'boms',
    summary: 'Origins of each product of the supplier that has a BOM',
    params: z.object({ supplierId: IdParam }),
    query: PageQuery,
    response: { 200: List, ...problems(400, 401, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const list = await access.supplierOriginsInScope(store, caller.scope, params.supplierId);
      if (!list) throw notFound('supplier');
      return pageList(list, query);
    },
  }),
];

/** Ownership and control of suppliers, BOMs and where a product's components come from. */
export const ownershipRoutes: ApiRoute[] = [...registerRoutes, ...bomRoutes];
