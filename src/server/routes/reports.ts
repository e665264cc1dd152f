import { z } from 'zod';
import { assessmentToMarkdown, assessmentToText } from '../../report/assessment.js';
import { tenancyOf, type Scope } from '../../store/access/scope.js';
import { loadStoredAssessment } from '../../store/access/stored-assessment.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { problems, UuidParam } from '../schemas.js';

/*
 * Reports: a stored run rendered as the CLI renders `assess --format md|table`, over the rows the
 * caller's scope reaches. The scope line names the narrower of the run's filter and the caller's
 * tenancy, so a DE authority's report of a Union-wide run says "member state DE", which is what it holds.
 */

function reportFilter(scope: Scope, run: { memberState?: string; operatorId?: string }): { memberState?: string; operatorId?: string } {
  const t = tenancyOf(scope);
  if (t.kind === 'operator') return { memberState: t.memberState, operatorId: t.operatorId };
  if (t.kind === 'member-state') return { memberState: t.memberState, ...(run.operatorId ? { operatorId: run.operatorId } : {}) };
  return run;
}

export const reportRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/assessments/:assessmentId/report',
    operationId: 'getAssessmentReport',
    produces: ['text/markdown', 'text/plain'],
    access: 'findings.read',
    tag: 'reports',
    summary: "A stored run as a report (Markdown or plain text) in your scope: findings, risk scores, top recommendations, concentration and exposure",
    params: z.object({ assessmentId: UuidParam }),
    query: z.object({ format: z.enum(['md', 'text']).default('md') }),
    response: { 200: z.string().describe('text/markdown or text/plain'), ...problems(400, 401, 403, 404) },
    handler: ({ params, query, caller, reply }, { store }) => {
      const run = loadStoredAssessment(store, caller.scope, params.assessmentId);
      if (!run) throw notFound('assessment');
      const result = { ...run, filter: reportFilter(caller.scope, run.filter) };
      const extras = { assessmentId: run.assessmentId, risks: run.risks, recommendations: run.recommendations, contradictions: run.contradictions, ...(run.inputsHash ? { inputsHash: run.inputsHash } : {}) };
      const md = query.format === 'md';
      const name = `assessment-${run.date}-${run.assessmentId.slice(0, 8)}.${md ? 'md' : 'txt'}`;
      return reply
        .type(md ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('content-disposition', `inline; filename="${name}"`)
        .send(md ? assessmentToMarkdown(result, extras) : assessmentToText(result, extras));
    },
  }),
];
