import type { ImplementationMatrix, MatrixStatus } from '../engine/implementation-matrix.js';
import type { FundingCheck } from '../engine/funding.js';
import type { ScreenedCase } from '../engine/screening.js';
import type { ImplementationRecord } from '../store/implementations.js';
import type { SavedFundingCheck } from '../store/funding.js';
import { renderTable } from './table.js';

/* Plain-text views of implementation, funding checks and screening cases for the CLI. */

/** One character per status, so that 27 member states fit a terminal line. */
export const STATUS_MARK: Record<MatrixStatus, string> = {
  'in-place': 'Y',
  'in-progress': '~',
  planned: 'P',
  'not-planned': 'N',
  'not-applicable': '-',
  'not-recorded': '.',
};

const LEGEND =
  'Y in place · ~ in progress · P planned · N not planned · - not applicable · . not recorded; ' +
  '* derived from the operators\' rows (no member-state row)\n';

/** Measures as rows, the Union and member states as columns, then how many member states stand at each status. */
export function matrixToText(m: ImplementationMatrix, date: string): string {
  const byState = new Map(m.rows.map((r) => [r.memberState, new Map(r.cells.map((c) => [c.measure, c]))]));
  const union = new Map(m.union.map((u) => [u.measure, u]));
  const table = renderTable(m.measures, [
    { header: 'measure', value: (id) => id },
    { header: 'EU', value: (id) => STATUS_MARK[union.get(id)?.status ?? 'not-recorded'] + (union.get(id)?.contradicted ? '!' : '') },
    ...m.memberStates.map((ms) => ({
      header: ms,
      value: (id: (typeof m.measures)[number]) => {
        const cell = byState.get(ms)!.get(id)!;
        return STATUS_MARK[cell.status] + (cell.source === 'operators' ? '*' : '') + (cell.contradicted ? '!' : '');
      },
    })),
    { header: 'in place', value: (id) => String(m.counts[id]['in-place']), align: 'right' },
    { header: 'in progress', value: (id) => String(m.counts[id]['in-progress']), align: 'right' },
    { header: 'planned', value: (id) => String(m.counts[id].planned), align: 'right' },
    { header: 'not planned', value: (id) => String(m.counts[id]['not-planned']), align: 'right' },
    { header: 'n/a', value: (id) => String(m.counts[id]['not-applicable']), align: 'right' },
    { header: 'not recorded', value: (id) => String(m.counts[id]['not-recorded']), align: 'right' },
  ]);
  const contradicted = m.rows.some((r) => r.cells.some((c) => c.contradicted)) || m.union.some((u) => u.contradicted);
  const legend = contradicted ? `${LEGEND}! declared in place (by the member state or some of its operators) where findings of the measure lie\n` : LEGEND;
  return `Implementation of the Toolbox measures as of ${date} (${m.memberStates.length} member states)\n\n${table}\n${legend}`;
}

const contradictedBy = (n: number) => `contradicted by ${n} finding${n === 1 ? '' : 's'}`;

const MATRIX_STATUSES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable', 'not-recorded'] as const satisfies readonly MatrixStatus[];

/**
 * The matrix for a spreadsheet: one row per measure, the Union's and each member state's status in
 * words (`(operators)` where derived from the operators' rows), then the member states at each status.
 */
export function matrixToCsv(m: ImplementationMatrix): string {
  const byState = new Map(m.rows.map((r) => [r.memberState, new Map(r.cells.map((c) => [c.measure, c]))]));
  const union = new Map(m.union.map((u) => [u.measure, u.contradicted ? `${u.status} (${contradictedBy(u.contradicted.findings)})` : u.status]));
  const lines = [['measure', 'EU', ...m.memberStates, ...MATRIX_STATUSES].join(',')];
  for (const id of m.measures) {
    const states = m.memberStates.map((ms) => {
      const cell = byState.get(ms)!.get(id)!;
      const status = cell.source === 'operators' ? `${cell.status} (operators)` : cell.status;
      return cell.contradicted ? `${status} (${contradictedBy(cell.contradicted.findings)})` : status;
    });
    lines.push([id, union.get(id) ?? 'not-recorded', ...states, ...MATRIX_STATUSES.map((st) => String(m.counts[id][st]))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const scopeText = (r: ImplementationRecord) => (r.scope_level === 'union' ? 'union' : r.scope_level === 'member-state' ? r.member_state! : `${r.operator_id} (${r.member_state})`);

export function implementationsToText(rows: readonly ImplementationRecord[]): string {
  if (rows.length === 0) return 'no implementation rows recorded\n';
  return renderTable(rows, [
    { header: 'measure', value: (r) => r.measure },
    { header: 'scope', value: scopeText },
    { header: 'status', value: (r) => r.status },
    { header: 'recorded on', value: (r) => r.recorded_on },
    { header: 'due', value: (r) => r.due_date ?? '' },
    { header: 'owner', value: (r) => r.owner ?? '' },
    { header: 'evidence', value: (r) => (r.evidence ?? '').slice(0, 60) },
    { header: 'source', value: (r) => r.source },
  ]);
}

export function fundingCheckToText(check: FundingCheck, dateUsed: string, saved?: { checkId: string }): string {
  const lines = [
    `project ${check.projectId} (${check.operatorId}, ${check.memberState}), planned ${check.plannedDate}, designations as of ${dateUsed}`,
    `verdict: ${check.verdict}`,
  ];
  if (check.reasons.length > 0) lines.push('not eligible because:', ...check.reasons.map((r) => `  - ${r.text}`));
  if (check.conditions.length > 0) lines.push('conditions:', ...check.conditions.map((r) => `  - ${r.text}`));
  if (check.notes.length > 0) lines.push('notes:', ...check.notes.map((n) => `  - ${n}`));
  if (saved) lines.push(`saved as check ${saved.checkId}`);
  return `${lines.join('\n')}\n`;
}

export function fundingChecksToText(checks: readonly SavedFundingCheck[]): string {
  if (checks.length === 0) return 'no funding checks saved\n';
  return renderTable(checks, [
    { header: 'checked at', value: (c) => c.checkedAt.slice(0, 19).replace('T', ' ') },
    { header: 'project', value: (c) => c.project.project_id },
    { header: 'operator', value: (c) => c.project.operator_id },
    { header: 'MS', value: (c) => c.project.member_state },
    { header: 'date used', value: (c) => c.dateUsed },
    { header: 'verdict', value: (c) => c.result.verdict },
    { header: 'reasons', value: (c) => String(c.result.reasons.length), align: 'right' },
    { header: 'check id', value: (c) => c.checkId },
  ]);
}

export interface ScreeningListRow extends ScreenedCase {
  investor: string;
  targetKind: string;
  targetId: string;
  receivedOn: string;
}

export function screeningToText(rows: readonly ScreeningListRow[], date: string): string {
  if (rows.length === 0) return `no screening cases as of ${date}\n`;
  const table = renderTable(rows, [
    { header: 'case', value: (c) => c.caseId },
    { header: 'MS', value: (c) => c.memberState },
    { header: 'investor', value: (c) => c.investor },
    { header: 'target', value: (c) => `${c.targetKind} ${c.targetId}` },
    { header: 'status', value: (c) => c.status },
    { header: 'received', value: (c) => c.receivedOn },
    { header: 'deadline', value: (c) => c.commentDeadline },
    { header: 'days left', value: (c) => String(c.daysRemaining), align: 'right' },
    { header: 'phase', value: (c) => c.phase },
    { header: 'flags', value: (c) => c.flags.map((f) => f.kind).join(', ') },
  ]);
  return `Screening cases as of ${date} (comment deadline: received + 35 days)\n\n${table}`;
}
