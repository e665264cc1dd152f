import { z } from 'zod';
import { CATALOG, catalogToJson } from '../../catalog/index.js';
import { catalogToOscal } from '../../interchange/oscal-catalog.js';
import { route, type ApiRoute } from '../route-table.js';

// both documents are the same for everyone and never change while the server runs
let oscal: string | undefined;
let plain: string | undefined;

export const catalogRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/catalog',
    operationId: 'getCatalog',
    access: 'catalog.read',
    tag: 'catalog',
    summary: 'The EU framework as data: measures, risk areas, segments, criteria, links',
    response: { 200: z.looseObject({}) },
    handler: ({ reply }) => reply.type('application/json; charset=utf-8').send((plain ??= JSON.stringify(catalogToJson(CATALOG)))),
  }),
  route({
    method: 'GET',
    path: '/exports/catalog.oscal.json',
    operationId: 'exportCatalogOscal',
    access: 'catalog.read',
    tag: 'exports',
    summary: 'The catalogue as an OSCAL 1.2.1 catalog',
    response: { 200: z.looseObject({ catalog: z.looseObject({}) }) },
    handler: ({ reply }) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="secure5g-catalog-${CATALOG.version}.oscal.json"`)
        .send((oscal ??= JSON.stringify(catalogToOscal(CATALOG)))),
  }),
];
