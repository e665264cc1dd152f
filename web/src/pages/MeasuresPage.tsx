import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { ExplainButton, type Explanation } from '../components/ExplainPanel';
import { FiltersBar, SelectFilter, useFilters } from '../components/FiltersBar';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { MeasureEditor } from './measures/MeasureEditor';
import { MEASURE_STATUSES, scopeKey, scopeLabel, type ImplementationRow, type ScopeRef } from './measures/scopes';

/*
 * Implementation status of every Toolbox measure (SM, TM, supporting) at each scope the user reaches: its
 * member state and that state's operators (an operator sees its own column only). The current status is
 * the last row recorded per measure and scope (GET /implementation answers in history order). A cell
 * declared in place where the latest assessment holds open findings of that measure says so
 * (GET /assessments/{id}/contradictions), in words and with the explanation. Choosing a cell opens its
 * history and, for whoever may write, the form that records a new status with its evidence.
 */

interface CatalogMeasure {
  id: ImplementationRow['measure'];
  kind: 'strategic' | 'technical' | 'supporting';
  title: string;
}
interface Contradiction {
  measure: string;
  scope: 'union' | 'member-state' | 'operator';
  memberState?: string;
  operatorId?: string;
  findings: number;
  explanation: Explanation;
}

export default function MeasuresPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const reach = session.reach;
  const { values, set } = useFilters(['memberState'] as const);
  // a user of the whole instance picks the member state to look at; others have theirs
  const operators = useQuery({ queryKey: ['operators', 'all'], queryFn: () => call(api.GET('/api/v1/operators', { params: { query: { limit: 1000 } } })) });
  const states = [...new Set((operators.data?.items ?? []).map((o) => o.memberState))].sort();
  const memberState = reach.memberState ?? (values.memberState || states[0]);

  return (
    <PageLayout title={t('measures.title')} description={t('measures.description')}>
      {!reach.memberState && !reach.operatorId && states.length > 0 && (
        <FiltersBar label={t('measures.filters')}>
          <SelectFilter label={t('measures.memberState')} value={memberState ?? ''} options={states.map((s) => ({ value: s, label: s }))} onChange={(v) => set('memberState', v)} />
        </FiltersBar>
      )}
      <QueryView query={operators}>
        {(ops) => {
          const scopes: ScopeRef[] = reach.operatorId
            ? ops.items.filter((o) => o.operatorId === reach.operatorId).map((o) => ({ level: 'operator', memberState: o.memberState, operatorId: o.operatorId, name: o.name }))
            : memberState
              ? [
                  { level: 'member-state', memberState },
                  ...ops.items.filter((o) => o.memberState === memberState).map((o) => ({ level: 'operator' as const, memberState, operatorId: o.operatorId, name: o.name })),
                ]
              : [];
          return scopes.length === 0 ? <EmptyState title={t('measures.noScope')} /> : <Matrix scopes={scopes} memberState={memberState} />;
        }}
      </QueryView>
    </PageLayout>
  );
}

function Matrix({ scopes, memberState }: { scopes: ScopeRef[]; memberState?: string }) {
  const { t } = useTranslation();
  const [chosen, choose] = useState<{ measure: ImplementationRow['measure']; scope: ScopeRef } | null>(null);
  const catalog = useQuery({
    queryKey: ['catalog'],
    queryFn: async () => (await call(api.GET('/api/v1/catalog'))) as unknown as { measures: CatalogMeasure[] },
    staleTime: Infinity,
  });
  const rowsQuery = { limit: 1000, ...(memberState ? { memberState } : {}) };
  const rows = useQuery({ queryKey: ['implementation', rowsQuery], queryFn: () => call(api.GET('/api/v1/implementation', { params: { query: rowsQuery } })) });
  const latest = useQuery({ queryKey: ['assessments', 'latest'], queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 1 } } })) });
  const runId = latest.data?.items[0]?.assessmentId;
  const contradictions = useQuery({
    queryKey: ['assessments', runId, 'contradictions', memberState],
    enabled: runId !== undefined,
    queryFn: async () =>
      (await call(
        api.GET('/api/v1/assessments/{assessmentId}/contradictions', { params: { path: { assessmentId: runId! }, query: { limit: 1000, ...(memberState ? { memberState } : {}) } } }),
      )) as unknown as { items: Contradiction[] },
  });

  return (
    <QueryView query={catalog}>
      {(cat) => (
        <QueryView query={rows}>
          {(r) => {
            // history order: the last row of a measure at a scope is its current status
            const current = new Map<string, ImplementationRow>();
            for (const row of r.items) current.set(`${row.measure}|${scopeKey(row)}`, row);
            const contradicted = new Map<string, Contradiction>();
            for (const c of contradictions.data?.items ?? []) contradicted.set(`${c.measure}|${scopeKey({ scopeLevel: c.scope, memberState: c.memberState, operatorId: c.operatorId })}`, c);
            const kinds = ['strategic', 'technical', 'supporting'] as const;
            return (
              <>
                <Section id="matrix" title={t('measures.matrix')}>
                  <p className="hint">{t('measures.matrixHint')}</p>
                  {runId === undefined && latest.isSuccess && <p className="notice">{t('measures.noAssessment')}</p>}
                  <div className="table-scroll" tabIndex={0} role="region" aria-label={t('measures.matrix')}>
                    <table className="measure-matrix">
                      <caption className="visually-hidden">{t('measures.matrixCaption')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('measures.measure')}</th>
                          {scopes.map((s) => (
                            <th key={scopeKey(s)} scope="col">
                              {scopeLabel(s, t)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      {kinds.map((kind) => (
                        <tbody key={kind}>
                          <tr className="group-row">
                            <th scope="colgroup" colSpan={scopes.length + 1}>
                              {t(`measures.kinds.${kind}`)}
                            </th>
                          </tr>
                          {cat.measures
                            .filter((m) => m.kind === kind)
                            .map((m) => (
                              <tr key={m.id} data-measure={m.id}>
                                <th scope="row" title={m.title}>
                                  {m.id} <span className="measure-title">{m.title}</span>
                                </th>
                                {scopes.map((s) => {
                                  const key = `${m.id}|${scopeKey(s)}`;
                                  const row = current.get(key);
                                  const c = contradicted.get(key);
                                  const status = row ? t(`measures.status.${row.status}`) : t('measures.unrecorded');
                                  return (
                                    <td key={key} data-scope={scopeKey(s)} className={`impl impl-${row?.status ?? 'none'}`}>
                                      <button
                                        type="button"
                                        className="cell-button"
                                        aria-pressed={chosen?.measure === m.id && scopeKey(chosen.scope) === scopeKey(s)}
                                        aria-label={t('measures.open', { measure: m.id, scope: scopeLabel(s, t), status })}
                                        onClick={() => choose({ measure: m.id, scope: s })}
                                      >
                                        {status}
                                      </button>
                                      {c && (
                                        <ExplainButton explanation={c.explanation} label={t('measures.contradictionOf', { measure: m.id, scope: scopeLabel(s, t) })}>
                                          <span className="contradiction">{t('measures.contradicted', { count: c.findings })}</span>
                                        </ExplainButton>
                                      )}
                                    </td>
                                  );
                                })}
                              </tr>
                            ))}
                        </tbody>
                      ))}
                    </table>
                  </div>
                  <p className="hint">
                    {t('measures.legend', { statuses: MEASURE_STATUSES.map((s) => t(`measures.status.${s}`)).join(', ') })}
                  </p>
                </Section>
                {chosen && (
                  <MeasureEditor
                    key={`${chosen.measure}|${scopeKey(chosen.scope)}`}
                    measure={chosen.measure}
                    title={cat.measures.find((m) => m.id === chosen.measure)?.title ?? chosen.measure}
                    scope={chosen.scope}
                    current={current.get(`${chosen.measure}|${scopeKey(chosen.scope)}`)}
                    onClose={() => choose(null)}
                  />
                )}
              </>
            );
          }}
        </QueryView>
      )}
    </QueryView>
  );
}
