import { describe, expect, it } from 'vitest';
import { designationWarnings, LOW_PROFILE_LEVEL, type ProfileRef } from '../../src/engine/designation-warnings.js';

/* The warning rule (docs/methodology.md, "Designation lifecycle"), case by case with values written out. */
const d = { designation_id: 'D-1', supplier_id: 'SUP-A', member_state: 'DE' as const, kind: 'high-risk' as const };
const ref = (version: number, level: ProfileRef['level'], assessedOn = '2026-01-01'): ProfileRef => ({ profileId: 'PRF-A', version, level, ruleId: 'secure5g-default', assessedOn });

describe('designation warnings', () => {
  it('low is the bottom of the level scale', () => {
    expect(LOW_PROFILE_LEVEL).toBe('low');
  });
  it('no profile cited and none recorded: one warning, no facts', () => {
    expect(designationWarnings(d, {})).toEqual([{ kind: 'no-profile', message: 'designation D-1 (high-risk) rests on no recorded profile of SUP-A: DE has recorded no profile of it' }]);
  });
  it('a cited medium or high version that is the latest: no warning', () => {
    expect(designationWarnings(d, { cited: ref(2, 'medium'), latest: ref(2, 'medium') })).toEqual([]);
    expect(designationWarnings(d, { cited: ref(1, 'high'), latest: ref(1, 'high') })).toEqual([]);
  });
  it('a cited low version with a later high one: both warnings, low first', () => {
    const w = designationWarnings(d, { cited: ref(1, 'low'), latest: ref(3, 'high', '2026-04-01') });
    expect(w.map((x) => x.kind)).toEqual(['profile-level-low', 'newer-profile-version']);
    expect(w[1]).toMatchObject({ version: 1, level: 'low', latestVersion: 3, latestLevel: 'high', latestAssessedOn: '2026-04-01' });
  });
});
