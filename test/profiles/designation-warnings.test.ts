import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliJson, importSmallNetwork, jsonFile, profileDoc, tempDb } from './helpers.js';

/*
 * `designation create` and `amend` print the warnings about the profile a designation rests on (table:
 * one `warning (kind): …` line each; json: a `warnings` array). Under secure5g-default (weights C1 2, C2 1,
 * C3 1): C1.3 = 1 alone is low (weighted mean 2·1/2 = 1 < 1.5, no score ≥ 3); C1.3 = 3, C2.1 = 0, C3.1 = 0
 * is medium (a score of 3; weighted mean (2·3 + 0 + 0)/4 = 1.5 < 2.5, no 4).
 */
describe('designation create and amend warn about the profile they rest on', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  const create = (id: string, ...more: string[]) =>
    ['designation', 'create', '--id', id, '--member-state', 'DE', '--supplier', 'SUP-B', '--kind', 'high-risk', '--segments', 'core',
      '--legal-basis', 'Fictional act §2', '--effective-date', '2026-02-01', '--status', 'proposed', ...more, '--db', t.db];

  it('warns of no profile, of a low one, of a newer version, and of nothing once the latest medium version is cited', async () => {
    const none = await cli(...create('D-1'));
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('warning (no-profile): designation D-1 (high-risk) rests on no recorded profile of SUP-B: DE has recorded no profile of it\n');

    await cliJson('profile', 'create', jsonFile(t.dir, 'v1.json', profileDoc({ profile_id: 'PRF-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2026-01-05' }, { 'C1.3': 1 })), '--db', t.db);
    const low = await cliJson<{ warnings: { kind: string; level?: string }[] }>(...create('D-2', '--profile', 'PRF-B@1'));
    expect(low.warnings).toMatchObject([{ kind: 'profile-level-low', profileId: 'PRF-B', version: 1, level: 'low' }]);

    await cliJson('profile', 'create', jsonFile(t.dir, 'v2.json', profileDoc({ profile_id: 'PRF-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2026-01-20' }, { 'C1.3': 3, 'C2.1': 0, 'C3.1': 0 })), '--db', t.db);
    const amend = (...more: string[]) => cli('designation', 'amend', 'D-2', ...more, '--db', t.db);
    const still = await amend('--legal-basis', 'Fictional act §3');
    expect(still.stdout).toContain('warning (profile-level-low): designation D-2 (high-risk) rests on profile PRF-B version 1, whose level is low');
    expect(still.stdout).toContain('warning (newer-profile-version): designation D-2 rests on profile PRF-B version 1 (2026-01-05, level low); version 2 (2026-01-20, level medium) is recorded since\n');
    const fixed = await cliJson<{ warnings: unknown[] }>('designation', 'amend', 'D-2', '--profile', 'PRF-B@2', '--db', t.db);
    expect(fixed.warnings).toEqual([]);
    const shown = await cli('designation', 'show', 'D-2', '--db', t.db);
    expect(shown.stdout).toContain('rests on profile PRF-B version 2 (2026-01-20): level medium under rule secure5g-default');
    expect(shown.stdout).not.toContain('warning');
  });
});
