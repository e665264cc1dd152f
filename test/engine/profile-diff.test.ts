import { describe, expect, it } from 'vitest';
import { ProfileAssessment, type ProfileAssessmentInput } from '../../src/domain/profile.js';
import { appendRefusal, diffProfiles } from '../../src/engine/profile-diff.js';
import { DEFAULT_LEVEL_RULE } from '../../src/engine/profile-level.js';

const report = { text: 'ownership register extract', url: 'https://example.org/register' };
const visit = { text: 'site visit note', document_sha256: 'b'.repeat(64) };
const v1 = ProfileAssessment.parse({
  profile_id: 'PR-1', supplier_id: 'SUP-A', member_state: 'FR', version: 1, assessor: 'analyst-1', assessed_on: '2026-01-10',
  scores: [
    { criterion: 'C1.3', score: 1, evidence: [report] },
    { criterion: 'C2.2', score: 0, evidence: [{ text: 'accounts 2025' }] },
    { criterion: 'C3.1', score: 1, evidence: [visit] },
  ],
} satisfies ProfileAssessmentInput);
const v2 = ProfileAssessment.parse({
  ...v1, version: 2, assessor: 'analyst-2', assessed_on: '2026-04-02',
  scores: [
    { criterion: 'C1.3', score: 3, evidence: [report, { text: 'new shareholder agreement' }] },
    { criterion: 'C3.1', score: 1, evidence: [{ ...visit, text: 'site visit note (revised)' }] },
    { criterion: 'C3.3', score: 2, evidence: [{ text: 'advisory record' }] },
  ],
});

describe('profile diff', () => {
  const d = diffProfiles(v1, v2, DEFAULT_LEVEL_RULE);

  it('lists changed, added and removed criteria', () => {
    expect(d.scoresChanged).toEqual([{ criterion: 'C1.3', from: 1, to: 3 }]);
    expect(d.criteriaAdded).toEqual([{ criterion: 'C3.3', score: 2 }]);
    expect(d.criteriaRemoved).toEqual([{ criterion: 'C2.2', score: 0 }]);
    expect(d.assessorChanged).toEqual({ from: 'analyst-1', to: 'analyst-2' });
  });

  it('compares evidence by text, URL and digest', () => {
    expect(d.evidenceAdded.map((e) => `${e.criterion}:${e.evidence.text}`)).toEqual([
      'C1.3:new shareholder agreement', 'C3.1:site visit note (revised)', 'C3.3:advisory record',
    ]);
    expect(d.evidenceRemoved.map((e) => `${e.criterion}:${e.evidence.text}`)).toEqual(['C2.2:accounts 2025', 'C3.1:site visit note']);
  });

  it('shows the level change', () => {
    // v1: C1 1, C2 0, C3 1 → (2 + 0 + 1)/4 = 0.75, max 1 → low.
    // v2: C1 3, C2 unscored (left out), C3 (1 + 2)/2 = 1.5 → (2·3 + 1.5)/3 = 2.5 → high.
    expect(d.level).toEqual({ from: 'low', to: 'high', changed: true });
  });

  it('shows nothing between a version and itself', () => {
    expect(diffProfiles(v1, v1)).toMatchObject({ scoresChanged: [], criteriaAdded: [], criteriaRemoved: [], evidenceAdded: [], evidenceRemoved: [] });
  });
});

describe('append-only history', () => {
  it('accepts the next version and refuses gaps, rewrites, moves and back-dating', () => {
    expect(appendRefusal(undefined, v1)).toBeUndefined();
    expect(appendRefusal(v1, v2)).toBeUndefined();
    expect(appendRefusal(undefined, v2)).toMatch(/first must be version 1, not 2/);
    expect(appendRefusal(v2, v2)).toMatch(/next must be 3, not 2/);
    expect(appendRefusal(v1, { ...v2, supplier_id: 'SUP-B' })).toMatch(/about supplier SUP-A, not SUP-B/);
    expect(appendRefusal(v1, { ...v2, member_state: 'DE' })).toMatch(/belongs to FR, not DE/);
    expect(appendRefusal(v1, { ...v2, assessed_on: '2025-12-31' })).toMatch(/before version 1/);
  });
});
