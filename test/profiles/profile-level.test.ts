import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { currentProfileLevels } from '../../src/store/profiles.js';
import { cli, cliJson, importSmallNetwork, jsonFile, profileDoc, tempDb } from './helpers.js';

/*
 * One set of scores, levelled by each member state's rule through `secure5g profile create`:
 *   C1.1 2, C1.3 2, C2.1 3, C3.2 1 → group means C1 2, C2 3, C3 1.
 *
 * FR, no national policy → secure5g-default (weights C1 2, C2 1, C3 1; high: some score ≥ 4 or mean ≥ 2.5;
 *   medium: some score ≥ 3 or mean ≥ 1.5):
 *   weighted mean (2·2 + 1·3 + 1·1) / 4 = 8 / 4 = 2.0 → not high (max 3 < 4, 2.0 < 2.5);
 *   medium: C2.1 = 3 ≥ 3, and 2.0 ≥ 1.5 raised by the scores ≥ 1.5 (C1.1, C1.3, C2.1) → medium,
 *   drivers C1.1, C1.3, C2.1.
 * DE, national rule de-supply (weights C1 1, C2 3, C3 1; high: some C2 score ≥ 3; medium: mean ≥ 1):
 *   C2.1 = 3 → high, driver C2.1 alone; weighted mean (2 + 9 + 1) / 5 = 2.4.
 * FR later adopts fr-even (weights 1/1/1; high: score ≥ 4; medium: mean ≥ 2.5):
 *   mean (2 + 3 + 1) / 3 = 2.0 < 2.5 and no 4 → low. The version recorded before keeps its medium.
 */
const SCORES = { 'C1.1': 2, 'C1.3': 2, 'C2.1': 3, 'C3.2': 1 };

const DE_POLICY = {
  member_state: 'DE',
  version: '2025-p',
  profile_rule: {
    rule_id: 'de-supply',
    description: 'Supply first: any C2 score of 3 or more is high; otherwise a mean of 1 or more is medium.',
    group_weights: { C1: 1, C2: 3, C3: 1 },
    high: { group_max_at_least: { C2: 3 } },
    medium: { weighted_mean_at_least: 1 },
    unscored: 'ignore',
  },
};
const FR_POLICY = {
  member_state: 'FR',
  version: '2026-1',
  profile_rule: {
    rule_id: 'fr-even',
    description: 'Groups weigh the same; a 4 anywhere is high; a mean of 2.5 or more is medium.',
    group_weights: { C1: 1, C2: 1, C3: 1 },
    high: { max_score_at_least: 4 },
    medium: { weighted_mean_at_least: 2.5 },
    unscored: 'ignore',
  },
};

interface Created {
  profileId: string;
  version: number;
  level: string;
  ruleId: string;
  policyVersion: string;
  drivers: string[];
  explanation: { text: string; inputs: { weightedMean: number } };
}

describe('profile create levels a profile with the member state’s rule', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  it('uses the baseline where no policy is stored and a national profile_rule where one is', async () => {
    expect((await cli('import', 'policies', jsonFile(t.dir, 'de.json', DE_POLICY), '--db', t.db)).code).toBe(0);
    const fr = await cliJson<Created>('profile', 'create', jsonFile(t.dir, 'fr.json', profileDoc({ profile_id: 'PRF-FR-B', supplier_id: 'SUP-B', member_state: 'FR', assessed_on: '2025-09-01' }, SCORES)), '--db', t.db);
    expect(fr).toMatchObject({ version: 1, level: 'medium', ruleId: 'secure5g-default', policyVersion: 'baseline', drivers: ['C1.1', 'C1.3', 'C2.1'] });
    expect(fr.explanation.inputs.weightedMean).toBeCloseTo(2.0, 12);

    const de = await cliJson<Created>('profile', 'create', jsonFile(t.dir, 'de-p.json', profileDoc({ profile_id: 'PRF-DE-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2025-09-01' }, SCORES)), '--db', t.db);
    expect(de).toMatchObject({ version: 1, level: 'high', ruleId: 'de-supply', policyVersion: '2025-p', drivers: ['C2.1'] });
    expect(de.explanation.inputs.weightedMean).toBeCloseTo(2.4, 12);
    expect(de.explanation.text).toContain('C2.1=3 at or above 3 in group C2');

    // the table output names the level and what drove it
    const table = await cli('profile', 'create', jsonFile(t.dir, 'de-p2.json', profileDoc({ profile_id: 'PRF-DE-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2025-10-01' }, SCORES)), '--db', t.db);
    expect(table.stdout).toContain('profile PRF-DE-B version 2 recorded');
    expect(table.stdout).toContain('level high (rule de-supply, policy 2025-p)');
    expect(table.stdout).toContain('driven by: C2.1\n');
  });

  it('reads the default rule under its former id eu-baseline as secure5g-default, in stored profiles and in policy files', async () => {
    // a policy written before the rename restates the default rule under its old id: it still validates and levels as the default
    const legacy = { member_state: 'DE', version: '2024-old', profile_rule: { rule_id: 'eu-baseline', description: 'copied', group_weights: { C1: 2, C2: 1, C3: 1 }, high: { max_score_at_least: 4, weighted_mean_at_least: 2.5 }, medium: { max_score_at_least: 3, weighted_mean_at_least: 1.5 }, unscored: 'ignore' } };
    // the description differs from the default's, so the check refuses the old id as it refuses the new one
    const refused = await cli('import', 'policies', jsonFile(t.dir, 'legacy-bad.json', legacy), '--db', t.db);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"eu-baseline" names the secure5g default rule (not an EU rule)');
    const same = { ...legacy, profile_rule: { ...legacy.profile_rule, description: 'High if any criterion scores 4 or the group-weighted mean is ≥ 2.5; medium if any criterion scores 3 or the mean is ≥ 1.5; else low. Weights C1 2, C2 1, C3 1. Unscored criteria are left out and listed.' } };
    expect((await cli('import', 'policies', jsonFile(t.dir, 'legacy.json', same), '--db', t.db)).code).toBe(0);
    // same scores as above under the default rule: medium
    const de = await cliJson<Created>('profile', 'create', jsonFile(t.dir, 'de.json', profileDoc({ profile_id: 'PRF-DE-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2025-09-01' }, SCORES)), '--db', t.db);
    expect(de).toMatchObject({ level: 'medium', ruleId: 'secure5g-default', policyVersion: '2024-old' });

    // a version recorded before the rename carries the old id in both its columns
    const store = await openStore(t.db);
    try {
      store.sqlite.prepare("UPDATE profiles SET rule_id = 'eu-baseline', rule = replace(rule, 'secure5g-default', 'eu-baseline')").run();
    } finally {
      await store.close();
    }
    const shown = await cliJson<{ recorded: { ruleId: string } }>('profile', 'show', 'PRF-DE-B', '--db', t.db);
    expect(shown.recorded.ruleId).toBe('secure5g-default');
    const listed = await cli('profile', 'list', '--db', t.db);
    expect(listed.stdout).toContain('secure5g-default');
    expect(listed.stdout).not.toContain('eu-baseline');
  });

  it('keeps the recorded level when the rule changes later, and shows what the rule in force would say', async () => {
    await cliJson('profile', 'create', jsonFile(t.dir, 'fr.json', profileDoc({ profile_id: 'PRF-FR-B', supplier_id: 'SUP-B', member_state: 'FR', assessed_on: '2025-09-01' }, SCORES)), '--db', t.db);
    expect((await cli('import', 'policies', jsonFile(t.dir, 'fr-pol.json', FR_POLICY), '--db', t.db)).code).toBe(0);

    const shown = await cliJson<{ recorded: { level: string; ruleId: string }; level: { level: string; drivers: string[] }; current: Record<string, unknown> }>(
      'profile', 'show', 'PRF-FR-B', '--db', t.db,
    );
    expect(shown.recorded).toMatchObject({ level: 'medium', ruleId: 'secure5g-default' });
    expect(shown.level).toMatchObject({ level: 'medium', drivers: ['C1.1', 'C1.3', 'C2.1'] });
    expect(shown.current).toEqual({ policyVersion: '2026-1', ruleId: 'fr-even', level: 'low', changed: true });

    // a new version is levelled under the rule now in force: low
    const v2 = await cliJson<Created>('profile', 'create', jsonFile(t.dir, 'fr2.json', profileDoc({ profile_id: 'PRF-FR-B', supplier_id: 'SUP-B', member_state: 'FR', assessed_on: '2026-02-01' }, SCORES)), '--db', t.db);
    expect(v2).toMatchObject({ version: 2, level: 'low', ruleId: 'fr-even', drivers: [] });

    const store = await openStore(t.db);
    try {
      expect(await currentProfileLevels(store)).toEqual([{ supplierId: 'SUP-B', memberState: 'FR', level: 'low' }]);
    } finally {
      await store.close();
    }
  });
});
