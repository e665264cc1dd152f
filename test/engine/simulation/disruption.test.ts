import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulation/index.js';
import { asset, snapshot } from '../helpers.js';
import { base, op } from './network.js';

/*
 * OP-3 (NL, 1,000,000 subscribers): core AMF SUP-C 5; ran gNB SUP-A 10, SUP-B 30.
 * OP-4 (NL, no subscriber count):   core AMF SUP-D 3; ran gNB SUP-C 20.
 */
const net = () =>
  snapshot({
    operators: [op('OP-3', 'NL', 1_000_000), op('OP-4', 'NL')],
    assets: [
      asset({ operator_id: 'OP-3', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 5 }),
      asset({ operator_id: 'OP-3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 10 }),
      asset({ operator_id: 'OP-3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 30 }),
      asset({ operator_id: 'OP-4', segment: 'core', function: 'AMF', supplier_id: 'SUP-D', quantity: 3 }),
      asset({ operator_id: 'OP-4', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', quantity: 20 }),
    ],
  });

describe('simulate: disruptions', () => {
  it('finds a segment left with no supplier, and the fallback elsewhere in the member state', () => {
    // SUP-C out of core for 12 months from 2027-02-01: OP-3's core is all SUP-C (5 of 5) → no alternative;
    // SUP-D serves core at OP-4 in NL. Subscribers: 1,000,000 × 5/5. Support ends 1 month after 2027-01-01.
    const result = simulate(net(), base({ disruptions: [{ id: 'CUT', suppliers: ['SUP-C'], segments: ['core'], from: '2027-02-01', duration_months: 12 }] }));
    const d = result.disruption.disruptions[0];
    expect(d).toMatchObject({ disruptionId: 'CUT', until: '2028-02-01', unitsAffected: 5, operatorsAffected: 1, subscribersAffected: 1_000_000, monthsUntilSupportEnds: 1 });
    expect(result.disruption.noAlternative).toHaveLength(1);
    expect(result.disruption.noAlternative[0]).toMatchObject({ operatorId: 'OP-3', segment: 'core', unitsAffected: 5, memberStateAlternatives: ['SUP-D'], unionAlternatives: ['SUP-D'] });
    // nothing to swap: no restriction
    expect(result.totals.unitsRequired).toBe(0);
    expect(result.feasibility.rows).toEqual([]);
  });

  it('weights subscribers by the worst-hit segment and skips operators without a count', () => {
    // SUP-C in every segment: OP-3 core 5/5 (ran untouched) → 1,000,000; OP-4 ran 20/20 but no subscriber count.
    const result = simulate(net(), base({ disruptions: [{ suppliers: ['SUP-C'], from: '2027-01-01', affects: 'delivery' }] }));
    const d = result.disruption.disruptions[0];
    expect(d).toMatchObject({ disruptionId: 'D1', until: null, unitsAffected: 25, operatorsAffected: 2, subscribersAffected: 1_000_000, monthsUntilSupportEnds: null });
    expect(d.explanation.text).toContain('1 operator(s) record no subscriber count');
    const rows = result.disruption.noAlternative.map((r) => `${r.operatorId}/${r.segment}:${r.memberStateAlternatives.join('+')}`);
    expect(rows).toEqual(['OP-3/core:SUP-D', 'OP-4/ran:SUP-A+SUP-B']);
  });

  it('reports when no supplier is left anywhere', () => {
    // SUP-C and SUP-D together are every core supplier of the inventory
    const result = simulate(net(), base({ disruptions: [{ suppliers: ['SUP-C', 'SUP-D'], segments: ['core'], from: '2027-01-01', duration_months: 6 }] }));
    expect(result.disruption.noAlternative.map((r) => [r.operatorId, r.memberStateAlternatives, r.unionAlternatives])).toEqual([
      ['OP-3', [], []],
      ['OP-4', [], []],
    ]);
    expect(result.disruption.noAlternative[0].explanation.text).toContain('anywhere in the inventory');
  });

  it('stalls a swap while the only replacement supplier cannot deliver', () => {
    /*
     * OP-5 (AT) ran: SUP-A 20, SUP-B 20, nothing else anywhere. SUP-A restricted (12 months from the start);
     * SUP-B cannot deliver in months 0–1 (2027-01-01 + 2 months). At 10/month: stalled in months 0 and 1,
     * swaps 10 in months 2 and 3 → finish 2027-04, within the 12 months allowed.
     */
    const s = snapshot({
      operators: [op('OP-5', 'AT')],
      assets: [
        asset({ operator_id: 'OP-5', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 20 }),
        asset({ operator_id: 'OP-5', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 20 }),
      ],
    });
    const result = simulate(
      s,
      base({
        restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'], transition_months: 12 }],
        disruptions: [{ suppliers: ['SUP-B'], segments: ['ran'], from: '2027-01-01', duration_months: 2, affects: 'delivery' }],
        replacement: { capacity: { default: { ran: 10 } } },
      }),
    );
    expect(result.timeline.series.operators['OP-5'].swapped.slice(0, 5)).toEqual([0, 0, 10, 10, 0]);
    expect(result.replacement[0]).toMatchObject({ level: 'operator', monthsStalled: 2, targets: { 'SUP-B': 20 } });
    expect(result.feasibility.rows[0]).toMatchObject({ finishMonth: '2027-04', feasible: true, stalledNoAlternative: true });
  });

  it('never finishes when the only replacement is cut off for good', () => {
    const s = snapshot({
      operators: [op('OP-5', 'AT')],
      assets: [
        asset({ operator_id: 'OP-5', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 20 }),
        asset({ operator_id: 'OP-5', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 20 }),
      ],
    });
    const result = simulate(
      s,
      base({
        restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'], transition_months: 6 }],
        disruptions: [{ suppliers: ['SUP-B'], from: '2027-01-01' }],
        replacement: { capacity: { default: { ran: 10 } } },
      }),
    );
    expect(result.feasibility.rows[0]).toMatchObject({ finishMonth: null, monthsMissed: null, stalledNoAlternative: true });
    expect(result.replacement[0]).toMatchObject({ level: 'none', monthsStalled: 12 });
    // deadline 2027-07-01 = end of month 5: the 20 units are non-compliant from month 6 on
    expect(result.timeline.series.operators['OP-5'].nonCompliant.slice(4, 8)).toEqual([0, 0, 20, 20]);
  });
});
