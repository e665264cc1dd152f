import { createHash } from 'node:crypto';
import { Conflict, type Scenario } from '../domain/index.js';
import { appendAudit, type Actor } from './audit/index.js';
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

/** Different content under a name and version already saved: versions are immutable (the API answers 409). */
export class ScenarioVersionConflict extends Conflict {
  override name = 'ScenarioVersionConflict';
}

/**
 * Saves a validated scenario under its name and version. Saving the same content again changes nothing;
 * different content under an existing name and version is refused: versions are immutable. With an
 * actor, a new version is recorded in the audit trail in the same transaction (scenarios belong to no
 * member state or operator: the entry is one for whole-instance readers of the trail).
 */
export async function saveScenario(store: Store, scenario: Scenario, actor?: Actor): Promise<{ saved: SavedScenario; created: boolean }> {
  const sha256 = digest(scenario);
  const db = store.sqlite;
  return db.transaction(() => {
    const existing = db.prepare('SELECT * FROM scenarios WHERE name = ? AND version = ?').get(scenario.name, scenario.version) as ScenarioTable | undefined;
    if (existing) {
      if (existing.sha256 !== sha256)
        throw new ScenarioVersionConflict(`scenario ${scenario.name} version ${scenario.version} is already saved with other content: give it a new version`);
      return { saved: toSaved(existing), created: false };
    }
    const row: ScenarioTable = {
      name: scenario.name,
      version: scenario.version,
      description: scenario.description ?? null,
      document: toJsonColumn(scenario),
      sha256,
      saved_at: savedAt(),
    };
    db.prepare('INSERT INTO scenarios (name, version, description, document, sha256, saved_at) VALUES (@name, @version, @description, @document, @sha256, @saved_at)').run(row);
    if (actor)
      appendAudit(store, actor, { action: 'scenario.save', targetType: 'scenario', targetId: `${row.name}@${row.version}`, after: scenario, detail: { sha256 } });
    return { saved: toSaved(row), created: true };
  })();
}

let lastStamp = 0;
/** Strictly increasing within the process, so "the most recently saved version" is never a tie. */
function savedAt(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/** Saved scenarios (every version), by name and then in the order they were saved; `name` narrows to one scenario's versions. */
export async function listScenarios(store: Store, filter: { name?: string } = {}): Promise<SavedScenario[]> {
  let q = table(store).selectFrom('scenarios').selectAll();
  if (filter.name !== undefined) q = q.where('name', '=', filter.name);
  const rows = await q.orderBy('name').orderBy('saved_at').execute();
  return rows.map(toSaved);
}

/** A saved scenario by name, at a version or else the most recently saved one. */
export async function getScenario(store: Store, name: string, version?: string): Promise<Scenario | undefined> {
  return (await getSavedScenario(store, name, version))?.scenario;
}

/** getScenario with what the list shows about it (version, digest, when saved). */
export async function getSavedScenario(store: Store, name: string, version?: string): Promise<{ saved: SavedScenario; scenario: Scenario } | undefined> {
  let q = table(store).selectFrom('scenarios').selectAll().where('name', '=', name);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('saved_at', 'desc').executeTakeFirst();
  return row ? { saved: toSaved(row), scenario: fromJsonColumn<Scenario>(row.document, undefined as never) } : undefined;
}

function toSaved(r: ScenarioTable): SavedScenario {
  return { name: r.name, version: r.version, ...(r.description ? { description: r.description } : {}), sha256: r.sha256, savedAt: r.saved_at };
}
