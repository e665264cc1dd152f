import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../src/server/policy.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Saved scenarios over the API. Expected figures worked out by hand from test/fixtures/import: SUP-B's RAN
 * units are DE1-RAN-B (40, OP-DE-1) and FR1-RAN-B (100, OP-FR-1), so phasing SUP-B out of the RAN needs
 * 40 units in DE, 100 in FR, 140 in all.
 */

let f: Fixture;
const s: Record<string, Session> = {};
beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'auditor', 'auditor-de', 'union']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const post = (who: string, url: string, payload?: unknown) =>
  f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: s[who]!.write, ...(payload !== undefined ? { payload: payload as string } : {}) });

const PHASE_OUT = {
  name: 'ran phase-out',
  version: '1',
  description: 'SUP-B out of the RAN within a year',
  start_date: '2026-07-01',
  horizon_months: 24,
  restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'], transition_months: 12 }],
  replacement: { capacity: { default: { ran: 100 } } },
};
const NAME = encodeURIComponent(PHASE_OUT.name);

describe('policy', () => {
  it('whoever may simulate a saved scenario may read it; saving is for the roles that publish to the whole instance', () => {
    for (const role of POLICY['simulations.run']) expect(POLICY['scenarios.read'], role).toContain(role);
    expect([...POLICY['scenarios.write']].sort()).toEqual(['admin', 'authority']);
  });
});

describe('saving', () => {
  it('201 for a new version, 200 for the same content again, 409 for other content under it; the save is audited once', async () => {
    const first = await post('authority-de', '/scenarios', PHASE_OUT);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: 'ran phase-out', version: '1', description: PHASE_OUT.description });
    expect(first.headers.location).toBe(`/api/v1/scenarios/ran%20phase-out?version=1`);
    const again = await post('authority-de', '/scenarios', PHASE_OUT);
    expect(again.statusCode).toBe(200);
    expect(again.json().sha256).toBe(first.json().sha256);
    const other = await post('admin', '/scenarios', { ...PHASE_OUT, horizon_months: 36 });
    expect(other.statusCode).toBe(409);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({ type: 'urn:secure5g:problem:conflict', status: 409 });
    expect(other.json().detail).toContain('give it a new version');
    const v2 = await post('admin', '/scenarios', { ...PHASE_OUT, version: '2', horizon_months: 36 });
    expect(v2.statusCode).toBe(201);

    const audit = (await get('auditor', `/audit?targetType=scenario&targetId=${encodeURIComponent('ran phase-out@1')}`)).json();
    expect(audit.items.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([['scenario.save', 'authority-de']]);
    expect(audit.items[0].detail).toEqual({ sha256: first.json().sha256 });
    // no tenancy: a member-state auditor does not see the entry
    expect((await get('auditor-de', '/audit?targetType=scenario')).json().total).toBe(0);
  });

  it('a bad scenario names its field; operators and auditors may not save', async () => {
    const bad = await post('admin', '/scenarios', { ...PHASE_OUT, version: '9', horizonMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('horizonMonths');
    expect((await post('operator-de1', '/scenarios', { ...PHASE_OUT, version: 'op' })).statusCode).toBe(403);
    expect((await post('auditor', '/scenarios', { ...PHASE_OUT, version: 'au' })).statusCode).toBe(403);
    expect((await get('admin', `/scenarios?name=${NAME}`)).json().items.map((x: { version: string }) => x.version)).toEqual(['1', '2']);
  });
});

describe('reading', () => {
  it('lists every version; gets the latest or the one asked for; 404 for an unknown name or version', async () => {
    const list = (await get('operator-de1', '/scenarios')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((x: { name: string; version: string }) => `${x.name}@${x.version}`)).toEqual(['ran phase-out@1', 'ran phase-out@2']);
    const page = (await get('operator-de1', '/scenarios?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items[0].version).toBe('2');
    const latest = (await get('operator-de1', `/scenarios/${NAME}`)).json();
    expect(latest).toMatchObject({ version: '2', scenario: { horizonMonths: 36 } });
    const v1 = (await get('auditor-de', `/scenarios/${NAME}?version=1`)).json();
    expect(v1).toMatchObject({ version: '1', scenario: { name: 'ran phase-out', horizonMonths: 24, restrictions: [{ suppliers: ['SUP-B'] }] } });
    expect((await get('admin', `/scenarios/${NAME}?version=7`)).statusCode).toBe(404);
    expect((await get('admin', '/scenarios/no-such-scenario')).statusCode).toBe(404);
    expect((await get('union', '/scenarios')).statusCode).toBe(403);
  });
});

describe('simulating a saved scenario', () => {
  it('runs over the caller’s scope only, exactly as the same scenario sent inline', async () => {
    const units = async (who: string) => {
      const r = await post(who, `/scenarios/${NAME}/simulations?version=1`);
      expect(r.statusCode, who).toBe(200);
      return r;
    };
    const de = await units('authority-de');
    expect(de.json().totals).toMatchObject({ unitsRequired: 40, unitsSwapped: 40 });
    const fr = await units('authority-fr');
    // (what FR can swap them to depends on the replacement rules over FR's own RAN, where SUP-B is the only supplier)
    expect(fr.json().totals.unitsRequired).toBe(100);
    expect((await units('operator-de1')).json().totals.unitsRequired).toBe(40);
    expect((await units('admin')).json().totals.unitsRequired).toBe(140);
    // auditors may simulate (it stores nothing)
    expect((await units('auditor-de')).json().totals.unitsRequired).toBe(40);
    for (const x of ['OP-DE-1', 'OP-DE-2', 'DE1-RAN-B', 'D-DE-1', 'Rheinwelle', 'Spreenetz']) expect(fr.body).not.toContain(x);
    for (const x of ['OP-FR-1', 'FR1-RAN-B', 'D-FR-1', 'Azur']) expect(de.body).not.toContain(x);

    // second method: the inline route with the same document gives the same answer
    const inline = await post('authority-fr', '/simulations', PHASE_OUT);
    expect(fr.json()).toEqual(inline.json());
    // without ?version the latest (v2, 36 months) runs
    const latest = await post('authority-de', `/scenarios/${NAME}/simulations`);
    expect(latest.json().scenario).toMatchObject({ version: '2' });
  });

  it('404 for an unknown scenario; 403 for the union analyst', async () => {
    expect((await post('admin', '/scenarios/nothing-saved/simulations')).statusCode).toBe(404);
    expect((await post('admin', `/scenarios/${NAME}/simulations?version=5`)).statusCode).toBe(404);
    expect((await post('union', `/scenarios/${NAME}/simulations`)).statusCode).toBe(403);
  });
});

describe('comparing scenarios', () => {
  // by hand from the fixture: OP-DE-1's RAN holds SUP-A 60 and SUP-B 40 (Q 100), OP-FR-1's RAN SUP-B 100 alone.
  // A 30 % cap on SUP-B needs max(0, 40 − 0.3 × 100) = 10 units in DE and max(0, 100 − 0.3 × 100) = 70 in FR;
  // the phase-out needs 40 and 100.
  const CAP_30 = { name: 'ran cap 30', version: '1', start_date: '2026-07-01', horizon_months: 24, restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'], max_share: 0.3, transition_months: 12 }] };
  const compare = (who: string, scenarios: unknown[]) => post(who, '/simulations/compare', { scenarios });
  const values = (body: { rows: { metric: string; values: (number | null)[] }[] }, metric: string) => body.rows.find((r) => r.metric === metric)?.values;

  it('runs saved and inline scenarios side by side over the caller’s scope, one value per scenario in the order given', async () => {
    const de = await compare('authority-de', [{ name: 'ran phase-out', version: '1' }, { scenario: CAP_30 }]);
    expect(de.statusCode).toBe(200);
    expect(de.json().scenarios.map((x: { name: string; version: string }) => `${x.name}@${x.version}`)).toEqual(['ran phase-out@1', 'ran cap 30@1']);
    expect(values(de.json(), 'unitsRequired')).toEqual([40, 10]);
    const all = await compare('admin', [{ scenario: CAP_30 }, { name: 'ran phase-out', version: '1' }]);
    expect(values(all.json(), 'unitsRequired')).toEqual([80, 140]);
    // second method: the same figures as each scenario run alone
    const alone = (await post('authority-de', `/scenarios/${NAME}/simulations?version=1`)).json();
    expect(values(de.json(), 'spendEur')![0]).toBe(alone.totals.spendEur);
    // the auditor of DE reads what DE's authority reads; the operator its own operator's figures
    expect(values((await compare('auditor-de', [{ name: 'ran phase-out', version: '1' }, { scenario: CAP_30 }])).json(), 'unitsRequired')).toEqual([40, 10]);
    expect(values((await compare('operator-de1', [{ name: 'ran phase-out', version: '1' }, { scenario: CAP_30 }])).json(), 'unitsRequired')).toEqual([40, 10]);
    for (const x of ['OP-FR-1', 'FR1-RAN-B']) expect(de.body).not.toContain(x);
  });

  it('refuses fewer than two, names a saved scenario that does not exist and a bad inline field; the union analyst may not', async () => {
    const one = await compare('admin', [{ scenario: CAP_30 }]);
    expect(one.statusCode).toBe(400);
    expect(one.headers['content-type']).toMatch(/^application\/problem\+json/);
    const missing = await compare('admin', [{ scenario: CAP_30 }, { name: 'nothing-saved' }]);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('scenarios[1]: nothing-saved');
    const bad = await compare('admin', [{ scenario: CAP_30 }, { scenario: { ...CAP_30, horizon_months: 0 } }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('scenarios[1]');
    expect((await compare('union', [{ scenario: CAP_30 }, { scenario: CAP_30 }])).statusCode).toBe(403);
  });
});
