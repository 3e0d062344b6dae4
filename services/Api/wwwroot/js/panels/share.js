// Share of voice per entity, split by sentiment, from GET /api/entities/share. A click filters by the entity.
import { Panel } from '../panel.js';
import { createChart, baseOption, valueAxis } from '../charts.js';
import { sentimentColors, formatInteger, formatPercent } from '../format.js';

const shown = 10;

export class SharePanel {
  constructor(onPick) {
    this.panel = new Panel('panel-share');
    this.chart = createChart(this.panel, 'share');
    this.chart.on('click', event => onPick(event.name));
  }

  render(share) {
    const top = [...share].sort((a, b) => b.mentions - a.mentions).slice(0, shown).reverse();
    if (top.length === 0) {
      this.chart.clear();
      this.panel.empty('No entities were found in these mentions.');
      return;
    }
    const names = top.map(displayName);
    const bar = (name, key) => ({
      name,
      type: 'bar',
      stack: 'share',
      barMaxWidth: 16,
      cursor: 'pointer',
      itemStyle: { color: sentimentColors[key] },
      emphasis: { focus: 'series' },
      data: top.map(row => row[key]),
    });
    const negative = bar('Negative', 'negative');
    negative.itemStyle.borderRadius = [0, 3, 3, 0];
    negative.label = {
      show: true,
      position: 'right',
      color: '#334155',
      fontWeight: 600,
      formatter: p => formatPercent(top[p.dataIndex].share),
    };
    this.chart.setOption({
      ...baseOption(),
      tooltip: { ...baseOption().tooltip, axisPointer: { type: 'shadow' }, formatter: points => tooltip(points, top) },
      grid: { top: 36, left: 8, right: 52, bottom: 8, containLabel: true },
      xAxis: valueAxis({ minInterval: 1 }),
      yAxis: { type: 'category', data: names, axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: '#334155', width: 120, overflow: 'truncate' } },
      series: [bar('Positive', 'positive'), bar('Neutral', 'neutral'), negative],
    }, { notMerge: true });
    this.chart.getDom().setAttribute('aria-label', `Share of voice: ${[...top].reverse().map(r => `${displayName(r)} ${formatPercent(r.share)}`).join(', ')}`);
    this.panel.ready();
  }

  failed(error, retry) {
    this.panel.error(error, retry);
  }

  loading() { this.panel.loading(); }
}

function tooltip(points, rows) {
  const row = rows[points[0].dataIndex];
  return [
    `<b>${escape(displayName(row))}</b> · ${escape(row.type)}`,
    `Share of voice: <b>${formatPercent(row.share)}</b> (${formatInteger(row.mentions)} mentions)`,
    ...points.map(p => `${p.marker}${p.seriesName}: ${formatInteger(p.value)}`),
    '<span style="opacity:.7">Click to filter by this entity</span>',
  ].join('<br>');
}

const escape = text => String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** entity is the gazetteer id (xiaomi-su7), name what people read (Xiaomi SU7); the filter takes either. */
export const displayName = row => row.name ?? row.entity;
