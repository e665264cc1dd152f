import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * GET /assessments/:a/diff/:b over the fixture inventory (test/server/helpers.ts). Two whole-instance runs
 * by the admin at 2026-06-01, A before and B after FR designates SUP-B for the RAN (D-FR-2, in force from
 * 2025-01-01 with 12 months' transition, so the deadline 2026-01-01 has passed at the run date):
 *   - the one new finding is SM03 on OP-FR-1's RAN from SUP-B (FR1-RAN-B, 100 gNBs), critical;
 *   - the designations register goes from 2 rows (D-DE-1, D-FR-1) to 3.
 * The change is FR's: a DE authority sees both runs (they cover the Union) but none of FR's rows, and
 * not the runs' recorded inputs, which count and digest other member states' data.
 */

let f: Fixture;
const s: Record<string, Session> = {};
let a: string;
let b: string;
let operatorRun: string;
const NEW_FINDING = 'SM03:OP-FR-1:ran:SUP-B:D-FR-2';

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const run = async (who: string) => {
  const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s[who]!.write, payload: { date: '2026-06-01' } });
  expect(r.statusCode).toBe(201);
  return r.json().assessmentId as string;
};

beforeAll(async () => {
  f = await fixtureApp();
  for (const p of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'union']) s[p] = await login(f.app, p);
  a = await run('admin');
  const put = await f.app.inject({
    method: 'PUT',
    url: '/api/v1/designations/D-FR-2',
    headers: s['authority-fr']!.write,
    payload: { member_state: 'FR', supplier_id: 'SUP-B', kind: 'high-risk', segments: ['ran'], legal_basis: 'Fictional Decree 9', effective_date: '2025-01-01', transition_months: 12, status: 'in-force' },
  });
  expect(put.statusCode).toBe(201);
  b = await run('admin');
  operatorRun = await run('operator-de1');
});
afterAll(async () => f.close());

describe('GET /assessments/:a/diff/:b', () => {
  it('names the new designation and the finding it raised, for the whole instance', async () => {
    const r = await get('admin', `/assessments/${a}/diff/${b}`);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect([d.a.assessmentId, d.b.assessmentId]).toEqual([a, b]);
    expect(d.inputs).toContain('designations changed: 2 rows → 3 rows');
    expect(d.findings.map((x: { change: string; id: string; after?: { severity: string } }) => [x.change, x.id, x.after?.severity])).toEqual([
      ['added', NEW_FINDING, 'critical'],
    ]);
    expect(d.summary.some((l: string) => l.startsWith(`new critical finding ${NEW_FINDING}`))).toBe(true);
  });

  it('takes the references the CLI takes: previous and latest, or the start of an id', async () => {
    // the newest run the admin sees is the operator's (whole-instance scopes see every run): compare B with it by prefix
    const d = (await get('admin', `/assessments/${b.slice(0, 8)}/diff/latest`)).json();
    expect([d.a.assessmentId, d.b.assessmentId]).toEqual([b, operatorRun]);
    const fr = (await get('authority-fr', '/assessments/previous/diff/latest')).json();
    // FR sees the two Union-wide runs, not the DE operator's
    expect([fr.a.assessmentId, fr.b.assessmentId]).toEqual([a, b]);
    expect(fr.findings.map((x: { id: string }) => x.id)).toEqual([NEW_FINDING]);
  });

  it("keeps FR's change and the runs' inputs from a DE authority", async () => {
    const r = await get('authority-de', `/assessments/${a}/diff/${b}`);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.findings).toEqual([]);
    expect(d.risks).toEqual([]);
    // neither the designations count nor the inputs hash of a Union-wide run
    expect(d.inputs).toEqual([]);
    expect(d.a.inputsHash).toBeUndefined();
    expect(r.body).not.toMatch(/OP-FR-1|D-FR-2|FR1-RAN-B|designations changed/);
    // the run headers follow the same rule: the admin sees the inputs hash, the DE authority does not
    expect((await get('admin', `/assessments/${a}`)).json().inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('authority-de', `/assessments/${a}`)).json().inputsHash).toBeUndefined();
  });

  it("answers 404 for a run outside the scope, as for one that does not exist; 403 to the union analyst", async () => {
    const out = await get('authority-fr', `/assessments/${operatorRun}/diff/${a}`);
    expect(out.statusCode).toBe(404);
    expect(out.headers['content-type']).toContain('application/problem+json');
    expect(out.body).not.toContain('OP-DE-1');
    expect((await get('authority-fr', `/assessments/00000000-0000-4000-8000-000000000000/diff/${a}`)).statusCode).toBe(404);
    expect((await get('authority-fr', `/assessments/not!a-run/diff/${a}`)).statusCode).toBe(400);
    expect((await get('union', `/assessments/${a}/diff/${b}`)).statusCode).toBe(403);
  });

  it('renders the explanation as Markdown on ?format=md', async () => {
    const r = await get('admin', `/assessments/${a}/diff/${b}?format=md`);
    expect(r.headers['content-type']).toContain('text/markdown');
    expect(r.body).toContain('designations changed: 2 rows → 3 rows');
    expect(r.body).toContain(NEW_FINDING);
  });

  it('filters findings by the cap rule too', async () => {
    // no member state of the fixture sets a cap: the filter is accepted and finds nothing
    const r = await get('admin', `/assessments/${b}/findings?rule=SM03-CAP`);
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(0);
  });
});
