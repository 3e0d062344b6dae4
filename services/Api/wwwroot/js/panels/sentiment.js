// Average sentiment score (-1..+1) per platform per bucket, from GET /api/timeline.
import { Panel } from '../panel.js';
import { createChart, baseOption, timeAxis, valueAxis } from '../charts.js';
import { bucketGrid } from '../buckets.js';
import { platformColor, platformLabel, formatScore, formatInteger, formatDateTime } from '../format.js';

export class SentimentPanel {
  constructor() {
    this.panel = new Panel('panel-sentiment');
    this.chart = createChart(this.panel, 'sentiment');
  }

  render(timeline, bucket, filters) {
    this.panel.setNote(`per ${bucket}`);
    if (timeline.length === 0) {
      this.chart.clear();
      this.panel.empty('No scored mentions match these filters.');
      return;
    }
    // every bucket of the range, so a line breaks where a platform said nothing instead of bridging the gap
    const buckets = bucketGrid(filters.from, filters.to, bucket);
    const byPlatform = Map.groupBy(timeline, row => row.platform);
    const series = [...byPlatform.entries()].map(([platform, rows]) => {
      const at = new Map(rows.map(row => [row.bucket, row]));
      return {
        name: platformLabel(platform),
        type: 'line',
        connectNulls: false,
        showSymbol: true,
        symbolSize: 5,
        lineStyle: { width: 2 },
        itemStyle: { color: platformColor(platform) },
        emphasis: { focus: 'series' },
        // [time, average score, mentions]; null where the platform had nothing in a bucket others had
        data: buckets.map(b => at.has(b) ? [b, round(at.get(b).averageScore), at.get(b).total] : [b, null, 0]),
      };
    });
    series[0].markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#94a3b8', type: 'dashed' },
      label: { show: false },
      data: [{ yAxis: 0 }],
    };
    this.chart.setOption({
      ...baseOption(),
      tooltip: { ...baseOption().tooltip, formatter: tooltip },
      xAxis: timeAxis(),
      yAxis: valueAxis({ min: -1, max: 1, interval: 0.5, axisLabel: { color: '#64748b', formatter: v => formatScore(v) } }),
      series,
    }, { notMerge: true });
    this.describe(byPlatform);
    this.panel.ready();
  }

  /** Screen readers get the figures the lines show. */
  describe(byPlatform) {
    const parts = [...byPlatform.entries()].map(([platform, rows]) => {
      const total = rows.reduce((sum, r) => sum + r.total, 0);
      const score = rows.reduce((sum, r) => sum + (r.averageScore ?? 0) * r.total, 0) / (total || 1);
      return `${platformLabel(platform)} ${formatScore(score)} over ${formatInteger(total)} mentions`;
    });
    this.chart.getDom().setAttribute('aria-label', `Average sentiment score per platform over time: ${parts.join('; ')}`);
  }

  failed(error, retry) {
    this.panel.error(error, retry);
  }

  loading() { this.panel.loading(); }
}

const round = n => (n === null || n === undefined ? null : Math.round(n * 1000) / 1000);

function tooltip(points) {
  const lines = points
    .filter(p => p.value[1] !== null)
    .map(p => `${p.marker}${p.seriesName}: <b>${formatScore(p.value[1])}</b> <span style="opacity:.7">(${formatInteger(p.value[2])} mentions)</span>`);
  return [formatDateTime(points[0]?.value[0]), ...lines].join('<br>');
}
