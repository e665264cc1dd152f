import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/simulation/index.js';
import { asset, snapshot } from '../helpers.js';
import { base, handNetwork, op } from './network.js';

const zeros = (n: number) => new Array(n).fill(0);

describe('simulate: swaps, months and costs worked out by hand', () => {
  /*
   * OP-1 (DE) must drop SUP-A from ran and core: effective 2027-01-01 + 6 months → deadline 2027-07-01.
   * Months from the start 2027-01-01 to the deadline: 6, so swaps must happen in months 0–5.
   * ran: 30 units at 8/month → 8, 8, 8, 6 (months 0–3); left at month ends 22, 14, 6, 0.
   * core: 4 units (AMF 2 + UDM 2, both critical: one cube cell) at 1/month → 1, 1, 1, 1 (months 0–3).
   * Unit cost: gNB 1000; the core cell's unit cost is (2·100 + 2·300) / 4 = 200.
   * Spend per month: 8·1000 + 200 = 8,200 (months 0–2), 6·1000 + 200 = 6,200 (month 3); total 30,800.
   * Finish month 3 (2027-04) < 6 months allowed: feasible, 0 months missed.
   */
  const result = simulate(
    handNetwork(),
    base({
      restrictions: [{ id: 'R1', suppliers: ['SUP-A'], segments: ['ran', 'core'], member_states: ['DE'], effective_date: '2027-01-01', transition_months: 6 }],
      replacement: { strategy: 'proportional', capacity: { default: { ran: 8, core: 1 } } },
    }),
  );

  it('swaps at capacity month by month and prices each month', () => {
    const s = result.timeline.series.operators['OP-1'];
    expect(result.timeline.months.slice(0, 4)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
    expect(s.swapped).toEqual([9, 9, 9, 7, ...zeros(8)]);
    expect(s.toSwap).toEqual([25, 16, 7, 0, ...zeros(8)]);
    expect(s.spendEur).toEqual([8200, 8200, 8200, 6200, ...zeros(8)]);
    expect(s.cumulativeSpendEur[11]).toBe(30_800);
    expect(s.nonCompliant).toEqual(zeros(12));
    expect(result.totals.spendEur).toBe(30_800);
    expect(result.totals.unitsRequired).toBe(34);
    expect(result.totals.unitsLeftAtHorizon).toBe(0);
    // OP-2 is in FR, outside the restriction
    expect(result.timeline.series.operators['OP-2']).toBeUndefined();
    expect(Object.keys(result.timeline.series.memberStates)).toEqual(['DE']);
  });

  it('finishes before the deadline', () => {
    expect(result.feasibility.rows).toHaveLength(1);
    const row = result.feasibility.rows[0];
    expect(row).toMatchObject({ operatorId: 'OP-1', restrictionId: 'R1', deadline: '2027-07-01', finishMonth: '2027-04', feasible: true, monthsMissed: 0 });
    expect(row.capacityPerMonth).toEqual({ core: 1, ran: 8 });
    expect(row.explanation.text).toContain('within the deadline 2027-07-01');
  });

  it('sends replacements to the remaining suppliers in proportion to their shares', () => {
    // ran: SUP-B 60 and SUP-C 30 take 2/3 and 1/3 of 30 → +20 and +10; core: SUP-B takes all 4.
    const ran = result.replacement.find((r) => r.segment === 'ran')!;
    expect(ran.level).toBe('operator');
    expect(ran.targets['SUP-B']).toBeCloseTo(20, 9);
    expect(ran.targets['SUP-C']).toBeCloseTo(10, 9);
    expect(result.replacement.find((r) => r.segment === 'core')!.targets).toEqual({ 'SUP-B': 4 });
  });

  it('shows the HHI before and after', () => {
    // ran before: shares .25/.5/.25 → 625 + 2500 + 625 = 3750; after: B 80, C 40 of 120 → 4444.4 + 1111.1 = 5555.6
    const ran = result.concentration.find((c) => c.scope === 'operator' && c.segment === 'ran')!;
    expect(ran.before.hhi).toBeCloseTo(3750, 6);
    expect(ran.after.hhi).toBeCloseTo(50_000 / 9, 6);
    expect(ran.before.topShare).toBeCloseTo(0.5, 9);
    expect(ran.after.topSupplierId).toBe('SUP-B');
    expect(ran.after.topShare).toBeCloseTo(2 / 3, 9);
    // core before: A 4, B 4 → 5000; after: B 8 → 10,000
    const core = result.concentration.find((c) => c.scope === 'operator' && c.segment === 'core')!;
    expect([core.before.hhi, core.after.hhi, core.after.suppliers]).toEqual([5000, 10_000, 1]);
    // the Union ran segment also holds OP-2 (A 50, B 50): before A 80, B 110, C 30 of 220; after A 50, B 130, C 40
    const union = result.concentration.find((c) => c.scope === 'union' && c.segment === 'ran')!;
    expect(union.before.hhi).toBeCloseTo((10_000 * (80 ** 2 + 110 ** 2 + 30 ** 2)) / 220 ** 2, 6);
    expect(union.after.hhi).toBeCloseTo((10_000 * (50 ** 2 + 130 ** 2 + 40 ** 2)) / 220 ** 2, 6);
  });

  it('shows exposure of key assets before and after', () => {
    // critical: AMF 2 + UDM 2 (A) + AMF 4 (B) = 8, A holds 4 → 0.5 → 0; sensitive: gNB 120, A holds 30 → 0.25 → 0
    const e = result.exposure.find((x) => x.scope === 'operator' && x.operatorId === 'OP-1')!;
    expect([e.criticalQuantity, e.before.criticalExposure, e.after.criticalExposure]).toEqual([8, 0.5, 0]);
    expect([e.sensitiveQuantity, e.before.sensitiveExposure, e.after.sensitiveExposure]).toEqual([120, 0.25, 0]);
  });

  it('counts the green cost of the swap-out', () => {
    // 34 units; waste 30·100 + 2·10 + 2·20 = 3,060 kg; energy 30·1000 + 4·500 = 32,000 kWh/year, factor 0.5 → −16,000
    const t = result.twinTransition.union;
    expect([t.unitsDismantled, t.eWasteKg, t.annualKwhReplaced, t.annualKwhChange]).toEqual([34, 3060, 32_000, -16_000]);
  });
});

describe('simulate: a scenario that misses its deadline', () => {
  /*
   * OP-2 (FR): SUP-A 50 gNB restricted from 2027-03-01 with 2 months' transition → deadline 2027-05-01.
   * Start 2027-01-01: months allowed dl = 4 (Jan–Apr end by 2027-05-01).
   * Swapping begins at the effective date, month 2 (March), at 10/month: months 2, 3, 4, 5, 6 → finish 6 (2027-07).
   * months missed = 6 + 1 − 4 = 3: the last unit leaves on 2027-08-01, three months after 2027-05-01.
   * Left at month ends: 50, 50, 40, 30, 20, 10, 0; non-compliant from month 4 (May): 20, 10, 0.
   */
  const scenario = (fields: object) =>
    base({
      restrictions: [{ id: 'FR-RAN', suppliers: ['SUP-A'], segments: ['ran'], member_states: ['FR'], effective_date: '2027-03-01', transition_months: 2 }],
      replacement: { strategy: 'proportional', capacity: { operators: { 'OP-2': { ran: 10 } } } },
      ...fields,
    });

  it('dates the late finish and counts the months missed', () => {
    const result = simulate(handNetwork(), scenario({}));
    const row = result.feasibility.rows[0];
    expect(row).toMatchObject({ operatorId: 'OP-2', startMonth: '2027-03', deadline: '2027-05-01', finishMonth: '2027-07', feasible: false, monthsMissed: 3 });
    const s = result.timeline.series.operators['OP-2'];
    expect(s.toSwap.slice(0, 8)).toEqual([50, 50, 40, 30, 20, 10, 0, 0]);
    expect(s.nonCompliant.slice(0, 8)).toEqual([0, 0, 0, 0, 20, 10, 0, 0]);
    expect(result.totals.operatorsMissingDeadline).toBe(1);
    expect(result.feasibility.operators[0]).toMatchObject({ operatorId: 'OP-2', feasible: false, monthsMissed: 3 });
  });

  it('starting at the scenario start instead misses by 1 month (finish month 4: 4 + 1 − 4)', () => {
    const result = simulate(handNetwork(), scenario({ replacement: { begin: 'start', capacity: { operators: { 'OP-2': { ran: 10 } } } } }));
    expect(result.feasibility.rows[0]).toMatchObject({ finishMonth: '2027-05', monthsMissed: 1 });
  });

  it('follows a late finish past a short horizon', () => {
    // horizon 4: months 2–3 swap 20; the run continues to find month 6
    const result = simulate(handNetwork(), scenario({ horizon_months: 4 }));
    expect(result.feasibility.rows[0]).toMatchObject({ finishMonth: '2027-07', monthsMissed: 3 });
    expect(result.totals.unitsSwapped).toBe(20);
    expect(result.totals.unitsLeftAtHorizon).toBe(30);
    expect(result.timeline.months).toHaveLength(4);
  });

  it('never finishes with no capacity', () => {
    const result = simulate(handNetwork(), scenario({ replacement: { capacity: { operators: { 'OP-2': { ran: 0 } } } } }));
    expect(result.feasibility.rows[0]).toMatchObject({ finishMonth: null, feasible: false, monthsMissed: null, stalledNoAlternative: false });
  });

  it('shares capacity between deadlines, earliest first', () => {
    /*
     * OP-2 ran: SUP-A 50 (deadline 2027-03-01, dl 2) and SUP-B 50 (deadline 2027-07-01, dl 6), 20/month, both from month 0.
     * SUP-A goes first: 20, 20, 10 (months 0–2, finish 2 → missed 2 + 1 − 2 = 1); SUP-B gets the rest of month 2
     * (10) then 20, 20 → finish month 4 → within dl 6. Replacements of SUP-B go to... nobody at OP-2 (A and B are
     * both restricted), so to FR's suppliers: none left; then the Union's: SUP-C (OP-1, 30 units).
     */
    const result = simulate(
      handNetwork(),
      base({
        restrictions: [
          { id: 'A', suppliers: ['SUP-A'], segments: ['ran'], member_states: ['FR'], effective_date: '2027-01-01', transition_months: 2 },
          { id: 'B', suppliers: ['SUP-B'], segments: ['ran'], member_states: ['FR'], effective_date: '2027-01-01', transition_months: 6 },
        ],
        replacement: { capacity: { default: { ran: 20 } } },
      }),
    );
    const rows = Object.fromEntries(result.feasibility.rows.map((r) => [r.restrictionId, r]));
    expect(rows.A).toMatchObject({ finishMonth: '2027-03', monthsMissed: 1 });
    expect(rows.B).toMatchObject({ finishMonth: '2027-05', monthsMissed: 0, feasible: true });
    expect(result.timeline.series.operators['OP-2'].swapped.slice(0, 6)).toEqual([20, 20, 20, 20, 20, 0]);
    const routed = result.replacement.find((r) => r.operatorId === 'OP-2')!;
    expect(routed.level).toBe('union');
    expect(routed.targets).toEqual({ 'SUP-C': 100 });
  });
});

describe('simulate: replacement strategies and caps', () => {
  /*
   * One operator, ran: SUP-A 60, SUP-B 30, SUP-C 10 (Q = 100). Cap SUP-A at 35 %: need = 60 − 0.35·100 = 25.
   * Proportional: B takes 25·30/40 = 18.75, C 25·10/40 = 6.25 → A 35, B 48.75, C 16.25.
   * HHI before 3600 + 900 + 100 = 4600; after 35² + 48.75² + 16.25² = 1225 + 2376.5625 + 264.0625 = 3865.625.
   */
  const net = () =>
    snapshot({
      operators: [op('OP-9', 'IT')],
      assets: [
        asset({ operator_id: 'OP-9', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
        asset({ operator_id: 'OP-9', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 30 }),
        asset({ operator_id: 'OP-9', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', quantity: 10 }),
      ],
    });
  const cap = { id: 'CAP', suppliers: ['SUP-A'], segments: ['ran' as const], max_share: 0.35, transition_months: 12 };

  it('caps a supplier share and lowers the HHI', () => {
    const result = simulate(net(), base({ restrictions: [cap], replacement: { capacity: { default: { ran: 100 } } } }));
    expect(result.totals.unitsRequired).toBe(25);
    const row = result.concentration.find((c) => c.scope === 'operator')!;
    expect(row.before.hhi).toBeCloseTo(4600, 9);
    expect(row.after.hhi).toBeCloseTo(3865.625, 9);
    expect(row.after.topSupplierId).toBe('SUP-B');
    expect(row.after.topShare).toBeCloseTo(0.4875, 9);
  });

  it('sends replacements to named suppliers in their shares', () => {
    // 25 units to SUP-D (share 3) and SUP-C (share 1): 18.75 and 6.25 → A 35, B 30, C 16.25, D 18.75
    const result = simulate(
      net(),
      base({ restrictions: [cap], replacement: { strategy: 'named', suppliers: [{ supplier_id: 'SUP-D', share: 3 }, 'SUP-C'], capacity: { default: { ran: 100 } } } }),
    );
    const routed = result.replacement[0];
    expect(routed.level).toBe('named');
    expect(routed.targets).toEqual({ 'SUP-C': 6.25, 'SUP-D': 18.75 });
    const row = result.concentration.find((c) => c.scope === 'operator')!;
    expect(row.after.suppliers).toBe(4);
    expect(row.after.hhi).toBeCloseTo(35 ** 2 + 30 ** 2 + 16.25 ** 2 + 18.75 ** 2, 9);
  });

  it('takes the default capacity from the installed base and the transition from the policy', () => {
    // ran installed 100, default share 1/36 per month; baseline transition 36 months from the start
    const result = simulate(net(), base({ restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'] }] }));
    const row = result.feasibility.rows[0];
    expect(row.capacityPerMonth.ran).toBeCloseTo(100 / 36, 12);
    expect(row.deadline).toBe('2030-01-01');
    // 60 units at 100/36 a month: 21.6 months → the 22nd month (index 21, 2028-10)
    expect(row.finishMonth).toBe('2028-10');
    expect(row.feasible).toBe(true);
  });
});

describe('simulate: key-assets scope and overlapping restrictions', () => {
  /*
   * OP-7 (AT) transport: CSR (other) SUP-A 10, AGG-ROUTER (sensitive) SUP-A 4, CORE-ROUTER (critical) SUP-B 2.
   * A key-assets restriction of SUP-A requires the 4 sensitive units only; the 10 CSR stay. SUP-B takes them.
   * HHI before 10,000 · (14² + 2²) / 16² = 7,812.5; after 10,000 · (10² + 6²) / 16² = 5,312.5.
   */
  const net = () =>
    snapshot({
      operators: [op('OP-7', 'AT')],
      assets: [
        asset({ operator_id: 'OP-7', segment: 'transport', function: 'CSR', supplier_id: 'SUP-A', quantity: 10 }),
        asset({ operator_id: 'OP-7', segment: 'transport', function: 'AGG-ROUTER', supplier_id: 'SUP-A', quantity: 4 }),
        asset({ operator_id: 'OP-7', segment: 'transport', function: 'CORE-ROUTER', supplier_id: 'SUP-B', quantity: 2 }),
      ],
    });

  it('restricts only critical and sensitive units', () => {
    const result = simulate(net(), base({ restrictions: [{ suppliers: ['SUP-A'], segments: ['key-assets'], transition_months: 12 }], replacement: { capacity: { default: { transport: 100 } } } }));
    expect(result.totals.unitsRequired).toBe(4);
    const row = result.concentration.find((c) => c.scope === 'operator')!;
    expect([row.before.hhi, row.after.hhi]).toEqual([7812.5, 5312.5]);
  });

  it('takes the larger requirement and the earlier deadline where restrictions overlap', () => {
    // A 50 % cap over 24 months: need = 14 − 0.5 · 16 = 6, spread over SUP-A's cells by quantity: CSR 10 · 6/14,
    // AGG-ROUTER 4 · 6/14. A key-assets phase-out over 6 months: AGG-ROUTER 4. The AGG-ROUTER cell takes the
    // larger 4 with the earlier deadline (2027-07-01); the CSR cell keeps the cap's 60/14.
    const result = simulate(
      net(),
      base({
        restrictions: [
          { id: 'cap', suppliers: ['SUP-A'], segments: ['transport'], max_share: 0.5, transition_months: 24 },
          { id: 'key', suppliers: ['SUP-A'], segments: ['key-assets'], transition_months: 6 },
        ],
        replacement: { capacity: { default: { transport: 100 } } },
      }),
    );
    expect(result.totals.unitsRequired).toBeCloseTo(4 + (10 * 6) / 14, 12);
    expect(result.notes.join(' ')).toContain('more than one restriction');
    const rows = Object.fromEntries(result.feasibility.rows.map((r) => [r.restrictionId, r]));
    expect(rows.key.deadline).toBe('2027-07-01');
    expect(rows.key.unitsRequired).toBe(4);
    expect(rows.cap.unitsRequired).toBeCloseTo(60 / 14, 12);
  });
});
