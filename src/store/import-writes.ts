import { randomUUID } from 'node:crypto';
import { recordDesignationRevisions } from './designation-history.js';
import { citedProfileKey } from './designation-rows.js';
import { defaultTransitionMonths } from './effective-policy.js';
import type { Store } from './open.js';

/*
 * The small synchronous reads and writes an import makes inside its transaction (raw statements on
 * the same connection, so they belong to it). Plain SQL that PostgreSQL reads the same way.
 */

export interface ReferenceData {
  operators: Set<string>;
  suppliers: Set<string>;
  productSupplier: Map<string, string>;
  designations: {
    transitionMonths: Record<string, number>;
    profileSuppliers: Record<string, string>;
  };
}

export function referenceData(store: Store): ReferenceData {
  const db = store.sqlite;
  return {
    operators: new Set(db.prepare('SELECT operator_id FROM operators').pluck().all() as string[]),
    suppliers: new Set(db.prepare('SELECT supplier_id FROM suppliers').pluck().all() as string[]),
    productSupplier: new Map(
      (db.prepare('SELECT product_id, supplier_id FROM products').raw().all() as [string, string][]).map(([p, s]) => [p, s]),
    ),
    designations: {
      transitionMonths: defaultTransitionMonths(store),
      // keyed by the keeping member state too: a designation row may cite only its own member state's profiles
      profileSuppliers: Object.fromEntries(
        (db.prepare('SELECT member_state, profile_id, version, supplier_id FROM profiles').raw().all() as [string, string, number, string][]).map(([ms, p, v, s]) => [
          citedProfileKey(ms, p, Number(v)),
          s,
        ]),
      ),
    },
  };
}

export interface ImportLogEntry {
  kind: string;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  sha256: string | null;
  startedAt: string;
  finishedAt: string;
  /** who designation revisions name (the signed-in user of an API upload); default `import` */
  actor?: string;
}

/**
 * Logs an import; runs inside the import's transaction, just before it commits. A designations import
 * also records a history revision for every designation it created or changed, in that transaction.
 */
export function recordImport(store: Store, e: ImportLogEntry): string {
  if (e.kind === 'designations') recordDesignationRevisions(store, { actor: e.actor ?? 'import', source: `import ${e.file}` });
  const id = randomUUID();
  store.sqlite
    .prepare(
      'INSERT INTO imports (import_id, kind, file, rows, inserted, updated, unchanged, sha256, started_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
    )
    .run(id, e.kind, e.file, e.rows, e.inserted, e.updated, e.unchanged, e.sha256, e.startedAt, e.finishedAt);
  return id;
}

let lastStamp = 0;
/** ISO timestamps that strictly increase within the process, so "latest" is never a tie. */
export function importTimestamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}
