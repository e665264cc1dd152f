import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentComparison } from '../../src/services/assessment-compare.js';
import { addFrenchDesignation, addImplementation, assessJson, cli, importSmallNetwork, tempDb, writeRiskInputs, type AssessJson } from './helpers.js';

/*
 * Three stored runs of network-small at 2026-06-01 (scores.test.ts has the scores of A):
 *   A  helpers' implementations and profiles
 *   B  + SM06 in place at FR (an implementation status changed: not recorded → in place). FR and OP-FR-1:
 *      R4 I 2.5 − 1 = 1.5 → 2: residual 5×3 high → 5×2 high; R7 I 2.67 − 1 = 1.67 → 2: 3×3 → 3×2 medium;
 *      R8 SM06 supporting 0.5: I 2.5 − 0.5 = 2: 3×3 → 3×2 medium. Nothing else moves.
 *   C  + D-FR-1 (FR designates SUP-B for ran, 2025-01-01, 12 months): a critical SM03 finding for
 *      OP-FR-1's 100 gNBs (deadline 2026-01-01 passed); FR and OP-FR-1 sensitive exposure 0 → 100 %,
 *      the Union's 40/200 = 20 % → 140/200 = 70 %; R5 L 1 + 4·(2·1 + 1·1)/3 = 5 (was 2.33 → 2): 2×3 medium
 *      → 5×3 high, residual the same (FR records no R5 measure).
 */
describe('assess --diff A B between runs with a known change', () => {
  let t: ReturnType<typeof tempDb>;
  let a: AssessJson;
  let b: AssessJson;
  let c: AssessJson;
  beforeAll(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
    await writeRiskInputs(t.db);
    a = await assessJson(t.db);
    await addImplementation(t.db, { measure: 'SM06', scope_level: 'member-state', member_state: 'FR', status: 'in-place', recorded_on: '2026-05-01' });
    b = await assessJson(t.db);
    await addFrenchDesignation(t.dir, t.db);
    c = await assessJson(t.db);
  });
  afterAll(() => t.cleanup());

  const diffJson = async (x: string, y: string) => {
    const r = await cli('assess', '--diff', x, y, '--db', t.db, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as AssessmentComparison;
  };

  it('names an implementation status change and the residual scores it moved', async () => {
    const d = await diffJson(a.assessmentId!, b.assessmentId!);
    expect([d.a.assessmentId, d.b.assessmentId]).toEqual([a.assessmentId, b.assessmentId]);
    expect(d.inputs).toEqual([`inputs changed (hash ${a.inputsHash.slice(0, 12)} → ${b.inputsHash.slice(0, 12)})`, 'implementation records changed: 10 rows → 11 rows']);
    expect(d.findings).toEqual([]);
    expect(d.metrics).toEqual([]);
    expect(d.risks.map((r) => `${r.key} ${r.riskArea}`)).toEqual(['FR R4', 'FR R7', 'FR R8', 'OP-FR-1 R4', 'OP-FR-1 R7', 'OP-FR-1 R8']);
    const r4 = d.risks.find((r) => r.key === 'OP-FR-1' && r.riskArea === 'R4')!;
    expect(r4.reasons).toEqual(['R4 of OP-FR-1: residual 5×3 high → 5×2 high', '  because SM06 went from not-recorded to in-place']);
    expect(d.summary).toContain('R7 of FR: residual 3×3 medium → 3×2 medium');
    expect(d.summary).toContain('R8 of OP-FR-1: residual 3×3 medium → 3×2 medium');
  });

  it('names an added designation, its finding, the exposure and the risk it raised', async () => {
    const d = await diffJson('previous', 'latest');
    expect([d.a.assessmentId, d.b.assessmentId]).toEqual([b.assessmentId, c.assessmentId]);
    expect(d.inputs).toContain('designations changed: 1 row → 2 rows');
    expect(d.findings.map((f) => [f.change, f.id, f.after?.severity])).toEqual([['added', 'SM03:OP-FR-1:ran:SUP-B:D-FR-1', 'critical']]);
    expect(d.findings[0]!.reasons[0]).toContain('designated high-risk by FR (D-FR-1');
    expect(d.metrics.map((m) => m.reason)).toEqual([
      'sensitive exposure of Union to designated suppliers rose from 20.0 % to 70.0 %',
      'sensitive exposure of FR to designated suppliers rose from 0.0 % to 100.0 %',
      'sensitive exposure of OP-FR-1 to designated suppliers rose from 0.0 % to 100.0 %',
    ]);
    const r5 = d.risks.find((r) => r.key === 'FR' && r.riskArea === 'R5')!;
    expect(r5.reasons).toEqual([
      'R5 of FR: inherent 2×3 medium → 5×3 high',
      'R5 of FR: residual 2×3 medium → 5×3 high',
      '  because designated-key-asset-share (likelihood) went from 0 to 1: 100 of 100 key-asset quantity from designated suppliers (100.0 %)',
    ]);
    expect(d.risks.map((r) => `${r.key} ${r.riskArea}`)).toEqual(['FR R5', 'OP-FR-1 R5']);
  });

  it('prints the explanation as text and Markdown; the same run twice has no change', async () => {
    const text = await cli('assess', '--diff', a.assessmentId!.slice(0, 8), 'latest', '--db', t.db);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Inputs\n');
    expect(text.stdout).toContain('implementation records changed: 10 rows → 11 rows');
    expect(text.stdout).toContain('designations changed: 1 row → 2 rows');
    expect(text.stdout).toContain('new critical finding SM03:OP-FR-1:ran:SUP-B:D-FR-1');
    expect(text.stdout).toContain('  because SM06 went from not-recorded to in-place');
    const md = await cli('assess', '--diff', 'previous', 'latest', '--db', t.db, '--format', 'md');
    expect(md.stdout).toContain('## Risk scores (2)');
    const same = await cli('assess', '--diff', 'latest', 'latest', '--db', t.db);
    expect(same.stdout).toContain('No change between the two runs.');
  });

  it('refuses a wrong number of runs, an unknown run and run options', async () => {
    const one = await cli('assess', '--diff', 'latest', '--db', t.db);
    expect([one.code, one.stderr]).toEqual([2, 'error: option --diff: takes two stored runs, A and B (got 1)\n']);
    const unknown = await cli('assess', '--diff', 'latest', 'no-such-run', '--db', t.db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no stored assessment no-such-run');
    const withDate = await cli('assess', '--diff', 'previous', 'latest', '--date', '2026-01-01', '--db', t.db);
    expect([withDate.code, withDate.stderr]).toEqual([2, 'error: option --diff compares stored runs: it takes no --date\n']);
  });
});
