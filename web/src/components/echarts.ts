import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * The part of ECharts the interface uses, in a chunk of its own: Chart.tsx imports this module when a
 * chart is first drawn, so a page's JavaScript (and the first page's budget) does not carry ECharts;
 * the figures, titles and table alternatives show before it arrives. Only the kinds registered here are
 * bundled (tree shaking through echarts/core); add one with use([...]).
 */

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
