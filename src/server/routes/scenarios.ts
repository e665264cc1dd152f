import { z } from 'zod';
import { parseScenario } from '../../domain/index.js';
import { simulate } from '../../engine/index.js';
import { loadScopedSnapshot } from '../../store/access/index.js';
import { getSavedScenario, listScenarios, saveScenario } from '../../store/scenarios.js';
import { notFound } from '../plugins/problem.js';
import { route, type ApiRoute } from '../route-table.js';
import { named, page, PageQuery, problems } from '../schemas.js';

/*
 * Saved what-if scenarios: named, versioned, immutable documents (src/store/scenarios.ts). They hold no
 * inventory rows; a simulation of one runs, like POST /simulations, over a snapshot narrowed to the
 * caller's scope, so its result holds nothing from outside it.
 */

const Saved = named(z.object({ name: z.string(), version: z.string(), description: z.string().optional(), sha256: z.string(), savedAt: z.string() }), 'SavedScenario');
/** a scenario name as saved (trimmed text, up to 128 characters); percent-encode it in the path */
const NameParams = z.object({ name: z.string().trim().min(1).max(128) });
const VersionQuery = z.object({ version: z.string().trim().min(1).max(64).optional().describe('default: the most recently saved version') });
export const SimulationResult = named(z.looseObject({ scenario: z.looseObject({}), totals: z.looseObject({}) }), 'SimulationResult');

export const scenarioRoutes: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/scenarios',
    operationId: 'listScenarios',
    access: 'scenarios.read',
    tag: 'scenarios',
    summary: 'Saved scenarios, every version, by name and then in the order they were saved',
    query: PageQuery.extend({ name: z.string().trim().min(1).max(128).optional().describe("one scenario's versions") }),
    response: { 200: page(Saved), ...problems(400, 401, 403) },
    handler: async ({ query }, { store }) => {
      const all = await listScenarios(store, { name: query.name });
      return { items: all.slice(query.offset, query.offset + query.limit), total: all.length, limit: query.limit, offset: query.offset };
    },
  }),
  route({
    method: 'GET',
    path: '/scenarios/:name',
    operationId: 'getScenario',
    access: 'scenarios.read',
    tag: 'scenarios',
    summary: 'A saved scenario: the most recent version, or ?version=',
    params: NameParams,
    query: VersionQuery,
    response: { 200: Saved.extend({ scenario: z.looseObject({}) }), ...problems(400, 401, 403, 404) },
    handler: async ({ params, query }, { store }) => {
      const found = await getSavedScenario(store, params.name, query.version);
      if (!found) throw notFound('saved scenario');
      return { ...found.saved, scenario: found.scenario };
    },
  }),
  route({
    method: 'POST',
    path: '/scenarios',
    operationId: 'saveScenario',
    access: 'scenarios.write',
    tag: 'scenarios',
    summary: 'Save a scenario under its name and version (audited): 201 saved, 200 the same content was saved already, 409 other content under that version',
    body: z.looseObject({}).describe('a scenario document as in docs/simulation.md'),
    response: { 200: Saved, 201: Saved, ...problems(400, 401, 403, 409) },
    handler: async ({ body, caller, reply }, { store }) => {
      const scenario = parseScenario(body, 'request body'); // names the first bad field
      // other content under a saved version: ScenarioVersionConflict, answered 409
      const { saved, created } = await saveScenario(store, scenario, caller.actor);
      const location = `/api/v1/scenarios/${encodeURIComponent(saved.name)}?version=${encodeURIComponent(saved.version)}`;
      return reply.code(created ? 201 : 200).header('location', location).send(saved);
    },
  }),
  route({
    method: 'POST',
    path: '/scenarios/:name/simulations',
    operationId: 'simulateScenario',
    access: 'simulations.run',
    tag: 'scenarios',
    summary: 'Simulate a saved scenario (the most recent version, or ?version=) over the inventory of your scope; nothing is stored',
    params: NameParams,
    query: VersionQuery,
    response: { 200: SimulationResult, ...problems(400, 401, 403, 404) },
    handler: async ({ params, query, caller }, { store }) => {
      const found = await getSavedScenario(store, params.name, query.version);
      if (!found) throw notFound('saved scenario');
      // the snapshot holds only the caller's operators and member state: nothing else can reach the result
      const { snapshot, filter } = loadScopedSnapshot(store, caller.scope);
      // a scope's snapshot: what the scenario names beyond it is left out with a note, not refused
      const scoped = filter.memberState !== undefined || filter.operatorId !== undefined;
      return simulate(snapshot, found.scenario, { file: `${found.saved.name}@${found.saved.version}`, scoped });
    },
  }),
];
