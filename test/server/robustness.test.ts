import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../src/server/route-table.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Bad input gets a clear error, never a crash: every route of the table, called by the admin (who passes
 * every gate) with malformed path parameters, query strings and bodies, answers below 500 with a
 * problem+json naming what is wrong, and no stack trace.
 */

let f: Fixture;
let admin: Session;
/** ids that exist, so that a bad body or query meets the handler and not only the 404 */
const REAL: Record<string, string> = {
  designationId: 'D-DE-1',
  operatorId: 'OP-DE-1',
  assetId: 'DE1-RAN-A',
  supplierId: 'SUP-A',
  productId: 'P-A-GNB',
  entityId: 'SUP-A',
  memberState: 'DE',
  a: 'latest',
  b: 'latest',
};

beforeAll(async () => {
  f = await fixtureApp();
  admin = await login(f.app, 'admin');
  const run = await f.app.inject({ method: 'POST', url: `${API_PREFIX}/assessments`, headers: admin.write, payload: { date: '2026-06-01' } });
  REAL.assessmentId = run.json().assessmentId;
  const user = await f.app.inject({
    method: 'POST',
    url: `${API_PREFIX}/users`,
    headers: admin.write,
    payload: { username: 'robustness-target', password: 'target-password-1', role: 'auditor', memberState: 'DE' },
  });
  REAL.userId = user.json().userId;
});
afterAll(async () => f.close());

const BODIES: { payload: string; type: string }[] = [
  { payload: '{"unexpected": {"deep": [null, 1, "x"]}, "items": [{}, 7]}', type: 'application/json' },
  { payload: '[]', type: 'application/json' },
  { payload: '"just a string"', type: 'application/json' },
  { payload: '{not json', type: 'application/json' },
  { payload: 'a,b\n"unclosed', type: 'text/csv' },
];
const QUERY = 'limit=-1&offset=x&date=2026-13-45&memberState=zz&format=exe&from=&to=0&version=abc&measure=XX99&scope=nowhere&save=maybe';

describe('malformed requests on every route', () => {
  it('answer below 500 with problem+json and no stack trace', async () => {
    const wrong: string[] = [];
    for (const r of f.app.routeTable) {
      if (r.path === '/auth/logout' || r.path === '/auth/login') continue;
      const paths = [r.path.replace(/:(\w+)/g, 'NO-SUCH-1'), r.path.replace(/:(\w+)/g, '%00%2F..%2Fx'), r.path.replace(/:(\w+)/g, (_m, p: string) => REAL[p] ?? 'NO-SUCH-1')];
      const bodies = r.method === 'GET' || r.method === 'DELETE' ? [undefined] : BODIES;
      // with the bad query string, and without it so that a bad body reaches the handler
      for (const path of paths)
        for (const query of [`?${QUERY}`, ''])
          for (const body of bodies) {
            const res = await f.app.inject({
              method: r.method,
              url: `${API_PREFIX}${path}${query}`,
              headers: { ...(r.method === 'GET' ? admin.read : admin.write), ...(body ? { 'content-type': body.type } : {}) },
              ...(body ? { payload: body.payload } : {}),
            });
            const what = `${r.method} ${r.path} (${path}${query ? ' bad query' : ''}${body ? `, ${body.type} ${body.payload.slice(0, 12)}` : ''}): ${res.statusCode}`;
            if (res.statusCode >= 500) wrong.push(`${what} ${res.body.slice(0, 160)}`);
            else if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${what} not problem+json`);
            if (/\n\s+at .+:\d+:\d+/.test(res.body)) wrong.push(`${what} shows a stack trace`);
          }
    }
    expect(wrong).toEqual([]);
  });
});
