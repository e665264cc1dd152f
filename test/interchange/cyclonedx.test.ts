import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/errors.js';
import { bomOrigins, parseBom, type BomOrigins } from '../../src/interchange/cyclonedx/index.js';

const dir = new URL('../fixtures/cyclonedx/', import.meta.url);
const load = (name: string) => parseBom(JSON.parse(readFileSync(new URL(name, dir), 'utf8')), name);
const shares = (o: BomOrigins) => o.byCountry.map((r) => [r.country, r.components, r.quantity]);

describe('telecom BOMs written for the project', () => {
  it('gNB DU (1.6): origin shares from manufacturer addresses, nested components included', async () => {
    /*
     * 10 components: board FI, SoC XA, FPGA XB, DDR XA, PTP DE (nested in the board), firmware FI,
     * PHY software FI (supplier's address: no manufacturer named), PSU XC, fan (no country), libsctp (none).
     * Count: FI 3, XA 2, DE 1, XB 1, XC 1, unknown 2 → FI 3/10 = 0.3.
     * Quantity (cdx:device:quantity, else 1): FI 1+1+1 = 3; XA 1+8 = 9; DE 1; XB 2; XC 2; unknown 4+1 = 5; total 22.
     * Single source among the 8 device/firmware components: board, SoC, FPGA, PTP, firmware, fan = 6;
     * DDR names an alternative, the PSU declares 2 sources.
     */
    const bom = await load('gnb-du-1.6.json');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.product).toMatchObject({ name: 'Aurora DU-5000 gNB distributed unit', manufacturer: { name: 'Aurora Radio Systems', country: 'FI' } });
    const o = bomOrigins(bom.components, 'P-DU');
    expect(o.components).toBe(10);
    expect(o.quantity).toBe(22);
    expect(shares(o)).toEqual([['FI', 3, 3], ['XA', 2, 9], ['DE', 1, 1], ['XB', 1, 2], ['XC', 1, 2], ['unknown', 2, 5]]);
    expect(o.byCountry[0].componentShare).toBeCloseTo(0.3, 12);
    expect(o.byCountry[1].quantityShare).toBeCloseTo(9 / 22, 12);
    expect(o.countries).toEqual(['DE', 'FI', 'XA', 'XB', 'XC']);
    expect(o.sourceAssessedComponents).toBe(8);
    expect(o.singleSourceComponents.map((s) => s.bomRef)).toEqual(['du-baseband-board', 'bb-soc', 'bb-fpga', 'bb-ptp', 'du-firmware', 'du-fan']);
    const soc = bom.components.find((c) => c.bomRef === 'bb-soc')!;
    expect(soc).toMatchObject({ path: '/components/0/components/0', parent: 'du-baseband-board', type: 'device', device: { quantity: '1', function: 'soc' } });
    expect(bom.components.find((c) => c.bomRef === 'du-l1-phy')!.origin).toEqual({ country: 'FI', basis: 'supplier' });
  });

  it('UPF on COTS (1.5): countries from secure5g:country, product maker from metadata.manufacture', async () => {
    /*
     * 8 components: UPF app SE, packet library (none), base OS NL, server XE (4), CPU XF (8), SmartNIC XF (8),
     * BMC firmware XE, NFV platform (none).
     * Count: XE 2, XF 2, NL 1, SE 1, unknown 2. Quantity: XE 4+1 = 5, XF 16, NL 1, SE 1, unknown 2; total 25.
     * Single source among server, CPU, NIC, BMC: server, NIC, BMC (the CPU names an alternative) = 3 of 4.
     */
    const bom = await load('upf-cots-1.5.json');
    expect(bom.product).toMatchObject({ name: 'Cobalt UPF', manufacturer: { name: 'Cobalt Core Software' } });
    const o = bomOrigins(bom.components);
    expect([o.components, o.quantity]).toEqual([8, 25]);
    expect(shares(o)).toEqual([['XE', 2, 5], ['XF', 2, 16], ['NL', 1, 1], ['SE', 1, 1], ['unknown', 2, 2]]);
    expect(o.byCountry.find((r) => r.country === 'XF')!.quantityShare).toBeCloseTo(16 / 25, 12);
    expect(o.singleSourceComponents.map((s) => [s.bomRef, s.source])).toEqual([
      ['cots-server', 'Granite Servers'], ['srv-nic', 'Meridian NICs'], ['srv-bmc', 'Granite Servers'],
    ]);
    expect(o.sourceAssessedComponents).toBe(4);
  });

  it('transport router (1.6): explicit country beats the maker address; a country name is reported', async () => {
    /*
     * 9 components: chassis AT, ASIC XG, line card AT, optics XH (nested), PHY XG (nested), NOS AT,
     * routing stack AT (supplier), power module PL (property; maker's address XC), crypto firmware
     * (address "Ireland" is not a code → unknown).
     * Count: AT 4, XG 2, PL 1, XH 1, unknown 1. Quantity: AT 1+4+1+1 = 7, XG 2+4 = 6, PL 2, XH 16, unknown 1; 32.
     * Single source among the 7 device/firmware: all but the optics (alternative named) = 6; ASIC by declaration.
     */
    const bom = await load('transport-router-1.6.json');
    const o = bomOrigins(bom.components);
    expect([o.components, o.quantity]).toEqual([9, 32]);
    expect(shares(o)).toEqual([['AT', 4, 7], ['XG', 2, 6], ['PL', 1, 2], ['XH', 1, 16], ['unknown', 1, 1]]);
    expect(o.byCountry[0].componentShare).toBeCloseTo(4 / 9, 12);
    expect(bom.components.find((c) => c.bomRef === 'rt-power')!.origin).toEqual({ country: 'PL', basis: 'property' });
    expect(o.singleSourceComponents.map((s) => `${s.bomRef}:${s.basis}`)).toEqual([
      'rt-chassis:one-named-source', 'rt-asic:declared', 'rt-linecard:one-named-source', 'lc-phy:one-named-source',
      'rt-power:one-named-source', 'rt-crypto:one-named-source',
    ]);
    expect(bom.warnings).toEqual(['/components/6/manufacturer/address/country: country "Ireland" is not an ISO 3166-1 alpha-2 code; treated as unknown']);
  });
});

describe('real BOMs (CycloneDX examples, 1.4)', () => {
  it('hardware BOM: six devices named by supplier only, quantities from cdx:device:quantity', async () => {
    // Quantities 1, 8, 1, 1, 2, 2 = 15; no country anywhere → all unknown; six devices, one supplier each.
    const bom = await load('hbom-pcie-sata-adapter-1.4.json');
    const o = bomOrigins(bom.components);
    expect(shares(o)).toEqual([['unknown', 6, 15]]);
    expect(o.countries).toEqual([]);
    expect(o.singleSourceComponents.map((s) => s.source)).toEqual(['Samtec', 'Molex', '3M', 'Multicomp', 'TE Connectivity', 'Multicomp']);
    expect(bom.components[1]).toMatchObject({ supplier: { name: 'Molex' }, quantity: 8, device: { function: 'connector', deviceType: 'thru-hole', 'gs1:gtin-12': '822348522712' } });
  });

  it('SaaS BOM: services only, so no components and no origins', async () => {
    const bom = await load('saasbom-apigateway-1.4.json');
    expect(bom.components).toEqual([]);
    expect(bomOrigins(bom.components)).toMatchObject({ components: 0, byCountry: [], singleSourceComponents: [] });
  });

  it('software BOM: 1,115 libraries, none source-assessed', async () => {
    const bom = await load('sbom-juice-shop-flat-1.4.json');
    const o = bomOrigins(bom.components);
    expect(o.components).toBe(1115);
    expect(o.byCountry).toEqual([{ country: 'unknown', components: 1115, componentShare: 1, quantity: 1115, quantityShare: 1 }]);
    expect(o.sourceAssessedComponents).toBe(0);
  }, 30_000);
});

describe('rejected BOMs', () => {
  const reject = async (json: unknown, file = 'x.json') => {
    try {
      await parseBom(json, file);
    } catch (e) {
      return e as ImportError;
    }
    throw new Error('accepted');
  };

  it('names the file and the offending JSON path', async () => {
    const e = await reject(JSON.parse(readFileSync(new URL('invalid-router-1.6.json', dir), 'utf8')), 'invalid-router-1.6.json');
    expect(e).toBeInstanceOf(ImportError);
    expect(e.field).toBe('/components/3/type');
    expect(e.message).toMatch(/^invalid-router-1\.6\.json, field \/components\/3\/type: does not match CycloneDX 1\.6: must be equal to one of the allowed values \(allowed: application, /);
  });

  it('rejects versions outside 1.4–1.6 and documents that are not CycloneDX', async () => {
    expect((await reject({ bomFormat: 'CycloneDX', specVersion: '1.3', version: 1 })).message).toBe(
      'x.json, field /specVersion: CycloneDX "1.3" is not supported; accepted versions are 1.4, 1.5, 1.6',
    );
    expect((await reject({ bomFormat: 'CycloneDX', specVersion: '1.7' })).field).toBe('/specVersion');
    expect((await reject({ bomFormat: 'SPDX', specVersion: '1.6' })).field).toBe('/bomFormat');
    expect((await reject([1, 2])).message).toBe('x.json: is not a JSON object, so not a CycloneDX BOM');
  });

  it('finds errors in nested components and in properties', async () => {
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'device', name: 'a', components: [{ type: 'device' }] }] };
    expect((await reject(bom)).field).toBe('/components/0/components/0');
  });

  it('rejects a property the spec does not define, naming it', async () => {
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'device', name: 'a', 'x-vendor': 1 }] };
    const e = await reject(bom);
    expect(e.field).toBe('/components/0');
    expect(e.message).toContain('must NOT have additional properties (x-vendor)');
  });
});
