import { z } from 'zod';
import { MEASURE_IDS } from '../../catalog/index.js';
import { RiskLevel } from '../../catalog/risk-model.js';
import { IMPLEMENTATION_STATUSES } from '../../domain/implementation.js';
import { Severity } from '../../domain/index.js';
import { MATRIX_STATUSES, type ImplementationMatrix } from '../../engine/implementation-matrix.js';
import { implementationMatrixAt } from '../../services/implementation-matrix.js';
import * as access from '../../store/access/index.js';
import type { Scope } from '../../store/access/index.js';
import { notFound, PROBLEM_TYPE, sendProblem } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { DateQuery, IdParam, named, problems, today } from '../schemas.js';
import { RETRY_AFTER_SECONDS } from '../services/dashboard.js';

/*
 * The Union view: one row per member state (store/access/union.ts), for the implementation matrix,
 * concentration and exposure, and what changed between two stored runs. The national instance makes the
 * rows from its own data; a Union instance will make the same rows from national bundles, behind the
 * same routes. Policy 'union.read': the whole instance, the union analyst and authorities (their own
 * member state's rows only); never an operator.
 */

const StatusCounts = z.object(Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof IMPLEMENTATION_STATUSES)[number], z.ZodNumber>);
const MatrixStatus = z.enum(MATRIX_STATUSES as [string, ...string[]]);
const MatrixCell = named(
  z.object({
    measure: z.enum(MEASURE_IDS),
    status: MatrixStatus,
    source: z.enum(['member-state', 'operators', 'none']).describe("member-state: its own row; operators: what its operators' rows add up to; none: nothing recorded"),
    operators: StatusCounts.describe('the operators of the member state by their current status for the measure'),
    recordedOn: z.string().optional(),
    dueDate: z.string().optional(),
    contradicted: z.object({ own: z.boolean(), operators: z.number().int(), findings: z.number().int() }).optional().describe('in-place declarations that findings of the measure contradict'),
  }),
  'MatrixCell',
);
const UnionMatrix = named(
  z.object({
    date: z.string(),
    measures: z.array(z.enum(MEASURE_IDS)),
    memberStates: z.array(z.string()),
    rows: z.array(z.object({ memberState: z.string(), cells: z.array(MatrixCell) })),
    union: z.array(z.object({ measure: z.enum(MEASURE_IDS), status: MatrixStatus, recordedOn: z.string().optional(), contradicted: z.object({ findings: z.number().int() }).optional() })),
    counts: z.record(z.string(), z.record(z.string(), z.number().int())).describe('per measure: how many of the rows shown stand at each status'),
  }),
  'UnionImplementationMatrix',
);
const ConcentrationFigure = z.object({
  segment: z.string(),
  hhi: z.number().describe('Herfindahl–Hirschman index on 0–10,000 over quantity shares'),
  suppliers: z.number().int(),
  topSupplierId: z.string(),
  topSupplierShare: z.number().describe('0–1'),
  quantity: z.number(),
});
const ExposureFigure = z.object({
  criticalExposure: z.number().describe('share (0–1) of critical quantity with designated suppliers'),
  sensitiveExposure: z.number().describe('share (0–1) of sensitive quantity with designated suppliers'),
  criticalQuantity: z.number(),
  sensitiveQuantity: z.number(),
  designatedCriticalQuantity: z.number(),
  designatedSensitiveQuantity: z.number(),
});
const FiguresMeta = { date: z.string().describe('the day the figures are assessed at'), generatedAt: z.string() };
const UnionConcentration = named(
  z.object({ ...FiguresMeta, memberStates: z.array(z.object({ memberState: z.string(), concentration: z.array(ConcentrationFigure) })) }),
  'UnionConcentration',
);
const UnionExposure = named(z.object({ ...FiguresMeta, memberStates: z.array(z.object({ memberState: z.string(), exposure: ExposureFigure })) }), 'UnionExposure');
const UnionRun = named(
  z.object({ assessmentId: z.string(), runAt: z.string(), date: z.string(), memberState: z.string().optional().describe('the member state the run was narrowed to; absent: the whole instance') }),
  'UnionRun',
);
const SeverityCounts = z.object(Object.fromEntries(Severity.options.map((s) => [s, z.number().int()])) as Record<z.infer<typeof Severity>, z.ZodNumber>);
const Levels = z.object({ level: RiskLevel, residualLevel: RiskLevel });
const UnionChanges = named(
  z.object({
    from: UnionRun,
    to: UnionRun,
    memberStates: z.array(
      z.object({
        memberState: z.string(),
        findings: z.object({
          before: z.number().int(),
          after: z.number().int(),
          added: z.number().int(),
          closed: z.number().int(),
          addedBySeverity: SeverityCounts,
          closedBySeverity: SeverityCounts,
        }),
        risks: z.array(z.object({ riskArea: z.string(), from: Levels.optional(), to: Levels.optional() })).describe('risk areas whose member-state level moved'),
      }),
    ),
    findings: z
      .array(z.object({ findingId: z.string(), change: z.enum(['added', 'closed']), memberState: z.string(), rule: z.string(), severity: Severity }))
      .optional()
      .describe('the findings added and closed (at most 500); absent for the union analyst, who reads aggregates only'),
    truncated: z.boolean().optional(),
  }),
  'UnionChanges',
);

/** The matrix narrowed to the member states in reach, its counts made again over the rows kept. */
export function matrixInScope(m: ImplementationMatrix, scope: Scope): Omit<ImplementationMatrix, 'rows'> & { rows: ImplementationMatrix['rows'] } {
  const rows = access.unionRowsInScope(scope, m.rows).map((r) => ({ ...r, cells: r.cells.map(({ evidence: _e, owner: _o, ...cell }) => cell) }));
  const counts = Object.fromEntries(
    m.measures.map((measure, i) => [measure, Object.fromEntries(MATRIX_STATUSES.map((s) => [s, rows.filter((r) => r.cells[i]!.status === s).length]))]),
  ) as ImplementationMatrix['counts'];
  return { ...m, memberStates: rows.map((r) => r.memberState), rows, counts };
}

const RunQuery = z.object({ from: IdParam.describe('the earlier run (GET /union/assessments)'), to: IdParam.describe('the later run') });

export const unionRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/union/implementation-matrix',
    operationId: 'getUnionImplementationMatrix',
    access: 'union.read',
    tag: 'union',
    summary: 'Member state × measure implementation status as of ?date, for the member states you reach (an authority: its own), with counts per measure',
    query: DateQuery,
    response: { 200: UnionMatrix, ...problems(400, 401, 403) },
    handler: async ({ query, caller }, { store }) => {
      const date = query.date ?? today();
      return { date, ...matrixInScope(await implementationMatrixAt(store, { date }), caller.scope) };
    },
  }),
  route({
    method: 'GET',
    path: '/union/concentration',
    operationId: 'getUnionConcentration',
    access: 'union.read',
    tag: 'union',
    summary: "Supplier concentration (HHI, top supplier's share) per segment of each member state you reach, from the dashboard's latest whole-instance assessment; 503 with Retry-After before the first one",
    response: { 200: UnionConcentration, ...problems(401, 403, 503) },
    handler: async ({ caller, request, reply }, { dashboard }) => {
      const l = await dashboard.latest();
      if (!l) return notReady(request, reply);
      const rows = access.unionRowsInScope(caller.scope, l.d.memberStates).map(({ memberState, concentration }) => ({ memberState, concentration }));
      return { date: l.d.date, generatedAt: l.d.generatedAt, memberStates: rows };
    },
  }),
  route({
    method: 'GET',
    path: '/union/exposure',
    operationId: 'getUnionExposure',
    access: 'union.read',
    tag: 'union',
    summary: 'Exposure to designated suppliers (critical and sensitive shares) of each member state you reach, from the same assessment as /union/concentration',
    response: { 200: UnionExposure, ...problems(401, 403, 503) },
    handler: async ({ caller, request, reply }, { dashboard }) => {
      const l = await dashboard.latest();
      if (!l) return notReady(request, reply);
      const rows = access.unionRowsInScope(caller.scope, l.d.memberStates).flatMap(({ memberState, exposure }) => (exposure ? [{ memberState, exposure }] : []));
      return { date: l.d.date, generatedAt: l.d.generatedAt, memberStates: rows };
    },
  }),
  route({
    method: 'GET',
    path: '/union/assessments',
    operationId: 'listUnionAssessments',
    access: 'union.read',
    tag: 'union',
    summary: 'Stored runs the Union view can compare, newest first (at most 100): whole-instance runs, and an authority also its own member state’s',
    response: { 200: z.object({ items: z.array(UnionRun) }), ...problems(401, 403) },
    handler: ({ caller }, { store }) => ({ items: access.listUnionRuns(store, caller.scope) }),
  }),
  route({
    method: 'GET',
    path: '/union/changes',
    operationId: 'getUnionChanges',
    access: 'union.read',
    tag: 'union',
    summary: 'What changed per member state you reach between two stored runs: findings added and closed, risk levels (inherent, residual) that moved',
    query: RunQuery,
    response: { 200: UnionChanges, ...problems(400, 401, 403, 404) },
    handler: ({ query, caller }, { store }) => {
      const c = access.unionChanges(store, caller.scope, query.from, query.to);
      if (!c) throw notFound('assessment');
      return c;
    },
  }),
];

function notReady(request: Parameters<typeof sendProblem>[1], reply: Parameters<typeof sendProblem>[0]) {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return sendProblem(reply, request, {
    type: PROBLEM_TYPE('dashboard-not-ready'),
    title: 'Service unavailable',
    status: 503,
    detail: `the figures are being computed for the first time since the server started; ask again in ${RETRY_AFTER_SECONDS} s`,
  });
}
