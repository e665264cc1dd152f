import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/engine/snapshot.js';
import { simulate } from '../../../src/engine/simulation/index.js';
import type { ScenarioInput } from '../../../src/domain/scenario.js';
import { num, pct } from '../../../src/engine/format.js';
import { fmtInt, fmtNum, fmtPct } from '../../../src/report/format.js';
import { smallDemo } from './demo-snapshot.js';

/*
 * A restriction written with designated_by takes each designation's own dates unless the scenario gives
 * them. The small demo's NL designation D-NL-1 (SUP-COBALT, high-risk, in force) is effective
 * 2024-03-01 with a 12-month transition, so by hand: deadline 2025-03-01, before the scenario's start
 * (2026-01-01): every unit required is non-compliant from month 0. With transition_months 36 from the
 * scenario: 2024-03-01 + 36 months = 2027-03-01, i.e. dl = 14 (2026-01-01 + 14 months = 2027-03-01).
 * Before this rule the restriction took the scenario's start and the policy default (36 months):
 * deadline 2029-01-01.
 */
let snapshot: Snapshot;
beforeAll(() => ({ snapshot } = smallDemo()));

const scenario = (over: Record<string, unknown> = {}): ScenarioInput => ({
  name: 'nl-designated',
  version: '1',
  start_date: '2026-01-01',
  horizon_months: 24,
  restrictions: [{ id: 'NL', designated_by: ['NL'], segments: ['core', 'ran', 'management', 'transport'], member_states: ['NL'], ...over }],
} as ScenarioInput);

describe('designated_by takes the designation’s own dates', () => {
  it('by default: effective date and transition of the designation, and the output says so', () => {
    const r = simulate(snapshot, scenario());
    expect(r.feasibility.rows.length).toBeGreaterThan(0);
    for (const row of r.feasibility.rows) {
      expect(row.deadline).toBe('2025-03-01');
      expect(row.explanation.inputs).toMatchObject({ effectiveDate: '2024-03-01', transitionMonths: 12, monthsAllowed: -10 });
    }
    expect(r.notes).toContain(
      "NL: SUP-COBALT is restricted as designated by NL (D-NL-1): effective 2024-03-01 (designation D-NL-1's own), 12 month(s) transition (designation D-NL-1's own), deadline 2025-03-01.",
    );
    // the deadline passed before the start: whatever is left at the end of month 0 is non-compliant
    const nl = r.timeline.series.union;
    expect(nl.nonCompliant[0]).toBeCloseTo(nl.toSwap[0], 9);
  });

  it('the scenario may override either date, and the output names whose each is', () => {
    const r = simulate(snapshot, scenario({ transition_months: 36 }));
    for (const row of r.feasibility.rows) {
      expect(row.deadline).toBe('2027-03-01');
      expect(row.explanation.inputs).toMatchObject({ effectiveDate: '2024-03-01', transitionMonths: 36, monthsAllowed: 14 });
    }
    expect(r.notes.join('\n')).toContain("effective 2024-03-01 (designation D-NL-1's own), 36 month(s) transition (the scenario's), deadline 2027-03-01");
  });

  it('the timeline explains the non-compliant count by the rule the code applies (m ≥ dl)', () => {
    const r = simulate(snapshot, scenario({ transition_months: 36 }));
    expect(r.timeline.explanation.formula).toContain('nonCompliant(m) = toSwap(m) of jobs with m ≥ dl');
    // dl = 14: month 13 ends on 2027-03-01, the deadline itself, and is still compliant; month 14 is not
    const u = r.timeline.series.union;
    expect(u.nonCompliant[13]).toBe(0);
    expect(u.nonCompliant[14]).toBeCloseTo(u.toSwap[14], 9);
  });
});

describe('no "-0" in formatted numbers', () => {
  it('a tiny negative rounds to an unsigned zero in every formatter', () => {
    for (const x of [-0, -1e-9, -0.0004, -0.3]) {
      for (const text of [num(x), pct(x / 1000), fmtInt(x), fmtNum(x / 100), fmtPct(x / 1000)]) expect(text, `${x}`).not.toMatch(/^-0(\.0+)?( %)?$/);
    }
    expect([num(-1.5), fmtInt(-1.6), fmtPct(-0.0123)]).toEqual(['-1.5', '-2', '-1.2 %']);
  });
});
