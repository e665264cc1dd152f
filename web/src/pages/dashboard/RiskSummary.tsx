import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ExplainButton, type Explanation } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { RiskMatrixTable, type RiskRow } from '../../components/RiskMatrixTable';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';

/*
 * The dashboard's R1–R9 risk matrix (inherent and residual, each level opening its explanation) and the
 * recommended measures ranked by effect, from the latest stored assessment of the scope: the in-memory
 * assessment behind the headline figures scores no risks. Whoever may read assessments sees it.
 * Fields read: src/engine/risk/types.ts (RiskScore, Recommendation, RecommendedMeasure).
 */

interface RecommendationRow {
  scope: string;
  target: { kind: 'risk'; riskArea: string } | { kind: 'finding'; findingId: string };
  measures: { measure: string; title: string; currentStatus: string; scoreReduction: number; rawReduction: number; explanation: string }[];
}
/** one measure's effect summed over the risk areas it was recommended for */
interface Ranked {
  measure: string;
  title: string;
  currentStatus: string;
  reduction: number;
  raw: number;
  areas: string[];
  why: string[];
}
const TOP = 10;

export function RiskSummary({ level }: { level: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const latest = useQuery({ queryKey: ['assessments', 'latest'], queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 1 } } })) });
  const id = latest.data?.items[0]?.assessmentId;
  const path = { assessmentId: id ?? '' };
  const risks = useQuery({
    queryKey: ['assessments', id, 'risks'],
    enabled: !!id,
    queryFn: async () => (await call(api.GET('/api/v1/assessments/{assessmentId}/risks', { params: { path, query: { limit: 1000 } } }))) as unknown as { items: RiskRow[] },
  });
  const recs = useQuery({
    queryKey: ['assessments', id, 'recommendations', 'risk'],
    enabled: !!id,
    queryFn: async () =>
      (await call(api.GET('/api/v1/assessments/{assessmentId}/recommendations', { params: { path, query: { targetKind: 'risk', limit: 1000 } } }))) as unknown as {
        items: RecommendationRow[];
      },
  });
  return (
    <Section id="risks" title={t('dashboard.risks')}>
      <QueryView query={latest} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('dashboard.noRun')} />}>
        {(d) => (
          <>
            <p className="as-of">{t('dashboard.runAsOf', { date: fmt.date(d.items[0]!.date) })}</p>
            <div className="grid-2">
              <QueryView query={risks} isEmpty={(r) => r.items.every((x) => x.scope !== level)} empty={<EmptyState title={t('risk.noRisks')} />}>
                {(r) => (
                  <RiskMatrixTable rows={r.items.filter((x) => x.scope === level)} />
                )}
              </QueryView>
              <QueryView query={recs} isEmpty={(r) => rank(r.items, level).length === 0} empty={<EmptyState title={t('dashboard.noRecommendations')} />}>
                {(r) => (
                  <table className="recommendations" data-table="recommendations">
                    <caption>{t('dashboard.recommendations')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('risk.measure')}</th>
                        <th scope="col">{t('dashboard.reduction')}</th>
                        <th scope="col">{t('dashboard.areas')}</th>
                        <th scope="col">{t('dashboard.currentStatus')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rank(r.items, level)
                        .slice(0, TOP)
                        .map((m) => (
                          <tr key={m.measure} data-measure={m.measure}>
                            <th scope="row">
                              {m.measure} <span className="measure-title">{m.title}</span>
                            </th>
                            <td>
                              <ExplainButton
                                explanation={{ text: m.why.join(' '), formula: t('dashboard.reductionFormula'), inputs: { riskAreas: m.areas.join(', '), scoreReduction: m.reduction } }}
                                label={t('dashboard.reductionOf', { measure: m.measure })}
                              >
                                {fmt.number(m.reduction)}
                              </ExplainButton>
                            </td>
                            <td>{m.areas.join(', ')}</td>
                            <td>{t(`union.status.${m.currentStatus}`, { defaultValue: m.currentStatus })}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </QueryView>
            </div>
          </>
        )}
      </QueryView>
    </Section>
  );
}

/** The measures recommended for the scope's own risk areas, by summed score reduction (then the unrounded one, then id). */
export function rank(items: RecommendationRow[], level: string): Ranked[] {
  const by = new Map<string, Ranked>();
  for (const r of items) {
    if (r.scope !== level || r.target.kind !== 'risk') continue;
    for (const m of r.measures) {
      let x = by.get(m.measure);
      if (!x) by.set(m.measure, (x = { measure: m.measure, title: m.title, currentStatus: m.currentStatus, reduction: 0, raw: 0, areas: [], why: [] }));
      x.reduction += m.scoreReduction;
      x.raw += m.rawReduction;
      x.areas.push(r.target.riskArea);
      x.why.push(m.explanation);
    }
  }
  return [...by.values()].sort((a, b) => b.reduction - a.reduction || b.raw - a.raw || (a.measure < b.measure ? -1 : 1));
}
