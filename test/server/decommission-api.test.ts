import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * The inventory shrinks through the API: a replacement import job (?replace=true&operatorId=&asOf=,
 * with dryRun) and POST /assets/decommission, each kept to the caller's scope. Fixture inventory
 * (helpers.ts): OP-DE-1 holds DE1-RAN-A, DE1-RAN-B, DE1-AMF; OP-DE-2 DE2-SEPP; OP-FR-1 FR1-RAN-B.
 */

const HEADER = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';
// keeps DE1-RAN-A and DE1-AMF unchanged, drops DE1-RAN-B: decommissioned [DE1-RAN-B], unchanged 2
const DE1 = `${HEADER}\nDE1-RAN-A,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,60,north,2022-03-01,\nDE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.0,2,,2021-01-01,\n`;

let f: Fixture;
const s: Record<string, Session> = {};
const post = (who: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...s[who]!.write, ...headers }, payload: payload as string });
const job = async (who: string, query: string, body: string) => {
  const r = await post(who, `/imports/assets?filename=de1.csv&${query}`, body, { 'content-type': 'text/csv' });
  if (r.statusCode !== 202) return { status: r.statusCode, body: r.json() };
  await f.app.ctx.jobs.idle();
  const done = await f.app.inject({ method: 'GET', url: `/api/v1/imports/jobs/${r.json().jobId}`, headers: s[who]!.read });
  return { status: 202, body: done.json() };
};
const assetIds = (op: string) => f.store.sqlite.prepare('SELECT asset_id FROM assets WHERE operator_id = ? ORDER BY asset_id').pluck().all(op);

beforeAll(async () => {
  f = await fixtureApp();
  for (const p of ['admin', 'authority-de', 'authority-fr', 'operator-de1', 'operator-fr1', 'union']) s[p] = await login(f.app, p);
});
afterAll(async () => f.close());

describe('replacement import job', () => {
  it('refuses replacement parameters without replace=true, and replace=true without an operator', async () => {
    expect((await job('admin', 'operatorId=OP-DE-1', DE1)).status).toBe(400);
    expect((await job('admin', 'replace=true', DE1)).status).toBe(400);
  });

  it("an operator may not replace another operator's inventory; an authority not another member state's", async () => {
    for (const [who, op] of [['operator-fr1', 'OP-DE-1'], ['authority-fr', 'OP-DE-1']] as const) {
      const r = await job(who, `replace=true&operatorId=${op}&asOf=2026-06-30`, DE1);
      expect(r.body.status).toBe('failed');
      expect(r.body.error).toMatch(/outside the data you may write/);
    }
    expect(assetIds('OP-DE-1')).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B']);
  });

  it('a dry run answers the counts and ids and writes nothing; the real run decommissions', async () => {
    const dry = await job('operator-de1', 'replace=true&operatorId=OP-DE-1&asOf=2026-06-30&dryRun=true', DE1);
    expect(dry.body.status).toBe('done');
    expect(dry.body.result.replacement).toEqual({ operatorId: 'OP-DE-1', asOf: '2026-06-30', dryRun: true, added: [], updated: [], unchanged: 2, decommissioned: ['DE1-RAN-B'] });
    expect(assetIds('OP-DE-1')).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B']);

    const real = await job('operator-de1', 'replace=true&operatorId=OP-DE-1&asOf=2026-06-30', DE1);
    expect(real.body.result.replacement.decommissioned).toEqual(['DE1-RAN-B']);
    expect(assetIds('OP-DE-1')).toEqual(['DE1-AMF', 'DE1-RAN-A']);
    const audit = f.store.sqlite.prepare("SELECT action, operator_id FROM audit_log WHERE action LIKE 'import.assets%' ORDER BY seq DESC LIMIT 1").raw(true).get();
    expect(audit).toEqual(['import.assets.replace', 'OP-DE-1']);
  });
});

describe('POST /assets/decommission', () => {
  it('answers an asset outside the scope exactly as one that does not exist, and moves nothing', async () => {
    const outside = await post('operator-de1', '/assets/decommission', { assetIds: ['DE2-SEPP'], date: '2026-05-01' });
    const missing = await post('operator-de1', '/assets/decommission', { assetIds: ['NO-SUCH'], date: '2026-05-01' });
    expect(outside.statusCode).toBe(400);
    expect(missing.statusCode).toBe(400);
    expect(outside.json().detail.replace('DE2-SEPP', 'X')).toBe(missing.json().detail.replace('NO-SUCH', 'X'));
    expect(assetIds('OP-DE-2')).toEqual(['DE2-SEPP']);
    expect((await post('union', '/assets/decommission', { assetIds: ['DE2-SEPP'] })).statusCode).toBe(403);
  });

  it('takes assets of the scope out of service on the date, all or none, audited', async () => {
    // one of the two is FR's: nothing moves
    expect((await post('authority-de', '/assets/decommission', { assetIds: ['DE2-SEPP', 'FR1-RAN-B'], date: '2026-05-01' })).statusCode).toBe(400);
    expect(assetIds('OP-DE-2')).toEqual(['DE2-SEPP']);
    const r = await post('authority-de', '/assets/decommission', { assetIds: ['DE2-SEPP'], date: '2026-05-01' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ date: '2026-05-01', ids: ['DE2-SEPP'] });
    expect(assetIds('OP-DE-2')).toEqual([]);
    expect(f.store.sqlite.prepare("SELECT decommissioned_on FROM decommissioned_assets WHERE asset_id = 'DE2-SEPP'").pluck().all()).toEqual(['2026-05-01']);
    const audit = f.store.sqlite.prepare("SELECT member_state, operator_id FROM audit_log WHERE action = 'assets.decommission'").raw(true).all();
    expect(audit).toEqual([['DE', 'OP-DE-2']]);
  });

  it('refuses a date after today', async () => {
    const r = await post('admin', '/assets/decommission', { assetIds: ['FR1-RAN-B'], date: '2999-01-01' });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toMatch(/after today/);
  });
});
