import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromInputJson, outputPath, toOutputJson } from '../../src/domain/json-case.js';
import { API_ROUTES } from '../../src/server/routes/index.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

describe('one convention for machines: camelCase JSON', () => {
  it('renames known fields only, never keys that are data', () => {
    const row = { asset_id: 'A1', member_state: 'DE', shares: { sup_a: 0.4, 'SUP-B': 0.6 }, counts: { SM03: { 'in-place': 1 } }, caps: [{ cap_id: 'C1', scope: 'operator' }] };
    expect(toOutputJson(row)).toEqual({ assetId: 'A1', memberState: 'DE', shares: { sup_a: 0.4, 'SUP-B': 0.6 }, counts: { SM03: { 'in-place': 1 } }, caps: [{ capId: 'C1', capScope: 'operator' }] });
    // and back, for request bodies
    expect(fromInputJson({ assetId: 'A1', caps: [{ capId: 'C1', capScope: 'operator' }] })).toEqual({ asset_id: 'A1', caps: [{ cap_id: 'C1', scope: 'operator' }] });
    expect(outputPath('body.items.0.member_state')).toBe('body.items.0.memberState');
    expect(outputPath('body.caps.1.scope')).toBe('body.caps.1.capScope');
  });

  describe('over the API', () => {
    let f: Fixture;
    let s: Session;
    beforeAll(async () => {
      f = await fixtureApp();
      s = await login(f.app, 'admin');
    });
    afterAll(async () => f.close());

    it('answers every GET without a snake_case key', async () => {
      const run = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.write, payload: {} });
      expect(run.statusCode).toBe(201);
      const ids: Record<string, string> = { operatorId: 'OP-DE-1', supplierId: 'SUP-A', productId: 'P-A-GNB', assetId: 'DE1-RAN-A', designationId: 'D-DE-1', memberState: 'DE', entityId: 'SUP-A' };
      ids.assessmentId = ids.a = ids.b = run.json().assessmentId;
      const snake: string[] = [];
      const walk = (v: unknown, where: string): void => {
        if (Array.isArray(v)) v.forEach((x) => walk(x, where));
        else if (v && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) {
            if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(k)) snake.push(`${where} ${k}`);
            walk(x, where);
          }
      };
      let answered = 0;
      for (const r of API_ROUTES.filter((r) => r.method === 'GET' && r.path.split(':').slice(1).every((p) => ids[p.split('/')[0]!] !== undefined))) {
        const url = `/api/v1${r.path.replace(/:(\w+)/g, (_, p: string) => ids[p]!)}`;
        const res = await f.app.inject({ method: 'GET', url, headers: s.read });
        if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) {
          answered++;
          walk(res.json(), url);
        }
      }
      // the routes answerable with the fixture's ids: about fifty
      expect(answered).toBeGreaterThan(40);
      expect(snake).toEqual([]);
    });

    it('takes camelCase bodies and names their fields in camelCase; an uploaded file keeps its columns', async () => {
      const bad = await f.app.inject({ method: 'POST', url: '/api/v1/screening-cases', headers: s.write, payload: { caseId: 'FDI-X', memberState: 'DE' } });
      expect(bad.statusCode).toBe(400);
      const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
      expect(paths).toContain('body.investorCountry');
      expect(paths.some((p) => p.includes('_'))).toBe(false);
      const upload = await f.app.inject({
        method: 'POST',
        url: '/api/v1/holdings',
        headers: { ...s.write, 'content-type': 'text/csv' },
        payload: 'holder_id,held_id,percentage\nNOBODY,SUP-A,10\n',
      });
      expect(upload.statusCode).toBe(400);
      expect(upload.json().errors[0]).toMatchObject({ path: 'row 1.holder_id', field: 'holder_id' });
    });
  });
});
