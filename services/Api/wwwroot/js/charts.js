// ECharts (window.echarts, from lib/echarts.min.js) set up once per chart element and resized with it.

const textStyle = {
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
  color: '#334155',
};

export function createChart(panel, name) {
  const element = panel.root.querySelector(`[data-chart="${name}"]`);
  if (!window.echarts) throw new Error('The chart library did not load (lib/echarts.min.js); rebuild the dashboard assets.');
  const chart = window.echarts.init(element, null, { renderer: 'canvas' });
  new ResizeObserver(() => chart.resize()).observe(element);
  return chart;
}

/** Options every chart shares: fonts, tooltip look, grid margins. */
export function baseOption() {
  return {
    textStyle,
    animationDuration: 400,
    tooltip: {
      trigger: 'axis',
      backgroundColor: '#0f172a',
      borderWidth: 0,
      textStyle: { color: '#f8fafc', fontSize: 12 },
      confine: true,
    },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: '#475569' } },
    grid: { top: 36, left: 8, right: 16, bottom: 8, containLabel: true },
  };
}

export const timeAxis = () => ({
  type: 'time',
  axisLine: { lineStyle: { color: '#cbd5e1' } },
  axisLabel: { color: '#64748b', hideOverlap: true },
  splitLine: { show: false },
});

export const valueAxis = (extra = {}) => ({
  type: 'value',
  axisLabel: { color: '#64748b' },
  splitLine: { lineStyle: { color: '#eef2f7' } },
  ...extra,
});
