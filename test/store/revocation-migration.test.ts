import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { designationHistory, getStoredDesignation } from '../../src/store/designations.js';
import { openStore, type Store } from '../../src/store/index.js';

/*
 * Migration 0011 on a database written before it: revoked designations get `revoked_on` from the
 * revision that revoked them when the one before shows them in force and effective by then, recorded as
 * a revision of its own. By hand:
 *   D-1 in force from 2025-01-01, revoked 2026-05-01         → revoked_on 2026-05-01, revision 3 by `migration`
 *   D-2 proposed, revoked 2026-05-01                          → none (never counted)
 *   D-3 in force from 2026-06-01, revoked 2026-05-01 (before) → none (never counted)
 *   D-4 revoked by a file import (no date)                    → none
 */

let dir: string;
let store: Store;

const designation = (id: string, status: string, effective = '2025-01-01') => ({
  designation_id: id,
  member_state: 'DE',
  supplier_id: 'SUP-1',
  kind: 'high-risk',
  segments: ['ran'],
  legal_basis: 'Fictional Act',
  effective_date: effective,
  transition_months: 12,
  status,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-m0011-'));
  const file = join(dir, 'old.db');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) }); // eslint-disable-line @typescript-eslint/no-explicit-any -- the schema as it was before 0011
  const migrated = await new Migrator({ db, provider: migrationProvider }).migrateTo('0010_operator_facts');
  expect(migrated.error).toBeUndefined();
  await db.insertInto('suppliers').values({ supplier_id: 'SUP-1', name: 'Fictional Radio', hq_country: 'XA' }).execute();
  type Revision = { change: string; status: string; changeDate: string | null; effective: string };
  const histories: Record<string, Revision[]> = {
    'D-1': [
      { change: 'created', status: 'in-force', changeDate: null, effective: '2025-01-01' },
      { change: 'revoked', status: 'revoked', changeDate: '2026-05-01', effective: '2025-01-01' },
    ],
    'D-2': [
      { change: 'created', status: 'proposed', changeDate: null, effective: '2025-01-01' },
      { change: 'revoked', status: 'revoked', changeDate: '2026-05-01', effective: '2025-01-01' },
    ],
    'D-3': [
      { change: 'created', status: 'in-force', changeDate: null, effective: '2026-06-01' },
      { change: 'revoked', status: 'revoked', changeDate: '2026-05-01', effective: '2026-06-01' },
    ],
    'D-4': [
      { change: 'created', status: 'in-force', changeDate: null, effective: '2025-01-01' },
      { change: 'revoked', status: 'revoked', changeDate: null, effective: '2025-01-01' },
    ],
  };
  for (const [id, history] of Object.entries(histories)) {
    const last = history[history.length - 1]!;
    const d = designation(id, last.status, last.effective);
    await db.insertInto('designations').values({ ...d, segments: JSON.stringify(d.segments) }).execute();
    for (const [n, h] of history.entries())
      await db
        .insertInto('designation_history')
        .values({
          designation_id: id,
          revision: n + 1,
          change: h.change,
          designation: JSON.stringify(designation(id, h.status, h.effective)),
          change_date: h.changeDate,
          recorded_at: '2026-05-02T00:00:00.000Z',
          actor: 'cli',
          source: 'test',
        })
        .execute();
  }
  await db.destroy();
  store = await openStore(file);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0011 on revoked designations stored before it', () => {
  it('dates the revocation of one that was in force, as a revision of its own', () => {
    expect(getStoredDesignation(store, 'D-1')?.revoked_on).toBe('2026-05-01');
    const h = designationHistory(store, 'D-1');
    expect(h.map((r) => [r.revision, r.change, r.actor, r.designation.revoked_on])).toEqual([
      [1, 'created', 'cli', undefined],
      [2, 'revoked', 'cli', undefined],
      [3, 'amended', 'migration', '2026-05-01'],
    ]);
    expect(h[2]!.source).toBe('migration 0011: revoked_on from revision 2');
  });

  it('leaves the ones that never counted, or whose revocation has no date, without', () => {
    for (const id of ['D-2', 'D-3', 'D-4']) {
      expect(getStoredDesignation(store, id)?.revoked_on, id).toBeUndefined();
      expect(designationHistory(store, id), id).toHaveLength(2);
    }
  });
});
