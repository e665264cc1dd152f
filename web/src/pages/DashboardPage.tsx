import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { Chart } from '../components/Chart';
import { ExplainButton } from '../components/ExplainPanel';
import { FindingsTable } from '../components/FindingsTable';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { RiskSummary } from './dashboard/RiskSummary';

/*
 * The headline figures of the user's scope (GET /dashboard): totals, findings by severity and the most
 * severe ones with their deadlines, supplier concentration (HHI) per segment, the member states in
 * scope; then, from the latest stored assessment, the R1–R9 risk matrix and the measures ranked by
 * effect (RiskSummary). Every engine figure opens its explanation. The fields read here are those of
 * src/store/access/assessment-view.ts, DashboardView.
 */

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];

type Dashboard = Schemas['Dashboard'];

export default function DashboardPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const q = useQuery({ queryKey: ['dashboard'], queryFn: (): Promise<Dashboard> => call(api.GET('/api/v1/dashboard')) });

  return (
    <PageLayout title={t('dashboard.title')} description={t('dashboard.description')}>
      <QueryView query={q} loadingLabel={t('dashboard.loading')}>
        {(d) => {
          const sev = SEVERITIES.map((s) => ({ s, n: d.totals.bySeverity[s] ?? 0 }));
          // the scope's own rows: the member state's for an authority, the Union's for the whole instance
          const level = d.reach.level === 'union' || d.reach.level === 'aggregates' ? 'union' : d.reach.level;
          const hhi = d.concentration.filter((c) => c.scope === level);
          return (
            <>
              <p className="as-of">{t('dashboard.asOf', { date: fmt.date(d.date), at: fmt.dateTime(d.generatedAt) })}</p>
              <Section id="totals" title={t('dashboard.keyFigures')}>
                <dl className="figures">
                  {(
                    [
                      ['memberStates', d.totals.memberStates],
                      ['operators', d.totals.operators],
                      ['quantity', d.totals.quantity],
                      ['findings', d.totals.findings],
                    ] as const
                  ).map(([k, v]) => (
                    <div key={k} className="figure" data-figure={k}>
                      <dt>{t(`dashboard.totals.${k}`)}</dt>
                      <dd>{fmt.number(v)}</dd>
                    </div>
                  ))}
                </dl>
              </Section>
              <div className="grid-2">
                <Section id="severity" title={t('dashboard.bySeverity')}>
                  <Chart
                    title={t('dashboard.bySeverity')}
                    summary={sev.map(({ s, n }) => `${t(`severity.${s}`)}: ${fmt.number(n)}`).join(', ')}
                    option={{
                      grid: { left: 90, right: 20, top: 10, bottom: 30 },
                      xAxis: { type: 'value', minInterval: 1 },
                      yAxis: { type: 'category', inverse: true, data: sev.map(({ s }) => t(`severity.${s}`)) },
                      tooltip: { trigger: 'axis' },
                      series: [{ type: 'bar', data: sev.map(({ n }) => n), itemStyle: { color: '#1d4f91' } }],
                    }}
                    table={{ columns: [t('dashboard.severity'), t('dashboard.findings')], rows: sev.map(({ s, n }) => [t(`severity.${s}`), fmt.number(n)]) }}
                  />
                </Section>
                <Section id="hhi" title={t('dashboard.hhi')}>
                  {hhi.length === 0 ? (
                    <EmptyState title={t('dashboard.noConcentration')} />
                  ) : (
                    <>
                    <table className="hhi-table" data-table="hhi">
                      <caption className="visually-hidden">{t('dashboard.hhi')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('dashboard.segment')}</th>
                          <th scope="col">HHI</th>
                          <th scope="col">{t('dashboard.topShare')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {hhi.map((c) => (
                          <tr key={c.segment} data-segment={c.segment}>
                            <th scope="row">{t(`segments.${c.segment}`, { defaultValue: c.segment })}</th>
                            <td>
                              <ExplainButton explanation={c.explanation} label={t('risk.hhiOf', { segment: t(`segments.${c.segment}`, { defaultValue: c.segment }) })}>
                                {fmt.number(c.hhi)}
                              </ExplainButton>
                            </td>
                            <td>
                              {c.topSupplierId} ({fmt.percent(c.topSupplierShare, 1)})
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Chart
                      title={t('dashboard.hhi')}
                      summary={hhi.map((c) => `${t(`segments.${c.segment}`, { defaultValue: c.segment })}: ${fmt.number(c.hhi)}`).join(', ')}
                      option={{
                        grid: { left: 150, right: 20, top: 10, bottom: 30 },
                        xAxis: { type: 'value', max: 10000 },
                        yAxis: { type: 'category', inverse: true, data: hhi.map((c) => t(`segments.${c.segment}`, { defaultValue: c.segment })) },
                        tooltip: { trigger: 'axis' },
                        series: [{ type: 'bar', data: hhi.map((c) => Math.round(c.hhi)), itemStyle: { color: '#7a3b00' } }],
                      }}
                      table={{
                        columns: [t('dashboard.segment'), 'HHI', t('dashboard.suppliers'), t('dashboard.topShare')],
                        rows: hhi.map((c) => [t(`segments.${c.segment}`, { defaultValue: c.segment }), fmt.number(c.hhi), fmt.number(c.suppliers), fmt.percent(c.topSupplierShare, 1)]),
                      }}
                    />
                    </>
                  )}
                </Section>
              </div>
              {d.topFindings && (
                <Section id="deadlines" title={t('dashboard.topFindings')}>
                  {d.topFindings.length === 0 ? (
                    <EmptyState title={t('risk.noFindings')} />
                  ) : (
                    <FindingsTable rows={d.topFindings} title={t('dashboard.topFindings')} dataTable="top-findings" />
                  )}
                </Section>
              )}
              {can('assessments.read') && level !== 'union' && <RiskSummary level={level} />}
              {d.memberStates.length > 0 && (
                <Section id="member-states" title={t('dashboard.memberStates')}>
                  <table className="simple-table">
                    <caption className="visually-hidden">{t('dashboard.memberStates')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('dashboard.memberState')}</th>
                        <th scope="col">{t('dashboard.totals.operators')}</th>
                        <th scope="col">{t('dashboard.totals.quantity')}</th>
                        <th scope="col">{t('dashboard.totals.findings')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.memberStates.map((m) => (
                        <tr key={m.memberState}>
                          <th scope="row">{m.memberState}</th>
                          <td>{fmt.number(m.operators)}</td>
                          <td>{fmt.number(m.quantity)}</td>
                          <td>{fmt.number(m.findings)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Section>
              )}
            </>
          );
        }}
      </QueryView>
    </PageLayout>
  );
}
