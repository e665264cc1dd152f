import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductOrigins } from '../../src/services/ownership.js';
import type { StoredBom } from '../../src/store/boms.js';
import { openStore } from '../../src/store/open.js';
import { BOMS, cli, cliJson, counts, fixture, smallNetworkDb } from './helpers.js';

const bom = (name: string) => join(BOMS, name);
/** [country, components, component share, quantity, quantity share], shares to 12 places */
const rows = (o: ProductOrigins) => o.byCountry.map((r) => [r.country, r.components, +r.componentShare.toFixed(12), r.quantity, +r.quantityShare.toFixed(12)]);
const r12 = (x: number) => +x.toFixed(12);

describe('bom import and product origins', () => {
  let t: Awaited<ReturnType<typeof smallNetworkDb>>;
  const origins = (product: string) => cliJson<ProductOrigins>('product', 'origins', product, '--format', 'json', '--db', t.db);
  const list = (...extra: string[]) => cliJson<StoredBom[]>('bom', 'list', '--format', 'json', '--db', t.db, ...extra);

  beforeAll(async () => {
    t = await smallNetworkDb();
    for (const [kind, file] of [['suppliers', 'suppliers-bom.csv'], ['products', 'products-bom.csv']]) {
      const r = await cli('import', kind, fixture(file), '--db', t.db);
      if (r.code !== 0) throw new Error(r.stderr);
    }
  });
  afterAll(() => t.cleanup());

  it('gNB DU (1.6): shares by manufacturer country, nested components counted', async () => {
    const r = await cli('bom', 'import', '--product', 'P-A-DU', bom('gnb-du-1.6.json'), '--db', t.db);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^bom: gnb-du-1\.6\.json for P-A-DU — CycloneDX 1\.6, 10 components, sha256 [0-9a-f]{12}…, bom id [0-9a-f-]{36}\n$/);
    /*
     * From the file: board FI (Aurora), nested SoC XA, FPGA XB (quantity 2), DDR XA (8), PTP clock DE;
     * firmware FI; PHY software, no manufacturer, supplier's address FI; PSU XC (2); fan without a country (4);
     * libsctp with nothing. Components: FI 3, XA 2, DE 1, XB 1, XC 1, unknown 2 → 3/10, 2/10, 1/10 …
     * Quantity: FI 1+1+1 = 3, XA 1+8 = 9, DE 1, XB 2, XC 2, unknown 4+1 = 5; total 22.
     * Device/firmware components: board, SoC, FPGA, DDR, PTP, firmware, PSU, fan = 8; the DDR names an
     * alternative source and the PSU declares 2 sources, so 6 are single-sourced.
     */
    const o = await origins('P-A-DU');
    expect([o.productId, o.components, o.quantity]).toEqual(['P-A-DU', 10, 22]);
    expect(rows(o)).toEqual([
      ['FI', 3, 0.3, 3, r12(3 / 22)], ['XA', 2, 0.2, 9, r12(9 / 22)], ['DE', 1, 0.1, 1, r12(1 / 22)],
      ['XB', 1, 0.1, 2, r12(2 / 22)], ['XC', 1, 0.1, 2, r12(2 / 22)], ['unknown', 2, 0.2, 5, r12(5 / 22)],
    ]);
    expect(o.countries).toEqual(['DE', 'FI', 'XA', 'XB', 'XC']);
    expect(o.sourceAssessedComponents).toBe(8);
    expect(o.singleSourceComponents.map((s) => s.bomRef)).toEqual(['du-baseband-board', 'bb-soc', 'bb-fpga', 'bb-ptp', 'du-firmware', 'du-fan']);
    expect(o.bom).toMatchObject({ file: 'gnb-du-1.6.json', specVersion: '1.6' });
    expect(o.explanation.text).toContain('10 component(s)');
  });

  it('UPF on COTS (1.5): countries from secure5g:country', async () => {
    const imported = await cliJson<{ bom: StoredBom; created: boolean }>('bom', 'import', '--product', 'P-C-UPF', bom('upf-cots-1.5.json'), '--format', 'json', '--db', t.db);
    expect(imported).toMatchObject({ created: true, bom: { productId: 'P-C-UPF', specVersion: '1.5', components: 8, latest: true, warnings: [] } });
    /*
     * UPF app SE, packet library none, base OS NL, server XE (4) with nested CPU XF (8), NIC XF (8), BMC
     * firmware XE, hypervisor none. Components XE 2, XF 2, NL 1, SE 1, unknown 2 (of 8).
     * Quantity XE 4+1 = 5, XF 8+8 = 16, NL 1, SE 1, unknown 2; total 25.
     * Source-assessed: server, CPU, NIC, BMC = 4; the CPU names an alternative → 3 single-sourced.
     */
    const o = await origins('P-C-UPF');
    expect([o.components, o.quantity]).toEqual([8, 25]);
    expect(rows(o)).toEqual([
      ['XE', 2, 0.25, 5, 0.2], ['XF', 2, 0.25, 16, 0.64], ['NL', 1, 0.125, 1, 0.04], ['SE', 1, 0.125, 1, 0.04], ['unknown', 2, 0.25, 2, 0.08],
    ]);
    expect(o.sourceAssessedComponents).toBe(4);
    expect(o.singleSourceComponents.map((s) => [s.bomRef, s.source])).toEqual([['cots-server', 'Granite Servers'], ['srv-nic', 'Meridian NICs'], ['srv-bmc', 'Granite Servers']]);
  });

  it('transport router (1.6): the explicit country wins; a country name is a warning and unknown', async () => {
    const r = await cli('bom', 'import', '--product', 'P-D-RTR', bom('transport-router-1.6.json'), '--db', t.db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: /components/6/manufacturer/address/country: country "Ireland" is not an ISO 3166-1 alpha-2 code; treated as unknown\n');
    /*
     * Chassis AT (1), ASIC XG (2), line card AT (4) with nested optics XH (16) and PHY XG (4), NOS AT,
     * routing stack AT (supplier's address), power module PL by property over the maker's XC (2), crypto
     * firmware "Ireland" → unknown. Components AT 4, XG 2, PL 1, XH 1, unknown 1 (of 9).
     * Quantity AT 1+4+1+1 = 7, XG 2+4 = 6, PL 2, XH 16, unknown 1; total 32.
     * Device/firmware: 7; the optics name an alternative → 6 single-sourced, the ASIC by its declaration.
     */
    const o = await origins('P-D-RTR');
    expect([o.components, o.quantity]).toEqual([9, 32]);
    expect(rows(o)).toEqual([
      ['AT', 4, r12(4 / 9), 7, r12(7 / 32)], ['XG', 2, r12(2 / 9), 6, r12(6 / 32)], ['PL', 1, r12(1 / 9), 2, r12(2 / 32)],
      ['XH', 1, r12(1 / 9), 16, 0.5], ['unknown', 1, r12(1 / 9), 1, r12(1 / 32)],
    ]);
    expect(o.sourceAssessedComponents).toBe(7);
    expect(o.singleSourceComponents.map((s) => `${s.bomRef}:${s.basis}`)).toEqual([
      'rt-chassis:one-named-source', 'rt-asic:declared', 'rt-linecard:one-named-source', 'lc-phy:one-named-source',
      'rt-power:one-named-source', 'rt-crypto:one-named-source',
    ]);
    const table = await cli('product', 'origins', 'P-D-RTR', '--db', t.db);
    expect(table.stdout).toMatch(/\nAT\s+4\s+44\.44 %\s+7\s+21\.88 %\n/);
    expect(table.stdout).toContain('Single-source components (6 of 7 source-assessed):');
  });

  it('stores the query columns beside each component', async () => {
    const store = await openStore(t.db);
    try {
      const byCountry = store.sqlite
        .prepare("SELECT origin_country, count(*) AS n, sum(quantity) AS q FROM bom_components c JOIN boms b USING (bom_id) WHERE b.product_id = 'P-A-DU' GROUP BY origin_country ORDER BY origin_country")
        .all();
      expect(byCountry).toEqual([
        { origin_country: 'DE', n: 1, q: 1 }, { origin_country: 'FI', n: 3, q: 3 }, { origin_country: 'XA', n: 2, q: 9 },
        { origin_country: 'XB', n: 1, q: 2 }, { origin_country: 'XC', n: 1, q: 2 }, { origin_country: 'unknown', n: 2, q: 5 },
      ]);
      const soc = store.sqlite.prepare("SELECT position, path, type, manufacturer FROM bom_components WHERE bom_ref = 'bb-soc'").get();
      expect(soc).toEqual({ position: 1, path: '/components/0/components/0', type: 'device', manufacturer: 'Nimbus Semiconductors' });
    } finally {
      await store.close();
    }
  });

  it('keeps earlier BOMs, counts the latest, and does nothing for the latest file again', async () => {
    expect((await list()).map((b) => [b.productId, b.file, b.latest])).toEqual([
      ['P-A-DU', 'gnb-du-1.6.json', true], ['P-C-UPF', 'upf-cots-1.5.json', true], ['P-D-RTR', 'transport-router-1.6.json', true],
    ]);
    const again = await cli('bom', 'import', '--product', 'P-A-DU', bom('gnb-du-1.6.json'), '--db', t.db);
    expect(again.stdout).toBe('bom: gnb-du-1.6.json is already the latest BOM of P-A-DU (same sha256), nothing changed\n');
    expect(await counts(t.db)).toMatchObject({ boms: 3, bom_components: 10 + 8 + 9 });

    // a new BOM for the DU (here the router's file, to make the change visible) becomes the latest
    await cli('bom', 'import', '--product', 'P-A-DU', bom('transport-router-1.6.json'), '--db', t.db);
    expect((await list('--product', 'P-A-DU')).map((b) => [b.file, b.latest])).toEqual([['transport-router-1.6.json', true], ['gnb-du-1.6.json', false]]);
    expect((await origins('P-A-DU')).components).toBe(9);
    // the earlier file again is a new BOM, and the latest once more
    await cli('bom', 'import', '--product', 'P-A-DU', bom('gnb-du-1.6.json'), '--db', t.db);
    expect((await list('--product', 'P-A-DU')).map((b) => [b.file, b.latest])).toEqual([
      ['gnb-du-1.6.json', true], ['transport-router-1.6.json', false], ['gnb-du-1.6.json', false],
    ]);
    expect((await origins('P-A-DU')).components).toBe(10);
    expect(await counts(t.db)).toMatchObject({ boms: 5, bom_components: 10 + 8 + 9 + 9 + 10 });
  });

  it('refuses an invalid BOM naming the JSON path, and stores nothing', async () => {
    const before = await counts(t.db);
    const r = await cli('bom', 'import', '--product', 'P-B-GNB', bom('invalid-router-1.6.json'), '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: invalid-router-1\.6\.json, field \/components\/3\/type: does not match CycloneDX 1\.6: must be equal to one of the allowed values/);
    expect(await counts(t.db)).toEqual(before);
    expect(await list('--product', 'P-B-GNB')).toEqual([]);
  });

  it('answers unknown products, products without a BOM and unreadable files with exit code 2', async () => {
    expect(await cli('bom', 'import', '--product', 'P-NOPE', bom('gnb-du-1.6.json'), '--db', t.db)).toMatchObject({
      code: 2, stderr: 'error: no product P-NOPE is recorded (import products first)\n',
    });
    expect(await cli('product', 'origins', 'P-B-GNB', '--db', t.db)).toMatchObject({
      code: 2, stderr: 'error: product P-B-GNB has no BOM (import one with: secure5g bom import --product P-B-GNB <file>)\n',
    });
    expect((await cli('product', 'origins', 'P-NOPE', '--db', t.db)).stderr).toBe('error: no product P-NOPE is recorded\n');
    const notJson = join(t.dir, 'bom.json');
    writeFileSync(notJson, '{"bomFormat": "CycloneDX",');
    expect((await cli('bom', 'import', '--product', 'P-B-GNB', notJson, '--db', t.db)).stderr).toMatch(/^error: bom\.json: not valid JSON/);
    expect((await cli('bom', 'import', bom('gnb-du-1.6.json'), '--db', t.db)).code).toBe(2);
  });
});
