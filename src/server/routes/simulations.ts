import { z } from 'zod';
import { compareScenarios, simulate, type SimulationResult as Result } from '../../engine/index.js';
import { loadScopedSnapshot } from '../../store/access/index.js';
import { getSavedScenario } from '../../store/scenarios.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { named, problems } from '../schemas.js';
import { SimulationResult } from './scenarios.js';

/** a saved scenario by name (and version: default the most recent), or a scenario document inline */
const CompareItem = z.union([
  z.object({ name: z.string().trim().min(1).max(128), version: z.string().trim().min(1).max(64).optional() }).strict(),
  z.object({ scenario: z.looseObject({}).describe('a scenario document as in docs/simulation.md') }).strict(),
]);
const Comparison = named(
  z.object({
    scenarios: z.array(z.object({ name: z.string(), version: z.string(), startDate: z.string(), horizonMonths: z.number().int() })),
    rows: z.array(
      z.object({
        metric: z.string(),
        label: z.string(),
        unit: z.string(),
        values: z.array(z.number().nullable()).describe('one per scenario, in the order given; null where the figure does not exist for it'),
        explanation: z.looseObject({ text: z.string() }),
      }),
    ),
  }),
  'ScenarioComparison',
);

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
  route({
    method: 'POST',
    path: '/simulations/compare',
    operationId: 'compareSimulations',
    access: 'simulations.run',
    tag: 'simulations',
    summary: 'Run two to six scenarios (saved, by name and version, or inline) over the same snapshot of your scope; one row per headline figure, one value per scenario (what `secure5g compare` prints; nothing is stored)',
    body: z.object({ scenarios: z.array(CompareItem).min(2).max(6) }),
    response: { 200: Comparison, ...problems(400, 401, 403, 404) },
    handler: async ({ body, caller }, { store }) => {
      // every scenario runs over one snapshot of the caller's scope, so the columns differ by the scenario alone
      const { snapshot, filter } = loadScopedSnapshot(store, caller.scope);
      const scoped = filter.memberState !== undefined || filter.operatorId !== undefined;
      const results: Result[] = [];
      for (const [i, item] of body.scenarios.entries()) {
        if ('scenario' in item) {
          results.push(simulate(snapshot, item.scenario as Parameters<typeof simulate>[1], { file: `request body, scenarios[${i}].scenario`, scoped }));
          continue;
        }
        const found = await getSavedScenario(store, item.name, item.version);
        if (!found) throw notFound(`saved scenario (scenarios[${i}]: ${item.name}${item.version ? `@${item.version}` : ''})`);
        results.push(simulate(snapshot, found.scenario, { file: `${found.saved.name}@${found.saved.version}`, scoped }));
      }
      return compareScenarios(results);
    },
  }),
];
