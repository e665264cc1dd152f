import { z } from 'zod';
import { simulate } from '../../engine/index.js';
import { loadScopedSnapshot } from '../../store/access/index.js';
import { route, type ApiRoute } from '../route-table.js';
import { problems } from '../schemas.js';
import { SimulationResult } from './scenarios.js';

export const simulationRoutes: ApiRoute[] = [
  route({
    method: 'POST',
    path: '/simulations',
    operationId: 'runSimulation',
    access: 'simulations.run',
    tag: 'simulations',
    summary: 'Run a what-if scenario over the inventory of your scope and get the result (nothing is stored)',
    body: z.looseObject({}).describe('a scenario document as in docs/simulation.md'),
    response: { 200: SimulationResult, ...problems(400, 401, 403) },
    handler: ({ body, caller }, { store }) => {
      // the snapshot holds only the caller's operators and member state: nothing else can reach the result
      const { snapshot, filter } = loadScopedSnapshot(store, caller.scope);
      // a scope's snapshot: what the scenario names beyond it is left out with a note, not refused
      const scoped = filter.memberState !== undefined || filter.operatorId !== undefined;
      return simulate(snapshot, body as Parameters<typeof simulate>[1], { file: 'request body', scoped }); // simulate() validates it
    },
  }),
];
