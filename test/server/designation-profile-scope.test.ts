import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * A designation may cite only a profile its own member state keeps. A DE write citing FR's profile gets
 * exactly the answer of an id that does not exist, whatever supplier it names: nothing says which
 * supplier FR's profile covers, or that it exists, and the write never succeeds. Over the API's PUT and
 * an uploaded import job; the CLI paths are in test/profiles/designation-profile-scope.test.ts.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const ev = [{ text: 'fictional evidence' }];
/** FR's confidential profile of SUP-C; its id leaks nothing by itself */
const FR_PROFILE = { profile_id: 'PRF-FR-CONF', supplier_id: 'SUP-C', member_state: 'FR', assessor: 'FR unit', assessed_on: '2026-03-01', scores: [{ criterion: 'C1.1', score: 4, evidence: ev }] };
/** DE's own profile of SUP-C, to show the same write passes when the profile is DE's */
const DE_PROFILE = { ...FR_PROFILE, profile_id: 'PRF-DE-OWN', member_state: 'DE', assessor: 'DE unit' };

const designation = (id: string, supplier: string, profileId: string) => ({
  member_state: 'DE',
  supplier_id: supplier,
  kind: 'restricted',
  segments: ['core'],
  legal_basis: 'Fictional act §9',
  effective_date: '2027-01-01',
  transition_months: 6,
  status: 'proposed',
  profile_id: profileId,
  profile_version: 1,
  designation_id: id,
});
const put = (id: string, supplier: string, profileId: string) =>
  f.app.inject({ method: 'PUT', url: `/api/v1/designations/${id}`, headers: s['authority-de']!.write, payload: designation(id, supplier, profileId) });
const notRecorded = (id: string) => `profile ${id} version 1 is not recorded`;

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['authority-de', 'authority-fr']) s[name] = await login(f.app, name);
  for (const [who, p] of [['authority-fr', FR_PROFILE], ['authority-de', DE_PROFILE]] as const)
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/profiles', headers: s[who]!.write, payload: p })).statusCode).toBe(201);
});
afterAll(async () => f.close());

describe('PUT /designations citing another member state’s profile', () => {
  it('answers as for an id that does not exist, with the matching supplier and with another', async () => {
    const none = await put('D-SC-0', 'SUP-C', 'PRF-NO-SUCH');
    expect(none.statusCode).toBe(400);
    for (const supplier of ['SUP-C', 'SUP-A']) {
      const r = await put('D-SC-1', supplier, 'PRF-FR-CONF');
      expect(r.statusCode).toBe(400);
      expect(r.json().detail).toBe(none.json().detail.replace('PRF-NO-SUCH', 'PRF-FR-CONF'));
      expect(r.body).toContain(notRecorded('PRF-FR-CONF'));
      // which supplier FR's profile covers is not told
      expect(r.body).not.toContain('about supplier');
    }
    expect(f.store.sqlite.prepare("SELECT COUNT(*) FROM designations WHERE designation_id = 'D-SC-1'").pluck().get()).toBe(0);
  });

  it('takes its own member state’s profile (the check is the member state, not the id)', async () => {
    expect((await put('D-SC-2', 'SUP-C', 'PRF-DE-OWN')).statusCode).toBe(201);
    const other = await put('D-SC-3', 'SUP-A', 'PRF-DE-OWN');
    expect(other.json().detail).toContain('profile PRF-DE-OWN is about supplier SUP-C, not SUP-A');
  });
});

describe('POST /imports/designations citing another member state’s profile', () => {
  const HEADER = 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status,profile_id,profile_version';
  const job = async (name: string, row: string) => {
    const r = await f.app.inject({
      method: 'POST',
      url: `/api/v1/imports/designations?filename=${name}`,
      headers: { ...s['authority-de']!.write, 'content-type': 'text/csv' },
      payload: `${HEADER}\n${row}\n`,
    });
    expect(r.statusCode).toBe(202);
    await f.app.ctx.jobs.idle();
    return (await f.app.inject({ method: 'GET', url: `/api/v1/imports/jobs/${r.json().jobId}`, headers: s['authority-de']!.read })).json() as { status: string; error?: string };
  };

  it('fails the job as for an id that does not exist, and writes nothing', async () => {
    const none = await job('none.csv', 'D-SC-4,DE,SUP-C,restricted,core,Fictional act,2027-01-01,6,proposed,PRF-NO-SUCH,1');
    expect(none.status).toBe('failed');
    for (const supplier of ['SUP-C', 'SUP-A']) {
      const r = await job('none.csv', `D-SC-4,DE,${supplier},restricted,core,Fictional act,2027-01-01,6,proposed,PRF-FR-CONF,1`);
      expect(r.status).toBe('failed');
      expect(r.error).toBe(none.error!.replace('PRF-NO-SUCH', 'PRF-FR-CONF'));
      expect(r.error).not.toContain('about supplier');
    }
    expect(f.store.sqlite.prepare("SELECT COUNT(*) FROM designations WHERE designation_id = 'D-SC-4'").pluck().get()).toBe(0);
    // the same row citing DE's own profile goes in
    expect((await job('own.csv', 'D-SC-4,DE,SUP-C,restricted,core,Fictional act,2027-01-01,6,proposed,PRF-DE-OWN,1')).status).toBe('done');
  });
});
