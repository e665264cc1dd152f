import { z } from 'zod';
import { MetricOut, RiskScoreOut, StoredFindingOut } from '../assessment-schemas.js';
import { IsoDate, MemberStateCode, Severity } from '../../domain/index.js';
import * as access from '../../store/access/index.js';
import { notFound } from '../plugins/problem.js';
import { runAssessment, saveAssessmentRun } from '../../services/assessment-run.js';
import { listContradictions, listRecommendations, listRisks } from '../../store/access/assessment-risks.js';
import { MEASURE_IDS } from '../../catalog/measures.js';
import { loadStoredAssessment, resolveAssessmentRef } from '../../store/access/stored-assessment.js';
import { RiskLevel } from '../../catalog/risk-model.js';
import { RISK_AREA_IDS } from '../../catalog/risk-areas.js';
import { route, type ApiRoute } from '../route-table.js';
import { findingsCsv } from '../services/exports.js';
import { compareAssessments } from '../../services/assessment-compare.js';
import { diffToMarkdown } from '../../report/assessment-runs.js';
import { UserError } from '../../domain/index.js';
import { IdParam, named, page, PageQuery, problems, UuidParam } from '../schemas.js';

const Header = named(z.object({
  assessmentId: z.string(),
  runAt: z.string(),
  date: z.string(),
  catalogVersion: z.string(),
  filter: z.object({ memberState: z.string().optional(), operatorId: z.string().optional() }),
  findings: z.number().int().describe('findings of this run in your scope'),
  bySeverity: z.record(z.string(), z.number()),
}), 'AssessmentSummary');
const FindingOut = StoredFindingOut;
const FindingQuery = PageQuery.extend({
  severity: Severity.optional(),
  rule: z.enum(['SM03', 'SM03-CAP', 'SM05', 'SM06', 'TM07', 'TM09']).optional(),
  memberState: MemberStateCode.optional(),
  operatorId: IdParam.optional(),
  segment: IdParam.optional(),
  supplierId: IdParam.optional(),
});
const AssessmentParams = z.object({ assessmentId: UuidParam });
const ContradictionOut = named(
  z
    .looseObject({
      measure: z.string(),
      scope: z.enum(['union', 'member-state', 'operator']).describe('the scope of the declaring row'),
      memberState: z.string().optional(),
      operatorId: z.string().optional(),
      declared: z.looseObject({ status: z.literal('in-place'), recordedOn: z.string(), evidence: z.string().optional(), owner: z.string().optional() }),
      findings: z.number().int().describe('open findings of the measure inside the scope'),
      affectedQuantity: z.number(),
      findingIds: z.array(z.string()).describe('the first 20, in the run order'),
      explanation: z.looseObject({ text: z.string() }),
    })
    .describe('A measure declared in place at a scope that holds findings of the same measure (docs/risk-model.md)'),
  'Contradiction',
);
/** a stored run named as the CLI names it: `latest`, `previous`, a whole id or the start of one */
const RunRef = z.string().regex(/^(latest|previous|[0-9a-fA-F-]{4,36})$/, 'is not latest, previous or (the start of) an assessment id');

const header = (store: Parameters<typeof access.getAssessment>[0], scope: access.Scope, id: string) => {
  const h = access.getAssessment(store, scope, id);
  if (!h) throw notFound('assessment');
  return h;
};

const latest = (store: Parameters<typeof access.getAssessment>[0], scope: access.Scope) => {
  const id = access.latestAssessmentId(store, scope);
  if (!id) throw notFound('assessment: run one first (POST /api/v1/assessments)');
  return id;
};

export const assessmentRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/assessments',
    operationId: 'runAssessment',
    access: 'assessments.run',
    tag: 'assessments',
    summary: 'Assess the inventory of your scope as of a date, with risk scores R1–R9 and recommendations, and store the result with its inputs hash (audited)',
    body: z.object({ date: IsoDate.optional().describe('default: today') }).default({}),
    response: { 201: Header, ...problems(400, 401, 403) },
    handler: async ({ body, caller, reply }, { store }) => {
      const date = body.date ?? new Date().toISOString().slice(0, 10);
      // the inventory in service on the assessment's date, narrowed to the scope
      const { snapshot, filter } = access.loadScopedSnapshot(store, caller.scope, date);
      // the same run as `secure5g assess`: findings, risks and recommendations over the scoped snapshot
      const run = await runAssessment(store, { date, ...filter }, { snapshot });
      const id = saveAssessmentRun(store, caller.actor, run, caller.scope.memberState);
      return reply.code(201).header('location', `/api/v1/assessments/${id}`).send(access.getAssessment(store, caller.scope, id));
    },
  }),
  route({
    method: 'GET',
    path: '/assessments',
    operationId: 'listAssessments',
    access: 'assessments.read',
    tag: 'assessments',
    summary: 'Stored assessment runs that cover your scope, newest first',
    query: PageQuery,
    response: { 200: page(Header), ...problems(400, 401, 403) },
    handler: ({ query, caller }, { store }) => access.listAssessments(store, caller.scope, query),
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId',
    operationId: 'getAssessment',
    access: 'assessments.read',
    tag: 'assessments',
    summary: 'One stored run, with the counts of its findings in your scope',
    params: AssessmentParams,
    response: { 200: Header, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => header(store, caller.scope, params.assessmentId),
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/findings',
    operationId: 'listAssessmentFindings',
    access: 'findings.read',
    tag: 'assessments',
    summary: "A stored run's findings in your scope",
    params: AssessmentParams,
    query: FindingQuery,
    response: { 200: page(FindingOut), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      header(store, caller.scope, params.assessmentId);
      return access.listFindings(store, caller.scope, params.assessmentId, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/metrics',
    operationId: 'listAssessmentMetrics',
    access: 'assessments.read',
    tag: 'assessments',
    summary: "A stored run's concentration and exposure rows in your scope, with explanations",
    params: AssessmentParams,
    query: PageQuery.extend({ kind: z.enum(['concentration', 'exposure']).optional(), scopeLevel: z.enum(['union', 'member-state', 'operator']).optional() }),
    response: { 200: page(MetricOut), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      header(store, caller.scope, params.assessmentId);
      return access.listMetrics(store, caller.scope, params.assessmentId, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/risks',
    operationId: 'listAssessmentRisks',
    access: 'assessments.read',
    tag: 'assessments',
    summary: "A stored run's risk scores R1–R9 in your scope: inherent and residual, with drivers and arithmetic",
    params: AssessmentParams,
    query: PageQuery.extend({
      memberState: MemberStateCode.optional(),
      operatorId: IdParam.optional(),
      riskArea: z.enum(RISK_AREA_IDS).optional(),
      residualLevel: RiskLevel.optional(),
    }),
    response: { 200: page(RiskScoreOut), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      header(store, caller.scope, params.assessmentId);
      return listRisks(store, caller.scope, params.assessmentId, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/contradictions',
    operationId: 'listAssessmentContradictions',
    access: 'assessments.read',
    tag: 'assessments',
    summary: "A stored run's contradictions in your scope: measures declared in place where the run's findings of the same measure lie",
    params: AssessmentParams,
    query: PageQuery.extend({ memberState: MemberStateCode.optional(), operatorId: IdParam.optional(), measure: z.enum(MEASURE_IDS).optional() }),
    response: {
      200: page(ContradictionOut),
      ...problems(400, 401, 403, 404),
    },
    handler: ({ params, query, caller }, { store }) => {
      header(store, caller.scope, params.assessmentId);
      return listContradictions(store, caller.scope, params.assessmentId, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/recommendations',
    operationId: 'listAssessmentRecommendations',
    access: 'assessments.read',
    tag: 'assessments',
    summary: "A stored run's recommendations in your scope, each measure with the effect found by re-scoring",
    params: AssessmentParams,
    query: PageQuery.extend({ memberState: MemberStateCode.optional(), operatorId: IdParam.optional(), targetKind: z.enum(['finding', 'risk']).optional() }),
    response: { 200: page(z.looseObject({})), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller }, { store }) => {
      header(store, caller.scope, params.assessmentId);
      return listRecommendations(store, caller.scope, params.assessmentId, query);
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:a/diff/:b',
    operationId: 'compareAssessments',
    produces: ['application/json', 'text/markdown'],
    access: 'assessments.read',
    tag: 'assessments',
    summary: 'What changed between two stored runs A and B in your scope, and which recorded input moved (what `secure5g assess --diff A B` prints)',
    params: z.object({ a: RunRef, b: RunRef }),
    query: z.object({ format: z.enum(['json', 'md']).default('json') }),
    response: { 200: z.looseObject({ a: z.looseObject({}), b: z.looseObject({}), summary: z.array(z.string()) }), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller, reply }, { store }) => {
      const [a, b] = [params.a, params.b].map((ref) => {
        let id: string;
        try {
          id = resolveAssessmentRef(store, caller.scope, ref);
        } catch (e) {
          // an ambiguous prefix is the caller's to fix; anything else is a run the scope does not see
          if (e instanceof UserError && e.message.includes('more than one')) throw e;
          throw notFound(`assessment ${ref}`);
        }
        return loadStoredAssessment(store, caller.scope, id)!;
      });
      const comparison = compareAssessments(a!, b!);
      if (query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(diffToMarkdown(comparison));
      return comparison;
    },
  }),
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/export',
    operationId: 'exportAssessment',
    produces: ['application/json', 'text/csv'],
    access: 'findings.read',
    tag: 'exports',
    summary: "Export a stored run's findings in your scope as JSON or CSV",
    params: AssessmentParams,
    query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
    response: { 200: z.string().describe('JSON document or CSV text'), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller, reply }, { store }) => {
      const h = header(store, caller.scope, params.assessmentId);
      const findings = access.iterateFindings(store, caller.scope, params.assessmentId);
      const base = `assessment-${h.date}-${h.assessmentId.slice(0, 8)}`;
      if (query.format === 'csv')
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base}.csv"`).send(findingsCsv(findings));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}.json"`)
        .send(JSON.stringify({ assessment: h, findings: [...findings], metrics: access.allMetrics(store, caller.scope, params.assessmentId) }));
    },
  }),
  route({
    method: 'GET',
    path: '/findings',
    operationId: 'listFindings',
    access: 'findings.read',
    tag: 'findings',
    summary: 'Findings in your scope from the newest stored run you can see',
    query: FindingQuery,
    response: { 200: page(FindingOut).extend({ assessmentId: z.string() }), ...problems(400, 401, 403, 404) },
    handler: ({ query, caller }, { store }) => {
      const id = latest(store, caller.scope);
      return { assessmentId: id, ...access.listFindings(store, caller.scope, id, query) };
    },
  }),
  route({
    method: 'GET',
    path: '/findings/:findingId',
    operationId: 'getFinding',
    access: 'findings.read',
    tag: 'findings',
    summary: 'One finding of the newest stored run you can see',
    params: z.object({ findingId: z.string().min(1).max(512) }),
    response: { 200: FindingOut, ...problems(401, 403, 404) },
    handler: ({ params, caller }, { store }) => {
      const f = access.getFinding(store, caller.scope, latest(store, caller.scope), params.findingId);
      if (!f) throw notFound('finding');
      return f;
    },
  }),
];
