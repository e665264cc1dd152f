import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliJson, importSmallNetwork, jsonFile, profileDoc, tempDb } from './helpers.js';

/*
 * Profiles are append-only. Version 1 of PRF-DE-B (secure5g-default): C1.1 1, C1.3 3, C2.1 1 → C1 mean 2,
 * C2 mean 1 → (2·2 + 1) / 3 = 1.667; C1.3 = 3 → medium. Version 2: C1.3 4 (new evidence), C2.2 2 added,
 * C2.1 dropped → C1.3 = 4 → high.
 */
const ID = { profile_id: 'PRF-DE-B', supplier_id: 'SUP-B', member_state: 'DE' };
const V1 = profileDoc({ ...ID, assessed_on: '2025-06-01' }, { 'C1.1': 1, 'C1.3': 3, 'C2.1': 1 });
const V2 = {
  ...profileDoc({ ...ID, assessed_on: '2026-01-15' }, { 'C1.1': 1, 'C2.2': 2 }),
  assessor: 'Assessment unit 4',
};
V2.scores.splice(1, 0, { criterion: 'C1.3', score: 4, evidence: [{ text: 'filing 2026' }] });

describe('profile versions', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  const create = (name: string, doc: unknown) => cli('profile', 'create', jsonFile(t.dir, name, doc), '--db', t.db, '--format', 'json');
  const refused = async (name: string, doc: unknown, message: string) => {
    const r = await create(name, doc);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain(message);
  };

  it('appends versions, refuses anything else, and keeps every version as it was', async () => {
    expect(JSON.parse((await create('v1.json', V1)).stdout)).toMatchObject({ version: 1, level: 'medium' });
    await refused('again.json', { ...V1, version: 1 }, 'profile PRF-DE-B is at version 1; the next must be 2, not 1');
    await refused('skip.json', { ...V1, version: 3 }, 'the next must be 2, not 3');
    await refused('other-supplier.json', { ...V1, supplier_id: 'SUP-A' }, 'profile PRF-DE-B is about supplier SUP-B, not SUP-A');
    await refused('other-state.json', { ...V1, member_state: 'FR' }, 'profile PRF-DE-B belongs to DE, not FR');
    await refused('earlier.json', { ...V1, assessed_on: '2025-05-31' }, 'version 2 is dated 2025-05-31, before version 1 (2025-06-01)');
    await refused('bad-score.json', { ...V1, scores: [{ criterion: 'C1.1', score: 5, evidence: [{ text: 'x' }] }] }, 'field scores.0.score must be between 0 and 4');
    await refused('no-evidence.json', { ...V1, scores: [{ criterion: 'C1.1', score: 1, evidence: [] }] }, 'needs at least one piece of evidence');
    await refused('unknown-supplier.json', { ...V1, profile_id: 'PRF-X', supplier_id: 'SUP-Z' }, 'supplier_id SUP-Z is not a known supplier');
    await refused('first-not-1.json', { ...V1, profile_id: 'PRF-Y', version: 2 }, 'the first must be version 1, not 2');

    expect(JSON.parse((await create('v2.json', V2)).stdout)).toMatchObject({ version: 2, level: 'high', drivers: ['C1.3'] });

    const history = await cliJson<{ version: number; level: string; assessor: string; scores: number }[]>('profile', 'history', 'PRF-DE-B', '--db', t.db);
    expect(history.map((h) => [h.version, h.level, h.assessor, h.scores])).toEqual([
      [1, 'medium', 'Assessment unit 3', 3],
      [2, 'high', 'Assessment unit 4', 3],
    ]);
    // version 1 is unchanged by everything after it
    const v1 = await cliJson<{ profile: { scores: { criterion: string; score: number }[] } }>('profile', 'show', 'PRF-DE-B', '--version', '1', '--db', t.db);
    expect(v1.profile.scores.map((s) => `${s.criterion}=${s.score}`)).toEqual(['C1.1=1', 'C1.3=3', 'C2.1=1']);

    const list = await cliJson<{ profileId: string; version: number }[]>('profile', 'list', '--supplier', 'SUP-B', '--db', t.db);
    expect(list.map((p) => `${p.profileId}@${p.version}`)).toEqual(['PRF-DE-B@2']);
    expect(await cliJson('profile', 'list', '--member-state', 'FR', '--db', t.db)).toEqual([]);
  });

  it('diffs two versions: scores, criteria, evidence, assessor and level', async () => {
    await create('v1.json', V1);
    await create('v2.json', V2);
    const d = await cliJson<Record<string, unknown>>('profile', 'diff', 'PRF-DE-B', '1', '2', '--db', t.db);
    expect(d).toMatchObject({
      profileId: 'PRF-DE-B',
      fromVersion: 1,
      toVersion: 2,
      assessorChanged: { from: 'Assessment unit 3', to: 'Assessment unit 4' },
      scoresChanged: [{ criterion: 'C1.3', from: 3, to: 4 }],
      criteriaAdded: [{ criterion: 'C2.2', score: 2 }],
      criteriaRemoved: [{ criterion: 'C2.1', score: 1 }],
      evidenceAdded: [
        { criterion: 'C1.3', evidence: { text: 'filing 2026' } },
        { criterion: 'C2.2', evidence: { text: 'evidence for C2.2' } },
      ],
      evidenceRemoved: [
        { criterion: 'C1.3', evidence: { text: 'evidence for C1.3' } },
        { criterion: 'C2.1', evidence: { text: 'evidence for C2.1' } },
      ],
      level: { from: 'medium', to: 'high', changed: true },
      recorded: { from: 'medium', to: 'high' },
      ruleId: 'secure5g-default',
    });
    const text = await cli('profile', 'diff', 'PRF-DE-B', '1', '2', '--db', t.db);
    expect(text.stdout).toContain('C1.3: score 3 → 4');
    expect((await cli('profile', 'diff', 'PRF-DE-B', '1', '3', '--db', t.db)).stderr).toContain('profile PRF-DE-B has no version 3');
    expect((await cli('profile', 'diff', 'PRF-DE-B', '1', 'x', '--db', t.db)).code).toBe(2);
  });
});
