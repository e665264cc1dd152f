import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Implementation writes, SA10 funding checks, screening-case writes and policy checks over the API, on
 * test/fixtures/import: DE (OP-DE-1, OP-DE-2; D-DE-1 = SUP-B high-risk in ran;core, in force since
 * 2025-01-01; policy 2025-1), FR (OP-FR-1; D-FR-1 = SUP-C restricted for key-assets, proposed; policy v1).
 * Every expectation is worked out by hand from those files and the rows written here.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const API = '/api/v1';

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'auditor-de', 'union']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = async (who: string, url: string) => {
  const r = await f.app.inject({ method: 'GET', url: API + url, headers: s[who]!.read });
  return { status: r.statusCode, body: r.json(), text: r.body };
};
const send = async (who: string, method: 'POST' | 'PUT', url: string, payload: unknown) => {
  const r = await f.app.inject({ method, url: API + url, headers: s[who]!.write, payload: payload as object });
  return { status: r.statusCode, body: r.json(), text: r.body };
};
const count = (sql: string, ...params: unknown[]) => Number(f.store.sqlite.prepare(sql).pluck().get(...params));
const audits = (action: string) =>
  f.store.sqlite.prepare('SELECT actor, target_id AS targetId, member_state AS memberState, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
    actor: string;
    targetId: string;
    memberState: string | null;
    detail: string | null;
  }[];

describe('POST /implementation', () => {
  const row = (r: Record<string, string>) => ({ recorded_on: '2026-05-01', status: 'in-progress', ...r });
  const opRow = (operator: string, ms = 'DE') => row({ measure: 'TM07', scope_level: 'operator', member_state: ms, operator_id: operator });

  it('an operator recording a row of another operator is refused, naming the row, and nothing is written', async () => {
    const single = await send('operator-de1', 'POST', '/implementation', opRow('OP-DE-2'));
    expect(single.status).toBe(403);
    expect(single.body.detail).toContain('the row (TM07 for operator OP-DE-2)');
    // its own row first, the other operator's second: the whole request is refused
    const batch = await send('operator-de1', 'POST', '/implementation', { items: [opRow('OP-DE-1'), opRow('OP-DE-2')] });
    expect(batch.status).toBe(403);
    expect(batch.body.detail).toContain('items[1] (TM07 for operator OP-DE-2)');
    expect(count('SELECT COUNT(*) FROM implementations')).toBe(0);
    expect(audits('implementation.record')).toEqual([]);
  });

  it('an operator may not state its member state’s status, an authority not another state’s or the Union’s', async () => {
    expect((await send('operator-de1', 'POST', '/implementation', row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE' }))).status).toBe(403);
    expect((await send('authority-de', 'POST', '/implementation', row({ measure: 'SM03', scope_level: 'member-state', member_state: 'FR' }))).status).toBe(403);
    expect((await send('authority-de', 'POST', '/implementation', row({ measure: 'SA01', scope_level: 'union' }))).status).toBe(403);
    // OP-FR-1 is FR's operator, whatever member state the row claims
    expect((await send('authority-de', 'POST', '/implementation', opRow('OP-FR-1', 'DE'))).status).toBe(403);
    expect(count('SELECT COUNT(*) FROM implementations')).toBe(0);
  });

  it('a bad row is a 400 naming the field by its path in the request', async () => {
    const r = await send('authority-de', 'POST', '/implementation', { items: [row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'done' })] });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.items.0.status']);
    expect((await send('authority-de', 'POST', '/implementation', { items: [] })).body.errors).toEqual([{ path: 'body.items', message: 'must hold at least one row' }]);
    expect((await send('union', 'POST', '/implementation', { items: [] })).status).toBe(403);
  });

  it('an authority records its member state’s row and its operator’s in one audited append', async () => {
    const items = [row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'in-place' }), opRow('OP-DE-2')];
    const r = await send('authority-de', 'POST', '/implementation', { items });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ rows: 2, inserted: 2, unchanged: 0, source: 'api' });
    const entries = audits('implementation.record');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'authority-de', targetId: r.body.importId, memberState: 'DE' });
    // the same two rows again: nothing new, nothing audited
    const again = await send('authority-de', 'POST', '/implementation', { items });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(audits('implementation.record')).toHaveLength(1);
  });

  it('the history of a measure at one scope key is read in scope only', async () => {
    const de = await get('authority-de', '/implementation/history?measure=TM07&scope=op:OP-DE-2');
    expect(de.body.items.map((i: { operatorId: string; status: string }) => [i.operatorId, i.status])).toEqual([['OP-DE-2', 'in-progress']]);
    expect((await get('authority-de', '/implementation/history?measure=SM03&scope=ms:de')).body.total).toBe(1);
    // another member state's authority and another operator see an empty history
    expect((await get('authority-fr', '/implementation/history?measure=TM07&scope=op:OP-DE-2')).body).toEqual({ items: [], total: 0, limit: 100, offset: 0 });
    expect((await get('operator-de1', '/implementation/history?measure=TM07&scope=op:OP-DE-2')).body.total).toBe(0);
    expect((await get('authority-de', '/implementation/history?measure=TM07&scope=somewhere')).status).toBe(400);
  });
});

describe('funding checks (SA10)', () => {
  // planned 2026-09-01: D-DE-1 (SUP-B high-risk for ran;core, in force since 2025-01-01) covers the SUP-B gNB
  const project = { project_id: 'PRJ-DE-1', operator_id: 'OP-DE-1', member_state: 'DE', planned_date: '2026-09-01', assets: [{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-B' }, { segment: 'ran', function: 'gNB', supplier_id: 'SUP-A' }] };
  let checkId: string;

  it('a project using a designated supplier in a designated segment is not eligible, with the reason; the check is kept and audited', async () => {
    const r = await send('authority-de', 'POST', '/funding-checks', project);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ projectId: 'PRJ-DE-1', verdict: 'not-eligible', eligible: false, dateUsed: '2026-09-01', policyVersion: '2025-1', conditions: [], notes: [] });
    // gNB is "sensitive" in the catalogue, and DE's policy overrides only RU
    expect(r.body.reasons).toEqual([
      {
        assetIndex: 0,
        supplierId: 'SUP-B',
        segment: 'ran',
        function: 'gNB',
        designationId: 'D-DE-1',
        kind: 'high-risk',
        text: 'asset 1 (ran/gNB, sensitive): SUP-B is designated high-risk by DE (D-DE-1, Fictional Telecom Security Act §1, in force since 2025-01-01) for ran, core',
      },
    ]);
    checkId = r.body.checkId;
    expect(count('SELECT COUNT(*) FROM funding_checks')).toBe(1);
    expect(audits('funding.check')).toEqual([
      { actor: 'authority-de', targetId: checkId, memberState: 'DE', detail: JSON.stringify({ dateUsed: '2026-09-01', projectId: 'PRJ-DE-1', verdict: 'not-eligible' }) },
    ]);
  });

  it('judged on a day before D-DE-1 took effect the project is eligible, with notes; save: false keeps nothing', async () => {
    const r = await send('authority-de', 'POST', '/funding-checks', { ...project, date: '2024-12-31', save: false });
    expect(r.status).toBe(200);
    expect(r.body.verdict).toBe('eligible');
    expect(r.body.checkId).toBeUndefined();
    expect(r.body.notes).toEqual([
      'D-DE-1 (high-risk, SUP-B) takes effect on 2025-01-01, after the planned date',
      'designations judged as in force on 2024-12-31, not on the planned date 2026-09-01',
    ]);
    expect(count('SELECT COUNT(*) FROM funding_checks')).toBe(1);
    expect(audits('funding.check')).toHaveLength(1);
  });

  it('a FR project on SUP-C in the core: D-FR-1 covers key assets but is only proposed → eligible, with a note', async () => {
    const r = await send('authority-fr', 'POST', '/funding-checks', { project_id: 'PRJ-FR-1', operator_id: 'OP-FR-1', member_state: 'FR', planned_date: '2026-09-01', assets: [{ segment: 'core', function: 'AMF', supplier_id: 'SUP-C' }] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ verdict: 'eligible', policyVersion: 'v1', notes: ['D-FR-1 (restricted, SUP-C) is proposed, not in force'] });
  });

  it('another member state’s authority may not check a DE project and never sees DE checks', async () => {
    expect((await send('authority-fr', 'POST', '/funding-checks', { ...project, project_id: 'PRJ-X' })).status).toBe(403);
    // OP-DE-1 claimed as a FR operator: answered exactly as for an operator that does not exist, so the
    // FR authority learns nothing of DE's operators; and D-DE-1 (SUP-B, in force) is DE's, not FR's to read
    const probe = (operator_id: string) => send('authority-fr', 'POST', '/funding-checks', { ...project, project_id: 'PRJ-X', member_state: 'FR', operator_id, save: false });
    const claimed = await probe('OP-DE-1');
    const missing = await probe('OP-NOWHERE');
    expect(claimed.status).toBe(200);
    expect(claimed.body.notes).toEqual(['operator OP-DE-1 is not in the database (a new entrant?): checked on the project as given']);
    expect(missing.body.notes).toEqual(['operator OP-NOWHERE is not in the database (a new entrant?): checked on the project as given']);
    expect(claimed.body.verdict).toBe('eligible');
    expect(claimed.body).not.toHaveProperty('reasons.0');
    // the whole-instance admin is told both: where the operator is, and DE's designation as a note
    const admin = await send('admin', 'POST', '/funding-checks', { ...project, project_id: 'PRJ-X', member_state: 'FR', save: false });
    expect(admin.status).toBe(400);
    expect(admin.body.errors).toEqual([{ path: 'body.operatorId', message: 'OP-DE-1 is an operator of DE, not of FR' }]);
    const adminFr = await send('admin', 'POST', '/funding-checks', { ...project, project_id: 'PRJ-X', member_state: 'FR', operator_id: 'OP-FR-1', save: false });
    expect(adminFr.body.notes).toEqual(['SUP-B is designated high-risk by DE (D-DE-1), not by FR']);
    expect(count('SELECT COUNT(*) FROM funding_checks')).toBe(2);
    const fr = await get('authority-fr', '/funding-checks');
    expect(fr.body.items.map((c: { project: { projectId: string } }) => c.project.projectId)).toEqual(['PRJ-FR-1']);
    expect(fr.text).not.toContain('PRJ-DE-1');
    expect((await get('authority-fr', '/funding-checks?memberState=DE')).body.total).toBe(0);
    expect((await get('authority-fr', `/funding-checks/${checkId}`)).status).toBe(404);
  });

  it('the DE authority and the DE auditor read the saved check with its reasons; admin lists both', async () => {
    const one = await get('auditor-de', `/funding-checks/${checkId}`);
    expect(one.status).toBe(200);
    expect(one.body.result.verdict).toBe('not-eligible');
    expect(one.body.designations.map((d: { designationId: string }) => d.designationId)).toEqual(['D-DE-1']);
    expect((await get('authority-de', '/funding-checks?projectId=PRJ-DE-1')).body.total).toBe(1);
    expect((await get('admin', '/funding-checks')).body.total).toBe(2);
    expect((await get('operator-de1', '/funding-checks')).status).toBe(403);
  });

  it('a planned asset whose function is not of its segment is a 400 naming the asset', async () => {
    const r = await send('authority-de', 'POST', '/funding-checks', { ...project, assets: [{ segment: 'ran', function: 'AMF', supplier_id: 'SUP-A' }] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'body.assets.0.function', message: '"AMF" belongs to segment core, not ran' }]);
  });
});

describe('screening cases', () => {
  const kase = { case_id: 'FDI-DE-1', investor: 'Fictional Holding', investor_country: 'NO', target_kind: 'supplier', target_id: 'SUP-B', member_state: 'DE', factors: ['critical-technologies'], third_country_government_control: false, received_on: '2026-04-20', status: 'received' };

  it('a new case is recorded (201, audited) and read with its 35-day deadline', async () => {
    const r = await send('authority-de', 'POST', '/screening-cases', kase);
    expect(r.status).toBe(201);
    expect(r.body.revision).toBe(1);
    expect(audits('screening.create')).toEqual([{ actor: 'authority-de', targetId: 'FDI-DE-1', memberState: 'DE', detail: null }]);
    // received 2026-04-20: 10 days to 2026-04-30, 25 more → 2026-05-25; on 2026-06-01 that is 7 days past, no comments issued
    const c = await get('authority-de', '/screening-cases/FDI-DE-1?date=2026-06-01');
    expect(c.body.screening).toMatchObject({ commentDeadline: '2026-05-25', daysRemaining: -7, phase: 'overdue' });
  });

  it('the same id again is a conflict; from another member state it is refused without saying where it is', async () => {
    expect((await send('authority-de', 'POST', '/screening-cases', kase)).status).toBe(409);
    const fr = await send('authority-fr', 'POST', '/screening-cases', { ...kase, member_state: 'FR' });
    expect(fr.status).toBe(403);
    expect(fr.text).not.toContain('DE');
    expect((await send('authority-de', 'POST', '/screening-cases', { ...kase, case_id: 'FDI-FR-9', member_state: 'FR' })).status).toBe(403);
    // an operator target must be the case's member state's: OP-FR-1 is not DE's
    const op = await send('authority-de', 'POST', '/screening-cases', { ...kase, case_id: 'FDI-DE-2', target_kind: 'operator', target_id: 'OP-FR-1' });
    expect(op.status).toBe(400);
    expect(op.body.errors[0].path).toBe('body.targetId');
    expect(count('SELECT COUNT(*) FROM screening_cases')).toBe(1);
  });

  it('a revision adds to the history (audited); the same content again adds nothing', async () => {
    const r = await send('authority-de', 'PUT', '/screening-cases/FDI-DE-1', { ...kase, case_id: undefined, status: 'comments-issued' });
    expect(r.status).toBe(200);
    expect(r.body.revision).toBe(2);
    expect(r.body.history.map((h: { case: { status: string } }) => h.case.status)).toEqual(['received', 'comments-issued']);
    expect(audits('screening.revise')).toHaveLength(1);
    expect((await send('authority-de', 'PUT', '/screening-cases/FDI-DE-1', { ...kase, status: 'comments-issued' })).body.revision).toBe(2);
    expect(audits('screening.revise')).toHaveLength(1);
    // comments issued: the 35 days have done their work, the case is open, not overdue
    expect((await get('auditor-de', '/screening-cases/FDI-DE-1?date=2026-06-01')).body.screening.phase).toBe('open');
    expect((await send('authority-de', 'PUT', '/screening-cases/FDI-DE-1', { ...kase, case_id: 'FDI-OTHER' })).status).toBe(400);
  });

  it('another member state’s authority gets 404 for the case, read or revised, and no review flags from it', async () => {
    expect((await get('authority-fr', '/screening-cases/FDI-DE-1')).status).toBe(404);
    expect((await send('authority-fr', 'PUT', '/screening-cases/FDI-DE-1', { ...kase, member_state: 'FR' })).status).toBe(404);
    expect((await send('authority-de', 'PUT', '/screening-cases/FDI-NONE', { ...kase, case_id: undefined })).status).toBe(404);
    expect((await get('authority-fr', '/screening-cases/review-flags?date=2026-06-01')).body).toEqual({ date: '2026-06-01', suppliers: [] });
  });

  it('review flags name the supplier the DE case is about, with the case and its phase', async () => {
    const r = await get('authority-de', '/screening-cases/review-flags?date=2026-06-01');
    expect(r.body.suppliers).toEqual([
      {
        supplierId: 'SUP-B',
        name: 'Borealis Networks, Ltd.',
        cases: [{ caseId: 'FDI-DE-1', investor: 'Fictional Holding', memberState: 'DE', status: 'comments-issued', receivedOn: '2026-04-20', phase: 'open' }],
      },
    ]);
    expect((await get('operator-de1', '/screening-cases/review-flags')).status).toBe(403);
  });
});

describe('policies: validate, diff, baseline', () => {
  it('an invalid document answers 200 with errors naming the JSON path, and stores nothing', async () => {
    const before = count('SELECT COUNT(*) FROM policies');
    const r = await send('auditor-de', 'POST', '/policies/validate', {
      memberState: 'DE',
      version: 'draft',
      thresholds: { nationalHhi: 20000 },
      criticalityOverrides: [{ function: 'gnb', criticality: 'critical' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.effective).toBeUndefined();
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['criticalityOverrides[0].function', 'thresholds.nationalHhi']);
    expect(r.body.errors.find((e: { path: string }) => e.path.startsWith('criticality')).message).toBe('"gnb" is not a function of the catalogue (did you mean "gNB"?)');
    expect(count('SELECT COUNT(*) FROM policies')).toBe(before);
  });

  it('a valid document answers its effective policy: the baseline where it says nothing', async () => {
    const r = await send('authority-de', 'POST', '/policies/validate', { memberState: 'DE', version: 'draft', thresholds: { nationalHhi: 4500 } });
    expect(r.body).toMatchObject({ valid: true, errors: [], effective: { memberState: 'DE', version: 'draft', nationalHhi: 4500, operatorTopSupplierShare: 0.7, defaultTransitionMonths: 36 } });
  });

  it('the diff defaults to the version before the one in force (the baseline before the first)', async () => {
    // DE 2025-1 over the baseline: SM05 threshold 0.7 → 0.6, transition 36 → 24 months
    const first = await get('authority-de', '/policies/DE/diff');
    expect(first.body).toMatchObject({ memberState: 'DE', from: 'baseline', to: '2025-1' });
    const fields = new Map(first.body.changes.map((c: { field: string; before: unknown; after: unknown }) => [c.field, [c.before, c.after]]));
    expect(fields.get('operatorTopSupplierShare')).toEqual([0.7, 0.6]);
    expect(fields.get('defaultTransitionMonths')).toEqual([36, 24]);

    expect((await send('authority-de', 'PUT', '/policies/DE', { version: '2026-1', thresholds: { national_hhi: 4000 } })).status).toBe(201);
    const next = await get('operator-de1', '/policies/DE/diff');
    expect(next.body).toMatchObject({ from: '2025-1', to: '2026-1' });
    const changed = new Map(next.body.changes.map((c: { field: string; before: unknown; after: unknown }) => [c.field, [c.before, c.after]]));
    expect(changed.get('nationalHhi')).toEqual([5000, 4000]);
    expect(changed.get('operatorTopSupplierShare')).toEqual([0.6, 0.7]);
    expect((await get('authority-de', '/policies/DE/diff?from=baseline&to=2025-1')).body.to).toBe('2025-1');
  });

  it('another member state’s diff and an unknown version are 404; the baseline is open to policy readers', async () => {
    expect((await get('authority-fr', '/policies/DE/diff')).status).toBe(404);
    expect((await get('authority-de', '/policies/DE/diff?from=nope')).status).toBe(404);
    const b = await get('authority-fr', '/policies/baseline');
    expect(b.body).toMatchObject({ version: 'baseline', operatorTopSupplierShare: 0.7, nationalHhi: 5000, defaultTransitionMonths: 36 });
    expect((await get('union', '/policies/baseline')).status).toBe(403);
  });
});
