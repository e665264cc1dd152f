import type { DemoData } from './generate.js';
import { mixSeed, Rng } from './random.js';

/*
 * Evidence beside the inventory, for the demo: certificate records for some certified products, and
 * CycloneDX BOMs for one product of each supplier. All fictional and deterministic per seed (their own
 * random streams, so adding them reshuffles nothing else).
 *
 * Certificates: about half the certification labels of the products get a record; of those, about 70 %
 * are valid on the demo's dates, 15 % expired before 2026-06-30 (the first stored assessment), and 15 %
 * cover only the product's oldest software release, so sites that run a later one are out of its scope.
 * The other labels stay plain labels (met, but reported as unverified). Docs: docs/demo.md.
 *
 * BOMs: the current generation of each supplier's first function (alphabetical) gets a BOM whose parts
 * come from makers of several origins (EU/EEA codes and user-assigned codes XA–XC for third countries,
 * makers fictional). The main board is made by the supplier itself and, like the SoC of every other
 * supplier, names no alternative source: a single-source component.
 */

const STREAM = { certificates: 21, boms: 22 } as const;

export interface DemoCertificate {
  certificate_id: string;
  scheme: string;
  issuer: string;
  product_id: string;
  /** `;`-separated releases it covers; empty: every release */
  versions: string;
  valid_from: string;
  valid_until: string;
}

export type CertificateCase = 'valid' | 'expired' | 'version-limited';

const ISSUER: Record<string, string> = { NESAS: 'Demo Security Assurance Lab (fictional)', EUCC: 'Demo Conformity Assessment Body (fictional)' };

const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The certificate records, with the case each was drawn as (for docs and tests). */
export function demoCertificates(data: DemoData): (DemoCertificate & { case: CertificateCase })[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.certificates));
  const out: (DemoCertificate & { case: CertificateCase })[] = [];
  for (const p of data.products) {
    for (const scheme of p.certifications.split(';').filter(Boolean)) {
      if (!rng.chance(0.5)) continue;
      const releases = (data.productVersions.get(p.product_id) ?? []).filter(Boolean);
      const draw = rng.next();
      const kind: CertificateCase = draw < 0.7 || (draw >= 0.85 && releases.length < 2) ? 'valid' : draw < 0.85 ? 'expired' : 'version-limited';
      const from = kind === 'expired' ? day(rng.int(2020, 2022), rng.int(1, 12), 1) : day(rng.int(2023, 2025), rng.int(1, 12), 1);
      const until = kind === 'expired' ? day(2025, rng.int(1, 12), 28) : day(rng.int(2029, 2031), 12, 31);
      out.push({
        certificate_id: `CERT-${scheme}-${p.product_id}`,
        scheme,
        issuer: ISSUER[scheme] ?? 'Demo certification body (fictional)',
        product_id: p.product_id,
        versions: kind === 'version-limited' ? releases[0]! : '',
        valid_from: from,
        valid_until: until,
        case: kind,
      });
    }
  }
  return out;
}

/** Fictional component makers and where they make; XA–XC are user-assigned codes, no real country. */
const MAKERS = {
  soc: [{ name: 'Nimbus Semiconductors', country: 'XA' }, { name: 'Lumen Fab', country: 'NL' }, { name: 'Stratus Gate Arrays', country: 'XB' }],
  memory: [{ name: 'Halo Memory', country: 'XC' }, { name: 'Ostra Memory Works', country: 'AT' }],
  power: [{ name: 'Veldt Power Modules', country: 'DE' }, { name: 'Quarry Power', country: 'XB' }],
  clock: [{ name: 'Korrin Timing', country: 'FI' }, { name: 'Tessel Oscillators', country: 'XA' }],
} as const;

export interface DemoBom {
  productId: string;
  file: string;
  /** CycloneDX 1.6 JSON, validated on import like any BOM */
  json: string;
}

type Maker = { name: string; country: string };
const org = (m: Maker) => ({ name: m.name, address: { country: m.country } });
const prop = (name: string, value: string) => ({ name, value });

export function demoBoms(data: DemoData): DemoBom[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.boms));
  const hq = new Map(data.suppliers.map((s) => [s.supplier_id, s]));
  const out: DemoBom[] = [];
  data.suppliers.forEach((s, i) => {
    const products = data.products.filter((p) => p.supplier_id === s.supplier_id);
    const fn = [...new Set(products.map((p) => p.function))].sort()[0];
    if (fn === undefined) return;
    // the current generation: the highest generation number of that function
    const product = products.filter((p) => p.function === fn).sort((a, b) => (a.product_id < b.product_id ? -1 : 1)).at(-1)!;
    const supplier: Maker = { name: hq.get(s.supplier_id)!.name, country: s.hq_country };
    const pick = <T extends readonly Maker[]>(list: T) => list[rng.int(0, list.length - 1)]!;
    const soc = pick(MAKERS.soc);
    const memory = pick(MAKERS.memory);
    const power = pick(MAKERS.power);
    const clock = pick(MAKERS.clock);
    const alt = (m: Maker, list: readonly Maker[]) => list.find((x) => x.name !== m.name)!;
    const ref = product.product_id.toLowerCase();
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: `urn:uuid:00000000-0000-4000-8000-${String(data.seed % 1e6).padStart(6, '0')}${String(i).padStart(6, '0')}`,
      version: 1,
      metadata: {
        timestamp: '2026-03-01T00:00:00Z',
        manufacturer: org(supplier),
        component: { type: 'device', 'bom-ref': ref, name: `${product.name} (fictional)`, version: '1' },
      },
      components: [
        {
          type: 'device', 'bom-ref': `${ref}-board`, name: 'Main board', manufacturer: org(supplier),
          properties: [prop('cdx:device:quantity', '1')],
          components: [
            // every other supplier's SoC names an alternative maker; the rest are single-sourced
            { type: 'device', 'bom-ref': `${ref}-soc`, name: 'System on chip', manufacturer: org(soc),
              properties: [prop('cdx:device:quantity', '1'), ...(i % 2 === 1 ? [prop('secure5g:alternative-source', alt(soc, MAKERS.soc).name)] : [])] },
            { type: 'device', 'bom-ref': `${ref}-ddr`, name: 'Memory', manufacturer: org(memory),
              properties: [prop('cdx:device:quantity', '8'), prop('secure5g:alternative-source', alt(memory, MAKERS.memory).name)] },
            { type: 'device', 'bom-ref': `${ref}-clock`, name: 'Clock', manufacturer: org(clock),
              properties: [prop('cdx:device:quantity', '1'), prop('secure5g:sources', '2')] },
          ],
        },
        { type: 'device', 'bom-ref': `${ref}-psu`, name: 'Power supply', manufacturer: org(power),
          properties: [prop('cdx:device:quantity', '2'), prop('secure5g:alternative-source', alt(power, MAKERS.power).name)] },
        { type: 'firmware', 'bom-ref': `${ref}-fw`, name: 'Firmware', version: '1.0', manufacturer: org(supplier) },
        // a library with no maker named: its origin is unknown
        { type: 'library', 'bom-ref': `${ref}-lib`, name: 'Open-source library (fictional)', version: '2.1' },
      ],
    };
    out.push({ productId: product.product_id, file: `demo-bom-${product.product_id}.cdx.json`, json: `${JSON.stringify(bom, null, 2)}\n` });
  });
  return out;
}
