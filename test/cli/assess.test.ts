import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/domain/index.js';
import { cli, importSmallNetwork, tempDb } from './helpers.js';

/*
 * The fixture network (test/fixtures/network-small), worked out by hand:
 *   OP-DE-1 (DE): ran gNB SUP-A 60 + gNB SUP-B 40; core AMF SUP-C 2 (product P-C-AMF: EUCC only, support ended 2025-01-01)
 *   OP-FR-1 (FR): ran gNB SUP-B 100
 *   DE designates SUP-B high-risk for ran, effective 2025-01-01, 12 months → deadline 2026-01-01
 * Baseline policy: SM05 top share > 0.7, SM06 national HHI > 5,000, core and ran require NESAS; gNB is
 * sensitive, AMF critical.
 * Concentration: OP-DE-1 ran 0.6/0.4 → 3,600 + 1,600 = 5,200; OP-DE-1 core 10,000; OP-FR-1 ran 10,000;
 *   DE ran 5,200; DE core 10,000; FR ran 10,000; EU ran SUP-A 60, SUP-B 140 of 200 → 0.3/0.7 → 900 + 4,900 = 5,800.
 * Findings at 2026-06-01: SM03 OP-DE-1 ran SUP-B 40 (past deadline → critical); SM05 OP-DE-1 core single
 *   vendor with critical AMF (high) and OP-FR-1 ran single vendor, only sensitive gNB (medium); SM06 DE ran
 *   5,200 (medium), DE core 10,000 and FR ran 10,000 (high, above 8,000); TM09 AMF lacks NESAS (medium);
 *   TM07 AMF past end of support (critical asset → high). 8 findings.
 * Exposure: OP-DE-1 critical 0 of 2, sensitive 40 of 100 → 0.4; FR 0 of 100; EU sensitive 40 of 200 → 0.2.
 */
describe('secure5g assess over the hand-worked network', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  const assessJson = async (...extra: string[]) => {
    const r = await cli('assess', '--db', t.db, '--format', 'json', ...extra);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as AssessmentResult;
  };

  it('computes concentration at every scope', async () => {
    const result = await assessJson('--date', '2026-06-01');
    const row = (scope: string, segment: string, key?: string) =>
      result.metrics.concentration.find(
        (r) => r.scope === scope && r.segment === segment && (r.operatorId ?? r.memberState) === key,
      );
    expect(row('operator', 'ran', 'OP-DE-1')).toMatchObject({ hhi: 5200, topSupplierShare: 0.6, suppliers: 2, memberState: 'DE' });
    expect(row('operator', 'core', 'OP-DE-1')).toMatchObject({ hhi: 10000, topSupplierShare: 1, suppliers: 1 });
    expect(row('member-state', 'ran', 'DE')).toMatchObject({ hhi: 5200, topSupplierShare: 0.6 });
    expect(row('member-state', 'ran', 'DE')?.operatorId).toBeUndefined();
    expect(row('member-state', 'ran', 'FR')).toMatchObject({ hhi: 10000, suppliers: 1 });
    const eu = result.metrics.concentration.find((r) => r.scope === 'union' && r.segment === 'ran');
    expect(eu?.hhi).toBeCloseTo(5800, 6);
    expect(eu?.topSupplierShare).toBeCloseTo(0.7, 12);
    expect(eu?.operatorId).toBeUndefined();
    expect(result.catalogVersion).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('computes exposure to designated suppliers', async () => {
    const result = await assessJson('--date', '2026-06-01');
    const de = result.metrics.exposure.find((r) => r.scope === 'operator' && r.operatorId === 'OP-DE-1');
    expect(de).toMatchObject({ criticalExposure: 0, sensitiveExposure: 0.4, memberState: 'DE' });
    const fr = result.metrics.exposure.find((r) => r.scope === 'member-state' && r.memberState === 'FR');
    expect(fr).toMatchObject({ criticalExposure: 0, sensitiveExposure: 0 });
    const eu = result.metrics.exposure.find((r) => r.scope === 'union');
    expect(eu?.sensitiveExposure).toBeCloseTo(0.2, 12);
  });

  it('raises the eight findings worked out by hand', async () => {
    const result = await assessJson('--date', '2026-06-01');
    const brief = result.findings.map((f) => `${f.rule} ${f.severity} ${f.operatorId ?? f.memberState} ${f.segment ?? ''}`).sort();
    expect(brief).toEqual(
      [
        'SM03 critical OP-DE-1 ran',
        'SM05 high OP-DE-1 core',
        'SM05 medium OP-FR-1 ran',
        'SM06 medium DE ran',
        'SM06 high DE core',
        'SM06 high FR ran',
        'TM07 high OP-DE-1 core',
        'TM09 medium OP-DE-1 core',
      ].sort(),
    );
    const sm03 = result.findings.find((f) => f.rule === 'SM03')!;
    expect(sm03).toMatchObject({ measure: 'SM03', supplierId: 'SUP-B', affectedQuantity: 40, assetIds: ['DE1-RAN-B'], deadline: '2026-01-01' });
    expect(sm03.explanation.text).toContain('D-DE-1');
    const tm07 = result.findings.find((f) => f.rule === 'TM07')!;
    expect(tm07).toMatchObject({ assetIds: ['DE1-AMF'], affectedQuantity: 2 });
  });

  it('judges the designation at the given date: inside the transition it is high, before it nothing', async () => {
    const during = await assessJson('--date', '2025-06-01');
    expect(during.findings.find((f) => f.rule === 'SM03')?.severity).toBe('high');
    const before = await assessJson('--date', '2024-12-31');
    expect(before.findings.filter((f) => f.rule === 'SM03')).toEqual([]);
    // exposure counts only designations already effective
    expect(before.metrics.exposure.find((r) => r.operatorId === 'OP-DE-1')?.sensitiveExposure).toBe(0);
  });

  it('narrows to a member state or an operator', async () => {
    const fr = await assessJson('--date', '2026-06-01', '--member-state', 'FR');
    expect(fr.findings.map((f) => f.rule).sort()).toEqual(['SM05', 'SM06']);
    expect(fr.metrics.concentration.some((r) => r.scope === 'union' || r.memberState === 'DE')).toBe(false);
    const op = await assessJson('--date', '2026-06-01', '--operator', 'OP-DE-1');
    expect(op.findings.every((f) => f.operatorId === 'OP-DE-1')).toBe(true);
    expect(op.findings.map((f) => f.rule).sort()).toEqual(['SM03', 'SM05', 'TM07', 'TM09']);
  });

  it('exits 1 when --fail-on is met and 0 when it is not', async () => {
    expect((await cli('assess', '--db', t.db, '--date', '2026-06-01', '--fail-on', 'critical')).code).toBe(1);
    expect((await cli('assess', '--db', t.db, '--date', '2025-06-01', '--fail-on', 'critical')).code).toBe(0);
    expect((await cli('assess', '--db', t.db, '--date', '2025-06-01', '--fail-on', 'high')).code).toBe(1);
  });

  it('renders table and Markdown with the same findings', async () => {
    const table = await cli('assess', '--db', t.db, '--date', '2026-06-01');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('8 findings (critical 1, high 4, medium 3)');
    const md = await cli('assess', '--db', t.db, '--date', '2026-06-01', '--format', 'md');
    expect(md.stdout).toMatch(/^# secure5g assessment of 2026-06-01/);
    expect(md.stdout.match(/^\| (critical|high|medium) \|/gm)?.length).toBe(8);
  });

  it('rejects bad usage with exit 2 and a message naming the option', async () => {
    const bad = await cli('assess', '--db', t.db, '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date');
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect((await cli('assess', '--db', t.db, '--format', 'xml')).code).toBe(2);
    expect((await cli('assess', '--db', t.db, '--fail-on', 'severe')).code).toBe(2);
    expect((await cli('assess', '--db', t.db, '--member-state', 'US')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
  });
});
