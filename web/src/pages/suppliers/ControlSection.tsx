import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Chart } from '../../components/Chart';
import { ExplainButton } from '../../components/ExplainPanel';
import { Section } from '../../components/PageLayout';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { useFormat } from '../../i18n/format';
import { ownershipGraph, type NodeRole } from './ownership-graph';
import type { Control } from './shapes';

/*
 * Who owns and controls a supplier (GET /suppliers/{id}/control): the ownership and control graph
 * (an ECharts graph; its table alternative lists every edge with the stake and the basis of control),
 * the ultimate controllers and the shares states hold, each opening its explanation, and how much of
 * the ownership is unknown.
 */

/** each at least 3:1 against white (app.css notes the palette) */
const COLOURS: Record<NodeRole, string> = { subject: '#1d4f91', state: '#7a3b00', controller: '#5a2a82', owner: '#2f5d2f', intermediate: '#595959' };

export default function ControlSection({ supplierId, supplierName }: { supplierId: string; supplierName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['suppliers', supplierId, 'control'],
    queryFn: async () => (await call(api.GET('/api/v1/suppliers/{supplierId}/control', { params: { path: { supplierId }, query: {} } }))) as unknown as Control,
  });
  return (
    <Section id="control" title={t('suppliers.control.title')}>
      <QueryView query={q}>
        {(c) => (
          <>
            <p className="as-of">{t('suppliers.control.asOf', { date: fmt.date(c.asOf) })}</p>
            <Graph control={c} supplierName={supplierName} />
            <div className="grid-2">
              <div>
                <h3>{t('suppliers.control.controllers')}</h3>
                {c.ultimateControllers.length === 0 ? (
                  <EmptyState title={t('suppliers.control.noControllers')} />
                ) : (
                  <ul className="plain" data-list="controllers">
                    {c.ultimateControllers.map((u) => (
                      <li key={u.entityId}>
                        <ExplainButton explanation={u.explanation} label={t('suppliers.control.controlOf', { name: u.name })}>
                          {u.name}
                        </ExplainButton>{' '}
                        ({t(`suppliers.entityKind.${u.kind}`, { defaultValue: u.kind })}
                        {u.country ? `, ${u.country}` : ''})
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h3>{t('suppliers.control.stateShares')}</h3>
                {c.stateShares.length === 0 ? (
                  <EmptyState title={t('suppliers.control.noStateShares')} />
                ) : (
                  <table data-table="state-shares">
                    <caption className="visually-hidden">{t('suppliers.control.stateShares')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('suppliers.control.country')}</th>
                        <th scope="col">{t('suppliers.control.share')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.stateShares.map((s) => (
                        <tr key={s.country}>
                          <th scope="row">{s.country}</th>
                          <td>
                            <ExplainButton explanation={s.explanation} label={t('suppliers.control.stateShareOf', { country: s.country })}>
                              {fmt.percent(s.share, 1)}
                            </ExplainButton>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <p>{t('suppliers.control.unknown', { share: fmt.percent(c.unknownShare, 1) })}</p>
              </div>
            </div>
            <h3>{t('suppliers.control.owners')}</h3>
            {c.owners.length === 0 ? (
              <EmptyState title={t('suppliers.control.noOwners')} />
            ) : (
              <table>
                <caption className="visually-hidden">{t('suppliers.control.owners')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('suppliers.control.owner')}</th>
                    <th scope="col">{t('suppliers.control.kind')}</th>
                    <th scope="col">{t('suppliers.control.country')}</th>
                    <th scope="col">{t('suppliers.control.lookThrough')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.owners.map((o) => (
                    <tr key={o.entityId}>
                      <th scope="row">{o.name}</th>
                      <td>{t(`suppliers.entityKind.${o.kind}`, { defaultValue: o.kind })}</td>
                      <td>{o.country ?? '—'}</td>
                      <td>
                        <ExplainButton explanation={o.explanation} label={t('suppliers.control.shareOf', { name: o.name })}>
                          {fmt.percent(o.share, 1)}
                        </ExplainButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function Graph({ control, supplierName }: { control: Control; supplierName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { nodes, edges } = useMemo(() => ownershipGraph(control, supplierName), [control, supplierName]);
  const name = new Map(nodes.map((n) => [n.id, n.name]));
  const edgeText = (e: { share?: number; control?: string }) =>
    [e.share !== undefined ? fmt.percent(e.share, 1) : '', e.control ? t(`suppliers.control.basis.${e.control}`, { defaultValue: e.control }) : ''].filter(Boolean).join(', ');
  const option = useMemo(
    () => ({
      tooltip: {},
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: false,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 9,
          label: { show: true, position: 'bottom', color: '#1a1a1a', width: 170, overflow: 'break', lineHeight: 16 },
          edgeLabel: { show: true, color: '#1a1a1a', formatter: (p: { data: { text: string } }) => p.data.text },
          lineStyle: { color: '#595959', width: 1.5 },
          data: nodes.map((n) => ({
            id: n.id,
            name: n.name,
            x: -n.depth * 260,
            y: n.row * 110,
            symbolSize: n.role === 'subject' ? 34 : 24,
            symbol: n.role === 'controller' || n.role === 'state' ? 'diamond' : 'circle',
            itemStyle: { color: COLOURS[n.role] },
          })),
          links: edges.map((e) => ({ source: e.from, target: e.to, text: edgeText(e) })),
        },
      ],
    }),
    // edgeText follows the language, as t and fmt do
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [nodes, edges, t, fmt],
  );
  if (edges.length === 0) return <EmptyState title={t('suppliers.control.noGraph')} />;
  const controllers = nodes.filter((n) => n.role === 'controller' || (n.role === 'state' && control.ultimateControllers.some((u) => u.entityId === n.id)));
  return (
    <>
      <Chart
        title={t('suppliers.control.graph')}
        kinds={['graph']}
        height={Math.max(260, 110 * Math.max(...nodes.map((n) => n.row + 1)) + 60)}
        summary={t('suppliers.control.graphSummary', {
          supplier: supplierName,
          edges: edges.length,
          controllers: controllers.map((n) => n.name).join(', ') || t('suppliers.control.noneShort'),
        })}
        option={option}
        table={{
          columns: [t('suppliers.control.holder'), t('suppliers.control.held'), t('suppliers.control.stake'), t('suppliers.control.controlBasis')],
          rows: edges.map((e) => [name.get(e.from) ?? e.from, name.get(e.to) ?? e.to, e.share !== undefined ? fmt.percent(e.share, 1) : '—', e.control ? t(`suppliers.control.basis.${e.control}`, { defaultValue: e.control }) : '—']),
        }}
      />
      <ul className="legend" aria-label={t('suppliers.control.legend')}>
        {(Object.keys(COLOURS) as NodeRole[]).map((r) => (
          <li key={r} className={`legend-${r}`}>
            {t(`suppliers.control.role.${r}`)}
          </li>
        ))}
      </ul>
    </>
  );
}
