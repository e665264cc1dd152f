import type { Explanation } from '../../domain/index.js';
import type { SimulationResult } from './types.js';

export interface ComparisonRow {
  metric: string;
  label: string;
  unit: 'units' | 'EUR' | 'operators' | 'months' | 'share' | 'HHI' | 'subscribers' | 'segments' | 'kg' | 'kWh/year';
  /** one value per scenario, in the order given; null where the figure does not exist for that scenario */
  values: (number | null)[];
  explanation: Explanation;
}

export interface ScenarioComparison {
  scenarios: { name: string; version: string; startDate: string; horizonMonths: number }[];
  rows: ComparisonRow[];
}

/**
 * Side by side: one row per headline figure, one column per scenario, for a table or a grouped bar
 * chart. Union figures only; each scenario's own result holds the detail behind every number.
 */
export function compareScenarios(results: readonly SimulationResult[]): ScenarioComparison {
  const rows: ComparisonRow[] = [];
  const row = (metric: string, label: string, unit: ComparisonRow['unit'], text: string, value: (r: SimulationResult) => number | null) =>
    rows.push({ metric, label, unit, values: results.map(value), explanation: { text, inputs: { scenarios: results.map((r) => `${r.scenario.name}@${r.scenario.version}`) } } });

  row('unitsRequired', 'Units to swap', 'units', 'Units the restrictions require to be swapped (totals.unitsRequired).', (r) => r.totals.unitsRequired);
  row('unitsSwapped', 'Units swapped within the horizon', 'units', 'Units swapped before the end of each scenario\'s horizon.', (r) => r.totals.unitsSwapped);
  row('unitsLeftAtHorizon', 'Units left at the horizon', 'units', 'Required units still in place at the end of the horizon.', (r) => r.totals.unitsLeftAtHorizon);
  row('spendEur', 'Spend within the horizon', 'EUR', 'Σ units swapped × unit cost of their functions, within the horizon.', (r) => r.totals.spendEur);
  row('operatorsInScope', 'Operators with units to swap', 'operators', 'Operators with at least one unit to swap.', (r) => r.totals.operatorsInScope);
  row('operatorsMissingDeadline', 'Operators missing a deadline', 'operators', 'Operators whose last swap of some restriction falls after its deadline, or never happens.', (r) => r.totals.operatorsMissingDeadline);
  row('maxMonthsMissed', 'Largest delay', 'months', 'The largest months-missed over all operators; null when some operator never finishes.', (r) => {
    const all = r.feasibility.operators.map((o) => o.monthsMissed);
    return all.some((m) => m === null) ? null : Math.max(0, ...(all as number[]));
  });
  const union = (r: SimulationResult) => r.exposure.find((e) => e.scope === 'union');
  row('criticalExposureBefore', 'Critical exposure before (Union)', 'share', 'Share of critical quantity held by flagged suppliers before the scenario.', (r) => union(r)?.before.criticalExposure ?? null);
  row('criticalExposureAfter', 'Critical exposure after (Union)', 'share', 'The same share at the end of the horizon.', (r) => union(r)?.after.criticalExposure ?? null);

  const segments = [...new Set(results.flatMap((r) => r.concentration.filter((c) => c.scope === 'union').map((c) => c.segment)))];
  for (const s of segments) {
    const cell = (r: SimulationResult) => r.concentration.find((c) => c.scope === 'union' && c.segment === s);
    row(`hhiBefore.${s}`, `HHI before, ${s} (Union)`, 'HHI', `Union HHI of ${s} before; null where the scenario does not touch ${s}.`, (r) => cell(r)?.before.hhi ?? null);
    row(`hhiAfter.${s}`, `HHI after, ${s} (Union)`, 'HHI', `Union HHI of ${s} at the end of the horizon.`, (r) => cell(r)?.after.hhi ?? null);
  }

  row('disruptedUnits', 'Units affected by disruptions', 'units', 'Σ units affected over the disruptions.', (r) => r.disruption.disruptions.reduce((n, d) => n + d.unitsAffected, 0));
  row('disruptedSubscribers', 'Subscribers affected by disruptions', 'subscribers', 'Σ estimated subscribers affected over the disruptions.', (r) => r.disruption.disruptions.reduce((n, d) => n + d.subscribersAffected, 0));
  row('segmentsWithoutAlternative', 'Operator segments with no alternative supplier', 'segments', 'Operator segments where every supplier is disrupted or restricted.', (r) => r.disruption.noAlternative.length);
  row('eWasteKg', 'Electronic waste', 'kg', 'Σ units dismantled × kg per unit, within the horizon.', (r) => r.twinTransition.union.eWasteKg);
  row('annualKwhChange', 'Energy-use change', 'kWh/year', 'Yearly electricity change once the replacements run.', (r) => r.twinTransition.union.annualKwhChange);

  return {
    scenarios: results.map((r) => ({ name: r.scenario.name, version: r.scenario.version, startDate: r.scenario.startDate, horizonMonths: r.scenario.horizonMonths })),
    rows,
  };
}
