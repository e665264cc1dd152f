import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { IMPORT_KINDS, MAX_ERRORS, PREVIEW_ROWS, previewImport, type ImportKind } from '../../interchange/index.js';
import { IMPORT_JOB_STATUSES } from '../../store/access/import-jobs.js';
import { assertImportInScope, listImportLog, tenancyOf } from '../../store/access/index.js';
import type { Action } from '../policy.js';
import { HttpProblem, notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { XLSX_TYPE } from '../register-body.js';
import { IMPORT_CONTENT_TYPES, readRowKeys, saveUpload, submitImport, uploadPath } from '../services/imports.js';
import { IdParam, named, page, PageQuery, problems, today, UuidParam } from '../schemas.js';
import { IsoDate } from '../../domain/index.js';

/** Uploads up to 1 GiB: a Union-scale asset file is ~500 MB. */
export const IMPORT_BODY_LIMIT = 1024 ** 3;

const Job = named(z.object({
  jobId: z.string(),
  kind: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  createdBy: z.string(),
  bytes: z.number(),
  progress: z.object({ done: z.number(), total: z.number() }).optional().describe('bytes of the file read (rows for JSON documents)'),
  result: z
    .object({
      rows: z.number(),
      inserted: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      ms: z.number(),
      replacement: z
        .object({
          operatorId: z.string(),
          asOf: z.string(),
          dryRun: z.boolean().describe('true: nothing was written; the lists say what the import would change'),
          added: z.array(z.string()),
          updated: z.array(z.string()),
          unchanged: z.number(),
          decommissioned: z.array(z.string()).describe('ids taken out of service on asOf'),
        })
        .optional()
        .describe('a replacement import (?replace=true) of one operator\'s inventory'),
    })
    .optional(),
  error: z.string().optional().describe("the import's own error (file, row, field), or a plain statement such as 'interrupted by a server restart'"),
}), 'ImportJob');

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const FileQuery = z.object({ filename: z.string().max(200).optional().describe('the file name to show in errors and the import log') });
/** Assets only: a replacement of one operator's whole inventory (docs/api.md, Imports). */
const ReplaceQuery = FileQuery.extend({
  replace: Flag.optional().describe('true: the file is the whole inventory of operatorId; what it does not hold is decommissioned on asOf'),
  operatorId: IdParam.optional().describe('with replace: the operator whose inventory the file replaces'),
  asOf: IsoDate.optional().describe('with replace: the day the missing assets left service (default today; not after today)'),
  dryRun: Flag.optional().describe('with replace: check and count, write nothing'),
}).refine((q) => q.replace || (q.operatorId === undefined && q.asOf === undefined && q.dryRun === undefined), {
  message: 'operatorId, asOf and dryRun go with replace=true',
}).refine((q) => !q.replace || q.operatorId !== undefined, { message: 'replace=true needs operatorId', path: ['operatorId'] });

const Preview = named(z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  columns: z.array(z.string()).describe('the header as written (JSON: every key of the rows)'),
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()).describe('in the order of columns') })).describe(`the first ${PREVIEW_ROWS} rows as read, numbered as errors number them`),
  totalRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int().optional(), field: z.string().optional(), message: z.string() })).describe(`every problem found, up to ${MAX_ERRORS}; no row: the file as a whole`),
  truncated: z.boolean().describe(`more than ${MAX_ERRORS} problems: checking stopped there`),
}), 'ImportPreview');

const title = (kind: string) => `${kind[0]!.toUpperCase()}${kind.slice(1)}`;

/** The file's media type as an extension, or 415 (policies are JSON only). */
function uploadExtension(kind: ImportKind, contentType: string | undefined) {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const ext = IMPORT_CONTENT_TYPES[type];
  if (!ext || (kind === 'policies' && ext !== '.json'))
    throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', kind === 'policies' ? 'send application/json' : `send text/csv, application/json or ${XLSX_TYPE}`);
  return ext;
}

const submitRoutes: ApiRoute[] = IMPORT_KINDS.map((kind) =>
  route({
    method: 'POST',
    path: `/imports/${kind}`,
    operationId: `import${title(kind)}`,
    access: `imports.${kind}` as Action,
    tag: 'imports',
    summary:
      kind === 'assets'
        ? 'Import assets (body: the CSV, JSON or XLSX file itself); with replace=true the file replaces one operator\'s inventory, decommissioning what it does not hold (dryRun=true: counts and ids only); runs as a job'
        : kind === 'policies'
          ? 'Import policies (body: the JSON file itself, Content-Type application/json); runs as a job'
          : `Import ${kind} (body: the CSV, JSON or XLSX file itself, Content-Type text/csv, application/json or the XLSX media type); runs as a job`,
    query: kind === 'assets' ? ReplaceQuery : FileQuery,
    response: { 202: Job, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: kind === 'policies' ? ['application/json'] : Object.keys(IMPORT_CONTENT_TYPES),
    bodyLimit: IMPORT_BODY_LIMIT,
    async handler({ request, reply, caller, query }, ctx) {
      const ext = uploadExtension(kind, request.headers['content-type']);
      const { file, name } = uploadPath(ctx, kind, ext, query.filename);
      const saved = await saveUpload(request.body as Readable, file, IMPORT_BODY_LIMIT);
      const q = query as z.output<typeof ReplaceQuery>;
      const replace = q.replace ? { operatorId: q.operatorId!, asOf: q.asOf ?? today(), dryRun: q.dryRun === true } : undefined;
      const job = submitImport(ctx, kind, { file, name, ext, ...saved }, caller, replace);
      return reply.code(202).header('location', `/api/v1/imports/jobs/${job.jobId}`).send(job);
    },
  }),
);

/**
 * The dry run of an upload: read and checked as the import would, nothing written, the upload removed
 * at once. A scoped caller's rows are checked against its scope first, as the import's job does.
 */
const previewRoutes: ApiRoute[] = IMPORT_KINDS.map((kind) =>
  route({
    method: 'POST',
    path: `/imports/${kind}/preview`,
    operationId: `preview${title(kind)}Import`,
    access: `imports.${kind}` as Action,
    tag: 'imports',
    summary: `Preview an import of ${kind} (body: the file, as for the import): its first rows as read and every row error (row, field, message); nothing is written`,
    query: FileQuery,
    response: { 200: Preview, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: kind === 'policies' ? ['application/json'] : Object.keys(IMPORT_CONTENT_TYPES),
    bodyLimit: IMPORT_BODY_LIMIT,
    async handler({ request, caller, query }, ctx) {
      const ext = uploadExtension(kind, request.headers['content-type']);
      const { file, name } = uploadPath(ctx, kind, ext, query.filename);
      await saveUpload(request.body as Readable, file, IMPORT_BODY_LIMIT);
      try {
        if (tenancyOf(caller.scope).kind !== 'all' && kind !== 'suppliers' && kind !== 'products' && kind !== 'certificates') {
          const keys = await readRowKeys(kind, file, name, ext).catch(() => undefined);
          // a file its keys cannot be read from is refused by the preview itself, naming why
          if (keys) assertImportInScope(ctx.store, caller.scope, kind, name, keys);
        }
        return await previewImport(ctx.store, kind, file, name, ext);
      } finally {
        await rm(dirname(file), { recursive: true, force: true });
      }
    },
  }),
);

export const importRoutes: ApiRoute[] = [
  ...submitRoutes,
  ...previewRoutes,
  route({
    method: 'GET',
    path: '/imports/jobs',
    operationId: 'listImportJobs',
    // jobs queued during an import, and its progress, are rows inside its transaction on the server's connection
    readsPending: true,
    access: 'imports.read',
    tag: 'imports',
    summary: 'Import jobs started in your scope, newest first (kept across server restarts)',
    query: PageQuery.extend({ status: z.enum(IMPORT_JOB_STATUSES).optional() }),
    response: { 200: page(Job), ...problems(400, 401, 403) },
    handler: ({ caller, query }, { jobs }) => jobs.list(caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/imports/jobs/:jobId',
    operationId: 'getImportJob',
    // jobs queued during an import, and its progress, are rows inside its transaction on the server's connection
    readsPending: true,
    access: 'imports.read',
    tag: 'imports',
    summary: "An import job's status and result",
    params: z.object({ jobId: UuidParam }),
    response: { 200: Job, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { jobs }) => {
      const job = jobs.get(params.jobId, caller.scope);
      if (!job) throw notFound('import job');
      return job;
    },
  }),
  route({
    method: 'GET',
    path: '/imports',
    operationId: 'listImports',
    access: 'imports.read',
    tag: 'imports',
    summary: 'The import log (whole-instance scopes; it names files of every tenant)',
    response: { 200: z.object({ items: z.array(z.looseObject({ import_id: z.string() })) }) },
    handler: ({ caller }, { store }) => ({ items: listImportLog(store, caller.scope) }),
  }),
];
