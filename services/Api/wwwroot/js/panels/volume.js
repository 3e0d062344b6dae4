// Mentions per bucket (GET /api/volume), the negative ones stacked at the base (from the timeline).
import { Panel } from '../panel.js';
import { createChart, baseOption, timeAxis, valueAxis } from '../charts.js';
import { sentimentColors, formatInteger, formatDateTime } from '../format.js';

export class VolumePanel {
  constructor() {
    this.panel = new Panel('panel-volume');
    this.chart = createChart(this.panel, 'volume');
  }

  render(volume, timeline, bucket) {
    const total = volume.reduce((sum, row) => sum + row.total, 0);
    this.panel.setNote(`${formatInteger(total)} mentions · per ${bucket}`);
    if (total === 0) {
      this.chart.clear();
      this.panel.empty('No mentions match these filters.');
      return;
    }
    const negative = new Map();
    for (const row of timeline) negative.set(row.bucket, (negative.get(row.bucket) ?? 0) + row.negative);
    const bar = { type: 'bar', stack: 'volume', barMaxWidth: 18, emphasis: { focus: 'series' } };
    this.chart.setOption({
      ...baseOption(),
      tooltip: { ...baseOption().tooltip, formatter: tooltip },
      xAxis: timeAxis(),
      yAxis: valueAxis({ minInterval: 1 }),
      series: [
        { ...bar, name: 'Negative', itemStyle: { color: sentimentColors.negative }, data: volume.map(row => [row.bucket, Math.min(negative.get(row.bucket) ?? 0, row.total)]) },
        {
          ...bar, name: 'Other mentions', itemStyle: { color: '#6366f1', borderRadius: [3, 3, 0, 0] },
          data: volume.map(row => [row.bucket, Math.max(row.total - (negative.get(row.bucket) ?? 0), 0)]),
        },
      ],
    }, { notMerge: true });
    const negatives = [...negative.values()].reduce((sum, n) => sum + n, 0);
    const peak = volume.reduce((top, row) => (row.total > top.total ? row : top), volume[0]);
    this.chart.getDom().setAttribute('aria-label',
      `${formatInteger(total)} mentions per ${bucket}, ${formatInteger(negatives)} negative; the busiest ${bucket} was ${formatDateTime(peak.bucket)} with ${formatInteger(peak.total)}`);
    this.panel.ready();
  }

  failed(error, retry) {
    this.panel.error(error, retry);
  }

  loading() { this.panel.loading(); }
}

function tooltip(points) {
  const total = points.reduce((sum, p) => sum + (p.value[1] ?? 0), 0);
  return [
    formatDateTime(points[0]?.value[0]),
    `Mentions: <b>${formatInteger(total)}</b>`,
    ...points.map(p => `${p.marker}${p.seriesName}: ${formatInteger(p.value[1])}`),
  ].join('<br>');
}
