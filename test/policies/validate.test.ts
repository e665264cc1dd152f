import { describe, expect, it } from 'vitest';
import { checkPolicy, formatPath } from '../../src/domain/policy-check.js';
import { ImportErrors } from '../../src/interchange/import/errors.js';
import { policyValidation, validatePolicy } from '../../src/interchange/policy-validate.js';

const rejection = (f: () => unknown): ImportErrors => {
  try {
    f();
  } catch (e) {
    return e as ImportErrors;
  }
  throw new Error('expected a rejection');
};
const fields = (e: ImportErrors) => e.errors.map((x) => [x.field, x.reason]);

describe('validatePolicy: shape and meaning, each problem at its JSON path', () => {
  it('returns the parsed policy for a valid document (labels upper-cased, defaults filled)', () => {
    const p = validatePolicy({ member_state: 'de', version: '2026.1', required_certifications: { ran: ['nesas'] } }, 'de.json');
    expect(p).toEqual({ member_state: 'DE', version: '2026.1', thresholds: {}, criticality_overrides: [], required_certifications: { ran: ['NESAS'] } });
  });

  it('lists every semantic error with its path, file and row', () => {
    const doc = {
      member_state: 'DE',
      version: 'v1',
      criticality_overrides: [
        { function: 'XYZ', criticality: 'critical' }, // not in the catalogue
        { segment: 'ran', function: 'AMF', criticality: 'other' }, // AMF is a core function
        { function: 'gnb', criticality: 'critical' }, // case: the catalogue says gNB
      ],
      required_certifications: { ran: ['NESAS', 'nesas'], core: ['NE;SAS'] },
      restriction_scopes: { 'high-risk': ['core', 'core'] },
      caps: [
        { cap_id: 'C1', segment: 'ran', scope: 'operator', designation_kinds: ['high-risk', 'high-risk'], max_share: 0.35 },
        { cap_id: 'C1', segment: 'core', scope: 'member-state', designation_kinds: ['restricted'], max_share: 0.5 },
      ],
      profile_rule: { rule_id: 'eu-baseline', description: 'mine', group_weights: { C1: 1, C2: 1, C3: 1 }, high: { max_score_at_least: 4 }, medium: {}, unscored: 'ignore' },
    };
    const e = rejection(() => validatePolicy(doc, 'de.json', 3));
    expect(e).toBeInstanceOf(ImportErrors);
    expect(e.errors.every((x) => x.file === 'de.json' && x.row === 3)).toBe(true);
    expect(fields(e)).toEqual([
      ['criticality_overrides[0].function', '"XYZ" is not a function of the catalogue'],
      ['criticality_overrides[1].function', '"AMF" belongs to segment core, not ran'],
      ['criticality_overrides[2].function', '"gnb" is not a function of the catalogue (did you mean "gNB"?)'],
      ['required_certifications.ran[1]', 'lists NESAS twice (first at [0])'],
      ['required_certifications.core[0]', '"NE;SAS" may not contain ";" or "+"'],
      ['restriction_scopes.high-risk[1]', 'lists core twice'],
      ['caps[0].designation_kinds[1]', 'lists high-risk twice'],
      ['caps[1].cap_id', '"C1" is already the id of caps[0]: cap ids must be unique'],
      ['profile_rule.rule_id', '"eu-baseline" names the secure5g default rule (not an EU rule), but this rule differs from it: give it an id of its own'],
    ]);
    // the message names file, row and path, one problem per line
    expect(e.message).toContain('de.json, row 3, field caps[1].cap_id: "C1" is already the id of caps[0]');
    expect(e.message.startsWith('de.json: 9 errors, nothing imported:')).toBe(true);
  });

  it('reports shape errors (zod) and semantic errors together', () => {
    const e = rejection(() =>
      validatePolicy({ member_state: 'DE', version: 'baseline', thresholds: { national_hhi: 20000 }, caps: [{ cap_id: 'X', segment: 'moon', scope: 'operator', designation_kinds: [], max_share: 2 }], criticality_overrides: [{ function: 'NOPE', criticality: 'high' }] }),
    );
    expect(e.errors.map((x) => x.field)).toEqual([
      'thresholds.national_hhi',
      'criticality_overrides[0].criticality',
      'caps[0].segment',
      'caps[0].designation_kinds',
      'caps[0].max_share',
      'version',
      'criticality_overrides[0].function',
    ]);
    expect(e.errors.find((x) => x.field === 'version')!.reason).toMatch(/reserved for the secure5g default \(not an EU rule\)/);
    expect(e.errors.find((x) => x.field === 'caps[0].max_share')!.reason).toBe('must be between 0 and 1');
  });

  it('a single error reads as that error alone; an unknown key names its object', () => {
    expect(rejection(() => validatePolicy({ member_state: 'DE', version: 'v', colour: 'blue' }, 'p.json', 1)).message).toMatch(/^p\.json, row 1: Unrecognized key: "colour"$/);
    expect(rejection(() => validatePolicy({ member_state: 'XX', version: 'v' }, 'p.json')).message).toBe('p.json, field member_state: is not an EU/EEA member state code');
  });

  it('warns, without refusing, where a value is legal but probably unintended', () => {
    const v = policyValidation(
      {
        member_state: 'DE',
        version: 'v',
        thresholds: { operator_top_supplier_share: 1, national_hhi: 10000 },
        criticality_overrides: [
          { function: 'RU', criticality: 'critical' },
          { function: 'RU', criticality: 'other' },
        ],
        required_certifications: { ran: ['NESSAS'] },
        caps: [
          { cap_id: 'A', segment: 'ran', scope: 'operator', designation_kinds: ['high-risk'], max_share: 1 },
          { cap_id: 'B', segment: 'ran', scope: 'operator', designation_kinds: ['high-risk'], max_share: 0.3 },
        ],
        profile_rule: { rule_id: 'r', description: 'd', group_weights: { C1: 1, C2: 1, C3: 1 }, high: {}, medium: { max_score_at_least: 3 }, unscored: 'ignore' },
      },
      'w.json',
      1,
    );
    expect(v.policy?.version).toBe('v');
    expect(v.errors).toEqual([]);
    expect(v.warnings.map((w) => w.field)).toEqual([
      'thresholds.operator_top_supplier_share',
      'thresholds.national_hhi',
      'criticality_overrides[1]',
      'required_certifications.ran[0]',
      'caps[0].max_share',
      'caps[1]',
      'profile_rule.high',
    ]);
    expect(v.warnings[0]!.message).toBe('w.json, row 1, field thresholds.operator_top_supplier_share: 1 flags only segments served by a single supplier (a share cannot exceed 1)');
    expect(v.warnings[4]!.reason).toBe('1 caps nothing: designated suppliers cannot hold more than all of a segment');
  });

  it('accepts the baseline rule under its own id, unchanged', async () => {
    const { DEFAULT_LEVEL_RULE } = await import('../../src/catalog/profile-rule.js');
    expect(checkPolicy({ member_state: 'FR', version: '1', profile_rule: { ...DEFAULT_LEVEL_RULE } }).errors).toEqual([]);
  });

  it('formats paths with dotted keys and bracketed indices', () => {
    expect(formatPath(['caps', 2, 'designation_kinds', 0])).toBe('caps[2].designation_kinds[0]');
    expect(formatPath([])).toBe('');
  });
});
