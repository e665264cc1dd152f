import { z } from 'zod';
import { Implementation } from '../../domain/implementation.js';
import { ScreeningCase } from '../../domain/screening.js';
import { parseRecords } from '../../interchange/records.js';
import { IMPLEMENTATION_COLUMNS, implementationTemplate } from '../../services/implementation-import.js';
import { SCREENING_COLUMNS } from '../../services/screening-import.js';
import * as access from '../../store/access/tracking.js';
import * as screening from '../../store/access/screening-writes.js';
import { BODY_LIMIT, FileQuery, fromImportErrors, registerBody, REGISTER_TYPES, XLSX_TYPE } from '../register-body.js';
import { route, type ApiRoute } from '../route-table.js';
import { problems } from '../schemas.js';

/*
 * The registers an authority keeps in a spreadsheet, uploaded as the file itself: implementation status
 * (the template `secure5g implementation template` writes, or GET /implementation/template) and
 * investment-screening cases. CSV, JSON or XLSX, read as the CLI's `implementation import` and
 * `screening import` read a file, so a bad row is named by row and field and nothing is written; the
 * scope checks and the audit entry are those of the single-row writes (src/store/access/tracking.ts).
 */

const Obj = z.looseObject({});
const CONTENT = `text/csv, application/json or ${XLSX_TYPE}`;

export const registerUploadRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/implementation/upload',
    operationId: 'uploadImplementationRegister',
    access: 'implementation.write',
    tag: 'implementation',
    summary: `Record an implementation register (body: the file itself, ${CONTENT}) in one transaction (audited); your scope's rows only`,
    query: FileQuery,
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: [...REGISTER_TYPES, XLSX_TYPE],
    bodyLimit: BODY_LIMIT,
    handler: async ({ request, reply, query, caller }, { store, dashboard }) => {
      const body = await registerBody(request, 'implementation', query.filename, { xlsx: true });
      const rows = fromImportErrors(() => parseRecords(body.file, body, Implementation, { known: IMPLEMENTATION_COLUMNS }), body.json);
      const at = (i: number) => (body.json ? ['items', rows[i]!.row - 1] : [`row ${rows[i]!.row}`]);
      const s = await access.recordImplementations(store, caller.scope, caller.actor, rows.map((r) => r.value), at);
      if (s.inserted > 0) dashboard.invalidate();
      return reply.code(s.inserted > 0 ? 201 : 200).send({ ...s, file: body.file });
    },
  }),
  route({
    method: 'GET',
    path: '/implementation/template',
    operationId: 'getImplementationTemplate',
    produces: [XLSX_TYPE, 'text/csv'],
    access: 'implementation.read',
    tag: 'implementation',
    summary: 'An empty implementation register to fill in: XLSX with drop-down lists and a sheet explaining each column, or CSV',
    query: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    response: { 200: z.string().describe(`${XLSX_TYPE} or text/csv`), ...problems(400, 401, 403) },
    handler: async ({ query, reply }) =>
      reply
        .type(query.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="implementation-template.${query.format}"`)
        .send(await implementationTemplate(query.format)),
  }),
  route({
    method: 'POST',
    path: '/screening-cases/upload',
    operationId: 'uploadScreeningRegister',
    access: 'screening.write',
    tag: 'screening',
    summary: `Record a register of screening cases (body: the file itself, ${CONTENT}): new cases added, changed ones revised, in one transaction (audited)`,
    query: FileQuery,
    response: { 200: Obj, 201: Obj, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: [...REGISTER_TYPES, XLSX_TYPE],
    bodyLimit: BODY_LIMIT,
    handler: async ({ request, reply, query, caller }, { store }) => {
      const body = await registerBody(request, 'screening-cases', query.filename, { xlsx: true });
      const rows = fromImportErrors(() => parseRecords(body.file, body, ScreeningCase, { known: SCREENING_COLUMNS }), body.json);
      const s = await screening.recordScreeningRegister(store, caller.scope, caller.actor, rows, body.file);
      return reply.code(s.inserted > 0 ? 201 : 200).send(s);
    },
  }),
];
