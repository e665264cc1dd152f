import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Implementation } from '../../src/domain/implementation.js';
import { appendImplementations } from '../../src/store/implementations.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * The Union view's routes on test/fixtures/import, assessed on 2026-06-01. Worked out by hand from the
 * fixture files:
 *   DE ran: SUP-A 60 + SUP-B 40 → shares .6/.4, HHI 3600 + 1600 = 5200, top SUP-A at 0.6, 2 suppliers
 *   DE core: SUP-C 2 alone → HHI 10000; DE interconnection: SUP-C 1.5 alone → 10000
 *   FR ran: SUP-B 100 alone → HHI 10000, top share 1
 *   exposure DE: critical AMF 2 + SEPP 1.5 = 3.5, none designated (D-DE-1 names SUP-B) → 0;
 *     sensitive gNB 60 + 40 = 100, SUP-B's 40 designated (D-DE-1 in force since 2025-01-01) → 0.4
 *   exposure FR: sensitive gNB 100 of SUP-B, D-FR-1 (SUP-C) only proposed → 0; no critical quantity → 0
 * The changes are checked against SQL over the stored findings and risk rows (a second method).
 */

let f: Fixture;
const s: Record<string, Session> = {};
let before: string;
let after: string;
let deRun: string;
const impl = (r: Record<string, string>) => Implementation.parse({ recorded_on: '2026-05-01', ...r });

beforeAll(async () => {
  f = await fixtureApp();
  await appendImplementations(
    f.store,
    [
      impl({ measure: 'SA01', scope_level: 'union', status: 'in-place' }),
      impl({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'planned', evidence: 'national act (DE)' }),
      impl({ measure: 'SM03', scope_level: 'member-state', member_state: 'FR', status: 'not-planned' }),
      impl({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'planned' }),
      impl({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-2', status: 'not-planned' }),
    ],
    'test',
  );
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'union', 'auditor-de']) s[name] = await login(f.app, name);
  const run = async (who: string, date: string) =>
    (await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s[who]!.write, payload: { date } })).json().assessmentId as string;
  // before D-DE-1 took effect (2025-01-01), then after: SUP-B's DE findings appear
  before = await run('admin', '2024-06-01');
  after = await run('admin', '2026-06-01');
  deRun = await run('authority-de', '2026-06-01');
});
afterAll(async () => f.close());

const get = async (who: string, url: string) => {
  const r = await f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
  return { status: r.statusCode, body: r.json(), text: r.body };
};

type Row = { memberState: string; cells: { measure: string; status: string; source: string; operators: Record<string, number> }[] };
const cell = (body: { rows: Row[] }, ms: string, measure: string) => body.rows.find((r) => r.memberState === ms)!.cells.find((c) => c.measure === measure)!;

describe('GET /union/implementation-matrix', () => {
  it('the whole instance and the union analyst see every member state, statuses as recorded or as the operators add up', async () => {
    for (const who of ['admin', 'union']) {
      const r = await get(who, '/union/implementation-matrix?date=2026-06-01');
      expect(r.status).toBe(200);
      expect(r.body.memberStates).toEqual(['DE', 'FR']);
      expect(r.body.date).toBe('2026-06-01');
      expect(cell(r.body, 'DE', 'SM03')).toMatchObject({ status: 'planned', source: 'member-state' });
      expect(cell(r.body, 'FR', 'SM03')).toMatchObject({ status: 'not-planned', source: 'member-state' });
      // DE's TM07 from its operators: one planned, one not planned → planned
      expect(cell(r.body, 'DE', 'TM07')).toMatchObject({ status: 'planned', source: 'operators', operators: { planned: 1, 'not-planned': 1, 'in-place': 0 } });
      expect(cell(r.body, 'FR', 'TM07')).toMatchObject({ status: 'not-recorded', source: 'none' });
      expect(r.body.counts.SM03).toMatchObject({ planned: 1, 'not-planned': 1, 'in-place': 0 });
      expect(r.body.union.find((u: { measure: string }) => u.measure === 'SA01').status).toBe('in-place');
      // aggregates: no operator and no evidence text
      expect(r.text).not.toMatch(/OP-(DE|FR)-\d/);
      expect(r.text).not.toContain('national act');
    }
  });

  it('an authority sees its own row only, with counts over it; an operator is refused', async () => {
    const de = await get('authority-de', '/union/implementation-matrix?date=2026-06-01');
    expect(de.body.memberStates).toEqual(['DE']);
    expect(de.body.rows.map((r: Row) => r.memberState)).toEqual(['DE']);
    expect(de.body.counts.SM03).toMatchObject({ planned: 1, 'not-planned': 0 });
    expect(de.text).not.toContain('"FR"');
    // the auditor of DE reads what DE's authority reads
    expect((await get('auditor-de', '/union/implementation-matrix?date=2026-06-01')).text).toBe(de.text);
    expect((await get('operator-de1', '/union/implementation-matrix')).status).toBe(403);
  });
});

describe('GET /union/concentration and /union/exposure', () => {
  it('gives each member state its segments’ HHI and top supplier share, worked out by hand', async () => {
    const r = await get('union', '/union/concentration');
    expect(r.status).toBe(200);
    expect(r.body.memberStates.map((m: { memberState: string }) => m.memberState)).toEqual(['DE', 'FR']);
    const seg = (ms: string, segment: string) =>
      r.body.memberStates.find((m: { memberState: string }) => m.memberState === ms).concentration.find((c: { segment: string }) => c.segment === segment);
    expect(seg('DE', 'ran')).toMatchObject({ suppliers: 2, topSupplierId: 'SUP-A', quantity: 100 });
    expect(seg('DE', 'ran').hhi).toBeCloseTo(5200, 6);
    expect(seg('DE', 'ran').topSupplierShare).toBeCloseTo(0.6, 9);
    expect(seg('DE', 'core')).toMatchObject({ hhi: 10000, suppliers: 1, topSupplierId: 'SUP-C', topSupplierShare: 1, quantity: 2 });
    expect(seg('DE', 'interconnection')).toMatchObject({ hhi: 10000, quantity: 1.5 });
    expect(seg('FR', 'ran')).toMatchObject({ hhi: 10000, suppliers: 1, topSupplierId: 'SUP-B', topSupplierShare: 1, quantity: 100 });
  });

  it('gives each member state its exposure to designated suppliers, worked out by hand', async () => {
    const r = await get('admin', '/union/exposure');
    const of = (ms: string) => r.body.memberStates.find((m: { memberState: string }) => m.memberState === ms).exposure;
    expect(of('DE')).toMatchObject({ criticalQuantity: 3.5, designatedCriticalQuantity: 0, criticalExposure: 0, sensitiveQuantity: 100, designatedSensitiveQuantity: 40 });
    expect(of('DE').sensitiveExposure).toBeCloseTo(0.4, 9);
    expect(of('FR')).toMatchObject({ criticalQuantity: 0, criticalExposure: 0, sensitiveQuantity: 100, designatedSensitiveQuantity: 0, sensitiveExposure: 0 });
  });

  it('an authority gets its own member state only; an operator is refused', async () => {
    const r = await get('authority-fr', '/union/concentration');
    expect(r.body.memberStates.map((m: { memberState: string }) => m.memberState)).toEqual(['FR']);
    expect((await get('authority-fr', '/union/exposure')).body.memberStates.map((m: { memberState: string }) => m.memberState)).toEqual(['FR']);
    expect((await get('operator-de1', '/union/concentration')).status).toBe(403);
    expect((await get('operator-de1', '/union/exposure')).status).toBe(403);
  });
});

describe('GET /union/assessments and /union/changes', () => {
  it('lists the runs a scope may compare: whole-instance ones, and an authority’s own', async () => {
    expect((await get('union', '/union/assessments')).body.items.map((r: { assessmentId: string }) => r.assessmentId)).toEqual([after, before]);
    expect((await get('authority-de', '/union/assessments')).body.items.map((r: { assessmentId: string }) => r.assessmentId)).toEqual([deRun, after, before]);
    expect((await get('authority-fr', '/union/assessments')).body.items.map((r: { assessmentId: string }) => r.assessmentId)).toEqual([after, before]);
    expect((await get('operator-de1', '/union/assessments')).status).toBe(403);
  });

  it('counts per member state the findings added and closed and the risk levels that moved, as SQL over the stored rows says', async () => {
    const r = await get('admin', `/union/changes?from=${before}&to=${after}`);
    expect(r.status).toBe(200);
    const db = f.store.sqlite;
    const ids = (run: string, ms: string) => new Set(db.prepare('SELECT finding_id FROM assessment_findings WHERE assessment_id = ? AND member_state = ?').pluck().all(run, ms) as string[]);
    let anyChange = 0;
    for (const ms of ['DE', 'FR']) {
      const [a, b] = [ids(before, ms), ids(after, ms)];
      const added = [...b].filter((x) => !a.has(x)).length;
      const closed = [...a].filter((x) => !b.has(x)).length;
      anyChange += added + closed;
      const row = r.body.memberStates.find((m: { memberState: string }) => m.memberState === ms);
      expect(row.findings).toMatchObject({ before: a.size, after: b.size, added, closed });
      const risks = db
        .prepare(
          `SELECT x.risk_area AS riskArea, x.level AS l1, x.residual_level AS r1, y.level AS l2, y.residual_level AS r2
             FROM assessment_risks x JOIN assessment_risks y ON y.member_state = x.member_state AND y.risk_area = x.risk_area AND y.scope = x.scope
            WHERE x.assessment_id = ? AND y.assessment_id = ? AND x.scope = 'member-state' AND x.member_state = ? AND (x.level <> y.level OR x.residual_level <> y.residual_level)
            ORDER BY x.risk_area`,
        )
        .all(before, after, ms) as { riskArea: string; l1: string; r1: string; l2: string; r2: string }[];
      expect(row.risks).toEqual(risks.map((x) => ({ riskArea: x.riskArea, from: { level: x.l1, residualLevel: x.r1 }, to: { level: x.l2, residualLevel: x.r2 } })));
    }
    // D-DE-1 taking effect changes something in DE: the comparison is not empty
    expect(anyChange).toBeGreaterThan(0);
    expect(r.body.findings.length).toBe(anyChange);
    // the reverse comparison swaps added and closed
    const back = await get('admin', `/union/changes?from=${after}&to=${before}`);
    const de = (x: typeof r) => x.body.memberStates.find((m: { memberState: string }) => m.memberState === 'DE').findings;
    expect([de(back).added, de(back).closed]).toEqual([de(r).closed, de(r).added]);
  });

  it('gives the union analyst counts without the findings, an authority its own member state, and refuses runs out of reach', async () => {
    const u = await get('union', `/union/changes?from=${before}&to=${after}`);
    expect(u.status).toBe(200);
    expect(u.body).not.toHaveProperty('findings');
    expect(u.text).not.toMatch(/OP-(DE|FR)-\d/);
    const fr = await get('authority-fr', `/union/changes?from=${before}&to=${after}`);
    expect(fr.body.memberStates.map((m: { memberState: string }) => m.memberState)).toEqual(['FR']);
    expect(fr.text).not.toContain('"DE"');
    // DE's own run is not FR's to compare, nor the union analyst's: absent and out of reach look alike
    expect((await get('authority-fr', `/union/changes?from=${deRun}&to=${after}`)).status).toBe(404);
    expect((await get('union', `/union/changes?from=${deRun}&to=${after}`)).status).toBe(404);
    expect((await get('authority-de', `/union/changes?from=${deRun}&to=${after}`)).status).toBe(200);
    expect((await get('operator-de1', `/union/changes?from=${before}&to=${after}`)).status).toBe(403);
    expect((await get('admin', '/union/changes?from=x')).status).toBe(400);
  });
});
