import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_POLICY, defaultDesignationScope, resolvePolicy } from '../../src/catalog/index.js';
import { camelKeys, cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'policies');
const V1 = join(EXAMPLES, 'national-policy-2026.1.json');
const V2 = join(EXAMPLES, 'national-policy-2026.2.json');

let t: ReturnType<typeof tempDb>;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());
const file = (name: string, doc: unknown) => {
  const p = join(t.dir, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
};

describe('secure5g policy …', () => {
  it('validate: ok lines and warnings; errors with their paths and exit 2; json lists both', async () => {
    const ok = await cli('policy', 'validate', V1);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, 'ok: national-policy-2026.1.json, row 1: DE version 2026.1\n', '']);
    const warned = await cli('policy', 'validate', file('w.json', { member_state: 'FR', version: '1', thresholds: { national_hhi: 10000 } }));
    expect(warned.stdout).toBe('ok: w.json, row 1: FR version 1\nwarning: w.json, row 1, field thresholds.national_hhi: 10000 flags nothing: an HHI cannot exceed 10,000\n');
    const bad = file('bad.json', [{ member_state: 'FR', version: '1' }, { member_state: 'FR', version: '2', criticality_overrides: [{ segment: 'ran', function: 'AMF', criticality: 'other' }], caps: [{ cap_id: 'X', segment: 'ran', scope: 'operator', designation_kinds: ['high-risk'], max_share: 1.5 }] }]);
    const r = await cli('policy', 'validate', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: bad.json: 2 errors, nothing imported:\n' +
        '  bad.json, row 2, field caps[0].max_share: must be between 0 and 1\n' +
        '  bad.json, row 2, field criticality_overrides[0].function: "AMF" belongs to segment core, not ran\n',
    );
    const j = await cli('policy', 'validate', bad, '--format', 'json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toEqual({
      file: 'bad.json',
      valid: false,
      policies: [
        { row: 1, memberState: 'FR', version: '1', valid: true, errors: [], warnings: [] },
        {
          row: 2,
          memberState: null,
          version: null,
          valid: false,
          errors: [
            { path: 'caps[0].max_share', message: 'must be between 0 and 1' },
            { path: 'criticality_overrides[0].function', message: '"AMF" belongs to segment core, not ran' },
          ],
          warnings: [],
        },
      ],
    });
  });

  it('import (through `import policies`), list, show and show --effective', async () => {
    await importSmallNetwork(t.db);
    expect((await cli('import', 'policies', V1, '--db', t.db)).code).toBe(0);
    expect((await cli('import', 'policies', V2, '--db', t.db)).code).toBe(0);
    // a changed document under a stored version is refused
    const changed = file('changed.json', { member_state: 'DE', version: '2026.1' });
    const refused = await cli('import', 'policies', changed, '--db', t.db);
    expect([refused.code, refused.stderr]).toEqual([2, 'error: changed.json, row 1, field version: policy DE version "2026.1" is stored already with other content: versions are immutable, give the new content a new version\n']);

    const list = JSON.parse((await cli('policy', 'list', '--format', 'json', '--db', t.db)).stdout);
    expect(list.map((v: { memberState: string; version: string; inForce: boolean }) => [v.memberState, v.version, v.inForce])).toEqual([
      ['DE', '2026.1', false],
      ['DE', '2026.2', true],
    ]);
    const table = (await cli('policy', 'list', '--member-state', 'DE', '--db', t.db)).stdout.split('\n');
    expect(table[0]).toMatch(/^member state\s+version\s+stored\s+in force\s+states$/);
    expect(table[3]).toMatch(/^DE\s+2026\.2\s+\S+\s+yes\s+thresholds, criticality_overrides/);

    const shown = JSON.parse((await cli('policy', 'show', 'DE', '--format', 'json', '--db', t.db)).stdout);
    expect([shown.version, shown.inForce, shown.policy.caps[0].maxShare]).toEqual(['2026.2', true, 0.25]);
    const older = JSON.parse((await cli('policy', 'show', 'de', '--version', '2026.1', '--format', 'json', '--db', t.db)).stdout);
    expect([older.version, older.inForce, older.policy.caps.length]).toEqual(['2026.1', false, 2]);

    // effective: the baseline where the policy is silent (interconnection NESAS), the national value elsewhere
    const eff = JSON.parse((await cli('policy', 'show', 'DE', '--effective', '--format', 'json', '--db', t.db)).stdout);
    expect(eff).toMatchObject({ memberState: 'DE', version: '2026.2', operatorTopSupplierShare: 0.5, nationalHhi: 4000, defaultTransitionMonths: 24 });
    expect(eff.requiredCertifications).toEqual({ core: ['NESAS'], ran: ['NESAS', 'EUCC'], interconnection: ['NESAS'], management: ['EUCC'], transport: ['EUCC'] });
    const effText = (await cli('policy', 'show', 'DE', '--effective', '--db', t.db)).stdout;
    expect(effText).toMatch(/^DE: effective policy, national version 2026\.2 over the secure5g default \(not an EU rule\)\n/);
    expect(effText).toMatch(/requiredCertifications\.interconnection \(TM09\)\s+secure5g default\s+NESAS\n/);
    expect(effText).toMatch(/operatorTopSupplierShare \(SM05\)\s+national\s+0\.5\n/);

    // a member state without a national policy: the baseline, and a clear refusal for the document itself
    const fr = JSON.parse((await cli('policy', 'show', 'FR', '--effective', '--format', 'json', '--db', t.db)).stdout);
    expect(fr).toEqual({ ...camelKeys(JSON.parse(JSON.stringify(BASELINE_POLICY))), memberState: 'FR' });
    const none = await cli('policy', 'show', 'FR', '--db', t.db);
    expect([none.code, none.stderr]).toEqual([2, 'error: FR has no national policy: the secure5g default (not an EU rule) applies (see: secure5g policy show FR --effective)\n']);
  });

  it('diff: two stored versions, the baseline, or two files', async () => {
    await cli('import', 'policies', V1, '--db', t.db);
    await cli('import', 'policies', V2, '--db', t.db);
    const d = JSON.parse((await cli('policy', 'diff', 'DE', '2026.1', '2026.2', '--format', 'json', '--db', t.db)).stdout);
    // 2026.2 = 2026.1 with SM05 0.6 → 0.5, transport certification EUCC added, RAN-35 tightened and moved, the national transport cap dropped
    expect(d.changes.map((c: { field: string }) => c.field)).toEqual(['operatorTopSupplierShare', 'requiredCertifications.transport', 'caps.RAN-35', 'caps.TRANSPORT-NATIONAL-50']);
    const files = JSON.parse((await cli('policy', 'diff', V1, V2, '--format', 'json')).stdout);
    expect(files).toEqual(d);
    const text = (await cli('policy', 'diff', 'DE', '2026.1', '2026.2', '--db', t.db)).stdout;
    expect(text.split('\n')[0]).toBe('DE: 2026.1 → 2026.2, 4 change(s) in the effective policy');
    expect(text).toContain('SM05 threshold 0.60 → 0.50: operator segments whose top supplier holds more than 50 % are now flagged (before: more than 60 %; stricter)');
    const fromBaseline = JSON.parse((await cli('policy', 'diff', 'DE', 'baseline', '2026.1', '--format', 'json', '--db', t.db)).stdout);
    expect(fromBaseline.from).toBe('baseline');
    expect(fromBaseline.changes[0]).toMatchObject({ field: 'operatorTopSupplierShare', before: 0.7, after: 0.6 });
    const missing = await cli('policy', 'diff', 'DE', '2026.1', '2030.1', '--db', t.db);
    expect([missing.code, missing.stderr]).toEqual([2, 'error: DE has no policy version "2030.1" (stored: 2026.1, 2026.2; "baseline" names the secure5g default (not an EU rule))\n']);
  });

  it('baseline: the secure5g default as JSON and as a table, named as the project\'s own', async () => {
    const j = await cli('policy', 'baseline', '--format', 'json');
    expect(JSON.parse(j.stdout)).toEqual(camelKeys(JSON.parse(JSON.stringify(BASELINE_POLICY))));
    const text = (await cli('policy', 'baseline')).stdout;
    expect(text).toMatch(/^secure5g default \(not an EU rule\): the project's reasoned defaults/);
    expect(text).not.toContain('EU baseline');
    expect(text).toMatch(/operatorTopSupplierShare \(SM05\)\s+0\.7\n/);
    expect(text).toMatch(/restrictionScopes\.high-risk\s+key-assets\n/);
    expect((await cli('policy', 'baseline', '--format', 'xml')).code).toBe(2);
  });
});

describe('defaultDesignationScope', () => {
  it("is the policy's restriction scope for the kind, a copy", () => {
    const base = resolvePolicy('DE');
    const scope = defaultDesignationScope(base, 'high-risk');
    expect(scope).toEqual(['key-assets']);
    scope.push('core');
    expect(BASELINE_POLICY.restrictionScopes['high-risk']).toEqual(['key-assets']);
    const national = resolvePolicy('DE', { member_state: 'DE', version: '1', thresholds: {}, criticality_overrides: [], required_certifications: {}, restriction_scopes: { restricted: ['core', 'ran'] } });
    expect(defaultDesignationScope(national, 'restricted')).toEqual(['core', 'ran']);
    expect(defaultDesignationScope(national, 'high-risk')).toEqual(['key-assets']);
  });
});
