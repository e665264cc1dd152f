import { CLOSED_SCREENING_STATUSES, type ScreeningCase } from '../domain/screening.js';
import { IsoDate, UserError } from '../domain/index.js';
import { fromEpochDay, toEpochDay } from './snapshot.js';

/** Art. 7(6) of Regulation (EU) 2019/452: comments and opinions within 35 calendar days of receipt. */
export const SCREENING_COMMENT_DAYS = 35;

export type ScreeningPhase = 'open' | 'overdue' | 'closed';

export interface ScreeningFlag {
  kind: 'profile-review' | 'third-country-government-control' | 'overdue';
  supplierId?: string;
  text: string;
}

export interface ScreenedCase {
  caseId: string;
  memberState: string;
  status: ScreeningCase['status'];
  /** received_on + 35 calendar days */
  commentDeadline: string;
  /** calendar days from the date to the deadline; negative once past */
  daysRemaining: number;
  phase: ScreeningPhase;
  flags: ScreeningFlag[];
}

/**
 * A case as of `date`: its comment deadline, whether it is still open, past the deadline, or closed, and
 * its flags. A case on a supplier flags that supplier's risk profile for review (ownership or control
 * may change, which the profile's first criteria group weighs), whatever the case's status.
 */
export function screenCase(c: ScreeningCase, date: string): ScreenedCase {
  if (!IsoDate.safeParse(date).success) throw new UserError(`screening date "${date}" must be a real date as YYYY-MM-DD`);
  const deadlineDay = toEpochDay(c.received_on) + SCREENING_COMMENT_DAYS;
  const commentDeadline = fromEpochDay(deadlineDay);
  const daysRemaining = deadlineDay - toEpochDay(date);
  const closed = CLOSED_SCREENING_STATUSES.includes(c.status);
  // Comments issued end what the 35 days are for, though the case stays open until decided.
  const waiting = !closed && c.status !== 'comments-issued';
  const phase: ScreeningPhase = closed ? 'closed' : waiting && daysRemaining < 0 ? 'overdue' : 'open';
  const flags: ScreeningFlag[] = [];
  if (c.target_kind === 'supplier') {
    flags.push({
      kind: 'profile-review',
      supplierId: c.target_id,
      text: `investment by ${c.investor} (${c.investor_country}) in supplier ${c.target_id}: review its risk profile (ownership and control)`,
    });
  }
  if (c.third_country_government_control) {
    flags.push({ kind: 'third-country-government-control', text: `the investor is controlled by the government of a third country (Art. 4(2))` });
  }
  if (phase === 'overdue') {
    flags.push({ kind: 'overdue', text: `the comment period ended on ${commentDeadline}, ${-daysRemaining} day(s) before ${date}, with no comments issued` });
  }
  return { caseId: c.case_id, memberState: c.member_state, status: c.status, commentDeadline, daysRemaining, phase, flags };
}

/** Every case as of `date`, overdue first, then open by deadline, then closed; and the suppliers to review. */
export function screeningRegister(cases: readonly ScreeningCase[], date: string): { cases: ScreenedCase[]; profilesToReview: string[] } {
  const order: Record<ScreeningPhase, number> = { overdue: 0, open: 1, closed: 2 };
  const screened = cases
    .map((c) => screenCase(c, date))
    .sort((a, b) => order[a.phase] - order[b.phase] || (a.commentDeadline < b.commentDeadline ? -1 : a.commentDeadline > b.commentDeadline ? 1 : 0) || (a.caseId < b.caseId ? -1 : 1));
  const profilesToReview = [...new Set(screened.flatMap((s) => s.flags.filter((f) => f.kind === 'profile-review').map((f) => f.supplierId!)))].sort();
  return { cases: screened, profilesToReview };
}
