import { describe, expect, it } from 'vitest';
import { ScreeningCase, type ScreeningCaseInput } from '../../src/domain/screening.js';
import { screenCase, screeningRegister } from '../../src/engine/screening.js';

const kase = (fields: Partial<ScreeningCaseInput> = {}) =>
  ScreeningCase.parse({
    case_id: 'FDI-1',
    investor: 'Northwind Capital Partners',
    investor_country: 'XA',
    target_kind: 'supplier',
    target_id: 'SUP-A',
    member_state: 'DE',
    factors: 'critical-infrastructure;critical-technologies',
    third_country_government_control: 'false',
    received_on: '2026-03-01',
    status: 'under-review',
    ...fields,
  });

describe('screening cases (Regulation (EU) 2019/452)', () => {
  it('sets the comment deadline 35 calendar days after receipt', () => {
    // 2026-03-01 + 30 days = 03-31, + 5 = 04-05
    expect(screenCase(kase(), '2026-03-10').commentDeadline).toBe('2026-04-05');
    // across a year end: 2026-12-10 + 21 = 12-31, + 14 = 2027-01-14
    expect(screenCase(kase({ received_on: '2026-12-10' }), '2026-12-10').commentDeadline).toBe('2027-01-14');
  });

  it('counts days remaining and turns overdue the day after the deadline', () => {
    expect(screenCase(kase(), '2026-03-10')).toMatchObject({ daysRemaining: 26, phase: 'open' });
    expect(screenCase(kase(), '2026-04-05')).toMatchObject({ daysRemaining: 0, phase: 'open' });
    const late = screenCase(kase(), '2026-04-07');
    expect(late).toMatchObject({ daysRemaining: -2, phase: 'overdue' });
    expect(late.flags.map((f) => f.kind)).toContain('overdue');
    // comments issued or the case closed: not overdue
    expect(screenCase(kase({ status: 'comments-issued' }), '2026-04-07').phase).toBe('open');
    expect(screenCase(kase({ status: 'closed-no-action', decided_on: '2026-03-20' }), '2026-04-07').phase).toBe('closed');
  });

  it('flags the supplier profile for review, and third-country-government control', () => {
    const c = screenCase(kase({ third_country_government_control: 'true' }), '2026-03-10');
    expect(c.flags.map((f) => [f.kind, f.supplierId])).toEqual([
      ['profile-review', 'SUP-A'],
      ['third-country-government-control', undefined],
    ]);
    expect(screenCase(kase({ target_kind: 'operator', target_id: 'OP-DE-1' }), '2026-03-10').flags).toEqual([]);
  });

  it('orders the register overdue, open by deadline, closed; lists profiles to review once', () => {
    const reg = screeningRegister(
      [
        kase({ case_id: 'C-CLOSED', status: 'withdrawn', target_id: 'SUP-B' }),
        kase({ case_id: 'C-LATER', received_on: '2026-04-01' }),
        kase({ case_id: 'C-LATE', received_on: '2026-02-01' }),
        kase({ case_id: 'C-OP', target_kind: 'operator', target_id: 'OP-1', received_on: '2026-03-15' }),
      ],
      '2026-04-02',
    );
    // C-LATE: 2026-02-01 + 35 = 03-08 < 04-02 → overdue; C-OP deadline 04-19; C-LATER 05-06
    expect(reg.cases.map((c) => `${c.caseId} ${c.phase} ${c.commentDeadline}`)).toEqual([
      'C-LATE overdue 2026-03-08',
      'C-OP open 2026-04-19',
      'C-LATER open 2026-05-06',
      'C-CLOSED closed 2026-04-05',
    ]);
    expect(reg.profilesToReview).toEqual(['SUP-A', 'SUP-B']);
  });

  it('validates a case with clear errors', () => {
    const r = ScreeningCase.safeParse({ ...kase(), factors: ['critical-infrastructure', 'tourism'], decided_on: '2026-02-01' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['factors.1']);
    const d = ScreeningCase.safeParse({ ...kase(), decided_on: '2026-02-01' });
    expect(d.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['decided_on: must not be before received_on']);
  });
});
