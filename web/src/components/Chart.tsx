import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * An ECharts chart with its data as a table: every chart says in words what it shows (the figure's
 * caption and an aria-label) and carries a table alternative, open under the chart, for readers who
 * cannot see it or want the exact figures. ECharts itself is loaded when the first chart is drawn
 * (echarts.ts, its own chunk: the chart kinds are registered there), so pages open without it; until it
 * arrives the caption and the table are there already. ECharts draws on a canvas and sets element
 * styles through the CSSOM, which the strict CSP allows: no style tag is injected.
 */

/** ECharts, fetched once for every chart of the session */
let echarts: Promise<typeof import('./echarts')> | undefined;
const loadECharts = () => (echarts ??= import('./echarts'));

/**
 * Chart kinds only some pages draw, registered when a chart names them (`kinds={['graph']}`): each is a
 * chunk of its own beside ECharts', so the charts of other pages do not wait for it.
 */
const LAZY_KINDS = {
  graph: () => import('./chart-kinds/graph'),
} as const;
export type LazyChartKind = keyof typeof LAZY_KINDS;

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export function Chart({
  title,
  summary,
  option,
  table,
  height = 320,
  kinds = [],
}: {
  title: string;
  summary: string;
  option: EChartsCoreOption;
  table: ChartTable | ReactNode;
  height?: number;
  kinds?: LazyChartKind[];
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const id = useId();
  const latest = useRef(option);
  latest.current = option;
  const [drawn, setDrawn] = useState(false);
  const wanted = kinds.join(',');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = `${height}px`;
    let c: EChartsType | undefined;
    let resize: ResizeObserver | undefined;
    let gone = false;
    Promise.all([loadECharts(), ...(wanted ? wanted.split(',') : []).map((k) => LAZY_KINDS[k as LazyChartKind]())])
      .then(([{ init }]) => {
        if (gone) return;
        c = init(el, undefined, { renderer: 'canvas' });
        chart.current = c;
        c.setOption(withDefaults(latest.current), true);
        resize = new ResizeObserver(() => c?.resize());
        resize.observe(el);
        setDrawn(true);
      })
      // a chunk that fails to load leaves the table alternative, which holds the same figures
      .catch(() => undefined);
    return () => {
      gone = true;
      resize?.disconnect();
      c?.dispose();
      chart.current = null;
    };
  }, [height, wanted]);

  useEffect(() => {
    chart.current?.setOption(withDefaults(option), true);
  }, [option]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div ref={box} className="chart-canvas" role="img" aria-label={summary} data-drawn={drawn ? 'true' : undefined} />
      <details className="chart-table">
        <summary>{t('chart.showTable', { title })}</summary>
        {isTable(table) ? (
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          table
        )}
      </details>
    </figure>
  );
}

const withDefaults = (option: EChartsCoreOption): EChartsCoreOption => ({ animation: false, aria: { enabled: false }, ...option });

const isTable = (t: unknown): t is ChartTable => typeof t === 'object' && t !== null && 'columns' in t && 'rows' in t;
