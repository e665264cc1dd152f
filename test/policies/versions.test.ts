import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { validatePolicy } from '../../src/interchange/policy-validate.js';
import { importFile } from '../../src/interchange/index.js';
import { putPolicy } from '../../src/store/access/writes.js';
import { getPolicyVersion, listPolicyVersions, PolicyVersionConflict, policyVersionStatus, storePolicyVersion } from '../../src/store/policies.js';
import { loadSnapshot } from '../../src/store/index.js';
import { tempStore } from '../interchange/helpers.js';

type T = Awaited<ReturnType<typeof tempStore>>;
let t: T;
beforeEach(async () => (t = await tempStore()));
afterEach(async () => t.cleanup());

const V1 = { member_state: 'FR', version: 'v1', thresholds: { national_hhi: 4000 } };
const policiesRows = () => t.store.sqlite.prepare('SELECT member_state, version, document FROM policies ORDER BY member_state, imported_at').all();
const auditActions = () => t.store.sqlite.prepare('SELECT action, target_id FROM audit_log ORDER BY seq').all();

describe('one version rule for every writer: a stored (member state, version) is immutable', () => {
  it('through the importer: same content is unchanged, other content under a stored version is refused, nothing half-written', async () => {
    expect(await importFile(t.store, 'policies', t.file('a.json', JSON.stringify(V1)))).toMatchObject({ rows: 1, inserted: 1, unchanged: 0 });
    // the same document, keys in another order and the member state in lower case: the same content
    const same = t.file('b.json', JSON.stringify({ thresholds: { national_hhi: 4000 }, version: 'v1', member_state: 'fr' }));
    expect(await importFile(t.store, 'policies', same)).toMatchObject({ rows: 1, inserted: 0, updated: 0, unchanged: 1 });
    const before = policiesRows();
    // a file with a new version (fine) and a changed v1 (refused): the whole file is refused
    const changed = t.file('c.json', JSON.stringify([{ member_state: 'FR', version: 'v2' }, { ...V1, thresholds: { national_hhi: 3500 } }]));
    await expect(importFile(t.store, 'policies', changed)).rejects.toThrow(
      'c.json, row 2, field version: policy FR version "v1" is stored already with other content: versions are immutable, give the new content a new version',
    );
    expect(policiesRows()).toEqual(before);
  });

  it('through the store function: inserted, then unchanged, then a conflict; the latest stored is in force', () => {
    const v1 = validatePolicy(V1);
    expect(policyVersionStatus(t.store, v1)).toBe('new');
    expect(storePolicyVersion(t.store, v1).status).toBe('inserted');
    expect(policyVersionStatus(t.store, v1)).toBe('unchanged');
    expect(storePolicyVersion(t.store, v1)).toMatchObject({ status: 'unchanged', stored: { version: 'v1', inForce: true } });
    const other = validatePolicy({ ...V1, default_transition_months: 12 });
    expect(policyVersionStatus(t.store, other)).toBe('conflict');
    expect(() => storePolicyVersion(t.store, other)).toThrow(PolicyVersionConflict);
    storePolicyVersion(t.store, validatePolicy({ member_state: 'FR', version: 'v2', thresholds: { national_hhi: 3000 } }));
    expect(listPolicyVersions(t.store, 'FR').map((v) => [v.version, v.inForce])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
    expect(getPolicyVersion(t.store, 'FR')?.version).toBe('v2');
    expect(getPolicyVersion(t.store, 'FR', 'v1')?.policy.thresholds.national_hhi).toBe(4000);
    expect(getPolicyVersion(t.store, 'FR', 'v9')).toBeUndefined();
    // the engine applies the one in force
    expect(loadSnapshot(t.store).policies.get('FR')!.nationalHhi).toBe(3000);
  });

  it('through the API write: same rule, the audit entry only when a version is stored, semantic errors as a validation error', () => {
    const admin = { role: 'authority' as const, memberState: 'FR' };
    const actor = { name: 'authority-fr' };
    expect(putPolicy(t.store, admin, actor, 'FR', { member_state: 'FR', version: 'v1', thresholds: { national_hhi: 4000 } })).toMatchObject({ memberState: 'FR', version: 'v1' });
    // the same content again: a no-op, no second audit entry
    expect(putPolicy(t.store, admin, actor, 'FR', { member_state: 'FR', version: 'v1', thresholds: { national_hhi: 4000 } }).version).toBe('v1');
    expect(auditActions()).toEqual([{ action: 'policy.create', target_id: 'FR@v1' }]);
    expect(() => putPolicy(t.store, admin, actor, 'FR', { member_state: 'FR', version: 'v1' })).toThrow(PolicyVersionConflict);
    // a semantic error comes back as a validation error (the API answers 400 with each path)
    let error: unknown;
    try {
      putPolicy(t.store, admin, actor, 'FR', { member_state: 'FR', version: 'v2', criticality_overrides: [{ function: 'XYZ', criticality: 'critical' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path, i.message])).toEqual([[['criticality_overrides', 0, 'function'], '"XYZ" is not a function of the catalogue']]);
    expect(policiesRows()).toHaveLength(1);
  });

  it('the importer and the API share the rule in both directions', async () => {
    await importFile(t.store, 'policies', t.file('a.json', JSON.stringify(V1)));
    const scope = { role: 'admin' as const };
    expect(() => putPolicy(t.store, scope, { name: 'admin' }, 'FR', { member_state: 'FR', version: 'v1' })).toThrow(/stored already with other content/);
    putPolicy(t.store, scope, { name: 'admin' }, 'FR', { member_state: 'FR', version: 'v2' });
    await expect(importFile(t.store, 'policies', t.file('b.json', JSON.stringify({ member_state: 'FR', version: 'v2', default_transition_months: 6 })))).rejects.toThrow(
      /b\.json, row 1, field version: policy FR version "v2" is stored already/,
    );
    expect(await importFile(t.store, 'policies', t.file('c.json', JSON.stringify({ member_state: 'FR', version: 'v2' })))).toMatchObject({ unchanged: 1 });
  });
});
