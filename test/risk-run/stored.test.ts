import { describe, expect, it } from 'vitest';
import { diffAssessments } from '../../src/engine/assessment-diff.js';
import { listRecommendations, listRisks } from '../../src/store/access/assessment-risks.js';
import { listAssessments } from '../../src/store/access/assessments.js';
import { loadStoredAssessment, resolveAssessmentRef } from '../../src/store/access/stored-assessment.js';
import { assessedNetwork, assessJson, type AssessJson, cli, withDb } from './helpers.js';

const ADMIN = { role: 'admin' } as const;

describe('stored assessments with risks, recommendations and the inputs hash', () => {
  const run = assessedNetwork();

  it('reads back what assess printed', async () => {
    expect(run.out.assessmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.out.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await withDb(run.t.db, async (store) => loadStoredAssessment(store, ADMIN, run.out.assessmentId!));
    expect(stored).toBeDefined();
    expect(stored!.risks).toEqual(run.out.risks);
    expect(stored!.recommendations).toEqual(run.out.recommendations);
    expect(stored!.contradictions).toEqual(run.out.contradictions);
    expect(stored!.contradictions).toHaveLength(2);
    expect(stored!.metrics).toEqual(run.out.metrics);
    expect(stored!.inputsHash).toBe(run.out.inputsHash);
    expect(stored!.inputs).toEqual(run.out.inputs);
    expect({ date: stored!.date, filter: stored!.filter, catalogVersion: stored!.catalogVersion }).toEqual({ date: run.out.date, filter: run.out.filter, catalogVersion: run.out.catalogVersion });
    // findings come back with their asset count (the small network's lists are far below the stored hundred)
    expect(stored!.findings).toEqual(run.out.findings.map((f) => ({ ...f, assetCount: f.assetIds.length, assetIdsTruncated: false })));
    // a run compared with itself read back: nothing changed
    expect(diffAssessments({ ...run.out, inputsHash: run.out.inputsHash }, stored!).summary).toEqual([]);
  });

  it('narrows risks and recommendations to the caller scope in SQL', async () => {
    await withDb(run.t.db, async (store) => {
      const de = loadStoredAssessment(store, { role: 'authority', memberState: 'DE' }, run.out.assessmentId!)!;
      expect(de.risks).toHaveLength(2 * 9); // DE and OP-DE-1
      expect(new Set(de.risks.map((r) => r.memberState))).toEqual(new Set(['DE']));
      expect(de.recommendations.every((r) => r.memberState === 'DE')).toBe(true);
      const op = loadStoredAssessment(store, { role: 'operator', memberState: 'FR', operatorId: 'OP-FR-1' }, run.out.assessmentId!)!;
      expect(new Set(op.risks.map((r) => r.operatorId))).toEqual(new Set(['OP-FR-1']));
      expect(op.recommendations.map((r) => r.operatorId)).toEqual(['OP-FR-1', 'OP-FR-1']); // its SM05 finding and its R4
      expect(loadStoredAssessment(store, { role: 'union-analyst' }, run.out.assessmentId!)).toBeUndefined();
      const high = listRisks(store, ADMIN, run.out.assessmentId!, { residualLevel: 'high' }).items.map((r) => `${r.operatorId ?? r.memberState} ${r.riskArea}`);
      expect(high).toEqual(['DE R4', 'FR R4', 'OP-FR-1 R4']);
      expect(listRecommendations(store, ADMIN, run.out.assessmentId!, { targetKind: 'risk' }).total).toBe(3);
    });
  });

  it('--no-save prints the same run without storing it', async () => {
    const before = await withDb(run.t.db, async (store) => listAssessments(store, ADMIN).total);
    const unsaved = await assessJson(run.t.db, '--no-save');
    expect(unsaved.assessmentId).toBeNull();
    expect(unsaved.inputsHash).toBe(run.out.inputsHash);
    expect(unsaved.risks).toEqual(run.out.risks);
    expect(await withDb(run.t.db, async (store) => listAssessments(store, ADMIN).total)).toBe(before);
  });

  it('assessment list and show, by id, by the start of it, latest and previous', async () => {
    const second = await assessJson(run.t.db, '--member-state', 'FR');
    const list = await cli('assessment', 'list', '--db', run.t.db, '--format', 'json');
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as { items: { assessmentId: string; inputsHash?: string; filter: object }[] };
    expect(page.items.slice(0, 2).map((h) => [h.assessmentId, h.inputsHash, h.filter])).toEqual([
      [second.assessmentId, second.inputsHash, { memberState: 'FR' }],
      [run.out.assessmentId, run.out.inputsHash, {}],
    ]);
    await withDb(run.t.db, async (store) => {
      expect(resolveAssessmentRef(store, ADMIN, 'latest')).toBe(second.assessmentId);
      expect(resolveAssessmentRef(store, ADMIN, 'previous')).toBe(run.out.assessmentId);
      expect(resolveAssessmentRef(store, ADMIN, run.out.assessmentId!.slice(0, 8))).toBe(run.out.assessmentId);
    });
    const text = await cli('assessment', 'list', '--db', run.t.db);
    expect(text.stdout).toContain(second.inputsHash.slice(0, 12));

    const show = await cli('assessment', 'show', 'previous', '--db', run.t.db, '--format', 'json');
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as AssessJson & { runAt: string };
    expect(shown.risks).toEqual(run.out.risks);
    expect(shown.recommendations).toEqual(run.out.recommendations);
    expect([shown.assessmentId, shown.inputsHash]).toEqual([run.out.assessmentId, run.out.inputsHash]);
    const table = await cli('assessment', 'show', run.out.assessmentId!.slice(0, 8), '--db', run.t.db);
    expect(table.stdout).toContain('Risk areas R1–R9');
    expect(table.stdout).toContain('Declared in place, contradicted by findings (2)');
    // a Union-wide run shows member states only; operators when narrowed
    expect(table.stdout).toMatch(/\nFR +M→L +M→M +L→L +H→H/);
    expect(table.stdout).not.toMatch(/\nOP-FR-1 +M→L/);

    const missing = await cli('assessment', 'show', 'ffffffff', '--db', run.t.db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no stored assessment ffffffff');
  });

  it('shows the risk summary and top recommendations in table and Markdown output', async () => {
    const table = await cli('assess', '--db', run.t.db, '--date', '2026-06-01', '--member-state', 'FR', '--no-save');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Not stored (--no-save)');
    // FR: R1 M→L, R2 M→M, R3 L→L, R4 H→H, R5 M→M, R6 M→L, R7–R8 M→M, R9 M→M (scores.test.ts)
    expect(table.stdout).toMatch(/\nFR +M→L +M→M +L→L +H→H +M→M +M→L +M→M +M→M +M→M\n/);
    expect(table.stdout).toMatch(/OP-FR-1 +R4 residual high +SM06 .* +not-recorded +5 +R4 5×3 high → 5×2 high/);
    const md = await cli('assess', '--db', run.t.db, '--date', '2026-06-01', '--format', 'md', '--no-save');
    expect(md.stdout).toContain('## Risk areas R1–R9');
    // DE's R5 stays medium: its SM03 in place is contradicted by OP-DE-1's SM03 finding (scores.test.ts)
    expect(md.stdout).toContain('| DE | M→M | M→M | M→M | H→H | M→M | M→M | M→M | M→M | M→M |');
    expect(md.stdout).toContain('## Top recommendations (10 of 11)');
  });
});
