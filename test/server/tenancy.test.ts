import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREIGN } from './access-samples/common.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Denied data never appears: not in single reads (404, worded like a missing row), lists, counts, errors,
 * exports, dashboards or simulation results. Expected counts are read off test/fixtures/import by hand.
 */

let f: Fixture;
let assessmentId: string;
const s: Record<string, Session> = {};

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'operator-fr1', 'union', 'auditor-de', 'auditor-de1']) s[name] = await login(f.app, name);
  const run = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.admin!.write, payload: { date: '2026-06-01' } });
  expect(run.statusCode).toBe(201);
  assessmentId = run.json().assessmentId;
});
afterAll(async () => f.close());

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });

describe('single items outside the scope', () => {
  const cases: [string, string[]][] = [
    ['authority-fr', ['/operators/OP-DE-1', '/assets/DE1-RAN-A', '/designations/D-DE-1', '/policies/DE']],
    ['operator-de1', ['/operators/OP-DE-2', '/assets/DE2-SEPP', '/operators/OP-FR-1', '/assets/FR1-RAN-B', '/designations/D-FR-1', '/policies/FR']],
    ['auditor-de', ['/operators/OP-FR-1', '/assets/FR1-RAN-B', '/designations/D-FR-1']],
  ];
  for (const [who, urls] of cases) {
    it(`${who}: 404, worded exactly like an id that exists nowhere`, async () => {
      for (const url of urls) {
        const out = await get(who, url);
        const missing = await get(who, url.replace(/\/[^/]+$/, url.startsWith('/policies') ? '/IS' : '/NO-SUCH-ID'));
        expect(out.statusCode, url).toBe(404);
        expect(missing.statusCode, url).toBe(404);
        const { instance: _a, ...a } = out.json();
        const { instance: _b, ...b } = missing.json();
        expect(a, url).toEqual(b);
      }
    });
  }
});

describe('counts in lists', () => {
  it('operators and assets: totals are those of the scope', async () => {
    const totals = async (who: string, url: string) => (await get(who, url)).json().total;
    expect(await totals('admin', '/operators')).toBe(3);
    expect(await totals('authority-de', '/operators')).toBe(2);
    expect(await totals('authority-fr', '/operators')).toBe(1);
    expect(await totals('operator-de1', '/operators')).toBe(1);
    expect(await totals('admin', '/assets')).toBe(5);
    expect(await totals('authority-de', '/assets')).toBe(4);
    expect(await totals('operator-de1', '/assets')).toBe(3);
    expect(await totals('auditor-de', '/assets')).toBe(4);
    // a filter naming another scope's operator finds nothing, and says nothing more
    expect(await totals('authority-fr', '/assets?operatorId=OP-DE-1')).toBe(0);
    expect(await totals('authority-de', '/designations')).toBe(1);
    expect(await totals('operator-fr1', '/designations')).toBe(1);
  });

  it('asset pages after a cursor: the same rows as by offset, the total still the scope\'s', async () => {
    // DE's four assets by id: DE1-AMF, DE1-RAN-A, DE1-RAN-B, DE2-SEPP
    const page = async (who: string, q: string) => {
      const b = (await get(who, `/assets?limit=2${q}`)).json();
      return { ids: b.items.map((a: { assetId: string }) => a.assetId), next: b.next, total: b.total };
    };
    const first = await page('authority-de', '');
    expect(first).toEqual({ ids: ['DE1-AMF', 'DE1-RAN-A'], next: 'DE1-RAN-A', total: 4 });
    const second = await page('authority-de', `&after=${first.next}`);
    expect(second).toEqual({ ids: ['DE1-RAN-B', 'DE2-SEPP'], next: 'DE2-SEPP', total: 4 });
    expect(second.ids).toEqual((await page('authority-de', '&offset=2')).ids);
    expect(await page('authority-de', `&after=${second.next}`)).toEqual({ ids: [], next: undefined, total: 4 });
    // a cursor from anywhere narrows nothing but the order: another member state's rows stay out
    expect(await page('authority-fr', '&after=DE1-AMF')).toEqual({ ids: ['FR1-RAN-B'], next: undefined, total: 1 });
  });

  it('findings: each scope gets exactly the findings of the whole run that belong to it', async () => {
    const all = (await get('admin', `/assessments/${assessmentId}/findings?limit=1000`)).json().items as { id: string; memberState: string; operatorId?: string }[];
    expect(all.length).toBeGreaterThan(0);
    const ids = async (who: string) => ((await get(who, `/assessments/${assessmentId}/findings?limit=1000`)).json().items as { id: string }[]).map((x) => x.id).sort();
    expect(await ids('authority-de')).toEqual(all.filter((x) => x.memberState === 'DE').map((x) => x.id).sort());
    expect(await ids('authority-fr')).toEqual(all.filter((x) => x.memberState === 'FR').map((x) => x.id).sort());
    expect(await ids('operator-de1')).toEqual(all.filter((x) => x.operatorId === 'OP-DE-1').map((x) => x.id).sort());
    const header = (await get('authority-fr', `/assessments/${assessmentId}`)).json();
    expect(header.findings).toBe(all.filter((x) => x.memberState === 'FR').length);
  });
});

describe('nothing foreign in any response', () => {
  for (const [who, foreign] of Object.entries(FOREIGN)) {
    it(`${who}: lists, details, dashboard, exports, audit, jobs, errors and simulations`, async () => {
      const urls = [
        '/auth/me',
        '/dashboard',
        '/operators?limit=1000',
        '/assets?limit=1000',
        '/designations',
        '/policies',
        '/assessments',
        `/assessments/${assessmentId}`,
        `/assessments/${assessmentId}/findings?limit=1000`,
        `/assessments/${assessmentId}/metrics?limit=1000`,
        `/assessments/${assessmentId}/export?format=json`,
        `/assessments/${assessmentId}/export?format=csv`,
        '/findings?limit=1000',
        '/audit?limit=1000',
        '/imports',
        '/imports/jobs',
        '/assets/NO-SUCH-ASSET',
        '/suppliers',
        '/products',
      ];
      const bodies: [string, string][] = [];
      for (const url of urls) bodies.push([url, (await get(who, url)).body]);
      const sim = await f.app.inject({
        method: 'POST',
        url: '/api/v1/simulations',
        headers: s[who]!.write,
        payload: {
          name: 'leak-check',
          version: '1',
          start_date: '2026-07-01',
          horizon_months: 12,
          restrictions: [{ suppliers: ['SUP-B'], segments: ['ran'] }],
          disruptions: [{ suppliers: ['SUP-C'], from: '2026-08-01', duration_months: 3 }],
        },
      });
      expect(sim.statusCode).toBe(who === 'union' ? 403 : 200);
      bodies.push(['POST /simulations', sim.body]);
      const leaks = bodies.flatMap(([url, body]) => foreign.filter((x) => body.includes(x)).map((x) => `${url} shows ${x}`));
      expect(leaks).toEqual([]);
      // and the scan is not vacuous: the caller's own data is there
      const dash = JSON.parse(bodies[1]![1]);
      expect(dash.totals.operators).toBeGreaterThan(0);
    });
  }

  it('the union analyst sees member-state and Union aggregates only', async () => {
    const d = (await get('union', '/dashboard')).json();
    expect(d.reach.level).toBe('aggregates');
    expect(d.operators).toBeUndefined();
    expect(d.topFindings).toBeUndefined();
    expect(new Set(d.concentration.map((r: { scope: string }) => r.scope))).toEqual(new Set(['union', 'member-state']));
    expect(d.memberStates.map((m: { memberState: string; operators: number }) => [m.memberState, m.operators])).toEqual([
      ['DE', 2],
      ['FR', 1],
    ]);
    expect(d.totals.operators).toBe(3);
  });
});

describe('writes outside the scope', () => {
  it("an authority cannot record another member state's designation, nor take over one", async () => {
    const body = { member_state: 'FR', supplier_id: 'SUP-A', kind: 'restricted', segments: ['core'], legal_basis: 'x', effective_date: '2026-01-01', transition_months: 0, status: 'in-force' };
    const other = await f.app.inject({ method: 'PUT', url: '/api/v1/designations/D-NEW', headers: s['authority-de']!.write, payload: body });
    expect(other.statusCode).toBe(403);
    const takeover = await f.app.inject({ method: 'PUT', url: '/api/v1/designations/D-FR-1', headers: s['authority-de']!.write, payload: { ...body, member_state: 'DE' } });
    expect(takeover.statusCode).toBe(403);
    expect(f.store.sqlite.prepare("SELECT member_state FROM designations WHERE designation_id = 'D-FR-1'").pluck().get()).toBe('FR');
    expect(f.store.sqlite.prepare("SELECT COUNT(*) FROM designations WHERE designation_id = 'D-NEW'").pluck().get()).toBe(0);
  });

  it("an authority cannot set another member state's policy", async () => {
    const r = await f.app.inject({ method: 'PUT', url: '/api/v1/policies/FR', headers: s['authority-de']!.write, payload: { version: 'x1' } });
    expect(r.statusCode).toBe(403);
  });

  it('imports: rows of another operator or member state, or ids owned elsewhere, stop the whole file', async () => {
    const header = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';
    const upload = async (who: string, body: string) => {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/imports/assets?filename=mine.csv', headers: { ...s[who]!.write, 'content-type': 'text/csv' }, payload: body });
      expect(r.statusCode).toBe(202);
      await f.app.ctx.jobs.idle();
      return (await get(who, `/imports/jobs/${r.json().jobId}`)).json();
    };
    // row 2 belongs to the other German operator
    const foreignRow = await upload('operator-de1', `${header}\nNEW-1,OP-DE-1,core,AMF,SUP-C,,,1,,,\nNEW-2,OP-DE-2,core,AMF,SUP-C,,,1,,,\n`);
    expect(foreignRow.status).toBe('failed');
    expect(foreignRow.error).toBe('mine.csv, row 2, field operator_id: is outside the data you may write');
    // an id that is a German asset, re-homed to a French operator
    const takeover = await upload('authority-fr', `${header}\nDE1-RAN-A,OP-FR-1,ran,gNB,SUP-A,,,1,,,\n`);
    expect(takeover.status).toBe('failed');
    expect(takeover.error).toBe('mine.csv, row 1, field asset_id: is outside the data you may write');
    expect(f.store.sqlite.prepare("SELECT COUNT(*) FROM assets WHERE asset_id IN ('NEW-1', 'NEW-2')").pluck().get()).toBe(0);
    expect(f.store.sqlite.prepare("SELECT operator_id FROM assets WHERE asset_id = 'DE1-RAN-A'").pluck().get()).toBe('OP-DE-1');
    // the French authority does not see the German operator's job either
    const jobs = (await get('authority-fr', '/imports/jobs')).json().items as { createdBy: string }[];
    expect(jobs.every((j) => j.createdBy === 'authority-fr')).toBe(true);
    // in scope, it goes through
    const ok = await upload('operator-de1', `${header}\nNEW-3,OP-DE-1,core,AMF,SUP-C,,,2,,,\n`);
    expect(ok.status).toBe('done');
    expect(ok.result).toMatchObject({ rows: 1, inserted: 1 });
  });
});
