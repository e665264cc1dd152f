import type { Readable } from 'node:stream';
import { z } from 'zod';
import { IMPORT_KINDS } from '../../interchange/index.js';
import { IMPORT_JOB_STATUSES } from '../../store/access/import-jobs.js';
import { listImportLog } from '../../store/access/index.js';
import type { Action } from '../policy.js';
import { HttpProblem, notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { IMPORT_CONTENT_TYPES, saveUpload, submitImport, uploadPath } from '../services/imports.js';
import { named, page, PageQuery, problems, UuidParam } from '../schemas.js';

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
  result: z.object({ rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), ms: z.number() }).optional(),
  error: z.string().optional().describe("the import's own error (file, row, field), or a plain statement such as 'interrupted by a server restart'"),
}), 'ImportJob');

const submitRoutes: ApiRoute[] = IMPORT_KINDS.map((kind) =>
  route({
    method: 'POST',
    path: `/imports/${kind}`,
    operationId: `import${kind[0]!.toUpperCase()}${kind.slice(1)}`,
    access: `imports.${kind}` as Action,
    tag: 'imports',
    summary: `Import ${kind} (body: the CSV or JSON file itself, Content-Type text/csv or application/json); runs as a job`,
    query: z.object({ filename: z.string().max(200).optional().describe('the file name to show in errors and the import log') }),
    response: { 202: Job, ...problems(400, 401, 403, 413, 415) },
    rawBody: true,
    consumes: kind === 'policies' ? ['application/json'] : Object.keys(IMPORT_CONTENT_TYPES),
    bodyLimit: IMPORT_BODY_LIMIT,
    async handler({ request, reply, caller, query }, ctx) {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const ext = IMPORT_CONTENT_TYPES[type];
      if (!ext || (kind === 'policies' && ext !== '.json'))
        throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', kind === 'policies' ? 'send application/json' : 'send text/csv or application/json');
      const { file, name } = uploadPath(ctx, kind, ext, query.filename);
      const saved = await saveUpload(request.body as Readable, file, IMPORT_BODY_LIMIT);
      const job = submitImport(ctx, kind, { file, name, ext, ...saved }, caller);
      return reply.code(202).header('location', `/api/v1/imports/jobs/${job.jobId}`).send(job);
    },
  }),
);

export const importRoutes: ApiRoute[] = [
  ...submitRoutes,
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
