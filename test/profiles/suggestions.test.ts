import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliJson, importSmallNetwork, jsonFile, tempDb } from './helpers.js';

/*
 * Suggestions for SUP-A as DE would assess it on 2026-06-01 (test/fixtures/network-small):
 *   products: P-A-GNB, NESAS, end of support 2030-12-31.
 *     C3.2: 1 of 1 product evaluated → 0;  C3.1: NESAS on all → 0;
 *     C2.4: 2030-12-31 is after 2026-06-01 but before 2031-06-01 (5 years on) → 2.
 *   supply facts: record 1 (2026-03-01) single-source critical 2, export control no, note "Losses in 2025"
 *     graded 2 → C2.1 3, C2.3 0, C2.2 2. Record 2 (2026-04-01) restates export control only, yes →
 *     C2.3 2, while C2.1 and C2.2 still come from record 1.
 */
interface Suggestions {
  applied: boolean;
  suggestions: { criterion: string; score: number; source: string; explanation: { text: string } }[];
  notSuggested: { criterion: string; reason: string }[];
  inputs: { supplyFacts: { origins: Record<string, { recordedOn: string }> } };
}

describe('profile suggest and supply facts', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  const facts = (...args: string[]) => cli('profile', 'facts', 'record', 'SUP-A', '--member-state', 'DE', '--db', t.db, ...args);
  const suggest = () => cliJson<Suggestions>('profile', 'suggest', 'SUP-A', '--member-state', 'DE', '--date', '2026-06-01', '--db', t.db);
  const scoreOf = (s: Suggestions, c: string) => s.suggestions.find((x) => x.criterion === c)?.score;

  it('suggests from products and the latest supply facts, fact by fact, and records nothing', async () => {
    const before = await suggest();
    expect(before.applied).toBe(false);
    expect([scoreOf(before, 'C3.2'), scoreOf(before, 'C3.1'), scoreOf(before, 'C2.4')]).toEqual([0, 0, 2]);
    expect(before.notSuggested.map((n) => n.criterion)).toEqual(expect.arrayContaining(['C2.1', 'C2.2', 'C2.3']));

    expect((await facts('--source', 'inquiry', '--date', '2026-03-01', '--single-source-critical', '2', '--export-control', 'no', '--financial-note', 'Losses in 2025', '--financial-concern', '2')).code).toBe(0);
    const one = await suggest();
    expect([scoreOf(one, 'C2.1'), scoreOf(one, 'C2.3'), scoreOf(one, 'C2.2')]).toEqual([3, 0, 2]);

    expect((await facts('--source', 'licence register', '--date', '2026-04-01', '--export-control', 'yes')).code).toBe(0);
    const two = await suggest();
    expect([scoreOf(two, 'C2.1'), scoreOf(two, 'C2.3'), scoreOf(two, 'C2.2')]).toEqual([3, 2, 2]);
    expect(two.inputs.supplyFacts.origins).toMatchObject({
      singleSourceCriticalComponents: { recordedOn: '2026-03-01' },
      exportControlExposure: { recordedOn: '2026-04-01' },
      financialStability: { recordedOn: '2026-03-01' },
    });
    expect(two.suggestions.find((x) => x.criterion === 'C2.2')?.explanation.text).toContain('Losses in 2025');

    // shown, never applied: no profile exists after all these suggestions
    expect(await cliJson('profile', 'list', '--db', t.db)).toEqual([]);
    const table = await cli('profile', 'suggest', 'SUP-A', '--member-state', 'DE', '--date', '2026-06-01', '--db', t.db);
    expect(table.stdout).toContain('suggestions only, nothing is recorded');

    const listed = await cliJson<{ records: unknown[]; current: { facts: Record<string, unknown> } }>('profile', 'facts', 'list', '--supplier', 'SUP-A', '--member-state', 'DE', '--db', t.db);
    expect(listed.records).toHaveLength(2);
    expect(listed.current.facts).toEqual({ singleSourceCriticalComponents: 2, exportControlExposure: true, financialStability: { note: 'Losses in 2025', concern: 2 } });
    // facts recorded by another member state do not count for DE
    expect((await cli('profile', 'facts', 'record', 'SUP-A', '--member-state', 'FR', '--source', 'x', '--single-source-critical', '0', '--db', t.db)).code).toBe(0);
    expect(scoreOf(await suggest(), 'C2.1')).toBe(3);
  });

  it('refuses supply facts that state nothing or grade a missing note', async () => {
    const none = await facts('--source', 'inquiry');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('states no fact');
    const grade = await facts('--source', 'inquiry', '--financial-concern', '3');
    expect(grade.stderr).toContain('a graded concern needs the note it grades');
    expect((await facts('--source', 'inquiry', '--export-control', 'maybe')).stderr).toContain('--export-control');
    expect((await cli('profile', 'facts', 'record', 'SUP-Z', '--member-state', 'DE', '--source', 'x', '--export-control', 'no', '--db', t.db)).stderr).toContain('SUP-Z is not a known supplier');
  });

  it('a profile records a suggestion only with the assessor’s decision', async () => {
    const base = { profile_id: 'PRF-DE-A', supplier_id: 'SUP-A', member_state: 'DE', assessor: 'unit 2', assessed_on: '2026-06-01' };
    const suggested = { score: 2, source: 'products', explanation: 'support ends within 5 years' };
    const with_ = (score: number, decision: Record<string, unknown>) =>
      jsonFile(t.dir, `p-${score}-${String(decision.decision)}.json`, { ...base, scores: [{ criterion: 'C2.4', score, evidence: [{ text: 'vendor letter' }], suggested: { ...suggested, ...decision } }] });
    const confirmedButDifferent = await cli('profile', 'create', with_(1, { decision: 'confirmed' }), '--db', t.db);
    expect(confirmedButDifferent.stderr).toContain('confirmed, but the score 1 differs from the suggested 2');
    const overriddenNoReason = await cli('profile', 'create', with_(3, { decision: 'overridden' }), '--db', t.db);
    expect(overriddenNoReason.stderr).toContain('an overridden suggestion needs override_reason');
    const ok = await cliJson<{ version: number }>('profile', 'create', with_(3, { decision: 'overridden', override_reason: 'no spare parts contract' }), '--db', t.db);
    expect(ok.version).toBe(1);
  });
});
