import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import type { CertificateRecord } from '../../src/engine/certificates.js';
import { asset, operator, product, snapshot } from './helpers.js';

const DATE = '2026-06-01';
const cert = (c: Partial<CertificateRecord> & Pick<CertificateRecord, 'certificateId' | 'productId'>): CertificateRecord => ({
  scheme: 'NESAS',
  issuer: 'Fictional Test Lab',
  versions: [],
  validFrom: '2025-01-01',
  ...c,
});

/*
 * The baseline requires NESAS in core. Four AMF products, every one labelled NESAS in the products file:
 *   P-LABEL: no record → the label meets it, unverified (no finding).
 *   P-EXPIRED: record N-1 valid 2024-01-01 – 2026-03-31 → expired before 2026-06-01: finding, saying so.
 *   P-VERSIONS: record N-2 for versions 5.1, 5.2 (valid, open-ended): asset V1 runs 5.2 → met; V2 runs 4.9 →
 *     finding for version 4.9; V3 has no version → finding for "no-version".
 *   P-VALID: record N-3 valid 2026-01-01 – 2027-12-31, every version → met, verified.
 * A record replaces the label for its scheme: P-EXPIRED's NESAS label does not rescue it.
 */
describe('TM09 with certificate records', () => {
  const snap = () =>
    snapshot({
      operators: [operator('OP1', 'DE')],
      products: ['P-LABEL', 'P-EXPIRED', 'P-VERSIONS', 'P-VALID'].map((id) => product(id, 'SUP-C', 'AMF', ['NESAS'])),
      assets: [
        asset({ asset_id: 'L1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-LABEL', quantity: 1 }),
        asset({ asset_id: 'E1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-EXPIRED', quantity: 2 }),
        asset({ asset_id: 'V1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-VERSIONS', software_version: '5.2', quantity: 3 }),
        asset({ asset_id: 'V2', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-VERSIONS', software_version: '4.9', quantity: 4 }),
        asset({ asset_id: 'V3', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-VERSIONS', quantity: 5 }),
        asset({ asset_id: 'G1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-VALID', quantity: 6 }),
      ],
      certificates: [
        cert({ certificateId: 'N-1', productId: 'P-EXPIRED', validFrom: '2024-01-01', validUntil: '2026-03-31' }),
        cert({ certificateId: 'N-2', productId: 'P-VERSIONS', versions: ['5.1', '5.2'] }),
        cert({ certificateId: 'N-3', productId: 'P-VALID', validFrom: '2026-01-01', validUntil: '2027-12-31' }),
      ],
    });
  const tm09 = (date = DATE) => assess(snap(), { date }).findings.filter((f) => f.rule === 'TM09');

  it('does not count an expired or out-of-scope certificate, and says why', () => {
    const found = tm09();
    expect(found.map((f) => [f.id, f.affectedQuantity, f.assetIds])).toEqual([
      ['TM09:OP1:core:P-EXPIRED:NESAS', 2, ['E1']],
      ['TM09:OP1:core:P-VERSIONS@4.9:NESAS', 4, ['V2']],
      ['TM09:OP1:core:P-VERSIONS@no-version:NESAS', 5, ['V3']],
    ]);
    expect(found[0]!.explanation.text).toContain('lacks NESAS (certificate N-1 (Fictional Test Lab) expired on 2026-03-31)');
    expect(found[1]!.explanation.text).toContain('product P-VERSIONS version 4.9 (certifications: NESAS) lacks NESAS (certificate N-2 (Fictional Test Lab) covers versions 5.1, 5.2, not 4.9)');
    expect(found[2]!.explanation.text).toContain('covers versions 5.1, 5.2, not an asset whose version is not recorded');
    expect(found[1]!.explanation.inputs).toMatchObject({ missing: ['NESAS'], softwareVersion: '4.9', certificateProblems: { NESAS: expect.stringContaining('not 4.9') } });
  });

  it('judges validity on the assessment date', () => {
    // on 2026-03-31 N-1 is still valid (valid_until is the last valid day); N-3 is not yet valid until 2026-01-01
    expect(tm09('2026-03-31').map((f) => f.id)).toEqual(['TM09:OP1:core:P-VERSIONS@4.9:NESAS', 'TM09:OP1:core:P-VERSIONS@no-version:NESAS']);
    const early = tm09('2025-12-31');
    expect(early.map((f) => f.id)).toContain('TM09:OP1:core:P-VALID:NESAS');
    expect(early.find((f) => f.productId === 'P-VALID')!.explanation.text).toContain('certificate N-3 (Fictional Test Lab) is valid only from 2026-01-01');
  });

  it('keeps plain labels working where no record of their scheme exists', () => {
    // P-LABEL is not flagged at any date; without any record at all, the four products pass on their labels
    expect(tm09().some((f) => f.productId === 'P-LABEL')).toBe(false);
    const plain = snapshot({ ...{ operators: [operator('OP1', 'DE')] }, products: [product('P-LABEL', 'SUP-C', 'AMF', ['NESAS'])], assets: [asset({ operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-LABEL', quantity: 1 })] });
    expect(assess(plain, { date: DATE }).findings.filter((f) => f.rule === 'TM09')).toEqual([]);
  });
});
