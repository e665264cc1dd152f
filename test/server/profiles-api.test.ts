import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Writing supplier profiles and supply facts over the API, on test/fixtures/import. Neither DE's policy
 * (2025-1) nor FR's (v1) has a profile_rule, so levels come from the EU baseline rule
 * (src/catalog/profile-rule.ts): high if some criterion is 4 or the weighted mean ≥ 2.5; medium if some
 * criterion is 3 or the mean ≥ 1.5; weights C1 2, C2 1, C3 1; unscored criteria left out.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const ev = (text: string) => [{ text }];
/** DE's profile of SUP-B, version 1 */
const V1 = {
  profile_id: 'PRF-API-DE-B',
  supplier_id: 'SUP-B',
  member_state: 'DE',
  assessor: 'DE unit 1',
  assessed_on: '2026-04-01',
  scores: [
    { criterion: 'C1.1', score: 2, evidence: ev('annual report 2025') },
    { criterion: 'C1.2', score: 2, evidence: ev('legal opinion') },
    { criterion: 'C2.1', score: 2, evidence: ev('supplier inquiry') },
    { criterion: 'C3.1', score: 1, evidence: ev('SDL audit') },
  ],
};
/** version 2: C1.1 raised to 4 on new evidence */
const V2 = { ...V1, assessed_on: '2026-05-01', scores: [{ criterion: 'C1.1', score: 4, evidence: ev('ownership filing 2026') }, ...V1.scores.slice(1)] };
const FR = { ...V1, profile_id: 'PRF-API-FR-C', supplier_id: 'SUP-C', member_state: 'FR', assessor: 'FR unit', scores: [{ criterion: 'C3.2', score: 3, evidence: ev('no certification') }] };

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'union', 'auditor', 'auditor-de']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = async (who: string, url: string) => {
  const r = await f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
  return { status: r.statusCode, body: r.json(), text: r.body };
};
const post = async (who: string, url: string, payload: unknown) => {
  const r = await f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: s[who]!.write, payload: payload as object });
  return { status: r.statusCode, body: r.json(), text: r.body, headers: r.headers };
};
const audit = (targetType: string) =>
  f.store.sqlite.prepare('SELECT action, actor, target_id, member_state FROM audit_log WHERE target_type = ? ORDER BY seq').raw().all(targetType) as [string, string, string, string][];

describe('POST /profiles', () => {
  it('records version 1 with the level the baseline rule gives, and the rule', async () => {
    const r = await post('authority-de', '/profiles', V1);
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe('/api/v1/profiles/PRF-API-DE-B?version=1');
    // group means C1 (2+2)/2 = 2, C2 2, C3 1; weighted (2·2 + 1·2 + 1·1)/4 = 7/4 = 1.75:
    // no score ≥ 3 and 1.75 < 2.5 → not high; 1.75 ≥ 1.5 → medium, driven by the scores ≥ 1.5 (C1.1, C1.2, C2.1)
    expect(r.body).toMatchObject({ level: 'medium', ruleId: 'secure5g-default', rule: { ruleId: 'secure5g-default' }, policyVersion: '2025-1', recordedBy: 'authority-de' });
    expect(r.body.profile.version).toBe(1);
    expect(r.body.result).toMatchObject({ weightedMean: 1.75, groupMeans: { C1: 2, C2: 2, C3: 1 }, drivers: ['C1.1', 'C1.2', 'C2.1'] });
    // the other 8 of the 12 criteria are unscored and left out
    expect(r.body.result.unscored).toHaveLength(8);
  });

  it('takes the next version when none is stated; C1.1 at 4 makes it high', async () => {
    const r = await post('authority-de', '/profiles', V2);
    expect(r.status).toBe(201);
    // C1 (4+2)/2 = 3 → weighted (2·3 + 2 + 1)/4 = 2.25 < 2.5, but C1.1 = 4 ≥ 4 → high, driven by C1.1 alone
    expect(r.body).toMatchObject({ level: 'high', ruleId: 'secure5g-default', profile: { version: 2 } });
    expect(r.body.result).toMatchObject({ weightedMean: 2.25, drivers: ['C1.1'] });
    expect((await get('authority-de', '/profiles/PRF-API-DE-B')).body).toMatchObject({ level: 'high', profile: { version: 2 } });
  });

  it('refuses a stale or skipped version (409), another supplier and an invalid score (400)', async () => {
    const stale = await post('authority-de', '/profiles', { ...V2, version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('the next must be 3, not 2');
    expect((await post('authority-de', '/profiles', { ...V2, version: 5 })).status).toBe(409);
    const supplier = await post('authority-de', '/profiles', { ...V2, supplier_id: 'SUP-C' });
    expect(supplier.status).toBe(400);
    expect(supplier.body.detail).toContain('is about supplier SUP-B, not SUP-C');
    const bad = await post('authority-de', '/profiles', { ...V1, profile_id: 'PRF-API-BAD', scores: [{ criterion: 'C1.1', score: 5, evidence: ev('x') }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'body.scores.0.score', message: 'must be between 0 and 4' }]);
    // nothing of these was stored
    expect((await get('admin', '/profiles/PRF-API-DE-B/history')).body.total).toBe(2);
  });

  it('an authority records only its own member state’s profiles; an id used elsewhere is refused without saying where', async () => {
    expect((await post('authority-de', '/profiles', FR)).status).toBe(403);
    expect((await post('authority-fr', '/profiles', FR)).status).toBe(201);
    const taken = await post('authority-de', '/profiles', { ...V1, profile_id: 'PRF-API-FR-C', supplier_id: 'SUP-C' });
    expect(taken.status).toBe(403);
    expect(taken.text).not.toContain('FR');
    expect((await post('auditor', '/profiles', { ...V1, profile_id: 'PRF-API-AUD' })).status).toBe(403);
    expect((await post('operator-de1', '/profiles', { ...V1, profile_id: 'PRF-API-OP' })).status).toBe(403);
  });

  it('leaves one audit entry per version recorded, and none for a refusal', () => {
    expect(audit('profile')).toEqual([
      ['profile.create', 'authority-de', 'PRF-API-DE-B@1', 'DE'],
      ['profile.create', 'authority-de', 'PRF-API-DE-B@2', 'DE'],
      ['profile.create', 'authority-fr', 'PRF-API-FR-C@1', 'FR'],
    ]);
  });
});

describe('GET /profiles/:id/diff', () => {
  it('shows what changed between two versions', async () => {
    const r = await get('auditor-de', '/profiles/PRF-API-DE-B/diff?from=1&to=2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      profileId: 'PRF-API-DE-B',
      fromVersion: 1,
      toVersion: 2,
      scoresChanged: [{ criterion: 'C1.1', from: 2, to: 4 }],
      criteriaAdded: [],
      criteriaRemoved: [],
      evidenceAdded: [{ criterion: 'C1.1', evidence: { text: 'ownership filing 2026' } }],
      evidenceRemoved: [{ criterion: 'C1.1', evidence: { text: 'annual report 2025' } }],
      recorded: { from: 'medium', to: 'high' },
      level: { from: 'medium', to: 'high', changed: true },
      ruleId: 'secure5g-default',
    });
    expect(r.body.assessorChanged).toBeUndefined();
  });

  it('another member state’s profile, and a version that does not exist, are not found', async () => {
    expect((await get('authority-de', '/profiles/PRF-API-FR-C/diff?from=1&to=1')).status).toBe(404);
    expect((await get('authority-fr', '/profiles/PRF-API-FR-C/diff?from=1&to=1')).status).toBe(200);
    expect((await get('authority-de', '/profiles/PRF-API-DE-B/diff?from=1&to=3')).status).toBe(404);
    expect((await get('authority-de', '/profiles/PRF-API-DE-B/diff?from=x&to=2')).status).toBe(400);
  });
});

describe('supply facts', () => {
  it('are recorded for the caller’s member state, audited', async () => {
    const one = await post('authority-de', '/suppliers/SUP-B/supply-facts', { singleSourceCriticalComponents: 2, source: 'inquiry', recordedOn: '2026-03-01' });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ supplierId: 'SUP-B', memberState: 'DE', singleSourceCriticalComponents: 2 });
    expect((await post('authority-de', '/suppliers/SUP-B/supply-facts', { exportControlExposure: true, source: 'licence register', recordedOn: '2026-04-01' })).status).toBe(201);
    expect((await post('authority-fr', '/suppliers/SUP-B/supply-facts', { singleSourceCriticalComponents: 0, source: 'FR inquiry', recordedOn: '2026-03-15' })).status).toBe(201);
    expect(audit('supply-facts').map(([action, actor, , ms]) => [action, actor, ms])).toEqual([
      ['supply-facts.record', 'authority-de', 'DE'],
      ['supply-facts.record', 'authority-de', 'DE'],
      ['supply-facts.record', 'authority-fr', 'FR'],
    ]);
  });

  it('refuses another member state’s facts (403), an unknown supplier (404) and a record stating nothing (400)', async () => {
    expect((await post('authority-de', '/suppliers/SUP-B/supply-facts', { memberState: 'FR', exportControlExposure: false, source: 'x' })).status).toBe(403);
    expect((await post('authority-de', '/suppliers/SUP-Z/supply-facts', { exportControlExposure: false, source: 'x' })).status).toBe(404);
    const none = await post('authority-de', '/suppliers/SUP-B/supply-facts', { source: 'x' });
    expect(none.status).toBe(400);
    // admin has no member state of its own: it must name one
    expect((await post('admin', '/suppliers/SUP-B/supply-facts', { exportControlExposure: false, source: 'x' })).body.errors).toEqual([
      { path: 'body.memberState', message: expect.any(String) },
    ]);
    expect(audit('supply-facts')).toHaveLength(3);
  });

  it('an authority lists its own records with the facts in force, never another member state’s', async () => {
    const de = await get('authority-de', '/suppliers/SUP-B/supply-facts');
    expect(de.body.items.map((r: { source: string }) => r.source)).toEqual(['inquiry', 'licence register']);
    // per fact the latest record stating it: 2 single-source components (03-01), exposed (04-01)
    expect(de.body.current.facts).toEqual({ singleSourceCriticalComponents: 2, exportControlExposure: true });
    expect(de.text).not.toContain('FR inquiry');
    expect((await get('authority-de', '/suppliers/SUP-B/supply-facts?memberState=FR')).body).toEqual({ items: [], total: 0 });
    // the administrator: every member state's records unless it names one
    expect((await get('admin', '/suppliers/SUP-B/supply-facts')).body.total).toBe(3);
    expect((await get('admin', '/suppliers/SUP-B/supply-facts?memberState=FR')).body.current.facts).toEqual({ singleSourceCriticalComponents: 0 });
    expect((await get('auditor-de', '/suppliers/SUP-B/supply-facts')).body.total).toBe(2);
    expect((await get('operator-de1', '/suppliers/SUP-B/supply-facts')).status).toBe(403);
  });
});

describe('GET /suppliers/:id/profile-suggestions', () => {
  it('suggests from the caller’s member state’s facts, and records nothing', async () => {
    const before = f.store.sqlite.prepare('SELECT COUNT(*) FROM profiles').pluck().get();
    const r = await get('authority-de', '/suppliers/SUP-B/profile-suggestions?date=2026-06-01');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ supplierId: 'SUP-B', memberState: 'DE', asOf: '2026-06-01', applied: false });
    // DE's facts: 2 single-source critical components → C2.1 = 3 (2 or more); exposed to export controls → C2.3 = 2
    const supply = r.body.suggestions.filter((x: { source: string }) => x.source === 'supply').map((x: { criterion: string; score: number }) => [x.criterion, x.score]);
    expect(supply).toEqual([['C2.1', 3], ['C2.3', 2]]);
    expect(r.body.suggestions.every((x: { explanation: { text: string } }) => x.explanation.text.length > 0)).toBe(true);
    expect(f.store.sqlite.prepare('SELECT COUNT(*) FROM profiles').pluck().get()).toBe(before);
  });

  it('another member state’s view is not found; the administrator must name one', async () => {
    expect((await get('authority-de', '/suppliers/SUP-B/profile-suggestions?memberState=FR')).status).toBe(404);
    expect((await get('admin', '/suppliers/SUP-B/profile-suggestions')).status).toBe(400);
    const fr = await get('admin', '/suppliers/SUP-B/profile-suggestions?memberState=FR&date=2026-06-01');
    // FR's facts: no single-source critical component → C2.1 = 0
    expect(fr.body.suggestions.filter((x: { source: string }) => x.source === 'supply').map((x: { criterion: string; score: number }) => [x.criterion, x.score])).toEqual([['C2.1', 0]]);
    expect((await get('authority-de', '/suppliers/SUP-Z/profile-suggestions')).status).toBe(404);
    expect((await get('union', '/suppliers/SUP-B/profile-suggestions?memberState=DE')).status).toBe(403);
  });
});
