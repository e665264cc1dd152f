import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../src/catalog/index.js';
import { diffEffectivePolicies, diffPolicies } from '../../src/engine/policy-diff.js';
import { validatePolicy } from '../../src/interchange/policy-validate.js';

const V1 = validatePolicy({ member_state: 'DE', version: '2025.1' });
const CAP = { cap_id: 'RAN-35', segment: 'ran', scope: 'operator', designation_kinds: ['high-risk'], max_share: 0.35, from: '2027-01-01' } as const;
const V2 = validatePolicy({
  member_state: 'DE',
  version: '2026.1',
  thresholds: { operator_top_supplier_share: 0.6 },
  criticality_overrides: [
    { function: 'RU', criticality: 'critical' },
    { function: 'CSR', criticality: 'sensitive' },
  ],
  required_certifications: { ran: ['NESAS', 'EUCC'], core: [] },
  default_transition_months: 24,
  restriction_scopes: { 'high-risk': ['core', 'ran'] },
  caps: [CAP],
});

describe('diffPolicies: changes of the effective policy, each with what it does', () => {
  it('lists a known set of changes between two versions, field by field', () => {
    const d = diffPolicies(V1, V2);
    expect([d.memberState, d.from, d.to]).toEqual(['DE', '2025.1', '2026.1']);
    expect(d.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['operatorTopSupplierShare', 0.7, 0.6],
      ['criticality.ran.RU', 'sensitive', 'critical'],
      ['criticality.transport.CSR', 'other', 'sensitive'],
      ['requiredCertifications.core', ['NESAS'], []],
      ['requiredCertifications.ran', ['NESAS'], ['EUCC', 'NESAS']],
      ['defaultTransitionMonths', 36, 24],
      ['restrictionScopes.high-risk', ['key-assets'], ['core', 'ran']],
      ['caps.RAN-35', null, CAP],
    ]);
    const why = Object.fromEntries(d.changes.map((c) => [c.field, c.explanation]));
    expect(why.operatorTopSupplierShare).toBe(
      'SM05 threshold 0.70 → 0.60: operator segments whose top supplier holds more than 60 % are now flagged (before: more than 70 %; stricter)',
    );
    // RU stays a key asset (sensitive → critical); only TM09 starts to check it
    expect(why['criticality.ran.RU']).toBe('RU (ran) sensitive → critical: TM09 now checks its certifications');
    expect(why['criticality.transport.CSR']).toMatch(/^CSR \(transport\) other → sensitive: now a key asset/);
    expect(why['requiredCertifications.core']).toBe('TM09: critical core assets need no certification any more (before: NESAS)');
    expect(why['requiredCertifications.ran']).toBe('TM09: critical ran assets must now carry EUCC, NESAS (adds EUCC)');
    expect(why.defaultTransitionMonths).toBe('designations recorded without their own transition now get 24 months to phase out (before: 36)');
    expect(why['restrictionScopes.high-risk']).toBe('a high-risk designation that states no scope now restricts core, ran (before: key-assets)');
    expect(why['caps.RAN-35']).toBe("new cap (SM03-CAP): suppliers designated high-risk may hold at most 35 % of each operator's ran from 2027-01-01");
  });

  it('reads the other way round as the reverse change', () => {
    const back = diffPolicies(V2, V1);
    expect(back.changes.find((c) => c.field === 'operatorTopSupplierShare')?.explanation).toMatch(/0\.60 → 0\.70: .* more than 70 % .*\(before: more than 60 %; looser\)$/);
    expect(back.changes.find((c) => c.field === 'caps.RAN-35')).toMatchObject({ before: CAP, after: null });
  });

  it('compares effective values: restating the baseline is no change, a different override list with the same effect is named once', () => {
    const restated = validatePolicy({ member_state: 'DE', version: 'r', thresholds: { operator_top_supplier_share: 0.7 }, required_certifications: { core: ['nesas'] } });
    expect(diffPolicies(V1, restated).changes).toEqual([]);
    // AMF is critical in the catalogue already: the override changes nothing the engine computes
    const noop = validatePolicy({ member_state: 'DE', version: 'n', criticality_overrides: [{ function: 'AMF', criticality: 'critical' }] });
    expect(diffPolicies(V1, noop).changes.map((c) => [c.field, c.explanation])).toEqual([
      ['criticalityOverrides', 'the override list changed, but no catalogue function changes criticality'],
    ]);
  });

  it('names each changed field of a cap and of the profile rule', () => {
    const tighter = validatePolicy({ ...V2, version: '2026.2', caps: [{ ...CAP, max_share: 0.25 }] });
    expect(diffPolicies(V2, tighter).changes.map((c) => c.explanation)).toEqual([
      "cap changed (max_share 0.35 → 0.25): suppliers designated high-risk may hold at most 25 % of each operator's ran from 2027-01-01",
    ]);
    const base = resolvePolicy('DE');
    const rule = { ...base.profileRule, rule_id: 'de-2026', group_weights: { C1: 3, C2: 1, C3: 1 }, high: { max_score_at_least: 4 } };
    const d = diffEffectivePolicies(base, { ...base, version: 'x', profileRule: rule });
    expect(d.changes.map((c) => [c.field, c.before, c.after, c.explanation])).toEqual([
      ['profileRule.rule_id', 'secure5g-default', 'de-2026', 'profile result levels now follow rule de-2026 (before: secure5g-default)'],
      ['profileRule.group_weights.C1', 2, 3, 'group C1 weighs 3 in the weighted mean (before: 2)'],
      ['profileRule.high.weighted_mean_at_least', 2.5, null, 'the high condition weighted_mean_at_least is dropped (before: 2.5)'],
    ]);
  });
});
