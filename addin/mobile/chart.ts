/**
 * The 12-week trend chart: Apache ECharts, tree-shaken to what a line chart needs (echarts/core, LineChart, the
 * grid, tooltip and legend components, the SVG renderer). Loaded as its own chunk after the figures are on screen.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { getInstanceByDom, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface TrendLines {
  weeks: string[];
  red: Array<number | null>;
  yellow: Array<number | null>;
  names: { red: string; yellow: string };
}

/** Draws (or redraws) the trend into `el`; answers a function that resizes it. */
export function drawTrend(el: HTMLElement, lines: TrendLines): () => void {
  // Another line picked: redraw the element's own chart (ECharts keeps one instance per element, and a second
  // init on it would answer the old one with its drawing gone). A new element (the page re-rendered): a new chart.
  let chart = getInstanceByDom(el);
  if (!chart) {
    el.replaceChildren();
    chart = init(el, undefined, { renderer: 'svg' });
  }
  chart.setOption({
    animation: false,
    grid: { left: 32, right: 12, top: 28, bottom: 24 },
    legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: lines.weeks.map((w) => w.replace(/^\d{4}-/, '')), axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
    series: [
      { name: lines.names.red, type: 'line', data: lines.red, connectNulls: false, color: '#c62828', symbolSize: 5 },
      { name: lines.names.yellow, type: 'line', data: lines.yellow, connectNulls: false, color: '#e0a800', symbolSize: 5 },
    ],
  }, { notMerge: true });
  return () => chart.resize();
}
