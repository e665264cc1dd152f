import { DashboardOut } from '../assessment-schemas.js';
import { PROBLEM_TYPE, sendProblem } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { problems } from '../schemas.js';
import { RETRY_AFTER_SECONDS } from '../services/dashboard.js';

export const dashboardRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/dashboard',
    operationId: 'getDashboard',
    access: 'dashboard.read',
    tag: 'dashboard',
    summary:
      'Headline figures of your scope from the latest assessment of the whole inventory (as of today). While it is recomputed after a ' +
      'write, the previous figures are answered with `x-dashboard-stale: 1`; before the first result exists, 503 with Retry-After',
    response: {
      // the answer is JSON text cut in advance (services/dashboard-views.ts): this schema describes it, nothing re-serialises it
      200: DashboardOut,
      ...problems(401, 503),
    },
    handler: async ({ caller, request, reply }, { dashboard }) => {
      const answer = await dashboard.answer(caller.scope);
      if (!answer) {
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(reply, request, {
          type: PROBLEM_TYPE('dashboard-not-ready'),
          title: 'Service unavailable',
          status: 503,
          detail: `the dashboard is being computed for the first time since the server started; ask again in ${RETRY_AFTER_SECONDS} s`,
        });
      }
      if (answer.stale) reply.header('x-dashboard-stale', '1');
      return reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-cache').send(answer.text);
    },
  }),
];
