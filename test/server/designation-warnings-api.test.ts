import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * A designation's answers (PUT create, GET read, PATCH amend) carry the profile it rests on and a
 * `warnings` array (docs/api.md). Levels under the secure5g-default rule (docs/methodology.md), by hand:
 *   C1.3 = 1 alone → C1 mean 1, weighted mean 2·1/2 = 1 < 1.5, no score ≥ 3 → low;
 *   C1.1 = 4 → a score of 4 → high.
 */
let f: Fixture;
const s: Record<string, Session> = {};
const ev = [{ text: 'fictional evidence' }];
const profile = (id: string, supplier: string, ms: string, on: string, scores: Record<string, number>) => ({
  profile_id: id, supplier_id: supplier, member_state: ms, assessor: `${ms} unit`, assessed_on: on,
  scores: Object.entries(scores).map(([criterion, score]) => ({ criterion, score, evidence: ev })),
});
const designation = (id: string, supplier: string, cite?: [string, number]) => ({
  member_state: 'DE', supplier_id: supplier, kind: 'restricted', segments: ['core'], legal_basis: 'Fictional act §9',
  effective_date: '2027-01-01', transition_months: 6, status: 'proposed',
  ...(cite ? { profile_id: cite[0], profile_version: cite[1] } : {}),
});
const put = (id: string, body: Record<string, unknown>) => f.app.inject({ method: 'PUT', url: `/api/v1/designations/${id}`, headers: s['authority-de']!.write, payload: body });
const get = (id: string) => f.app.inject({ method: 'GET', url: `/api/v1/designations/${id}`, headers: s['authority-de']!.read });
const post = (who: string, p: Record<string, unknown>) => f.app.inject({ method: 'POST', url: '/api/v1/profiles', headers: s[who]!.write, payload: p });

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['authority-de', 'authority-fr']) s[name] = await login(f.app, name);
  expect((await post('authority-de', profile('PRF-DE-W', 'SUP-A', 'DE', '2026-03-01', { 'C1.3': 1 }))).json().level).toBe('low');
  // FR's profile of SUP-B: never named in DE's answers
  expect((await post('authority-fr', profile('PRF-FR-SECRET', 'SUP-B', 'FR', '2026-03-01', { 'C1.1': 4 }))).statusCode).toBe(201);
});
afterAll(async () => f.close());

describe('designation warnings over the API', () => {
  it('create: a cited low profile is shown and warned about', async () => {
    const r = await put('D-W-1', designation('D-W-1', 'SUP-A', ['PRF-DE-W', 1]));
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ designationId: 'D-W-1', profile: { profileId: 'PRF-DE-W', version: 1, level: 'low', ruleId: 'secure5g-default', assessedOn: '2026-03-01' } });
    expect(body.warnings).toEqual([
      {
        kind: 'profile-level-low',
        message: 'designation D-W-1 (restricted) rests on profile PRF-DE-W version 1, whose level is low: under rule secure5g-default no condition for medium or high held',
        profileId: 'PRF-DE-W', version: 1, level: 'low', ruleId: 'secure5g-default',
      },
    ]);
  });

  it('read: a newer version of the cited profile is warned about too; amend to it and the warnings go', async () => {
    expect((await post('authority-de', profile('PRF-DE-W', 'SUP-A', 'DE', '2026-05-01', { 'C1.1': 4 }))).json()).toMatchObject({ profile: { version: 2 }, level: 'high' });
    const read = (await get('D-W-1')).json();
    expect(read.warnings.map((w: { kind: string }) => w.kind)).toEqual(['profile-level-low', 'newer-profile-version']);
    expect(read.warnings[1]).toMatchObject({ profileId: 'PRF-DE-W', version: 1, level: 'low', latestVersion: 2, latestLevel: 'high', latestAssessedOn: '2026-05-01' });
    expect(read.warnings[1].message).toBe('designation D-W-1 rests on profile PRF-DE-W version 1 (2026-03-01, level low); version 2 (2026-05-01, level high) is recorded since');

    const amended = await f.app.inject({ method: 'PATCH', url: '/api/v1/designations/D-W-1', headers: s['authority-de']!.write, payload: { profile_version: 2 } });
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ designation: { profileVersion: 2 }, profile: { version: 2, level: 'high' }, warnings: [] });
  });

  it('no profile cited: warns, offering the own member state’s latest profile of the supplier, never another’s', async () => {
    const a = (await put('D-W-2', designation('D-W-2', 'SUP-A'))).json();
    expect(a.profile).toBeUndefined();
    expect(a.warnings).toEqual([
      {
        kind: 'no-profile',
        message: 'designation D-W-2 (restricted) rests on no recorded profile of SUP-A: profile PRF-DE-W version 2 (2026-05-01, level high) could be cited (--profile PRF-DE-W@2)',
        profileId: 'PRF-DE-W', version: 2, level: 'high', ruleId: 'secure5g-default',
      },
    ]);
    const b = await put('D-W-3', designation('D-W-3', 'SUP-B'));
    expect(b.json().warnings).toEqual([{ kind: 'no-profile', message: 'designation D-W-3 (restricted) rests on no recorded profile of SUP-B: DE has recorded no profile of it' }]);
    expect(b.body).not.toContain('PRF-FR-SECRET');
  });

  it('citing another member state’s profile stays refused as an unknown id', async () => {
    const r = await put('D-W-4', designation('D-W-4', 'SUP-B', ['PRF-FR-SECRET', 1]));
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('profile PRF-FR-SECRET version 1 is not recorded');
  });
});
