import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import * as access from '../../src/store/access/index.js';
import type { Scope } from '../../src/store/access/index.js';
import { openStore, type Store } from '../../src/store/index.js';

/*
 * The scoped store functions against a second method: plain SQL written here, per scope, over the
 * fixture inventory (test/fixtures/import).
 */
const FIX = join(import.meta.dirname, '..', 'fixtures', 'import');
let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-access-'));
  store = await openStore(join(dir, 'a.db'));
  for (const k of ['operators', 'suppliers', 'products', 'assets', 'designations'] as const) await importFile(store, k, join(FIX, `${k}.csv`));
  await importFile(store, 'policies', join(FIX, 'policies.json'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCOPES: [string, Scope, { ops: string; assets: string; designations: string }][] = [
  ['admin', { role: 'admin' }, { ops: '1=1', assets: '1=1', designations: '1=1' }],
  ['authority DE', { role: 'authority', memberState: 'DE' }, { ops: "member_state='DE'", assets: "operator_id IN (SELECT operator_id FROM operators WHERE member_state='DE')", designations: "member_state='DE'" }],
  ['operator OP-DE-2', { role: 'operator', memberState: 'DE', operatorId: 'OP-DE-2' }, { ops: "operator_id='OP-DE-2'", assets: "operator_id='OP-DE-2'", designations: "member_state='DE'" }],
  ['auditor FR', { role: 'auditor', memberState: 'FR' }, { ops: "member_state='FR'", assets: "operator_id IN (SELECT operator_id FROM operators WHERE member_state='FR')", designations: "member_state='FR'" }],
  ['union analyst', { role: 'union-analyst' }, { ops: '1=0', assets: '1=0', designations: '1=0' }],
];

const ids = (sql: string) => store.sqlite.prepare(sql).pluck().all() as string[];

describe('scoped reads equal plain SQL per scope', () => {
  for (const [name, scope, where] of SCOPES) {
    it(name, () => {
      expect(access.listOperators(store, scope).items.map((o) => o.operator_id)).toEqual(ids(`SELECT operator_id FROM operators WHERE ${where.ops} ORDER BY operator_id`));
      expect(access.listAssets(store, scope, { limit: 1000 }).items.map((a) => a.asset_id)).toEqual(ids(`SELECT asset_id FROM assets WHERE ${where.assets} ORDER BY asset_id`));
      expect(access.listAssets(store, scope).total).toBe(ids(`SELECT asset_id FROM assets WHERE ${where.assets}`).length);
      expect(access.listDesignations(store, scope).items.map((d) => d.designation_id)).toEqual(
        ids(`SELECT designation_id FROM designations WHERE ${where.designations} ORDER BY designation_id`),
      );
      for (const id of ids('SELECT asset_id FROM assets')) {
        const visible = ids(`SELECT asset_id FROM assets WHERE ${where.assets} AND asset_id = '${id}'`).length === 1;
        expect(access.getAsset(store, scope, id) !== undefined, `${name} ${id}`).toBe(visible);
      }
      expect(access.listPolicies(store, scope).map((p) => p.memberState)).toEqual(
        ids(`SELECT DISTINCT member_state FROM policies WHERE ${where.designations} ORDER BY member_state`),
      );
    });
  }
});

describe('scoped snapshot', () => {
  it("an authority's snapshot holds only its member state: operators, assets, designations, policies", () => {
    const { snapshot, filter } = access.loadScopedSnapshot(store, { role: 'authority', memberState: 'FR' });
    expect(filter).toEqual({ memberState: 'FR' });
    expect(snapshot.memberStates).toEqual(['FR']);
    expect(snapshot.operators.ids).toEqual(['OP-FR-1']);
    expect(snapshot.assets.ids).toEqual(['FR1-RAN-B']);
    expect(snapshot.designations.map((d) => d.designation_id)).toEqual(['D-FR-1']);
    expect([...snapshot.policies.keys()]).toEqual(['FR']);
  });

  it('refuses aggregate-only scopes', () => {
    expect(() => access.loadScopedSnapshot(store, { role: 'union-analyst' })).toThrow(access.Forbidden);
  });
});

describe('import scope check', () => {
  const check = (scope: Scope, kind: access.ScopedImportKind, rows: access.RowKeys[]) => () => access.assertImportInScope(store, scope, kind, 'f.csv', rows);
  it('accepts rows of the scope and refuses the first row outside it', () => {
    const de: Scope = { role: 'authority', memberState: 'DE' };
    expect(check(de, 'assets', [{ row: 1, id: 'NEW', operatorId: 'OP-DE-2' }])).not.toThrow();
    expect(check(de, 'assets', [{ row: 1, id: 'NEW', operatorId: 'OP-DE-2' }, { row: 2, id: 'N2', operatorId: 'OP-FR-1' }])).toThrow('f.csv, row 2, field operator_id');
    expect(check(de, 'assets', [{ row: 1, id: 'FR1-RAN-B', operatorId: 'OP-DE-1' }])).toThrow('f.csv, row 1, field asset_id');
    expect(check(de, 'operators', [{ row: 1, id: 'OP-FR-1', memberState: 'DE' }])).toThrow('field operator_id');
    expect(check(de, 'designations', [{ row: 1, id: 'D-X', memberState: 'FR' }])).toThrow('field member_state');
    expect(check({ role: 'admin' }, 'assets', [{ row: 1, id: 'X', operatorId: 'OP-FR-1' }])).not.toThrow();
  });
});
