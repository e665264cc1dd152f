import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Implementation } from '../../src/domain/implementation.js';
import { assess } from '../../src/engine/assess.js';
import { canonicalJson, diffAssessments, inputsHash } from '../../src/engine/assessment-diff.js';
import { scoreRisks } from '../../src/engine/risk/index.js';
import { asset, designation, operator, product, snapshot } from './helpers.js';

/*
 * Run A at 2025-12-01 and run B at 2026-06-01 over the risk tests' DE network, except that in B OP-DE-1
 * has replaced 20 of SUP-B's 40 gNBs by nothing (SUP-B 40 → 20) and recorded SM05 as in place.
 *   SM03 OP-DE-1 ran: deadline 2026-01-01 passes between the runs → high → critical; quantity 40 → 20.
 *   DE/ran HHI: 10,000·(156² + 40²)/196² = 6,751.35 → 10,000·(156² + 20²)/176² = 7,985.54.
 *   OP-DE-1/ran HHI: 10,000·(56² + 40²)/96² = 5,138.89 → 10,000·(56² + 20²)/76² = 6,121.88; SUP-A's share
 *   56/96 = 58.3 % → 56/76 = 73.7 % > 70 %, so SM05 OP-DE-1 ran appears (medium).
 *   DE sensitive exposure 40/196 = 20.4 % → 20/176 = 11.4 %.
 *   R4 of OP-DE-1 (L 1 + 4·(2·1 + 0.5)/3 = 4.33, I 1 + 4·(0.5 + 0.6)/2 = 3.2 in both runs): B records SM05 and
 *   SM07 in place. OP-DE-1 holds two SM05 findings in B (core: SUP-C alone; ran: SUP-A's 73.7 %), which
 *   contradict SM05: it earns the in-progress ½ of its primary point; SM07 (supporting) ½: L 4.33 − 1 = 3.33 → 3;
 *   residual 4×3 high → 3×3 medium, because SM05 went from not-recorded to in-place (contradicted by 2
 *   findings) and SM07 from not-recorded to in-place.
 */
function run(sup: number, date: string, withSm05: boolean) {
  const snap = snapshot({
    operators: [
      { ...operator('OP-DE-1', 'DE'), subscribers: 2_000_000 },
      { ...operator('OP-DE-2', 'DE'), subscribers: 600_000 },
    ],
    products: [product('P-C-AMF', 'SUP-C', 'AMF', ['EUCC'], '2025-01-01')],
    assets: [
      asset({ asset_id: 'A1', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 56 }),
      asset({ asset_id: 'B1', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: sup }),
      asset({ asset_id: 'C1', operator_id: 'OP-DE-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-C-AMF', quantity: 4 }),
      asset({ asset_id: 'A2', operator_id: 'OP-DE-2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 100 }),
    ],
    designations: [designation({ designation_id: 'D-DE-1', member_state: 'DE', supplier_id: 'SUP-B' })],
  });
  const result = assess(snap, { date });
  const implementations = withSm05
    ? ['SM05', 'SM07'].map((measure) => Implementation.parse({ measure, scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2026-05-01' }))
    : [];
  const risks = scoreRisks({ snapshot: snap, result, implementations, facts: { operators: { 'OP-DE-1': { criticalServices: 3 } } } });
  return { ...result, risks, inputsHash: inputsHash({ sup, date, implementations }) };
}

describe('diffAssessments', () => {
  const a = run(40, '2025-12-01', false);
  const b = run(20, '2026-06-01', true);
  const diff = diffAssessments(a, b);

  it('explains the known change in findings', () => {
    const sm03 = diff.findings.find((f) => f.id === 'SM03:OP-DE-1:ran:SUP-B:D-DE-1')!;
    expect(sm03.change).toBe('changed');
    expect(sm03.reasons).toEqual([
      'severity of SM03:OP-DE-1:ran:SUP-B:D-DE-1 rose from high to critical (its deadline 2026-01-01 passed between 2025-12-01 and 2026-06-01)',
      'affected quantity of SM03:OP-DE-1:ran:SUP-B:D-DE-1 fell from 40 to 20',
    ]);
    expect(diff.findings.filter((f) => f.change === 'added').map((f) => f.id)).toEqual(['SM05:OP-DE-1:ran:SUP-A']);
    expect(diff.findings.filter((f) => f.change === 'removed')).toEqual([]);
  });

  it('explains metric changes beyond the tolerance', () => {
    expect(diff.summary).toContain('HHI of DE/ran rose from 6,751.35 to 7,985.54');
    expect(diff.summary).toContain('HHI of OP-DE-1/ran rose from 5,138.89 to 6,121.88');
    expect(diff.summary).toContain('share of SUP-A in OP-DE-1/ran rose from 58.3 % to 73.7 %');
    expect(diff.summary).toContain('sensitive exposure of DE to designated suppliers fell from 20.4 % to 11.4 %');
    // the core and OP-DE-2 did not change
    expect(diff.metrics.filter((m) => m.key.endsWith('/core') || m.key.startsWith('OP-DE-2'))).toEqual([]);
    // a tolerance wider than the change hides it
    expect(diffAssessments(a, b, { hhiTolerance: 2000 }).metrics.filter((m) => m.metric === 'hhi')).toEqual([]);
  });

  it('explains risk changes by their drivers and statuses', () => {
    const r4 = diff.risks.find((r) => r.key === 'OP-DE-1' && r.riskArea === 'R4')!;
    expect(r4.reasons).toEqual([
      'R4 of OP-DE-1: residual 4×3 high → 3×3 medium',
      '  because SM05 went from not-recorded to in-place (contradicted by 2 findings)',
      '  because SM07 went from not-recorded to in-place',
    ]);
  });

  it('reports the inputs that changed', () => {
    expect(diff.inputs[0]).toBe('assessment date changed from 2025-12-01 to 2026-06-01');
    expect(diff.inputs[1]).toMatch(/^inputs changed \(hash [0-9a-f]{12} → [0-9a-f]{12}\)$/);
  });

  it('finds nothing between a run and itself', () => {
    expect(diffAssessments(a, run(40, '2025-12-01', false)).summary).toEqual([]);
  });
});

describe('inputsHash', () => {
  it('is SHA-256 over JSON with sorted keys', () => {
    const text = '{"a":{"c":"x","d":[1,2]},"b":1}';
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x', e: undefined } })).toBe(text);
    expect(inputsHash({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('does not depend on key order and changes with any value', () => {
    const h = inputsHash({ data: 'inv-7', policy: { DE: 'v2', FR: 'baseline' }, catalogue: '2026.11.0' });
    expect(inputsHash({ catalogue: '2026.11.0', policy: { FR: 'baseline', DE: 'v2' }, data: 'inv-7' })).toBe(h);
    expect(inputsHash({ data: 'inv-7', policy: { DE: 'v3', FR: 'baseline' }, catalogue: '2026.11.0' })).not.toBe(h);
  });
});
