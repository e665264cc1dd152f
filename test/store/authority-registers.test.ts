import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProfilesInScope, getProfileInScope, listScreeningCasesInScope } from '../../src/store/access/registers.js';
import { getScreeningCaseInScope } from '../../src/store/access/screening-writes.js';
import { assessingMemberState, listSupplyFactsInScope } from '../../src/store/access/profile-writes.js';
import type { Scope } from '../../src/store/access/index.js';
import { fixtureApp, login, type Fixture } from '../server/helpers.js';

/*
 * Profiles, supply facts and screening cases are a member state's authority's registers: whatever a
 * route's gate says, the store gives an operator's tenancy (an operator, or an auditor of one operator)
 * none of their rows, while an authority and an auditor of the member state read the same ones.
 */

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp();
  const s = await login(f.app, 'authority-de');
  const post = (url: string, payload: object) => f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: s.write, payload });
  expect((await post('/profiles', { profile_id: 'PRF-DE-X', supplier_id: 'SUP-A', member_state: 'DE', assessor: 'DE unit', assessed_on: '2026-03-01', scores: [{ criterion: 'C1.1', score: 2, evidence: [{ text: 'e' }] }] })).statusCode).toBe(201);
  const c = { case_id: 'FDI-DE-X', member_state: 'DE', status: 'received', investor: 'Fictional Fund', investor_country: 'XA', target_kind: 'supplier', target_id: 'SUP-A', factors: ['critical-technologies'], third_country_government_control: false, received_on: '2026-05-01' };
  expect((await post('/screening-cases', c)).statusCode).toBe(201);
  expect((await post('/suppliers/SUP-A/supply-facts', { member_state: 'DE', source: 's', recorded_on: '2026-05-01', export_control_exposure: true })).statusCode).toBe(201);
});
afterAll(async () => f.close());

const reads = async (scope: Scope) => ({
  profiles: (await listProfilesInScope(f.store, scope)).map((p) => p.profileId),
  profile: (await getProfileInScope(f.store, scope, 'PRF-DE-X'))?.profile.profile_id,
  cases: (await listScreeningCasesInScope(f.store, scope)).map((c) => c.case.case_id),
  case: (await getScreeningCaseInScope(f.store, scope, 'FDI-DE-X'))?.case.case_id,
  facts: (await listSupplyFactsInScope(f.store, scope, 'SUP-A'))?.total,
  assessing: assessingMemberState(f.store, scope, 'SUP-A'),
});

describe('authority registers in the store', () => {
  it('an authority and an auditor of its member state read them', async () => {
    const expected = { profiles: ['PRF-DE-X'], profile: 'PRF-DE-X', cases: ['FDI-DE-X'], case: 'FDI-DE-X', facts: 1, assessing: 'DE' };
    expect(await reads({ role: 'authority', memberState: 'DE' })).toEqual(expected);
    expect(await reads({ role: 'auditor', memberState: 'DE' })).toEqual(expected);
  });

  it('an operator and an auditor of one operator read none of them', async () => {
    const none = { profiles: [], profile: undefined, cases: [], case: undefined, facts: 0, assessing: undefined };
    expect(await reads({ role: 'operator', memberState: 'DE', operatorId: 'OP-DE-1' })).toEqual(none);
    expect(await reads({ role: 'auditor', memberState: 'DE', operatorId: 'OP-DE-1' })).toEqual(none);
  });
});
