import { createHash } from 'node:crypto';
import { UserError, type Scenario } from '../domain/index.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';

interface ScenarioTable {
  name: string;
  version: string;
  description: string | null;
  document: string;
  sha256: string;
  saved_at: string;
}

export interface SavedScenario {
  name: string;
  version: string;
  description?: string;
  sha256: string;
  savedAt: string;
}

const table = (store: Store) => store.db.withTables<{ scenarios: ScenarioTable }>();

// Key order is fixed by the schema's parse, so the JSON text is canonical enough to fingerprint.
const digest = (scenario: Scenario) => createHash('sha256').update(JSON.stringify(scenario)).digest('hex');

/**
 * Saves a validated scenario under its name and version. Saving the same content again changes nothing;
 * different content under an existing name and version is refused: versions are immutable.
 */
export async function saveScenario(store: Store, scenario: Scenario): Promise<{ saved: SavedScenario; created: boolean }> {
  const sha256 = digest(scenario);
  const existing = await table(store)
    .selectFrom('scenarios')
    .selectAll()
    .where('name', '=', scenario.name)
    .where('version', '=', scenario.version)
    .executeTakeFirst();
  if (existing) {
    if (existing.sha256 !== sha256)
      throw new UserError(`scenario ${scenario.name} version ${scenario.version} is already saved with other content: give it a new version`);
    return { saved: toSaved(existing), created: false };
  }
  const row: ScenarioTable = {
    name: scenario.name,
    version: scenario.version,
    description: scenario.description ?? null,
    document: toJsonColumn(scenario),
    sha256,
    saved_at: new Date().toISOString(),
  };
  await table(store).insertInto('scenarios').values(row).execute();
  return { saved: toSaved(row), created: true };
}

export async function listScenarios(store: Store): Promise<SavedScenario[]> {
  const rows = await table(store).selectFrom('scenarios').selectAll().orderBy('name').orderBy('saved_at').execute();
  return rows.map(toSaved);
}

/** A saved scenario by name, at a version or else the most recently saved one. */
export async function getScenario(store: Store, name: string, version?: string): Promise<Scenario | undefined> {
  let q = table(store).selectFrom('scenarios').select('document').where('name', '=', name);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('saved_at', 'desc').executeTakeFirst();
  return row ? fromJsonColumn<Scenario>(row.document, undefined as never) : undefined;
}

function toSaved(r: ScenarioTable): SavedScenario {
  return { name: r.name, version: r.version, ...(r.description ? { description: r.description } : {}), sha256: r.sha256, savedAt: r.saved_at };
}
