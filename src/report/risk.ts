import { RISK_AREA_IDS } from '../catalog/risk-areas.js';
import type { RiskLevel } from '../catalog/risk-model.js';
import type { Contradiction } from '../engine/contradictions.js';
import type { Recommendation, RecommendedMeasure, RiskScore } from '../engine/risk/types.js';
import { section, type ReportSection } from './document.js';
import { fmtNum } from './format.js';
import type { Column } from './table.js';

/** The risk scores and recommendations a report of an assessment shows next to its findings. */
export interface RiskReport {
  risks?: readonly RiskScore[];
  recommendations?: readonly Recommendation[];
  contradictions?: readonly Contradiction[];
}

export const TOP_RECOMMENDATIONS = 10;

const ABBREVIATION: Record<RiskLevel, string> = { low: 'L', medium: 'M', high: 'H', 'very-high': 'VH' };
const scopeOf = (r: { memberState: string; operatorId?: string }) => r.operatorId ?? r.memberState;

interface ScopeRow {
  scope: string;
  byArea: Map<string, RiskScore>;
}

/** One row per scope, one column per area: inherent level → residual level. */
function riskSummary(risks: readonly RiskScore[], showOperators: boolean): ReportSection {
  const rows = new Map<string, ScopeRow>();
  for (const r of risks) {
    if (r.scope === 'operator' && !showOperators) continue;
    const key = `${r.scope}|${scopeOf(r)}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { scope: scopeOf(r), byArea: new Map() }));
    row.byArea.set(r.riskArea, r);
  }
  const columns: Column<ScopeRow>[] = [
    { header: 'scope', value: (r) => r.scope },
    ...RISK_AREA_IDS.map(
      (area): Column<ScopeRow> => ({
        header: area,
        value: (r) => {
          const s = r.byArea.get(area);
          return s ? `${ABBREVIATION[s.level]}→${ABBREVIATION[s.residualLevel]}` : '';
        },
      }),
    ),
  ];
  const lines = [
    'Inherent level → residual level after the implemented measures (L low, M medium, H high, VH very-high); the JSON output has each score with its drivers and arithmetic.',
  ];
  if (!showOperators) lines.push('Operators are shown when the run is narrowed with --member-state or --operator.');
  return section('Risk areas R1–R9', [...rows.values()], columns, lines);
}

interface TopRow {
  rec: Recommendation;
  best: RecommendedMeasure;
}

/** Toolbox titles run to 200 characters; the table keeps the start (the JSON has them whole). */
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);
const target = (r: Recommendation) => (r.target.kind === 'finding' ? r.target.findingId : `${r.target.riskArea} residual ${r.target.residualLevel}`);
const moves = (m: RecommendedMeasure) =>
  m.areas.map((e) => `${e.riskArea} ${e.before.likelihood}×${e.before.impact} ${e.before.level} → ${e.after.likelihood}×${e.after.impact} ${e.after.level}`).join('; ');

const topColumns: Column<TopRow>[] = [
  { header: 'scope', value: (r) => scopeOf(r.rec) },
  { header: 'for', value: (r) => target(r.rec) },
  { header: 'measure', value: (r) => `${r.best.measure} ${clip(r.best.title, 48)}` },
  { header: 'now', value: (r) => r.best.currentStatus },
  { header: 'L×I lower by', value: (r) => fmtNum(r.best.scoreReduction), align: 'right' },
  { header: 're-scored', value: (r) => moves(r.best) },
];

/** Each recommendation's best measure, the largest effects first (then unrounded effect, then order). */
function topRecommendations(recs: readonly Recommendation[], n: number): ReportSection {
  const withMeasure = recs.flatMap((rec, i) => (rec.measures[0] ? [{ rec, best: rec.measures[0], i }] : []));
  withMeasure.sort((x, y) => y.best.scoreReduction - x.best.scoreReduction || y.best.rawReduction - x.best.rawReduction || x.i - y.i);
  const top = withMeasure.slice(0, n);
  return section(`Top recommendations (${top.length} of ${recs.length})`, top, topColumns, [
    `${recs.length} recommendations, ${withMeasure.length} with a measure that lowers the residual; each shows its best measure, ranked by the fall in residual likelihood × impact when re-scored with it in place.`,
  ]);
}

const contradictionColumns: Column<Contradiction>[] = [
  { header: 'measure', value: (c) => c.measure },
  { header: 'declared at', value: (c) => c.operatorId ?? c.memberState ?? 'EU' },
  { header: 'in place since', value: (c) => c.declared.recordedOn },
  { header: 'findings', value: (c) => fmtNum(c.findings), align: 'right' },
  { header: 'quantity', value: (c) => fmtNum(c.affectedQuantity), align: 'right' },
  { header: 'explanation', value: (c) => c.explanation.text },
];

/** Declarations the data contradicts: shown first, since every residual below rests on the declarations. */
function contradictionSection(rows: readonly Contradiction[]): ReportSection {
  return section(`Declared in place, contradicted by findings (${rows.length})`, rows, contradictionColumns, [
    'A measure declared in place at a scope that holds findings of the same measure. Residual risk credits it as in progress there.',
  ]);
}

/** The risk sections of an assessment report; none when the run carries no scores. */
export function riskSections(report: RiskReport, showOperators: boolean): ReportSection[] {
  const out: ReportSection[] = [];
  if (report.contradictions?.length) out.push(contradictionSection(report.contradictions));
  if (report.risks?.length) out.push(riskSummary(report.risks, showOperators));
  if (report.recommendations) out.push(topRecommendations(report.recommendations, TOP_RECOMMENDATIONS));
  return out;
}
