import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { Chart } from '../components/Chart';
import { ExplainButton, type Explanation } from '../components/ExplainPanel';
import { FindingsTable } from '../components/FindingsTable';
import { RiskMatrixTable, type RiskRow } from '../components/RiskMatrixTable';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, ErrorState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';

/*
 * The member-state dashboard: the latest stored assessment of the user's scope (GET /assessments), with
 * its findings by severity and their deadlines, the R1–R9 risk scores inherent and residual, and the
 * supplier concentration (HHI) per segment. Every engine figure opens its explanation (text, formula,
 * inputs) as the API gives it. Without a stored run, whoever may assess can run one here.
 * The finding, risk and metric rows are described loosely in the OpenAPI document: the fields read here
 * are those of src/domain/assessment.ts (Finding, ConcentrationRow) and src/engine/risk/types.ts (RiskScore).
 */

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];
interface FindingRow {
  id: string;
  rule: string;
  measure: string;
  severity: Severity;
  operatorId?: string;
  segment?: string;
  supplierId?: string;
  affectedQuantity: number;
  deadline?: string;
  explanation: Explanation;
}
interface ConcentrationRow {
  scope: string;
  segment: string;
  hhi: number;
  suppliers: number;
  topSupplierId: string;
  topSupplierShare: number;
  explanation: Explanation;
}

export default function RiskPage() {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const client = useQueryClient();
  const level = session.reach.operatorId ? 'operator' : session.reach.memberState ? 'member-state' : 'union';
  const where = session.reach.operatorId ?? session.reach.memberState ?? t('risk.union');
  const latest = useQuery({ queryKey: ['assessments', 'latest'], queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 1 } } })) });
  const assess = useMutation({
    mutationFn: () => call(api.POST('/api/v1/assessments', { body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessments'] }),
  });

  return (
    <PageLayout
      title={t('risk.title', { where })}
      description={t('risk.description')}
      actions={
        can('assessments.run') && (
          <button type="button" className="button button-primary" disabled={assess.isPending} onClick={() => assess.mutate()}>
            {assess.isPending ? t('risk.assessing') : t('risk.assess')}
          </button>
        )
      }
    >
      {assess.isError && <ErrorState error={assess.error} />}
      <QueryView query={latest} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('risk.none')}>{can('assessments.run') && <p>{t('risk.noneHint')}</p>}</EmptyState>}>
        {(d) => <Run id={d.items[0]!.assessmentId} date={d.items[0]!.date} level={level} />}
      </QueryView>
    </PageLayout>
  );
}

function Run({ id, date, level }: { id: string; date: string; level: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const path = { assessmentId: id };
  const findings = useQuery({
    queryKey: ['assessments', id, 'findings'],
    queryFn: async () => (await call(api.GET('/api/v1/assessments/{assessmentId}/findings', { params: { path, query: { limit: 1000 } } }))) as unknown as { items: FindingRow[]; total: number },
  });
  const risks = useQuery({
    queryKey: ['assessments', id, 'risks'],
    queryFn: async () => (await call(api.GET('/api/v1/assessments/{assessmentId}/risks', { params: { path, query: { limit: 1000 } } }))) as unknown as { items: RiskRow[] },
  });
  const hhi = useQuery({
    queryKey: ['assessments', id, 'concentration', level],
    queryFn: async () =>
      (await call(
        api.GET('/api/v1/assessments/{assessmentId}/metrics', { params: { path, query: { kind: 'concentration', scopeLevel: level as 'member-state', limit: 1000 } } }),
      )) as unknown as { items: ConcentrationRow[] },
  });
  const segment = (s?: string) => (s ? t(`segments.${s}`, { defaultValue: s }) : '—');

  return (
    <>
      <p className="as-of">{t('risk.asOf', { date: fmt.date(date) })}</p>
      <Section id="findings" title={t('risk.findings')}>
        <QueryView query={findings} isEmpty={(f) => f.total === 0} empty={<EmptyState title={t('risk.noFindings')} />}>
          {(f) => {
            const bySeverity = SEVERITIES.map((s) => ({ s, n: f.items.filter((x) => x.severity === s).length }));
            const withDeadline = f.items.filter((x) => x.deadline).sort((a, b) => (a.deadline! < b.deadline! ? -1 : 1));
            return (
              <>
                <dl className="figures">
                  {bySeverity.map(({ s, n }) => (
                    <div key={s} className="figure" data-severity={s}>
                      <dt>{t(`severity.${s}`)}</dt>
                      <dd>{fmt.number(n)}</dd>
                    </div>
                  ))}
                </dl>
                <h3>{t('risk.deadlines')}</h3>
                {withDeadline.length === 0 ? (
                  <EmptyState title={t('risk.noDeadlines')} />
                ) : (
                  <FindingsTable rows={withDeadline.slice(0, 50)} title={t('risk.deadlines')} />
                )}
              </>
            );
          }}
        </QueryView>
      </Section>
      <Section id="risks" title={t('risk.matrix')}>
        <QueryView query={risks} isEmpty={(r) => r.items.every((x) => x.scope !== level)} empty={<EmptyState title={t('risk.noRisks')} />}>
          {(r) => {
            const rows = r.items.filter((x) => x.scope === level);
            return (
              <div className="grid-2">
                <RiskMatrixTable rows={rows} />
                <Chart
                  title={t('risk.chart')}
                  summary={rows.map((x) => `${x.riskArea}: ${x.likelihood * x.impact} → ${x.residualLikelihood * x.residualImpact}`).join(', ')}
                  option={{
                    grid: { left: 40, right: 20, top: 30, bottom: 30 },
                    xAxis: { type: 'category', data: rows.map((x) => x.riskArea) },
                    yAxis: { type: 'value', max: 25 },
                    tooltip: { trigger: 'axis' },
                    series: [
                      { name: t('risk.inherent'), type: 'bar', data: rows.map((x) => x.likelihood * x.impact), itemStyle: { color: '#7a3b00' } },
                      { name: t('risk.residual'), type: 'bar', data: rows.map((x) => x.residualLikelihood * x.residualImpact), itemStyle: { color: '#1d4f91' } },
                    ],
                  }}
                  table={{
                    columns: [t('risk.area'), t('risk.inherentScore'), t('risk.residualScore')],
                    rows: rows.map((x) => [x.riskArea, fmt.number(x.likelihood * x.impact), fmt.number(x.residualLikelihood * x.residualImpact)]),
                  }}
                />
              </div>
            );
          }}
        </QueryView>
      </Section>
      <Section id="hhi" title={t('dashboard.hhi')}>
        <QueryView query={hhi} isEmpty={(h) => h.items.length === 0} empty={<EmptyState title={t('dashboard.noConcentration')} />}>
          {(h) => (
            <div className="stack">
              <table className="hhi-table">
                <caption className="visually-hidden">{t('dashboard.hhi')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.segment')}</th>
                    <th scope="col">HHI</th>
                    <th scope="col">{t('dashboard.suppliers')}</th>
                    <th scope="col">{t('dashboard.topShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {h.items.map((c) => (
                    <tr key={c.segment} data-segment={c.segment}>
                      <th scope="row">{segment(c.segment)}</th>
                      <td>
                        <ExplainButton explanation={c.explanation} label={t('risk.hhiOf', { segment: segment(c.segment) })}>
                          {fmt.number(c.hhi)}
                        </ExplainButton>
                      </td>
                      <td>{fmt.number(c.suppliers)}</td>
                      <td>
                        {c.topSupplierId} ({fmt.percent(c.topSupplierShare, 1)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Chart
                title={t('dashboard.hhi')}
                summary={h.items.map((c) => `${segment(c.segment)}: ${fmt.number(c.hhi)}`).join(', ')}
                option={{
                  grid: { left: 150, right: 20, top: 10, bottom: 30 },
                  xAxis: { type: 'value', max: 10000 },
                  yAxis: { type: 'category', inverse: true, data: h.items.map((c) => segment(c.segment)) },
                  tooltip: { trigger: 'axis' },
                  series: [{ type: 'bar', data: h.items.map((c) => Math.round(c.hhi)), itemStyle: { color: '#7a3b00' } }],
                }}
                table={{ columns: [t('dashboard.segment'), 'HHI'], rows: h.items.map((c) => [segment(c.segment), fmt.number(c.hhi)]) }}
              />
            </div>
          )}
        </QueryView>
      </Section>
    </>
  );
}
