import type { ConcentrationChange, FeasibilityRow, SimulationResult, TwinTransitionFigures } from '../engine/index.js';
import type { ComparisonRow, DisruptionFigures, NoAlternativeRow, ScenarioComparison } from '../engine/index.js';
import type { SavedScenario } from '../store/index.js';
import { renderMarkdown, renderText, section, type ReportDocument, type ReportSection } from './document.js';
import { fmtInt, fmtPct } from './format.js';
import type { Column } from './table.js';

const eur = (n: number) => `${fmtInt(n)} €`;
const scopeKey = (r: { operatorId?: string; memberState?: string }) => r.operatorId ?? r.memberState ?? 'EU';

const feasibilityColumns: Column<FeasibilityRow>[] = [
  { header: 'operator', value: (r) => r.operatorId },
  { header: 'MS', value: (r) => r.memberState },
  { header: 'restriction', value: (r) => r.restrictionId },
  { header: 'units', value: (r) => fmtInt(r.unitsRequired), align: 'right' },
  { header: 'start', value: (r) => r.startMonth },
  { header: 'deadline', value: (r) => r.deadline },
  { header: 'finish', value: (r) => r.finishMonth ?? 'never' },
  { header: 'months late', value: (r) => (r.monthsMissed === null ? '—' : String(r.monthsMissed)), align: 'right' },
];

const concentrationColumns: Column<ConcentrationChange>[] = [
  { header: 'scope', value: scopeKey },
  { header: 'segment', value: (r) => r.segment },
  { header: 'HHI before', value: (r) => fmtInt(r.before.hhi), align: 'right' },
  { header: 'HHI after', value: (r) => fmtInt(r.after.hhi), align: 'right' },
  { header: 'top before', value: (r) => `${r.before.topSupplierId ?? '—'} ${fmtPct(r.before.topShare)}` },
  { header: 'top after', value: (r) => `${r.after.topSupplierId ?? '—'} ${fmtPct(r.after.topShare)}` },
];

const disruptionColumns: Column<DisruptionFigures>[] = [
  { header: 'disruption', value: (r) => r.disruptionId },
  { header: 'from', value: (r) => r.from },
  { header: 'until', value: (r) => r.until ?? 'open' },
  { header: 'units', value: (r) => fmtInt(r.unitsAffected), align: 'right' },
  { header: 'operators', value: (r) => fmtInt(r.operatorsAffected), align: 'right' },
  { header: 'subscribers', value: (r) => fmtInt(r.subscribersAffected), align: 'right' },
  { header: 'months to support end', value: (r) => (r.monthsUntilSupportEnds === null ? '—' : String(r.monthsUntilSupportEnds)), align: 'right' },
];

const noAlternativeColumns: Column<NoAlternativeRow>[] = [
  { header: 'disruption', value: (r) => r.disruptionId },
  { header: 'operator', value: (r) => r.operatorId },
  { header: 'segment', value: (r) => r.segment },
  { header: 'units', value: (r) => fmtInt(r.unitsAffected), align: 'right' },
  { header: 'alternatives in MS', value: (r) => r.memberStateAlternatives.join(' ') || 'none' },
];

const twinColumns: Column<TwinTransitionFigures>[] = [
  { header: 'scope', value: scopeKey },
  { header: 'units dismantled', value: (r) => fmtInt(r.unitsDismantled), align: 'right' },
  { header: 'e-waste kg', value: (r) => fmtInt(r.eWasteKg), align: 'right' },
  { header: 'kWh/year change', value: (r) => fmtInt(r.annualKwhChange), align: 'right' },
];

function simulationDocument(r: SimulationResult): ReportDocument {
  const t = r.totals;
  // Operator-level concentration is long at Union scale; national and Union rows carry the trade-off.
  const concentration = r.concentration.filter((c) => c.scope !== 'operator' && (c.hhiChange !== 0 || c.before.hhi !== c.after.hhi));
  const sections: ReportSection[] = [];
  if (r.feasibility.rows.length) sections.push(section('Deadline feasibility', r.feasibility.rows, feasibilityColumns));
  if (concentration.length) sections.push(section('Concentration before and after (member states and Union)', concentration, concentrationColumns));
  if (r.disruption.disruptions.length) sections.push(section('Disruptions', r.disruption.disruptions, disruptionColumns));
  if (r.disruption.noAlternative.length)
    sections.push(section('Operator segments left with no alternative supplier', r.disruption.noAlternative, noAlternativeColumns));
  if (t.unitsRequired > 0)
    sections.push(section('Twin transition', [r.twinTransition.union, ...r.twinTransition.memberStates], twinColumns));
  if (r.notes.length) sections.push({ title: 'Notes', lines: r.notes.map((n) => `- ${n}`) });
  return {
    title: `secure5g simulation: ${r.scenario.name} (version ${r.scenario.version})`,
    lines: [
      ...(r.scenario.description ? [r.scenario.description] : []),
      `From ${r.scenario.startDate} over ${r.scenario.horizonMonths} months: ${fmtInt(t.unitsRequired)} units to swap, ` +
        `${fmtInt(t.unitsSwapped)} swapped, ${fmtInt(t.unitsLeftAtHorizon)} left at the horizon, spend ${eur(t.spendEur)}; ` +
        `${t.operatorsMissingDeadline} of ${t.operatorsInScope} operators miss a deadline.`,
    ],
    sections,
  };
}

export const simulationToText = (r: SimulationResult) => renderText(simulationDocument(r));
export const simulationToMarkdown = (r: SimulationResult) => renderMarkdown(simulationDocument(r));

const compareValue = (unit: ComparisonRow['unit'], v: number | null) =>
  v === null ? '—' : unit === 'share' ? fmtPct(v) : unit === 'EUR' ? eur(v) : fmtInt(v);

function comparisonDocument(c: ScenarioComparison): ReportDocument {
  const columns: Column<ComparisonRow>[] = [
    { header: 'figure', value: (r) => r.label },
    ...c.scenarios.map((s, i) => ({ header: `${s.name}@${s.version}`, value: (r: ComparisonRow) => compareValue(r.unit, r.values[i] ?? null), align: 'right' as const })),
  ];
  return {
    title: 'secure5g scenarios side by side',
    lines: c.scenarios.map((s) => `${s.name}@${s.version}: from ${s.startDate} over ${s.horizonMonths} months`),
    sections: [section('Headline figures (Union)', c.rows, columns)],
  };
}

export const comparisonToText = (c: ScenarioComparison) => renderText(comparisonDocument(c));
export const comparisonToMarkdown = (c: ScenarioComparison) => renderMarkdown(comparisonDocument(c));

export function scenarioListToText(list: readonly SavedScenario[]): string {
  return renderText({
    title: `${list.length} saved scenario${list.length === 1 ? '' : 's'}`,
    lines: [],
    sections: [
      section('', list, [
        { header: 'name', value: (s) => s.name },
        { header: 'version', value: (s) => s.version },
        { header: 'saved', value: (s) => s.savedAt.slice(0, 19).replace('T', ' ') },
        { header: 'description', value: (s) => (s.description ?? '').slice(0, 80) },
      ]),
    ],
  });
}
