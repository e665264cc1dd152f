import { z } from 'zod';
import { Asset, Criticality, IsoDate, MemberStateCode, Operator, OPERATOR_KINDS, Product, SEGMENT_IDS, Severity, Supplier } from '../../domain/index.js';
import * as access from '../../store/access/index.js';
import type { AssetSort } from '../../store/access/index.js';
import { Readable } from 'node:stream';
import { CSV_COLUMNS, csvLine } from '../../demo/csv.js';
import { ExplanationOut } from '../assessment-schemas.js';
import { notFound, PROBLEM_TYPE, sendProblem } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { DEEP_OFFSET, MAX_WAITING_READS, READ_RETRY_AFTER_SECONDS } from '../services/read-worker.js';
import { DateQuery, IdParam, named, page, PageQuery, problems, today } from '../schemas.js';

const CertificateOut = named(
  z
    .object({
      kind: z.enum(['record', 'label']).describe('record: an imported certificate; label: a plain label of the products file that no record of its scheme backs'),
      scheme: z.string(),
      productId: z.string(),
      supplierId: z.string(),
      certificateId: z.string().optional(),
      issuer: z.string().optional(),
      versions: z.array(z.string()).optional().describe('software versions covered; empty: every version'),
      validFrom: z.string().optional(),
      validUntil: z.string().optional(),
      standing: z.enum(['valid', 'expired', 'not-yet-valid', 'unverified']).describe('on ?date; a label is unverified'),
    })
    .describe('A certificate of a product: a record with its validity, or an unverified label'),
  'Certificate',
);

/** The asset filters of the list and the export; the sort is a whitelist of columns (store/access/inventory.ts). */
const AssetFilterQuery = z.object({
  operatorId: IdParam.optional(),
  memberState: MemberStateCode.optional(),
  segment: z.enum(SEGMENT_IDS).optional(),
  function: IdParam.optional().describe('a function id of the catalogue (gNB, AMF, …)'),
  supplierId: IdParam.optional(),
  productId: IdParam.optional(),
  criticality: Criticality.optional().describe("as the engine derives it from segment and function under the policy in force in the asset's member state"),
  sort: z.enum(Object.keys(access.ASSET_SORT_COLUMNS) as [AssetSort, ...AssetSort[]]).optional().describe('the column to order by; default assetId'),
  order: z.enum(['asc', 'desc']).optional().describe('default asc'),
});

/** A stored finding as the asset page lists it */
const FindingBriefOut = z.object({
  id: z.string(),
  rule: z.string(),
  measure: z.string(),
  severity: Severity,
  level: z.enum(['union', 'member-state', 'operator']).optional(),
  memberState: z.string(),
  operatorId: z.string().optional(),
  segment: z.string().optional(),
  supplierId: z.string().optional(),
  productId: z.string().optional(),
  affectedQuantity: z.number(),
  assetCount: z.number().int(),
  deadline: z.string().optional(),
  explanation: ExplanationOut,
});

const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw notFound(what);
  return value;
};

export const inventoryRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/operators',
    operationId: 'listOperators',
    access: 'operators.read',
    tag: 'inventory',
    summary: 'Operators in your scope',
    query: PageQuery.extend({ memberState: MemberStateCode.optional(), kind: z.enum(OPERATOR_KINDS).optional(), q: z.string().max(100).optional() }),
    response: { 200: page(Operator), ...problems(400, 401, 403) },
    handler: ({ query, caller }, { store }) => access.listOperators(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/operators/:operatorId',
    operationId: 'getOperator',
    access: 'operators.read',
    tag: 'inventory',
    summary: 'One operator',
    params: z.object({ operatorId: IdParam }),
    response: { 200: Operator, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => found(access.getOperator(store, caller.scope, params.operatorId), 'operator'),
  }),
  route({
    method: 'GET',
    path: '/suppliers',
    operationId: 'listSuppliers',
    access: 'suppliers.read',
    tag: 'inventory',
    summary: 'Suppliers (reference data, visible to every role)',
    query: PageQuery.extend({ hqCountry: z.string().length(2).toUpperCase().optional(), q: z.string().max(100).optional() }),
    response: { 200: page(Supplier), ...problems(400, 401) },
    handler: ({ query, caller }, { store }) => access.listSuppliers(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/suppliers/:supplierId',
    operationId: 'getSupplier',
    access: 'suppliers.read',
    tag: 'inventory',
    summary: 'One supplier',
    params: z.object({ supplierId: IdParam }),
    response: { 200: Supplier, ...problems(401, 404) },
    handler: ({ params, caller }, { store }) => found(access.getSupplier(store, caller.scope, params.supplierId), 'supplier'),
  }),
  route({
    method: 'GET',
    path: '/products',
    operationId: 'listProducts',
    access: 'products.read',
    tag: 'inventory',
    summary: 'Products (reference data, visible to every role)',
    query: PageQuery.extend({ supplierId: IdParam.optional(), function: IdParam.optional() }),
    response: { 200: page(Product), ...problems(400, 401) },
    handler: ({ query, caller }, { store }) => access.listProducts(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/products/:productId',
    operationId: 'getProduct',
    access: 'products.read',
    tag: 'inventory',
    summary: 'One product',
    params: z.object({ productId: IdParam }),
    response: { 200: Product, ...problems(401, 404) },
    handler: ({ params, caller }, { store }) => found(access.getProduct(store, caller.scope, params.productId), 'product'),
  }),
  route({
    method: 'GET',
    path: '/certificates',
    operationId: 'listCertificates',
    access: 'certificates.read',
    tag: 'inventory',
    summary: 'Certificates of products (reference data, visible to every role): imported records with their standing at ?date, then plain labels no record backs (unverified)',
    query: PageQuery.extend(DateQuery.shape).extend({ productId: IdParam.optional(), scheme: z.string().max(64).optional() }),
    response: { 200: page(CertificateOut), ...problems(400, 401) },
    handler: ({ query, caller }, { store }) => access.listCertificates(store, caller.scope, { ...query, date: query.date ?? today() }),
  }),
  route({
    method: 'GET',
    path: '/assets',
    operationId: 'listAssets',
    access: 'assets.read',
    tag: 'inventory',
    summary:
      'Assets in your scope a page at a time, by asset id or by ?sort (ties broken by asset id): by offset, or (by asset id) after the `next` id of the page before (cheap at any depth). ' +
      'Offsets from 10,000 are read one at a time off the server thread; while 8 wait, another is answered 503 with Retry-After',
    query: PageQuery.extend(AssetFilterQuery.shape).extend({
      after: IdParam.optional().describe('the rows after this asset id: the `next` of the page before (with the default order only)'),
    }),
    response: { 200: page(Asset).extend({ next: z.string().optional().describe('ask for the following page with after=next; absent on the last page') }), ...problems(400, 401, 403, 503) },
    // a deep OFFSET steps over every row before the page: off the server thread, so other requests do not wait for it
    handler: ({ query, caller, request, reply }, { store, offload }) => {
      if (query.after !== undefined || (query.offset ?? 0) < DEEP_OFFSET) return access.listAssets(store, caller.scope, query);
      if (offload.full) {
        reply.header('retry-after', String(READ_RETRY_AFTER_SECONDS));
        return sendProblem(reply, request, {
          type: PROBLEM_TYPE('deep-pages-busy'),
          title: 'Service unavailable',
          status: 503,
          detail: `pages this deep (offset ${DEEP_OFFSET} and more) are read one at a time and ${MAX_WAITING_READS} are waiting; ask again in ${READ_RETRY_AFTER_SECONDS} s, or page by asset id with after=`,
        });
      }
      return offload.run('listAssets', caller.scope, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assets/export',
    operationId: 'exportAssets',
    produces: ['text/csv'],
    access: 'assets.read',
    tag: 'exports',
    summary: 'Every asset in your scope passing the filters, as CSV in the import format (docs/data-formats.md), by asset id; streamed',
    query: AssetFilterQuery.omit({ sort: true, order: true }),
    response: { 200: z.string().describe('CSV text, header line first'), ...problems(400, 401, 403) },
    handler: ({ query, caller, reply }, { store }) => {
      const batches = access.assetBatches(store, caller.scope, query);
      async function* lines() {
        yield CSV_COLUMNS.assets.join(',') + '\n';
        for (const batch of batches) {
          yield batch.map((a) => csvLine(a as unknown as Record<string, unknown>, CSV_COLUMNS.assets)).join('');
          // between batches, let other requests in: a Union-scale export takes a while
          await new Promise((r) => setImmediate(r));
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="assets-${today()}.csv"`)
        .send(Readable.from(lines()));
    },
  }),
  route({
    method: 'GET',
    path: '/assets/:assetId/context',
    operationId: 'getAssetContext',
    access: 'assets.read',
    tag: 'inventory',
    summary: "What the asset page shows beside the asset: its criticality with the derivation, and the findings of the newest run you can see that name it",
    params: z.object({ assetId: IdParam }),
    response: {
      200: z.object({
        criticality: z.object({ level: Criticality, explanation: ExplanationOut }),
        assessmentId: z.string().optional().describe('the run the findings are from; absent when no run is visible'),
        findings: z.array(FindingBriefOut),
      }),
      ...problems(401, 403, 404),
    },
    handler: ({ params, caller }, { store }) => {
      const asset = found(access.getAsset(store, caller.scope, params.assetId), 'asset');
      const criticality = found(access.assetCriticality(store, caller.scope, asset), 'asset');
      const { assessmentId, findings } = access.assetFindings(store, caller.scope, asset);
      return { criticality, ...(assessmentId ? { assessmentId } : {}), findings };
    },
  }),
  route({
    method: 'GET',
    path: '/assets/:assetId',
    operationId: 'getAsset',
    access: 'assets.read',
    tag: 'inventory',
    summary: 'One asset',
    params: z.object({ assetId: IdParam }),
    response: { 200: Asset, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => found(access.getAsset(store, caller.scope, params.assetId), 'asset'),
  }),
  route({
    method: 'POST',
    path: '/assets/decommission',
    operationId: 'decommissionAssets',
    access: 'assets.decommission',
    tag: 'inventory',
    summary:
      'Take assets of your scope out of service on a date (audited; all or none). They stay in the history: an assessment dated before that day still counts them',
    body: z.object({
      assetIds: z.array(IdParam).min(1).max(10_000).describe('ids of assets in service in your scope'),
      date: IsoDate.optional().describe('the day they left service; default today; not after today'),
    }),
    response: {
      200: z.object({ date: z.string(), ids: z.array(z.string()).describe('the assets taken out of service') }),
      ...problems(400, 401, 403),
    },
    handler: ({ body, caller }, { store, dashboard }) => {
      const done = access.decommissionInScope(store, caller.scope, caller.actor, body.assetIds, body.date ?? today());
      dashboard.invalidate();
      return done;
    },
  }),
];

export { found };
