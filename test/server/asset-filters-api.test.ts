import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture } from './helpers.js';

/*
 * GET /assets honours every filter, function and criticality included, with a true total. Expected ids
 * worked out by hand from test/fixtures/import (assets.csv; policies.json, whose DE override names RU,
 * a function the fixture's assets do not have): the catalogue has AMF and SEPP critical, gNB sensitive.
 */

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
}, 60_000);
afterAll(async () => f?.close());

const ids = async (who: string, query: string) => {
  const s = await login(f.app, who);
  const r = await f.app.inject({ url: `/api/v1/assets?${query}`, headers: s.read });
  expect(r.statusCode).toBe(200);
  const body = r.json() as { items: { assetId: string }[]; total: number };
  return { ids: body.items.map((a) => a.assetId), total: body.total };
};

describe('GET /assets filters', () => {
  it.each([
    ['admin', 'function=gNB', ['DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B']],
    ['admin', 'function=AMF', ['DE1-AMF']],
    ['admin', 'criticality=critical', ['DE1-AMF', 'DE2-SEPP']],
    ['admin', 'criticality=sensitive', ['DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B']],
    ['admin', 'criticality=other', []],
    ['admin', 'criticality=sensitive&memberState=DE', ['DE1-RAN-A', 'DE1-RAN-B']],
    ['admin', 'function=gNB&supplierId=SUP-B', ['DE1-RAN-B', 'FR1-RAN-B']],
    ['authority-fr', 'function=gNB', ['FR1-RAN-B']],
    ['authority-de', 'criticality=critical', ['DE1-AMF', 'DE2-SEPP']],
    ['operator-de1', 'criticality=critical', ['DE1-AMF']],
  ])('%s ?%s', async (who, query, expected) => {
    const r = await ids(who, query);
    expect(r.ids).toEqual(expected);
    expect(r.total).toBe(expected.length);
  });

  it('the total is of the whole filtered scope, not of the page', async () => {
    expect(await ids('admin', 'function=gNB&limit=1')).toEqual({ ids: ['DE1-RAN-A'], total: 3 });
    expect(await ids('admin', 'criticality=sensitive&limit=2&after=DE1-RAN-A')).toEqual({ ids: ['DE1-RAN-B', 'FR1-RAN-B'], total: 3 });
  });

  it('an unknown criticality is a 400 naming the parameter', async () => {
    const s = await login(f.app, 'admin');
    const r = await f.app.inject({ url: '/api/v1/assets?criticality=high', headers: s.read });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('criticality');
  });
});
