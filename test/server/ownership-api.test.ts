import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Ownership, control, BOMs and origins over the API, on test/fixtures/import (suppliers SUP-A (XA), SUP-B
 * (XB), SUP-C (XC); products P-A-GNB of SUP-A, P-B-GNB of SUP-B). The entities and holdings are posted
 * below; every figure is worked out by hand from them. XD and XE are user-assigned codes standing for
 * third countries (neither EU nor EEA); NL and FI are member states.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const BOMS = join(import.meta.dirname, '..', 'fixtures', 'cyclonedx');
const bom = (name: string) => readFileSync(join(BOMS, name), 'utf8');

const ENTITIES = {
  items: [
    { entity_id: 'GOV-T', name: 'Government of XD', kind: 'government', country: 'XD' },
    { entity_id: 'HOLD-T', name: 'Tarn Holding', kind: 'company', country: 'NL' },
    { entity_id: 'FUND-T', name: 'Fjell Fund', kind: 'investment-vehicle', country: 'FI' },
    { entity_id: 'PERS-T', name: 'Pia Tarn', kind: 'individual', country: 'DE' },
    { entity_id: 'BH-T', name: 'Borealis Parent', kind: 'company', country: 'FI' },
    { entity_id: 'STB-T', name: 'Strategic Board of XE', kind: 'state-body', country: 'XE' },
  ],
};
/*
 * SUP-A ← HOLD-T 60 %, FUND-T 40 %;  HOLD-T ← GOV-T 70 %, PERS-T 30 %.
 * SUP-B ← BH-T 99 % since 2015-01-01; STB-T 1 % with a control right (golden share) since 2026-03-01.
 */
const HOLDINGS_CSV = [
  'holder_id,held_id,percentage,voting_rights,control,since',
  'HOLD-T,SUP-A,60,,,',
  'FUND-T,SUP-A,40,,,',
  'GOV-T,HOLD-T,70,,,',
  'PERS-T,HOLD-T,30,,,',
  'BH-T,SUP-B,99,,,2015-01-01',
  'STB-T,SUP-B,1,1,yes,2026-03-01',
].join('\n');

beforeAll(async () => {
  f = await fixtureApp();
  for (const name of ['admin', 'authority-de', 'operator-de1', 'union', 'auditor', 'auditor-de']) s[name] = await login(f.app, name);
});
afterAll(async () => f.close());

const get = async (who: string, url: string) => {
  const r = await f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
  return { status: r.statusCode, body: r.json(), text: r.body };
};
const post = async (who: string, url: string, payload: string | object, type = 'application/json') => {
  const r = await f.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { ...s[who]!.write, 'content-type': type },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: r.statusCode, body: r.json(), type: r.headers['content-type'] };
};
const count = (table: string) => Number(f.store.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
const audits = (action: string) => f.store.sqlite.prepare('SELECT actor, target_type, member_state, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
  actor: string;
  target_type: string;
  member_state: string | null;
  detail: string;
}[];

describe('writing the ownership registers', () => {
  it('only the administrator writes: an authority is refused and nothing is stored', async () => {
    const r = await post('authority-de', '/entities', ENTITIES);
    expect(r.status).toBe(403);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect((await post('operator-de1', '/holdings', HOLDINGS_CSV, 'text/csv')).status).toBe(403);
    expect(count('entities')).toBe(0);
    expect(count('holdings')).toBe(0);
  });

  it('entities as JSON, holdings as CSV: one transaction each, audited with the caller', async () => {
    const e = await post('admin', '/entities', ENTITIES);
    expect(e.status).toBe(201);
    expect(e.body).toMatchObject({ kind: 'entities', file: 'entities.json', rows: 6, inserted: 6, updated: 0, unchanged: 0 });
    const h = await post('admin', '/holdings', HOLDINGS_CSV, 'text/csv');
    expect(h.status).toBe(201);
    expect(h.body).toMatchObject({ kind: 'holdings', file: 'holdings.csv', rows: 6, inserted: 6, deleted: 0 });
    // the same entities again change nothing: 200, and no second audit entry
    expect((await post('admin', '/entities', ENTITIES)).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });

    expect(audits('entities.import')).toHaveLength(1);
    const [a] = audits('holdings.import');
    expect(a).toMatchObject({ actor: 'admin', target_type: 'holdings', member_state: null });
    expect(JSON.parse(a!.detail)).toMatchObject({ file: 'holdings.csv', rows: 6, inserted: 6, replace: false });
    // through the API: the administrator sees the entries; a member state's auditor does not (reference data has no tenancy)
    const list = await get('admin', '/audit?action=holdings.import');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].actor).toBe('admin');
    expect((await get('auditor-de', '/audit?action=holdings.import')).body.total).toBe(0);
  });

  it('a bad CSV row is refused naming its row and field, and nothing is written', async () => {
    const before = count('holdings');
    const csv = 'holder_id,held_id,percentage\nFUND-T,SUP-C,10\nPERS-T,SUP-C,lots\n';
    const r = await post('admin', '/holdings', csv, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('holdings.csv, row 2, field percentage');
    expect(r.body.errors).toEqual([{ path: 'row 2.percentage', row: 2, field: 'percentage', message: 'must be a number' }]);
    expect(count('holdings')).toBe(before);
  });

  it('an unknown holder is refused naming row and field; a JSON row by its index', async () => {
    const r = await post('admin', '/holdings', { items: [{ holder_id: 'FUND-T', held_id: 'SUP-C', percentage: 5 }, { holder_id: 'NOBODY-T', held_id: 'SUP-C', percentage: 5 }] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { path: 'body.items.1.holder_id', row: 2, field: 'holder_id', message: 'NOBODY-T is neither a recorded entity nor a supplier (import it with: secure5g entity import)' },
    ]);
    expect(count('holdings')).toBe(6);
    expect((await post('admin', '/entities', 'entity_id,name\n', 'text/csv')).status).toBe(400); // no rows
    expect((await post('admin', '/entities', 'x', 'text/plain')).status).toBe(415);
  });
});

describe('reading ownership and control', () => {
  it('lists entities with the suppliers standing in, filters by kind and country', async () => {
    const all = await get('union', '/entities');
    // 6 registered + 3 suppliers without an entities row
    expect(all.body.total).toBe(9);
    expect((await get('operator-de1', '/entities?kind=government')).body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['GOV-T']);
    expect((await get('operator-de1', '/entities?country=FI')).body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['BH-T', 'FUND-T']);
    expect((await get('authority-de', '/entities?source=supplier')).body.items.map((e: { entityId: string; country: string }) => [e.entityId, e.country])).toEqual([
      ['SUP-A', 'XA'],
      ['SUP-B', 'XB'],
      ['SUP-C', 'XC'],
    ]);
  });

  it('one entity with the holdings on either side; an unknown one is 404', async () => {
    const r = await get('union', '/entities/HOLD-T');
    expect(r.body.entity).toEqual({ entityId: 'HOLD-T', name: 'Tarn Holding', kind: 'company', country: 'NL', source: 'register' });
    expect(r.body.heldBy.map((h: { holderId: string; percentage: number }) => [h.holderId, h.percentage])).toEqual([['GOV-T', 70], ['PERS-T', 30]]);
    expect(r.body.holds.map((h: { heldId: string }) => h.heldId)).toEqual(['SUP-A']);
    const missing = await get('admin', '/entities/NONE-T');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('urn:secure5g:problem:not-found');
  });

  it('holdings filter by holder and held', async () => {
    expect((await get('auditor-de', '/holdings?heldId=SUP-A')).body.items.map((h: { holderId: string }) => h.holderId)).toEqual(['FUND-T', 'HOLD-T']);
    expect((await get('auditor-de', '/holdings?holderId=GOV-T')).body.total).toBe(1);
    expect((await get('auditor-de', '/holdings')).body.total).toBe(6);
  });

  it('SUP-A: the government holding the majority parent is the ultimate controller; its state share is looked through', async () => {
    const r = await get('union', '/suppliers/SUP-A/control?date=2026-06-01');
    expect(r.status).toBe(200);
    /*
     * Control: HOLD-T has 60 % > 50 % of SUP-A's votes → controls SUP-A; GOV-T has 70 % of HOLD-T →
     * controls HOLD-T; nobody holds GOV-T → GOV-T (XD) is the ultimate controller, outside the EU/EEA.
     * Look-through: GOV-T 0.7 × 0.6 = 42 %, FUND-T 40 %, PERS-T 0.3 × 0.6 = 18 %; total 100 %, unknown 0.
     * State shares: GOV-T is a government → XD 42 %.
     */
    expect(r.body).toMatchObject({ supplierId: 'SUP-A', asOf: '2026-06-01', controlOutsideEu: true, unknownShare: 0, cycles: [], missingData: [] });
    expect(r.body.ultimateControllers.map((c: { entityId: string; country: string; isSubject: boolean }) => [c.entityId, c.country, c.isSubject])).toEqual([['GOV-T', 'XD', false]]);
    const owners = Object.fromEntries(r.body.owners.map((o: { entityId: string; share: number }) => [o.entityId, +o.share.toFixed(12)]));
    expect(owners).toEqual({ 'GOV-T': 0.42, 'FUND-T': 0.4, 'PERS-T': 0.18 });
    expect(r.body.stateShares.map((x: { country: string; share: number }) => [x.country, +x.share.toFixed(12)])).toEqual([['XD', 0.42]]);
    // every number explains itself
    expect(r.body.explanation.text).toEqual(expect.any(String));
    expect(r.body.ultimateControllers[0].explanation.text).toContain('HOLD-T');
    expect(r.body.stateShares[0].explanation.text).toEqual(expect.any(String));
  });

  it('SUP-B: the golden share counts from its date on, controlling jointly with the 99 % holder', async () => {
    /*
     * 2026-01-01: STB-T's holding (since 2026-03-01) is left out; BH-T 99 % → sole ultimate controller,
     * in FI: control not outside the EU; no state share; 1 % of SUP-B unrecorded.
     * 2026-06-01: BH-T (> 50 %) and STB-T (control right) control jointly; STB-T is held 0 % by anyone
     * recorded, so both are ultimate; STB-T is a state body of XE → XE 1 %, and control is outside the EU.
     */
    const early = await get('authority-de', '/suppliers/SUP-B/control?date=2026-01-01');
    expect(early.body.ultimateControllers.map((c: { entityId: string }) => c.entityId)).toEqual(['BH-T']);
    expect(early.body).toMatchObject({ controlOutsideEu: false, stateShares: [] });
    expect(+early.body.unknownShare.toFixed(12)).toBe(0.01);
    const later = await get('authority-de', '/suppliers/SUP-B/control?date=2026-06-01');
    expect(later.body.ultimateControllers.map((c: { entityId: string }) => c.entityId).sort()).toEqual(['BH-T', 'STB-T']);
    expect(later.body.controlOutsideEu).toBe(true);
    expect(later.body.stateShares.map((x: { country: string; share: number }) => [x.country, +x.share.toFixed(12)])).toEqual([['XE', 0.01]]);
  });

  it('an unknown supplier is 404 as problem+json', async () => {
    const r = await get('union', '/suppliers/SUP-NONE/control');
    expect(r.status).toBe(404);
    expect(r.body.status).toBe(404);
  });

  it('?replace=true makes the body the complete record of each held entity it names', async () => {
    // SUP-A is named: FUND-T's 40 % is not in the body and goes; HOLD-T's 60 % becomes 100 %
    const r = await post('admin', '/holdings?replace=true', 'holder_id,held_id,percentage\nHOLD-T,SUP-A,100\n', 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ inserted: 0, updated: 1, deleted: 1 });
    expect((await get('admin', '/holdings?heldId=SUP-A')).body.items.map((h: { holderId: string; percentage: number }) => [h.holderId, h.percentage])).toEqual([['HOLD-T', 100]]);
    // GOV-T now 0.7 × 1.0 = 70 %
    const c = await get('admin', '/suppliers/SUP-A/control?date=2026-06-01');
    expect(c.body.stateShares.map((x: { share: number }) => +x.share.toFixed(12))).toEqual([0.7]);
    expect(JSON.parse(audits('holdings.import').at(-1)!.detail)).toMatchObject({ updated: 1, deleted: 1, replace: true });
  });
});

describe('BOMs and origins', () => {
  it('stores a CycloneDX BOM once (201), the same again changes nothing (200), audited once', async () => {
    const first = await post('admin', '/products/P-A-GNB/boms?filename=gnb-du-1.6.json', bom('gnb-du-1.6.json'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, bom: { productId: 'P-A-GNB', file: 'gnb-du-1.6.json', specVersion: '1.6', components: 10, latest: true } });
    const again = await post('admin', '/products/P-A-GNB/boms?filename=gnb-du-1.6.json', bom('gnb-du-1.6.json'));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(audits('bom.import').map((a) => [a.actor, a.target_type, JSON.parse(a.detail).productId])).toEqual([['admin', 'bom', 'P-A-GNB']]);
    const list = await get('operator-de1', '/products/P-A-GNB/boms');
    expect(list.body.items.map((b: { file: string; latest: boolean }) => [b.file, b.latest])).toEqual([['gnb-du-1.6.json', true]]);
  });

  it('origins from the fixture BOM, worked out from the file', async () => {
    /*
     * test/fixtures/cyclonedx/gnb-du-1.6.json: board FI, nested SoC XA, FPGA XB (quantity 2), DDR XA (8),
     * PTP clock DE; firmware FI; PHY software (supplier's address FI); PSU XC (2); fan without a country
     * (4); a library with nothing. Components FI 3, XA 2, DE 1, XB 1, XC 1, unknown 2 → of 10.
     * Quantity FI 3, XA 1 + 8 = 9, DE 1, XB 2, XC 2, unknown 4 + 1 = 5 → of 22.
     */
    const r = await get('union', '/products/P-A-GNB/origins');
    expect(r.status).toBe(200);
    expect([r.body.productId, r.body.components, r.body.quantity]).toEqual(['P-A-GNB', 10, 22]);
    expect(r.body.byCountry.map((c: { country: string; components: number; componentShare: number; quantity: number }) => [c.country, c.components, c.componentShare, c.quantity])).toEqual([
      ['FI', 3, 0.3, 3],
      ['XA', 2, 0.2, 9],
      ['DE', 1, 0.1, 1],
      ['XB', 1, 0.1, 2],
      ['XC', 1, 0.1, 2],
      ['unknown', 2, 0.2, 5],
    ]);
    expect(r.body.explanation.text).toContain('P-A-GNB: 10 component(s)');
    const bySupplier = await get('auditor', '/suppliers/SUP-A/origins');
    expect(bySupplier.body.items.map((o: { productId: string; components: number }) => [o.productId, o.components])).toEqual([['P-A-GNB', 10]]);
    // SUP-B's product has no BOM: nothing to list for the supplier, 404 for the product's origins
    expect((await get('auditor', '/suppliers/SUP-B/origins')).body.total).toBe(0);
    expect((await get('auditor', '/products/P-B-GNB/origins')).status).toBe(404);
  });

  it('an invalid BOM is refused naming the JSON path; nothing is stored', async () => {
    const r = await post('admin', '/products/P-B-GNB/boms', bom('invalid-router-1.6.json'));
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('body.components.3.type');
    expect(r.body.detail).toContain('/components/3/type');
    expect((await get('admin', '/products/P-B-GNB/boms')).body.total).toBe(0);
  });

  it('unknown products and suppliers are 404; the authority may not store a BOM', async () => {
    expect((await get('union', '/products/P-NONE/boms')).status).toBe(404);
    expect((await get('union', '/products/P-NONE/origins')).status).toBe(404);
    expect((await get('union', '/suppliers/SUP-NONE/origins')).status).toBe(404);
    expect((await post('admin', '/products/P-NONE/boms', bom('gnb-du-1.6.json'))).status).toBe(404);
    expect((await post('authority-de', '/products/P-B-GNB/boms', bom('gnb-du-1.6.json'))).status).toBe(403);
    expect(count('boms')).toBe(1);
  });
});
