import type { AssessmentResult, ConcentrationRow, ExposureRow, Finding } from '../domain/index.js';
import { SEVERITY_RANK, type Severity } from '../domain/index.js';
import { fmtInt, fmtPct } from './format.js';
import { renderText, renderMarkdown, section, type ReportDocument } from './document.js';
import { riskSections, type RiskReport } from './risk.js';
import type { Column } from './table.js';

/** What a report shows besides the engine's result: risk scores, recommendations, and where the run is stored. */
export interface AssessmentReportExtras extends RiskReport {
  /** the stored run's id; null when the run was not stored (--no-save) */
  assessmentId?: string | null;
  inputsHash?: string;
}

const SEVERITIES = Object.keys(SEVERITY_RANK).reverse() as Severity[];

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function ruleCounts(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

const scopeLabel = (r: AssessmentResult) =>
  r.filter.operatorId
    ? `operator ${r.filter.operatorId}`
    : r.filter.memberState
      ? `member state ${r.filter.memberState}`
      : 'all member states (Union)';

function countsLine(findings: readonly Finding[]): string {
  const bySeverity = severityCounts(findings);
  const parts = SEVERITIES.filter((s) => bySeverity[s] > 0).map((s) => `${s} ${bySeverity[s]}`);
  const byRule = Object.entries(ruleCounts(findings)).map(([k, v]) => `${k} ${v}`);
  return `${fmtInt(findings.length)} findings${parts.length ? ` (${parts.join(', ')})` : ''}${byRule.length ? ` — by rule: ${byRule.join(', ')}` : ''}`;
}

const findingColumns: Column<Finding>[] = [
  { header: 'severity', value: (f) => f.severity },
  { header: 'rule', value: (f) => f.rule },
  { header: 'MS', value: (f) => f.memberState },
  { header: 'operator', value: (f) => f.operatorId ?? '' },
  { header: 'segment', value: (f) => f.segment ?? '' },
  { header: 'supplier', value: (f) => f.supplierId ?? '' },
  { header: 'quantity', value: (f) => fmtInt(f.affectedQuantity), align: 'right' },
  { header: 'deadline', value: (f) => f.deadline ?? '' },
  { header: 'explanation', value: (f) => f.explanation.text },
];

const concentrationColumns: Column<ConcentrationRow>[] = [
  { header: 'scope', value: (r) => r.operatorId ?? r.memberState ?? 'EU' },
  { header: 'segment', value: (r) => r.segment },
  { header: 'HHI', value: (r) => fmtInt(r.hhi), align: 'right' },
  { header: 'top supplier', value: (r) => r.topSupplierId },
  { header: 'top share', value: (r) => fmtPct(r.topSupplierShare), align: 'right' },
  { header: 'suppliers', value: (r) => String(r.suppliers), align: 'right' },
  { header: 'quantity', value: (r) => fmtInt(r.quantity), align: 'right' },
];

const exposureColumns: Column<ExposureRow>[] = [
  { header: 'scope', value: (r) => r.operatorId ?? r.memberState ?? 'EU' },
  { header: 'critical exposure', value: (r) => fmtPct(r.criticalExposure), align: 'right' },
  { header: 'critical quantity', value: (r) => fmtInt(r.criticalQuantity), align: 'right' },
  { header: 'sensitive exposure', value: (r) => fmtPct(r.sensitiveExposure), align: 'right' },
  { header: 'sensitive quantity', value: (r) => fmtInt(r.sensitiveQuantity), align: 'right' },
];

/**
 * Operator-level metric rows are many at Union scale (operators × segments); the text and Markdown
 * reports show them only when the run is narrowed to a member state or operator. JSON always has all.
 */
function visibleRows<T extends { scope: string }>(result: AssessmentResult, rows: readonly T[]): T[] {
  const narrowed = Boolean(result.filter.memberState || result.filter.operatorId);
  return rows.filter((r) => narrowed || r.scope !== 'operator');
}

function storedLine(extras: AssessmentReportExtras): string[] {
  const hash = extras.inputsHash ? ` · inputs ${extras.inputsHash.slice(0, 12)}` : '';
  if (extras.assessmentId === undefined) return hash ? [`Inputs ${extras.inputsHash!.slice(0, 12)}`] : [];
  return [extras.assessmentId === null ? `Not stored (--no-save)${hash}` : `Stored as assessment ${extras.assessmentId}${hash}`];
}

function assessmentDocument(result: AssessmentResult, title: string, extras: AssessmentReportExtras): ReportDocument {
  const narrowed = Boolean(result.filter.memberState || result.filter.operatorId);
  const sections = [
    ...(result.findings.length ? [section('Findings', result.findings, findingColumns)] : []),
    ...riskSections(extras, narrowed),
    section('Supplier concentration', visibleRows(result, result.metrics.concentration), concentrationColumns),
    section('Exposure to designated suppliers', visibleRows(result, result.metrics.exposure), exposureColumns),
  ];
  return { title, lines: [`Scope: ${scopeLabel(result)} · catalogue ${result.catalogVersion}`, ...storedLine(extras), countsLine(result.findings)], sections };
}

export function assessmentToText(result: AssessmentResult, extras: AssessmentReportExtras = {}): string {
  return renderText(assessmentDocument(result, `secure5g assessment of ${result.date}`, extras));
}

export function assessmentToMarkdown(result: AssessmentResult, extras: AssessmentReportExtras = {}): string {
  return renderMarkdown(assessmentDocument(result, `secure5g assessment of ${result.date}`, extras));
}

/** The short summary `npm start` prints: counts, the most severe findings, where concentration is highest. */
export function assessmentSummary(result: AssessmentResult, topN = 10): string {
  const top = [...result.findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]).slice(0, topN);
  const national = result.metrics.concentration
    .filter((r) => r.scope === 'member-state')
    .sort((a, b) => b.hhi - a.hhi)
    .slice(0, 5);
  return renderText({
    title: `secure5g assessment of ${result.date} — ${scopeLabel(result)} — catalogue ${result.catalogVersion}`,
    lines: [countsLine(result.findings)],
    sections: [
      section(`Most severe findings (${top.length} of ${result.findings.length})`, top, findingColumns),
      section('Most concentrated national segments', national, concentrationColumns),
      section('Exposure to designated suppliers', result.metrics.exposure.filter((r) => r.scope !== 'operator'), exposureColumns),
    ],
  });
}
