import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERIA } from '../../src/catalog/criteria.js';
import { Implementation } from '../../src/domain/implementation.js';
import { ScreeningCase } from '../../src/domain/screening.js';
import { appendImplementations } from '../../src/store/implementations.js';
import { appendProfile } from '../../src/store/profiles.js';
import { upsertScreeningCases } from '../../src/store/screening.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * The registers over the API, on test/fixtures/import (DE: OP-DE-1, OP-DE-2; FR: OP-FR-1). Each
 * expectation counts the rows written below by hand.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const profile = (ms: string, supplier: string, score: number) => ({
  profile_id: `PRF-${ms}-${supplier}`,
  supplier_id: supplier,
  member_state: ms,
  assessor: `authority ${ms}`,
  assessed_on: '2026-03-31',
  scores: CRITERIA.map((c) => ({ criterion: c.id, score, evidence: [{ text: 'test evidence' }] })),
});
const impl = (r: Record<string, string>) => Implementation.parse({ recorded_on: '2026-05-01', ...r });

beforeAll(async () => {
  f = await fixtureApp();
  await appendProfile(f.store, profile('DE', 'SUP-A', 1)); // every criterion 1: mean 1, max 1 → low
  await appendProfile(f.store, profile('DE', 'SUP-A', 4)); // version 2, every criterion 4 → high
  await appendProfile(f.store, profile('FR', 'SUP-B', 2)); // max 2 < 3, weighted mean 2 ≥ 1.5 → medium
  await appendImplementations(
    f.store,
    [
      impl({ measure: 'SA01', scope_level: 'union', status: 'in-place' }),
      impl({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'in-place', evidence: 'national act (DE)' }),
      impl({ measure: 'SM03', scope_level: 'member-state', member_state: 'FR', status: 'planned' }),
      impl({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-progress' }),
      impl({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-2', status: 'in-place' }),
      impl({ measure: 'TM07', scope_level: 'operator', member_state: 'FR', operator_id: 'OP-FR-1', status: 'in-place' }),
    ],
    'test',
  );
  await upsertScreeningCases(
    f.store,
    [ScreeningCase.parse({ case_id: 'FDI-FR-1', investor: 'Fictional Fund', investor_country: 'NO', target_kind: 'supplier', target_id: 'SUP-B', member_state: 'FR', factors: 'critical-technologies', third_country_government_control: 'false', received_on: '2026-05-01', status: 'received' })],
    'test',
  );
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'union', 'auditor-de']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = async (who: string, url: string) => {
  const r = await f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
  return { status: r.statusCode, body: r.json(), text: r.body };
};

describe('profiles', () => {
  it('an authority sees its own member state’s profiles, at their latest version', async () => {
    const r = await get('authority-de', '/profiles');
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: { profileId: string; version: number; level: string }) => [p.profileId, p.version, p.level])).toEqual([['PRF-DE-SUP-A', 2, 'high']]);
    expect(r.text).not.toContain('PRF-FR');
    expect((await get('admin', '/profiles')).body.total).toBe(2);
  });

  it('another member state’s profile is not found, and asking for its member state gives nothing', async () => {
    expect((await get('authority-de', '/profiles/PRF-FR-SUP-B')).status).toBe(404);
    expect((await get('authority-de', '/profiles?memberState=FR')).body.total).toBe(0);
    expect((await get('authority-fr', '/profiles/PRF-FR-SUP-B')).body.level).toBe('medium');
  });

  it('history lists every version; a version is readable on its own', async () => {
    const h = await get('auditor-de', '/profiles/PRF-DE-SUP-A/history');
    expect(h.body.items.map((p: { profile: { version: number }; level: string }) => [p.profile.version, p.level])).toEqual([[1, 'low'], [2, 'high']]);
    expect((await get('authority-de', '/profiles/PRF-DE-SUP-A?version=1')).body.level).toBe('low');
  });

  it('operators and the union analyst may not read profiles', async () => {
    expect((await get('operator-de1', '/profiles')).status).toBe(403);
    expect((await get('union', '/profiles')).status).toBe(403);
  });
});

describe('implementation', () => {
  it('an authority reads its member state’s rows and its operators’, not the Union’s or another state’s', async () => {
    const r = await get('authority-de', '/implementation');
    // DE's SM03 and the two DE operators' TM07
    expect(r.body.total).toBe(3);
    expect(r.text).not.toContain('OP-FR-1');
  });

  it('pages like every list: the total counts the scope, the page is limit rows from offset', async () => {
    // DE's three rows in history order (SM03 DE, TM07 OP-DE-1, TM07 OP-DE-2): the second and third
    const r = await get('authority-de', '/implementation?limit=2&offset=1');
    expect([r.body.total, r.body.limit, r.body.offset]).toEqual([3, 2, 1]);
    expect(r.body.items.map((i: { operatorId?: string; measure: string }) => [i.measure, i.operatorId])).toEqual([
      ['TM07', 'OP-DE-1'],
      ['TM07', 'OP-DE-2'],
    ]);
    expect((await get('authority-de', '/implementation?limit=0')).status).toBe(400);
  });

  it('an operator reads only its own rows', async () => {
    const r = await get('operator-de1', '/implementation');
    expect(r.body.items.map((i: { operatorId?: string; measure: string }) => [i.operatorId, i.measure])).toEqual([['OP-DE-1', 'TM07']]);
  });

  it('the matrix is open to the union analyst and names no operator and no evidence', async () => {
    const r = await get('union', '/implementation/matrix?date=2026-06-01');
    expect(r.status).toBe(200);
    expect(r.body.memberStates).toEqual(['DE', 'FR']);
    // SM03: DE in place, FR planned → one member state at each
    expect(r.body.counts.SM03['in-place']).toBe(1);
    expect(r.body.counts.SM03.planned).toBe(1);
    // TM07 has no member-state rows: DE from its operators (one in progress, one in place → in-progress), FR in place
    expect(r.body.counts.TM07['in-progress']).toBe(1);
    expect(r.body.counts.TM07['in-place']).toBe(1);
    expect(r.text).not.toMatch(/OP-(DE|FR)-\d/);
    expect(r.text).not.toContain('national act');
    // declared against observed, as counts only: DE's own SM03 row beside OP-DE-1's SM03 finding; the TM07
    // rows in place (OP-DE-2, OP-FR-1) have no TM07 finding beside them (no end of support passed)
    const cell = (ms: string, measure: string) => r.body.rows.find((x: { memberState: string }) => x.memberState === ms).cells.find((c: { measure: string }) => c.measure === measure);
    expect(cell('DE', 'SM03').contradicted).toEqual({ own: true, operators: 0, findings: 1 });
    expect(cell('DE', 'TM07')).not.toHaveProperty('contradicted');
    expect(cell('FR', 'TM07')).not.toHaveProperty('contradicted');
  });

  it('exports the matrix as CSV, one row per measure with the counts', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/api/v1/implementation/matrix?date=2026-06-01&format=csv', headers: s.union!.read });
    expect(r.headers['content-type']).toContain('text/csv');
    const lines = r.body.trim().split('\n');
    expect(lines[0]).toBe('measure,EU,DE,FR,in-place,in-progress,planned,not-planned,not-applicable,not-recorded');
    // by hand from the rows above: SA01 recorded for the Union only; SM03 DE in place, FR planned;
    // TM07 from the operators (DE: in progress and in place → in-progress; FR: in place)
    expect(lines).toContain('SA01,in-place,not-recorded,not-recorded,0,0,0,0,0,2');
    // DE's SM03 in place is contradicted: OP-DE-1 still runs SUP-B in ran, designated by DE (one SM03 finding)
    expect(lines).toContain('SM03,not-recorded,in-place (contradicted by 1 finding),planned,1,0,1,0,0,0');
    expect(lines).toContain('TM07,not-recorded,in-progress (operators),in-place (operators),1,1,0,0,0,0');
    // every measure of the catalogue has its row: header + 29
    expect(lines).toHaveLength(30);
    expect(r.body).not.toMatch(/OP-(DE|FR)-\d|national act/);
  });
});

describe('screening cases and policy versions', () => {
  it('a case shows its 35-day deadline to its own member state only', async () => {
    const fr = await get('authority-fr', '/screening-cases?date=2026-06-01');
    // received 2026-05-01 + 35 days = 2026-06-05; on 2026-06-01 four days remain
    expect(fr.body.items[0].screening).toMatchObject({ commentDeadline: '2026-06-05', daysRemaining: 4, phase: 'open' });
    expect((await get('authority-de', '/screening-cases')).body.total).toBe(0);
    expect((await get('operator-de1', '/screening-cases')).status).toBe(403);
  });

  it('policy versions of another member state are not listed', async () => {
    expect((await get('authority-de', '/policies/FR/versions')).body.total).toBe(0);
  });
});

describe('POST /assessments', () => {
  it('stores the risk scores of the caller’s scope with the inputs hash', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s['authority-de']!.write, payload: { date: '2026-06-01' } });
    expect(r.statusCode).toBe(201);
    const { assessmentId, inputsHash } = r.json() as { assessmentId: string; inputsHash: string };
    expect(inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const count = (sql: string) => f.store.sqlite.prepare(sql).pluck().get(assessmentId);
    // R1–R9 for DE and for each of its two operators: 3 × 9
    expect(count('SELECT COUNT(*) FROM assessment_risks WHERE assessment_id = ?')).toBe(27);
    expect(count("SELECT COUNT(*) FROM assessment_risks WHERE assessment_id = ? AND member_state <> 'DE'")).toBe(0);

    // read back through the API: the authority all 27; the DE-1 operator only its own nine
    expect((await get('authority-de', `/assessments/${assessmentId}/risks`)).body.total).toBe(27);
    const own = await get('operator-de1', `/assessments/${assessmentId}/risks`);
    expect(own.body.total).toBe(9);
    expect(new Set(own.body.items.map((r: { operatorId?: string }) => r.operatorId))).toEqual(new Set(['OP-DE-1']));
    expect((await get('authority-fr', `/assessments/${assessmentId}/risks`)).status).toBe(404);
    // DE's SM03 in place beside OP-DE-1's SM03 finding (SUP-B in ran): one contradiction, DE's own; an operator
    // sees none (it is the member state's declaration), another member state not the run at all
    const contradictions = await get('authority-de', `/assessments/${assessmentId}/contradictions`);
    expect(contradictions.body.items.map((c: { measure: string; scope: string; findings: number; findingIds: string[] }) => [c.measure, c.scope, c.findings, c.findingIds])).toEqual([
      ['SM03', 'member-state', 1, ['SM03:OP-DE-1:ran:SUP-B:D-DE-1']],
    ]);
    expect((await get('operator-de1', `/assessments/${assessmentId}/contradictions`)).body.total).toBe(0);
    expect((await get('authority-fr', `/assessments/${assessmentId}/contradictions`)).status).toBe(404);
    const recs = await get('authority-de', `/assessments/${assessmentId}/recommendations`);
    expect(recs.status).toBe(200);
    expect(count('SELECT COUNT(*) FROM assessment_recommendations WHERE assessment_id = ?')).toBe(recs.body.total);
  });
});
