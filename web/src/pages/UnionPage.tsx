import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { Chart } from '../components/Chart';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';

/*
 * The Union view (GET /union/*): one row per member state the user reaches (every one for the Union
 * analyst and the administrator, its own for an authority). The implementation matrix in the manner of
 * the NIS Cooperation Group's progress reports (status as a symbol and words, the tint only repeating
 * it), concentration and exposure ranked per member state (charts with their tables), and what changed
 * between two stored runs.
 */

type Matrix = Schemas['UnionImplementationMatrix'];
type Changes = Schemas['UnionChanges'];
const STATUSES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable', 'not-recorded'] as const;
/** a symbol per status, so the matrix reads without colour (the legend says what each means) */
const SYMBOL: Record<string, string> = { 'in-place': '●', 'in-progress': '◐', planned: '○', 'not-planned': '✕', 'not-applicable': '–', 'not-recorded': '·' };

export default function UnionPage() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('union.title')} description={t('union.description')}>
      <MatrixSection />
      <div className="grid-2">
        <ConcentrationSection />
        <ExposureSection />
      </div>
      <ChangesSection />
    </PageLayout>
  );
}

function MatrixSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['union', 'matrix'], queryFn: () => call(api.GET('/api/v1/union/implementation-matrix')) });
  const status = (s: string) => t(`union.status.${s}`);
  return (
    <Section id="matrix" title={t('union.matrix')}>
      <QueryView query={q} isEmpty={(m: Matrix) => m.rows.length === 0} empty={<EmptyState title={t('union.noMemberStates')} />}>
        {(m) => (
          <>
            <p className="as-of">{t('union.matrixAsOf', { date: fmt.date(m.date) })}</p>
            <p className="union-legend">
              {t('union.legend')}{' '}
              {STATUSES.map((s) => (
                <span key={s} className={`legend-item impl-${s}`}>
                  <span aria-hidden="true">{SYMBOL[s]}</span> {status(s)}
                </span>
              ))}
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('union.matrixCaption')}>
              <table className="simple-table union-matrix">
                <caption>{t('union.matrixCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('union.memberState')}</th>
                    {m.measures.map((measure) => (
                      <th key={measure} scope="col">
                        {measure}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {m.rows.map((r) => (
                    <tr key={r.memberState} data-member-state={r.memberState}>
                      <th scope="row">{r.memberState}</th>
                      {r.cells.map((c) => (
                        <td key={c.measure} className={`impl impl-${c.status}`} data-measure={c.measure} title={`${r.memberState} ${c.measure}: ${status(c.status)}`}>
                          <span aria-hidden="true">{SYMBOL[c.status]}</span>
                          <span className="visually-hidden">{status(c.status)}</span>
                          {c.source === 'operators' && <span className="cell-note">{t('union.fromOperators')}</span>}
                          {c.contradicted && <span className="cell-note contradiction-mark">{t('union.contradicted', { count: c.contradicted.findings })}</span>}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                {m.rows.length > 1 && (
                  <tfoot>
                    {STATUSES.filter((s) => s !== 'not-recorded').map((s) => (
                      <tr key={s}>
                        <th scope="row">
                          <span aria-hidden="true">{SYMBOL[s]}</span> {status(s)}
                        </th>
                        {m.measures.map((measure) => (
                          <td key={measure}>{fmt.number(m.counts[measure]?.[s] ?? 0)}</td>
                        ))}
                      </tr>
                    ))}
                  </tfoot>
                )}
              </table>
            </div>
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ConcentrationSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [segment, setSegment] = useState('ran');
  const q = useQuery({ queryKey: ['union', 'concentration'], queryFn: () => call(api.GET('/api/v1/union/concentration')) });
  return (
    <Section id="concentration" title={t('union.concentration')}>
      <QueryView query={q} isEmpty={(d) => d.memberStates.length === 0} empty={<EmptyState title={t('union.noFigures')} />}>
        {(d) => {
          const segments = [...new Set(d.memberStates.flatMap((m) => m.concentration.map((c) => c.segment)))].sort();
          const seg = segments.includes(segment) ? segment : (segments[0] ?? '');
          const ranked = d.memberStates
            .flatMap((m) => m.concentration.filter((c) => c.segment === seg).map((c) => ({ memberState: m.memberState, ...c })))
            .sort((a, b) => b.hhi - a.hhi || (a.memberState < b.memberState ? -1 : 1));
          const segName = t(`segments.${seg}`, { defaultValue: seg });
          return (
            <>
              <div className="field">
                <label htmlFor={id}>{t('union.segment')}</label>
                <select id={id} value={seg} onChange={(e) => setSegment(e.target.value)}>
                  {segments.map((s) => (
                    <option key={s} value={s}>
                      {t(`segments.${s}`, { defaultValue: s })}
                    </option>
                  ))}
                </select>
              </div>
              <Chart
                title={t('union.hhiRanked', { segment: segName })}
                summary={ranked.map((r) => `${r.memberState}: ${fmt.number(r.hhi)}`).join(', ')}
                height={Math.max(160, 40 + ranked.length * 26)}
                option={{
                  grid: { left: 50, right: 20, top: 10, bottom: 30 },
                  xAxis: { type: 'value', max: 10000 },
                  yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.memberState) },
                  tooltip: { trigger: 'axis' },
                  series: [{ type: 'bar', data: ranked.map((r) => Math.round(r.hhi)), itemStyle: { color: '#7a3b00' } }],
                }}
                table={{
                  columns: [t('union.memberState'), 'HHI', t('union.suppliers'), t('union.topSupplier'), t('union.topShare')],
                  rows: ranked.map((r) => [r.memberState, fmt.number(r.hhi), fmt.number(r.suppliers), r.topSupplierId, fmt.percent(r.topSupplierShare, 1)]),
                }}
              />
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function ExposureSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['union', 'exposure'], queryFn: () => call(api.GET('/api/v1/union/exposure')) });
  return (
    <Section id="exposure" title={t('union.exposure')}>
      <QueryView query={q} isEmpty={(d) => d.memberStates.length === 0} empty={<EmptyState title={t('union.noFigures')} />}>
        {(d) => {
          const ranked = [...d.memberStates].sort(
            (a, b) => b.exposure.criticalExposure - a.exposure.criticalExposure || b.exposure.sensitiveExposure - a.exposure.sensitiveExposure || (a.memberState < b.memberState ? -1 : 1),
          );
          return (
            <Chart
              title={t('union.exposureRanked')}
              summary={ranked.map((r) => t('union.exposureSummary', { ms: r.memberState, critical: fmt.percent(r.exposure.criticalExposure, 1), sensitive: fmt.percent(r.exposure.sensitiveExposure, 1) })).join('; ')}
              height={Math.max(160, 40 + ranked.length * 40)}
              option={{
                grid: { left: 50, right: 20, top: 30, bottom: 30 },
                legend: { top: 0 },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
                yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.memberState) },
                tooltip: { trigger: 'axis' },
                series: [
                  { name: t('union.critical'), type: 'bar', data: ranked.map((r) => +(r.exposure.criticalExposure * 100).toFixed(1)), itemStyle: { color: '#8a1c1c' } },
                  { name: t('union.sensitive'), type: 'bar', data: ranked.map((r) => +(r.exposure.sensitiveExposure * 100).toFixed(1)), itemStyle: { color: '#1d4f91' } },
                ],
              }}
              table={{
                columns: [t('union.memberState'), t('union.critical'), t('union.criticalQuantity'), t('union.sensitive'), t('union.sensitiveQuantity')],
                rows: ranked.map((r) => [
                  r.memberState,
                  fmt.percent(r.exposure.criticalExposure, 1),
                  `${fmt.number(r.exposure.designatedCriticalQuantity, 1)} / ${fmt.number(r.exposure.criticalQuantity, 1)}`,
                  fmt.percent(r.exposure.sensitiveExposure, 1),
                  `${fmt.number(r.exposure.designatedSensitiveQuantity, 1)} / ${fmt.number(r.exposure.sensitiveQuantity, 1)}`,
                ]),
              }}
            />
          );
        }}
      </QueryView>
    </Section>
  );
}

function ChangesSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const fromId = useId();
  const toId = useId();
  const runs = useQuery({ queryKey: ['union', 'runs'], queryFn: () => call(api.GET('/api/v1/union/assessments')) });
  const [pick, setPick] = useState<{ from?: string; to?: string }>({});
  const items = useMemo(() => runs.data?.items ?? [], [runs.data]);
  // by default the newest run against the one before it
  const from = pick.from ?? items[1]?.assessmentId;
  const to = pick.to ?? items[0]?.assessmentId;
  const changes = useQuery({
    queryKey: ['union', 'changes', from, to],
    enabled: !!from && !!to,
    queryFn: () => call(api.GET('/api/v1/union/changes', { params: { query: { from: from!, to: to! } } })),
  });
  const label = (r: (typeof items)[number]) => `${fmt.date(r.date)} · ${fmt.dateTime(r.runAt)}${r.memberState ? ` · ${r.memberState}` : ''} · ${r.assessmentId.slice(0, 8)}`;
  return (
    <Section id="changes" title={t('union.changes')}>
      <QueryView query={runs} isEmpty={(d) => d.items.length < 2} empty={<EmptyState title={t('union.needTwoRuns')} />}>
        {() => (
          <>
            <form className="filters" aria-label={t('union.pickRuns')} onSubmit={(e) => e.preventDefault()}>
              <div className="field">
                <label htmlFor={fromId}>{t('union.from')}</label>
                <select id={fromId} value={from} onChange={(e) => setPick((p) => ({ ...p, from: e.target.value }))}>
                  {items.map((r) => (
                    <option key={r.assessmentId} value={r.assessmentId}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={toId}>{t('union.to')}</label>
                <select id={toId} value={to} onChange={(e) => setPick((p) => ({ ...p, to: e.target.value }))}>
                  {items.map((r) => (
                    <option key={r.assessmentId} value={r.assessmentId}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </div>
            </form>
            <QueryView query={changes}>{(c) => <ChangesTable c={c} />}</QueryView>
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ChangesTable({ c }: { c: Changes }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const level = (l: { level: string; residualLevel: string } | undefined) =>
    l ? t('union.levels', { inherent: t(`levels.${l.level}`), residual: t(`levels.${l.residualLevel}`) }) : t('union.none');
  if (c.memberStates.length === 0) return <EmptyState title={t('union.noChanges')} />;
  return (
    <>
      <table className="simple-table union-changes">
        <caption>{t('union.changesCaption', { from: fmt.date(c.from.date), to: fmt.date(c.to.date) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('union.memberState')}</th>
            <th scope="col">{t('union.findingsBefore')}</th>
            <th scope="col">{t('union.findingsAfter')}</th>
            <th scope="col">{t('union.added')}</th>
            <th scope="col">{t('union.closed')}</th>
            <th scope="col">{t('union.riskChanges')}</th>
          </tr>
        </thead>
        <tbody>
          {c.memberStates.map((m) => (
            <tr key={m.memberState} data-member-state={m.memberState}>
              <th scope="row">{m.memberState}</th>
              <td>{fmt.number(m.findings.before)}</td>
              <td>{fmt.number(m.findings.after)}</td>
              <td data-cell="added">{fmt.number(m.findings.added)}</td>
              <td data-cell="closed">{fmt.number(m.findings.closed)}</td>
              <td className="wrap">
                {m.risks.length === 0 ? (
                  t('union.noRiskChange')
                ) : (
                  <ul className="plain-list">
                    {m.risks.map((r) => (
                      <li key={r.riskArea}>
                        {t('union.riskMoved', { area: r.riskArea, from: level(r.from), to: level(r.to) })}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.findings && c.findings.length > 0 && (
        <details className="union-findings">
          <summary>{t('union.findingsList', { count: c.findings.length })}</summary>
          {c.truncated && <p>{t('union.truncated')}</p>}
          <table className="simple-table">
            <caption className="visually-hidden">{t('union.findingsList', { count: c.findings.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('union.change')}</th>
                <th scope="col">{t('union.memberState')}</th>
                <th scope="col">{t('union.rule')}</th>
                <th scope="col">{t('union.severity')}</th>
                <th scope="col">{t('union.finding')}</th>
              </tr>
            </thead>
            <tbody>
              {c.findings.map((f) => (
                <tr key={`${f.change}-${f.findingId}`}>
                  <th scope="row">{t(`union.${f.change}`)}</th>
                  <td>{f.memberState}</td>
                  <td>{f.rule}</td>
                  <td>{t(`severity.${f.severity}`)}</td>
                  <td className="wrap">{f.findingId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
