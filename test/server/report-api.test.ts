import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * GET /assessments/:id/report over the fixture inventory (test/server/helpers.ts), one Union-wide run by
 * the admin at 2026-06-01. D-DE-1 (DE designates SUP-B for ran and core, in force 2025-01-01, 12 months)
 * has passed its deadline 2026-01-01, so DE holds a critical SM03 finding on OP-DE-1's RAN from SUP-B:
 * DE1-RAN-B, 40 gNBs. D-FR-1 is only proposed: FR has no SM03 finding.
 */

let f: Fixture;
const s: Record<string, Session> = {};
let run: string;
const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });

beforeAll(async () => {
  f = await fixtureApp();
  for (const p of ['admin', 'authority-de', 'operator-fr1', 'union']) s[p] = await login(f.app, p);
  const r = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.admin!.write, payload: { date: '2026-06-01' } });
  run = r.json().assessmentId;
});
afterAll(async () => f.close());

describe('GET /assessments/:id/report', () => {
  it('renders the run as Markdown for the whole instance, with where it is stored and its inputs hash', async () => {
    const r = await get('admin', `/assessments/${run}/report`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/markdown');
    expect(r.body).toContain('# secure5g assessment of 2026-06-01');
    expect(r.body).toContain('Scope: all member states (Union)');
    expect(r.body).toMatch(new RegExp(`Stored as assessment ${run} · inputs [0-9a-f]{12}`));
    const sm03 = r.body.split('\n').filter((l) => l.includes('| SM03 |'));
    expect(sm03).toHaveLength(1);
    expect(sm03[0]).toMatch(/\| critical \| SM03 \| DE \| OP-DE-1 \| ran \| SUP-B \| 40 \| 2026-01-01 \|/);
  });

  it("narrows to the caller: a DE authority's report of the Union run is DE's, without the run's inputs hash", async () => {
    const r = await get('authority-de', `/assessments/${run}/report?format=text`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toContain('Scope: member state DE');
    expect(r.body).toContain(`Stored as assessment ${run}`);
    expect(r.body).not.toContain(' · inputs ');
    expect(r.body).toContain('OP-DE-1');
    expect(r.body).not.toMatch(/OP-FR-1|FR1-RAN-B|Azur/);
    // the FR operator sees its own rows only: no DE operator, no DE finding
    const fr = await get('operator-fr1', `/assessments/${run}/report`);
    expect(fr.body).toContain('Scope: operator OP-FR-1');
    expect(fr.body).not.toMatch(/OP-DE-1|OP-DE-2|D-DE-1/);
  });

  it('answers 404 for an unknown run and 403 to the union analyst', async () => {
    expect((await get('admin', '/assessments/00000000-0000-4000-8000-000000000000/report')).statusCode).toBe(404);
    expect((await get('union', `/assessments/${run}/report`)).statusCode).toBe(403);
  });
});
