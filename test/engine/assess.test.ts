import { describe, expect, it } from 'vitest';
import { ImportError, UserError } from '../../src/domain/index.js';
import { CATALOG_VERSION } from '../../src/catalog/index.js';
import { assess, buildSnapshot, summarise } from '../../src/engine/index.js';
import { SUPPLIERS, asset, designation, operator, product, snapshot } from './helpers.js';

/*
 * The small network worked out by hand (same as test/fixtures/network-small):
 *   OP-DE-1 (DE): ran gNB SUP-A 60 + gNB SUP-B 40; core AMF SUP-C 2 (P-C-AMF: EUCC only, support ended 2025-01-01)
 *   OP-FR-1 (FR): ran gNB SUP-B 100
 *   DE designates SUP-B high-risk for ran from 2025-01-01 with 12 months → deadline 2026-01-01
 * At 2026-06-01: SM03 OP-DE-1 ran critical (past deadline); SM05 OP-DE-1 core high (single vendor, critical
 * AMF), OP-FR-1 ran medium (single vendor, gNB sensitive only); SM06 DE core 10,000 high, FR ran 10,000
 * high, DE ran 5,200 medium; TM07 AMF high; TM09 AMF lacks NESAS medium → 8 findings:
 * critical 1, high 4, medium 3.
 */
const network = () =>
  snapshot({
    operators: [operator('OP-DE-1', 'DE'), operator('OP-FR-1', 'FR')],
    products: [
      product('P-A-GNB', 'SUP-A', 'gNB', ['NESAS'], '2030-12-31'),
      product('P-B-GNB', 'SUP-B', 'gNB', [], '2031-06-30'),
      product('P-C-AMF', 'SUP-C', 'AMF', ['EUCC'], '2025-01-01'),
    ],
    assets: [
      asset({ asset_id: 'DE1-RAN-A', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-A-GNB', quantity: 60 }),
      asset({ asset_id: 'DE1-RAN-B', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', product_id: 'P-B-GNB', quantity: 40 }),
      asset({ asset_id: 'DE1-AMF', operator_id: 'OP-DE-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-C-AMF', quantity: 2 }),
      asset({ asset_id: 'FR1-RAN-B', operator_id: 'OP-FR-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', product_id: 'P-B-GNB', quantity: 100 }),
    ],
    designations: [designation({ designation_id: 'D-DE-1', member_state: 'DE', supplier_id: 'SUP-B' })],
  });

describe('assess', () => {
  it('raises the hand-worked findings, most severe first', () => {
    const result = assess(network(), { date: '2026-06-01' });
    expect(result.catalogVersion).toBe(CATALOG_VERSION);
    expect(result.date).toBe('2026-06-01');
    expect(result.filter).toEqual({});
    expect(result.findings.map((f) => `${f.severity} ${f.id}`)).toEqual([
      'critical SM03:OP-DE-1:ran:SUP-B:D-DE-1',
      'high SM05:OP-DE-1:core:SUP-C',
      'high SM06:DE:core',
      'high SM06:FR:ran',
      'high TM07:OP-DE-1:core:SUP-C:P-C-AMF',
      'medium SM05:OP-FR-1:ran:SUP-B',
      'medium SM06:DE:ran',
      'medium TM09:OP-DE-1:core:P-C-AMF:NESAS',
    ]);
    expect(summarise(result)).toEqual({
      findings: 8,
      bySeverity: { critical: 1, high: 4, medium: 3, low: 0, info: 0 },
      byRule: { SM03: 1, SM05: 2, SM06: 3, TM07: 1, TM09: 1 },
      // 40 + 2 + 2 + 100 + 2 + 100 + 60 + 2
      affectedQuantity: 308,
    });
  });

  it('narrows to a member state: its rows and findings, no Union rows', () => {
    const fr = assess(network(), { date: '2026-06-01', memberState: 'FR' });
    expect(fr.filter).toEqual({ memberState: 'FR' });
    expect(fr.findings.map((f) => f.id)).toEqual(['SM06:FR:ran', 'SM05:OP-FR-1:ran:SUP-B']);
    expect(fr.metrics.concentration.map((r) => `${r.scope} ${r.operatorId ?? r.memberState} ${r.segment}`)).toEqual([
      'member-state FR ran',
      'operator OP-FR-1 ran',
    ]);
    expect(fr.metrics.exposure.map((r) => `${r.scope} ${r.operatorId ?? r.memberState}`)).toEqual(['member-state FR', 'operator OP-FR-1']);
  });

  it('narrows to an operator: only its rows and findings', () => {
    const op = assess(network(), { date: '2026-06-01', operatorId: 'OP-DE-1' });
    expect(op.findings.map((f) => f.rule)).toEqual(['SM03', 'SM05', 'TM07', 'TM09']);
    expect(op.metrics.concentration.every((r) => r.scope === 'operator' && r.operatorId === 'OP-DE-1')).toBe(true);
    expect(op.metrics.concentration).toHaveLength(2);
    expect(op.metrics.exposure.map((r) => r.operatorId)).toEqual(['OP-DE-1']);
    // an operator outside the member-state filter leaves nothing
    const none = assess(network(), { date: '2026-06-01', operatorId: 'OP-DE-1', memberState: 'FR' });
    expect(none.findings).toEqual([]);
    expect(none.metrics.concentration).toEqual([]);
  });

  it('still computes national figures from every operator when narrowed to a member state', () => {
    // DE ran over OP-DE-1 only, but a second DE operator must count: add OP-DE-2 ran SUP-B 100
    // DE ran: SUP-A 60, SUP-B 140 of 200 → 900 + 4,900 = 5,800
    const s = network();
    const withSecond = buildSnapshot({
      operators: [operator('OP-DE-1', 'DE'), operator('OP-DE-2', 'DE')],
      suppliers: SUPPLIERS,
      products: [],
      assets: [
        asset({ asset_id: 'X1', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
        asset({ asset_id: 'X2', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
        asset({ asset_id: 'X3', operator_id: 'OP-DE-2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 100 }),
      ],
      designations: s.designations,
    });
    const de = assess(withSecond, { date: '2026-06-01', memberState: 'DE' });
    expect(de.metrics.concentration.find((r) => r.scope === 'member-state')?.hhi).toBe(5800);
  });

  it('rejects a bad date and an unknown operator with a user error', () => {
    expect(() => assess(network(), { date: '2026-02-30' })).toThrow(UserError);
    expect(() => assess(network(), { date: '2026-02-30' })).toThrow(/2026-02-30/);
    expect(() => assess(network(), { date: '2026-06-01', operatorId: 'NOPE' })).toThrow(/NOPE/);
  });

  it('handles an empty inventory', () => {
    const empty = assess(snapshot({ operators: [], assets: [] }), { date: '2026-06-01' });
    expect(empty.findings).toEqual([]);
    expect(empty.metrics.concentration).toEqual([]);
    // the Union exposure row stays, with zero denominators
    expect(empty.metrics.exposure).toMatchObject([{ scope: 'union', criticalExposure: 0, sensitiveExposure: 0 }]);
  });
});

describe('buildSnapshot', () => {
  it('encodes ids, takes the product end of support when the asset has none, defaults policies', () => {
    const s = network();
    expect(s.memberStates).toEqual(['DE', 'FR']);
    expect(s.policies.get('FR')).toMatchObject({ memberState: 'FR', version: 'baseline', nationalHhi: 5000 });
    expect(s.assets.count).toBe(4);
    expect(Array.from(s.assets.product)).toEqual([0, 1, 2, 1]);
    // 2025-01-01 is day 20,089 since 1970-01-01 (55 years, 14 leap days: 55·365 + 14 = 20,089)
    expect(s.assets.endOfSupport[2]).toBe(20089);
  });

  it('names file, row and field for a broken reference', () => {
    const build = (assetOverride: Partial<Parameters<typeof asset>[0]>) => () =>
      buildSnapshot({
        operators: [operator('OP1', 'DE')],
        suppliers: SUPPLIERS,
        products: [],
        assets: [
          asset({ operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 1 }),
          asset({ operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 1, ...assetOverride }),
        ],
        designations: [],
      });
    expect(build({ operator_id: 'OP9' })).toThrow(ImportError);
    expect(build({ operator_id: 'OP9' })).toThrow('assets, row 2, field operator_id: unknown operator "OP9"');
    expect(build({ supplier_id: 'SUP-Z' })).toThrow('field supplier_id');
    expect(build({ product_id: 'P-Z' })).toThrow('field product_id');
    expect(build({ function: 'NOT-A-FUNCTION' })).toThrow('assets, row 2, field function');
  });
});
