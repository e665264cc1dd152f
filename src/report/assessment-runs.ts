import type { AssessmentComparison, RunRef } from '../services/assessment-compare.js';
import type { AssessmentHeader } from '../store/access/assessments.js';
import { renderMarkdown, renderText, section, type ReportDocument, type ReportSection } from './document.js';
import { fmtInt } from './format.js';
import type { Column } from './table.js';

const filterLabel = (f: { memberState?: string; operatorId?: string }) => f.operatorId ?? f.memberState ?? 'all';

const listColumns: Column<AssessmentHeader>[] = [
  { header: 'assessment', value: (h) => h.assessmentId },
  { header: 'run at', value: (h) => h.runAt },
  { header: 'date', value: (h) => h.date },
  { header: 'scope', value: (h) => filterLabel(h.filter) },
  { header: 'findings', value: (h) => fmtInt(h.findings), align: 'right' },
  { header: 'inputs', value: (h) => h.inputsHash?.slice(0, 12) ?? '' },
];

/** `assessment list`: stored runs, newest first. */
export function assessmentListToText(headers: readonly AssessmentHeader[], total: number): string {
  return renderText({
    title: `Stored assessments (${headers.length} of ${total}, newest first)`,
    lines: headers.length ? ['Refer to a run by its id, the start of it, `latest` or `previous`.'] : ['None yet: secure5g assess stores each run.'],
    sections: headers.length ? [section('Runs', headers, listColumns)] : [],
  });
}

const runLine = (name: string, r: RunRef) => `${name}: ${r.assessmentId} · date ${r.date} · run at ${r.runAt}${r.inputsHash ? ` · inputs ${r.inputsHash.slice(0, 12)}` : ''}`;
const block = (title: string, lines: string[]): ReportSection[] => (lines.length ? [{ title, lines }] : []);

function diffDocument(c: AssessmentComparison): ReportDocument {
  const changes = c.inputs.length + c.findings.length + c.metrics.length + c.risks.length;
  return {
    title: 'secure5g assessment diff',
    lines: [runLine('A', c.a), runLine('B', c.b), changes === 0 ? 'No change between the two runs.' : `${changes} change${changes === 1 ? '' : 's'}, A → B:`],
    sections: [
      ...block('Inputs', c.inputs),
      ...block(`Findings (${c.findings.length})`, c.findings.flatMap((f) => f.reasons)),
      ...block(`Concentration and exposure (${c.metrics.length})`, c.metrics.map((m) => m.reason)),
      ...block(`Risk scores (${c.risks.length})`, c.risks.flatMap((r) => r.reasons)),
    ],
  };
}

/** `assess --diff A B` as text: what changed, grouped, each with its reason. */
export const diffToText = (c: AssessmentComparison) => renderText(diffDocument(c));
export const diffToMarkdown = (c: AssessmentComparison) => renderMarkdown(diffDocument(c));
