import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Chart } from '../../components/Chart';
import { ExplainButton } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import type { Comparison, ScenarioRef } from './types';

/*
 * Two or more scenarios side by side (POST /simulations/compare: one snapshot of the user's scope, the
 * engine's headline figures, one column per scenario), as a table whose every value opens the figure's
 * explanation, and the units to swap, swapped and left as a grouped bar chart with its table.
 */

const UNIT_KEYS: Record<string, string> = { units: 'units', EUR: 'eur', operators: 'operators', months: 'months', share: 'share', HHI: 'hhi', subscribers: 'subscribers', segments: 'segments', kg: 'kg', 'kWh/year': 'kwhYear' };
const COLOURS = ['#1d4f91', '#7a3b00', '#2f6b2f', '#6b2f6b', '#5a5a5a', '#00606b'];
const UNIT_METRICS = ['unitsRequired', 'unitsSwapped', 'unitsLeftAtHorizon'];

export const compareKey = (items: ScenarioRef[]) => ['simulation', 'compare', JSON.stringify(items)];

export default function ComparisonView({ items }: { items: ScenarioRef[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: compareKey(items),
    staleTime: Infinity,
    queryFn: async () =>
      (await call(
        api.POST('/api/v1/simulations/compare', {
          body: { scenarios: items.map((i) => (i.kind === 'saved' ? { name: i.name, version: i.version } : { scenario: i.document })) },
        }),
      )) as unknown as Comparison,
  });
  const label = (metric: string, fallback: string) => {
    const [base, segment] = metric.split('.');
    return t(`scenarios.metrics.${base}`, { segment: segment ? t(`segments.${segment}`, { defaultValue: segment }) : '', defaultValue: fallback });
  };
  const value = (v: number | null, unit: string) => (v === null ? '—' : unit === 'share' ? fmt.percent(v, 1) : fmt.number(v, 1));

  return (
    <Section id="comparison" title={t('scenarios.comparison')}>
      <QueryView query={q} loadingLabel={t('scenarios.running')}>
        {(c) => {
          const names = c.scenarios.map((s) => `${s.name}@${s.version}`);
          const units = c.rows.filter((r) => UNIT_METRICS.includes(r.metric));
          return (
            <div className="stack">
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scenarios.comparison')}>
                <table className="scenario-comparison">
                  <caption className="visually-hidden">{t('scenarios.comparisonCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('scenarios.figure')}</th>
                      <th scope="col">{t('scenarios.unit')}</th>
                      {names.map((n) => (
                        <th key={n} scope="col">
                          {n}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {c.rows.map((r) => (
                      <tr key={r.metric} data-metric={r.metric}>
                        <th scope="row">{label(r.metric, r.label)}</th>
                        <td>{t(`scenarios.unitNames.${UNIT_KEYS[r.unit] ?? 'units'}`)}</td>
                        {r.values.map((v, i) => (
                          <td key={names[i]}>
                            <ExplainButton explanation={r.explanation} label={`${label(r.metric, r.label)}, ${names[i]}`}>
                              {value(v, r.unit)}
                            </ExplainButton>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Chart
                title={t('scenarios.unitsChart')}
                summary={names.map((n, i) => `${n}: ${units.map((r) => `${label(r.metric, r.label)} ${value(r.values[i]!, r.unit)}`).join(', ')}`).join('; ')}
                option={{
                  grid: { left: 60, right: 20, top: 20, bottom: 40 },
                  tooltip: { trigger: 'axis' },
                  xAxis: { type: 'category', data: units.map((r) => label(r.metric, r.label)) },
                  yAxis: { type: 'value' },
                  series: names.map((n, i) => ({ name: n, type: 'bar', data: units.map((r) => r.values[i] ?? 0), itemStyle: { color: COLOURS[i % COLOURS.length] } })),
                }}
                table={{ columns: [t('scenarios.scenario'), ...units.map((r) => label(r.metric, r.label))], rows: names.map((n, i) => [n, ...units.map((r) => value(r.values[i]!, r.unit))]) }}
              />
            </div>
          );
        }}
      </QueryView>
    </Section>
  );
}
