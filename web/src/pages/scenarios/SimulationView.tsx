import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Chart } from '../../components/Chart';
import { ExplainButton } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import type { ScenarioRef, Simulation } from './types';

/*
 * One run of a scenario over the user's scope (POST /scenarios/{name}/simulations for a saved one,
 * POST /simulations for a document held in the page; nothing is stored): the headline figures, the
 * month-by-month swaps and spend as a chart with its table, concentration and exposure before and after,
 * disruption and e-waste. Every figure the engine explains opens its explanation.
 */

export const runKey = (ref: ScenarioRef) => (ref.kind === 'saved' ? ['simulation', ref.name, ref.version] : ['simulation', 'inline', JSON.stringify(ref.document)]);

export function runScenario(ref: ScenarioRef): Promise<Simulation> {
  const answer =
    ref.kind === 'saved'
      ? api.POST('/api/v1/scenarios/{name}/simulations', { params: { path: { name: ref.name }, query: { version: ref.version } } })
      : api.POST('/api/v1/simulations', { body: ref.document });
  return call(answer) as unknown as Promise<Simulation>;
}

export default function SimulationView({ run }: { run: ScenarioRef }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: runKey(run), queryFn: () => runScenario(run), staleTime: Infinity });
  return (
    <Section id="run" title={t('scenarios.result')}>
      <QueryView query={q} loadingLabel={t('scenarios.running')}>
        {(r) => <Figures r={r} />}
      </QueryView>
    </Section>
  );
}

function Figures({ r }: { r: Simulation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const u = r.timeline.series.union;
  const eur = (n: number) => `${fmt.number(n)} EUR`;
  // a float a hair below zero (1e-13 units left) would read "-0"
  const units = (n: number) => fmt.number(Math.abs(n) < 0.05 ? 0 : n, 1);
  const scopeName = (x: { scope: string; memberState?: string; operatorId?: string }) => x.operatorId ?? x.memberState ?? t('scenarios.wholeScope');
  const segment = (s: string) => t(`segments.${s}`, { defaultValue: s });
  const totals: [string, string][] = [
    ['unitsRequired', fmt.number(r.totals.unitsRequired, 1)],
    ['unitsSwapped', fmt.number(r.totals.unitsSwapped, 1)],
    ['unitsLeftAtHorizon', units(r.totals.unitsLeftAtHorizon)],
    ['spendEur', eur(r.totals.spendEur)],
    ['operatorsInScope', fmt.number(r.totals.operatorsInScope)],
    ['operatorsMissingDeadline', fmt.number(r.totals.operatorsMissingDeadline)],
  ];
  const twin = r.twinTransition.union;
  return (
    <div className="stack simulation" data-run={`${r.scenario.name}@${r.scenario.version}`}>
      <p className="as-of">
        {t('scenarios.runOf', { name: r.scenario.name, version: r.scenario.version, start: fmt.date(r.scenario.startDate), months: r.scenario.horizonMonths })}
      </p>
      {r.notes.length > 0 && (
        <ul className="notice notes">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <dl className="figures">
        {totals.map(([k, v]) => (
          <div key={k} className="figure" data-total={k}>
            <dt>{t(`scenarios.totals.${k}`)}</dt>
            <dd>
              <ExplainButton explanation={r.totals.explanation} label={t(`scenarios.totals.${k}`)}>
                {v}
              </ExplainButton>
            </dd>
          </div>
        ))}
      </dl>
      <Chart
        title={t('scenarios.monthly')}
        summary={t('scenarios.monthlySummary', { months: r.timeline.months.length, swapped: fmt.number(r.totals.unitsSwapped, 1), spend: eur(r.totals.spendEur) })}
        option={{
          grid: { left: 60, right: 90, top: 40, bottom: 40 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: r.timeline.months },
          yAxis: [
            { type: 'value', name: t('scenarios.units') },
            { type: 'value', name: 'EUR', position: 'right' },
          ],
          series: [
            { name: t('scenarios.swapped'), type: 'bar', data: u.swapped.map((x) => Math.round(x * 10) / 10), itemStyle: { color: '#1d4f91' } },
            { name: t('scenarios.spend'), type: 'bar', yAxisIndex: 1, data: u.spendEur.map(Math.round), itemStyle: { color: '#7a3b00' } },
          ],
        }}
        table={{
          columns: [t('scenarios.month'), t('scenarios.toSwap'), t('scenarios.swapped'), t('scenarios.nonCompliant'), t('scenarios.spend'), t('scenarios.cumulativeSpend')],
          rows: r.timeline.months.map((m, i) => [m, fmt.number(u.toSwap[i]!, 1), fmt.number(u.swapped[i]!, 1), fmt.number(u.nonCompliant[i]!, 1), eur(u.spendEur[i]!), eur(u.cumulativeSpendEur[i]!)]),
        }}
      />
      <div>
        <h3>{t('scenarios.concentration')}</h3>
        {r.concentration.length === 0 ? (
          <EmptyState title={t('scenarios.noConcentration')} />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scenarios.concentration')}>
            <table className="scenario-concentration">
              <caption className="visually-hidden">{t('scenarios.concentration')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scenarios.scope')}</th>
                  <th scope="col">{t('assets.segment')}</th>
                  <th scope="col">{t('scenarios.hhiBefore')}</th>
                  <th scope="col">{t('scenarios.hhiAfter')}</th>
                  <th scope="col">{t('scenarios.topBefore')}</th>
                  <th scope="col">{t('scenarios.topAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {r.concentration.map((c) => (
                  <tr key={`${c.scope}|${scopeName(c)}|${c.segment}`} data-concentration={`${c.scope}|${c.memberState ?? ''}|${c.operatorId ?? ''}|${c.segment}`}>
                    <th scope="row">{scopeName(c)}</th>
                    <td>{segment(c.segment)}</td>
                    <td>{fmt.number(c.before.hhi)}</td>
                    <td>
                      <ExplainButton explanation={c.explanation} label={t('scenarios.hhiOf', { scope: scopeName(c), segment: segment(c.segment) })}>
                        {fmt.number(c.after.hhi)}
                      </ExplainButton>
                    </td>
                    <td>
                      {c.before.topSupplierId ?? '—'} ({fmt.percent(c.before.topShare, 1)})
                    </td>
                    <td>
                      {c.after.topSupplierId ?? '—'} ({fmt.percent(c.after.topShare, 1)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div>
        <h3>{t('scenarios.exposure')}</h3>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scenarios.exposure')}>
          <table className="scenario-exposure">
            <caption className="visually-hidden">{t('scenarios.exposure')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scenarios.scope')}</th>
                <th scope="col">{t('scenarios.criticalBefore')}</th>
                <th scope="col">{t('scenarios.criticalAfter')}</th>
                <th scope="col">{t('scenarios.sensitiveBefore')}</th>
                <th scope="col">{t('scenarios.sensitiveAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {r.exposure.map((x) => (
                <tr key={`${x.scope}|${scopeName(x)}`} data-exposure={`${x.scope}|${x.memberState ?? ''}|${x.operatorId ?? ''}`}>
                  <th scope="row">{scopeName(x)}</th>
                  <td>{fmt.percent(x.before.criticalExposure, 1)}</td>
                  <td>
                    <ExplainButton explanation={x.explanation} label={t('scenarios.exposureOf', { scope: scopeName(x) })}>
                      {fmt.percent(x.after.criticalExposure, 1)}
                    </ExplainButton>
                  </td>
                  <td>{fmt.percent(x.before.sensitiveExposure, 1)}</td>
                  <td>{fmt.percent(x.after.sensitiveExposure, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="grid-2">
        <div>
          <h3>{t('scenarios.disruption')}</h3>
          {r.disruption.disruptions.length === 0 ? (
            <EmptyState title={t('scenarios.noDisruption')} />
          ) : (
            <table className="scenario-disruption">
              <caption className="visually-hidden">{t('scenarios.disruption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scenarios.disruptionId')}</th>
                  <th scope="col">{t('scenarios.unitsAffected')}</th>
                  <th scope="col">{t('scenarios.subscribersAffected')}</th>
                  <th scope="col">{t('scenarios.supportEnds')}</th>
                </tr>
              </thead>
              <tbody>
                {r.disruption.disruptions.map((d) => (
                  <tr key={d.disruptionId} data-disruption={d.disruptionId}>
                    <th scope="row">{d.disruptionId}</th>
                    <td>
                      <ExplainButton explanation={d.explanation} label={t('scenarios.disruptionOf', { id: d.disruptionId })}>
                        {fmt.number(d.unitsAffected, 1)}
                      </ExplainButton>
                    </td>
                    <td>{fmt.number(d.subscribersAffected)}</td>
                    <td>{d.monthsUntilSupportEnds === null ? '—' : t('scenarios.inMonths', { months: d.monthsUntilSupportEnds })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>{t('scenarios.twin')}</h3>
          <dl className="figures" data-twin="union">
            <div className="figure" data-twin-figure="eWasteKg">
              <dt>{t('scenarios.eWaste')}</dt>
              <dd>
                <ExplainButton explanation={twin.explanation} label={t('scenarios.eWaste')}>
                  {fmt.number(twin.eWasteKg)} kg
                </ExplainButton>
              </dd>
            </div>
            <div className="figure" data-twin-figure="unitsDismantled">
              <dt>{t('scenarios.dismantled')}</dt>
              <dd>{fmt.number(twin.unitsDismantled, 1)}</dd>
            </div>
            <div className="figure" data-twin-figure="annualKwhChange">
              <dt>{t('scenarios.energyChange')}</dt>
              <dd>{fmt.number(twin.annualKwhChange)} kWh</dd>
            </div>
          </dl>
        </div>
      </div>
    </div>
  );
}
