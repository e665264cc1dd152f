import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * An ECharts chart with its data as a table: every chart says in words what it shows (the figure's
 * caption and an aria-label) and carries a table alternative, open under the chart, for readers who
 * cannot see it or want the exact figures. Only the chart kinds registered here are bundled (tree
 * shaking: echarts/core); add one with use([...]). ECharts draws on a canvas and sets element styles
 * through the CSSOM, which the strict CSP allows: no style tag is injected.
 */

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export function Chart({ title, summary, option, table, height = 320 }: { title: string; summary: string; option: EChartsCoreOption; table: ChartTable | ReactNode; height?: number }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const id = useId();

  useEffect(() => {
    if (!box.current) return;
    box.current.style.height = `${height}px`;
    const c = init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption({ animation: false, aria: { enabled: false }, ...option }, true);
  }, [option]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div ref={box} className="chart-canvas" role="img" aria-label={summary} />
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

const isTable = (t: unknown): t is ChartTable => typeof t === 'object' && t !== null && 'columns' in t && 'rows' in t;
