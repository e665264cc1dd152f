import { GraphChart } from 'echarts/charts';
import { use } from 'echarts/core';

/* The graph series (nodes and edges: ownership and control), loaded by Chart only where a page draws one. */
use([GraphChart]);
