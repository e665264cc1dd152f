import { z } from 'zod';
import { route, type ApiRoute } from '../route-table.js';
import { problems } from '../schemas.js';

export const dashboardRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/dashboard',
    access: 'dashboard.read',
    tag: 'dashboard',
    summary: 'Headline figures of your scope from the latest assessment of the whole inventory (as of today)',
    response: {
      200: z.looseObject({
        date: z.string(),
        scope: z.looseObject({ level: z.string() }),
        totals: z.looseObject({}),
        concentration: z.array(z.looseObject({})),
        exposure: z.array(z.looseObject({})),
        memberStates: z.array(z.looseObject({})),
      }),
      ...problems(401),
    },
    handler: async ({ caller, reply }, { dashboard }) =>
      reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-cache').send(await dashboard.json(caller.scope)),
  }),
];
