import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * The inventory's order, CSV export and asset context over the API, on test/fixtures/import:
 *   DE1-RAN-A  OP-DE-1 ran gNB SUP-A 60 · DE1-RAN-B OP-DE-1 ran gNB SUP-B 40 · DE1-AMF OP-DE-1 core AMF SUP-C 2
 *   DE2-SEPP   OP-DE-2 interconnection SEPP SUP-C 1.5 · FR1-RAN-B OP-FR-1 ran gNB SUP-B 100
 * Orders and rows below are read off that table by hand.
 */

let f: Fixture;
const s: Record<string, Session> = {};
let run: string;

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'operator-de1', 'union']) s[name] = await login(f.app, name);
  run = (await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.admin!.write, payload: { date: '2026-06-01' } })).json().assessmentId;
});
afterAll(async () => f.close());

const get = (who: string, url: string) => f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const ids = async (who: string, url: string) => (await get(who, url)).json().items.map((a: { assetId: string }) => a.assetId);

describe('GET /assets?sort&order', () => {
  it('orders by the column asked, ties broken by asset id in the same direction', async () => {
    expect(await ids('admin', '/assets?sort=quantity&order=desc')).toEqual(['FR1-RAN-B', 'DE1-RAN-A', 'DE1-RAN-B', 'DE1-AMF', 'DE2-SEPP']);
    expect(await ids('admin', '/assets?sort=quantity')).toEqual(['DE2-SEPP', 'DE1-AMF', 'DE1-RAN-B', 'DE1-RAN-A', 'FR1-RAN-B']);
    // three ran assets tie on the segment: by asset id
    expect(await ids('admin', '/assets?sort=segment')).toEqual(['DE1-AMF', 'DE2-SEPP', 'DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B']);
    expect(await ids('admin', '/assets?sort=segment&order=desc')).toEqual(['FR1-RAN-B', 'DE1-RAN-B', 'DE1-RAN-A', 'DE2-SEPP', 'DE1-AMF']);
    // pages of a sorted list do not overlap
    const pages = [...(await ids('admin', '/assets?sort=supplierId&limit=2')), ...(await ids('admin', '/assets?sort=supplierId&limit=2&offset=2')), ...(await ids('admin', '/assets?sort=supplierId&limit=2&offset=4'))];
    expect(pages).toEqual(['DE1-RAN-A', 'DE1-RAN-B', 'FR1-RAN-B', 'DE1-AMF', 'DE2-SEPP']);
  });

  it('stays in the scope and the filters, and refuses an unknown column or keyset paging in another order', async () => {
    expect(await ids('authority-de', '/assets?sort=quantity&order=desc&segment=ran')).toEqual(['DE1-RAN-A', 'DE1-RAN-B']);
    expect((await get('admin', '/assets?sort=name')).statusCode).toBe(400);
    expect((await get('admin', '/assets?sort=quantity&after=DE1-AMF')).statusCode).toBe(400);
    expect(await ids('admin', '/assets?after=DE1-RAN-B')).toEqual(['DE2-SEPP', 'FR1-RAN-B']);
  });
});

describe('GET /assets/export', () => {
  it('answers CSV in the import format, the filter of the scope, by asset id', async () => {
    const r = await get('authority-de', '/assets/export?segment=ran');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="assets-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(r.body).toBe(
      'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support\n' +
        'DE1-RAN-A,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,60,north,2022-03-01,\n' +
        'DE1-RAN-B,OP-DE-1,ran,gNB,SUP-B,P-B-GNB,3.1,40,south,2022-03-01,2027-01-31\n',
    );
    const op = (await get('operator-de1', '/assets/export')).body.trim().split('\n');
    expect(op.slice(1).map((l) => l.split(',')[0])).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B']);
    expect((await get('union', '/assets/export')).statusCode).toBe(403);
    expect((await get('admin', '/assets/export?segment=nowhere')).statusCode).toBe(400);
  });
});

describe('GET /assets/:assetId/context', () => {
  it('derives the criticality with its explanation: the catalogue default, and the national override where one applies', async () => {
    const gnb = (await get('authority-de', '/assets/DE1-RAN-A/context')).json();
    // gNB is sensitive in the catalogue; DE's policy overrides RU only
    expect(gnb.criticality.level).toBe('sensitive');
    expect(gnb.criticality.explanation.inputs).toMatchObject({ memberState: 'DE', policyVersion: '2025-1', catalogueDefault: 'sensitive', overrides: [] });
    expect((await get('admin', '/assets/DE1-AMF/context')).json().criticality.level).toBe('critical');
  });

  it('lists the findings of the newest run that name the asset, as SQL over the stored findings says', async () => {
    const expected = f.store.sqlite
      .prepare("SELECT f.finding_id FROM assessment_findings f WHERE f.assessment_id = ? AND EXISTS (SELECT 1 FROM json_each(f.document, '$.assetIds') j WHERE j.value = 'DE1-RAN-B') ORDER BY f.position")
      .pluck()
      .all(run) as string[];
    // SUP-B is designated in DE for ran since 2025: at least that finding names DE1-RAN-B
    expect(expected.length).toBeGreaterThan(0);
    const r = (await get('authority-de', '/assets/DE1-RAN-B/context')).json();
    expect(r.assessmentId).toBe(run);
    expect(r.findings.map((x: { id: string }) => x.id)).toEqual(expected);
    for (const x of r.findings) expect(x.explanation.text).toBeTruthy();
  });

  it('answers 404 outside the scope, as for an asset that does not exist', async () => {
    expect((await get('authority-de', '/assets/FR1-RAN-B/context')).statusCode).toBe(404);
    expect((await get('operator-de1', '/assets/DE2-SEPP/context')).statusCode).toBe(404);
    expect((await get('admin', '/assets/NO-SUCH/context')).statusCode).toBe(404);
  });
});
