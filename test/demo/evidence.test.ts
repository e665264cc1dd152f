import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBoms, demoCertificates, designedContradictions, generateDemo } from '../../src/demo/index.js';
import { findingsByMeasureScope } from '../../src/engine/contradictions.js';
import { seedDemoData } from '../../src/services/demo-seed.js';
import { runAssessment } from '../../src/services/assessment-run.js';
import { productOrigins } from '../../src/services/ownership.js';
import { tempStore } from '../interchange/helpers.js';

/*
 * The demo's evidence (src/demo/evidence.ts) and its declared statuses (src/demo/registers.ts), checked
 * against their stated design, and — once seeded — against what the engine makes of them: the
 * contradictions it reports are exactly the designed ones (one per member state: the first operator by id
 * with findings declares its most-found technical measure in place), and docs/demo.md lists them.
 */
const data = generateDemo({ scale: 'small', seed: 1 });
type T = Awaited<ReturnType<typeof tempStore>>;
let t: T;

beforeAll(async () => {
  t = await tempStore();
  await seedDemoData(t.store, data);
}, 180_000);
afterAll(async () => t.cleanup());

describe('demo certificate records', () => {
  const certs = demoCertificates(data);
  it('are deterministic per seed and differ between seeds', () => {
    expect(demoCertificates(generateDemo({ scale: 'small', seed: 1 }))).toEqual(certs);
    expect(demoCertificates(generateDemo({ scale: 'small', seed: 2 }))).not.toEqual(certs);
  });
  it('hold the three cases as designed: valid, expired before the first assessment, limited to the oldest release', () => {
    const labels = new Map(data.products.map((p) => [p.product_id, p.certifications.split(';')]));
    for (const c of certs) {
      expect(labels.get(c.product_id), c.certificate_id).toContain(c.scheme);
      if (c.case === 'expired') expect(c.valid_until < '2026-06-30', c.certificate_id).toBe(true);
      else expect(c.valid_until >= '2029-12-31' && c.valid_from <= '2026-06-30', c.certificate_id).toBe(true);
      if (c.case === 'version-limited') expect(c.versions).toBe(data.productVersions.get(c.product_id)![0]);
      else expect(c.versions).toBe('');
    }
    // seed 1: 60 records, 42 valid, 10 expired, 8 limited to one release (docs/demo.md)
    expect(['valid', 'expired', 'version-limited'].map((k) => certs.filter((c) => c.case === k).length)).toEqual([42, 10, 8]);
  });
  it('make findings that say why: an expired certificate, a release it does not cover', async () => {
    const run = await runAssessment(t.store, { date: '2026-11-28' });
    const texts = run.result.findings.filter((f) => f.measure === 'TM09').map((f) => f.explanation.text);
    expect(texts.some((x) => x.includes('certificate CERT-NESAS-AURORA-RIC-4 (Demo Security Assurance Lab (fictional)) expired on 2025-09-28'))).toBe(true);
    expect(texts.some((x) => x.includes('certificate CERT-NESAS-COBALT-PCF-4 (Demo Security Assurance Lab (fictional)) covers version 4.1.1, not 4.2.5'))).toBe(true);
  });
});

describe('demo BOMs', () => {
  const boms = demoBoms(data);
  it('one per supplier, each with parts of several origins and a single-source part', async () => {
    expect(boms).toHaveLength(data.suppliers.length);
    for (const b of boms) {
      const o = await productOrigins(t.store, b.productId);
      // board (the supplier's HQ), SoC, memory, clock, PSU, firmware (the supplier's HQ), library (unknown): 7 components
      expect(o.components, b.productId).toBe(7);
      expect(o.countries.length, b.productId).toBeGreaterThanOrEqual(2);
      expect(o.byCountry.find((r) => r.country === 'unknown')?.components, b.productId).toBe(1);
      // the board always; the SoC too for every other supplier (index even)
      const single = o.singleSourceComponents.map((c) => c.name).sort();
      expect(single, b.productId).toEqual(boms.indexOf(b) % 2 === 1 ? ['Firmware', 'Main board'] : ['Firmware', 'Main board', 'System on chip']);
    }
  });
});

describe('demo implementation statuses', () => {
  it('contradict the data exactly where designed, and agree elsewhere', async () => {
    const run = await runAssessment(t.store, { date: '2026-11-28' });
    const open = new Map([...findingsByMeasureScope(run.result.findings)].map(([k, l]) => [k, l.length] as const));
    const designed = [...designedContradictions(data, open)].sort();
    expect(designed).toEqual(['TM07@op:OP-FR-1', 'TM07@op:OP-PL-1', 'TM09@op:OP-DE-1', 'TM09@op:OP-NL-1']);
    expect(run.contradictions.map((c) => `${c.measure}@op:${c.operatorId}`).sort()).toEqual(designed);
  });
});

describe('demo designations rest on profiles', () => {
  it('every designation not revoked cites version 1 of its member state’s profile of its supplier, and warns of nothing', async () => {
    const { listStoredDesignations } = await import('../../src/store/designations.js');
    const { designationBasis } = await import('../../src/services/designations.js');
    const stored = listStoredDesignations(t.store);
    expect(stored.map((d) => d.designation_id).sort()).toEqual(data.designations.map((d) => d.designation_id).sort());
    for (const d of stored) {
      const basis = designationBasis(t.store, d);
      if (d.status === 'revoked') {
        // a revoked decision keeps its history as it was: it cites nothing (and says so)
        expect(d.profile_id, d.designation_id).toBeUndefined();
        continue;
      }
      // docs/demo.md: "for each designation, a profile by the deciding member state of the designated supplier"
      expect([d.profile_id, d.profile_version], d.designation_id).toEqual([`PRF-${d.member_state}-${d.supplier_id}`, 1]);
      expect(basis.profile, d.designation_id).toMatchObject({ profileId: `PRF-${d.member_state}-${d.supplier_id}`, version: 1 });
      // designated suppliers score C1.1 = 3 from the state stake: at least medium, never low; one version only
      expect(basis.warnings, d.designation_id).toEqual([]);
    }
    expect(stored.filter((d) => d.status !== 'revoked').length).toBe(3);
  });
});
