// Feed health from GET /api/feeds: which sources deliver, which went quiet or fail.
import { Panel } from '../panel.js';
import { h, clear } from '../dom.js';
import { platformLabel, platformColor, formatAgo, formatDateTime, formatInteger } from '../format.js';

const statusText = { ok: 'OK', degraded: 'Degraded', failing: 'Failing', silent: 'Silent' };

export class FeedsPanel {
  constructor() {
    this.panel = new Panel('panel-feeds');
  }

  loading() { this.panel.loading(); }

  render(feeds, filters) {
    const visible = feeds.filter(f => filters.platforms.length === 0 || filters.platforms.includes(f.platform));
    if (visible.length === 0) {
      clear(this.panel.content());
      this.panel.empty(feeds.length === 0 ? 'No feed has registered yet.' : 'No feeds for the selected platforms.');
      return;
    }
    const rows = visible.map(feed => h('tr', { dataset: { status: feed.status } },
      h('th', { scope: 'row' },
        h('span', { class: 'feed-name' }, feed.feed),
        h('span', { class: 'platform-badge small', style: `--platform:${platformColor(feed.platform)}` }, platformLabel(feed.platform))),
      h('td', {}, h('span', { class: `status-pill ${feed.status}` }, statusText[feed.status] ?? feed.status),
        feed.lastError ? h('span', { class: 'feed-error small', title: feed.lastError }, feed.lastError) : null),
      h('td', { title: formatDateTime(feed.lastHeartbeatAt) }, formatAgo(feed.lastHeartbeatAt)),
      h('td', { class: 'numeric' }, formatInteger(feed.itemsPublished)),
      h('td', { class: 'numeric' }, formatInteger(feed.quarantined))));
    this.panel.replaceContent(h('div', { class: 'table-scroll' }, h('table', { class: 'feeds' },
      h('caption', { class: 'visually-hidden' }, 'Feed health'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Feed'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Heartbeat'),
        h('th', { scope: 'col', class: 'numeric' }, 'Items'), h('th', { scope: 'col', class: 'numeric' }, 'Quarantined'))),
      h('tbody', {}, rows))));
    this.panel.ready();
  }

  failed(error, retry) {
    this.panel.error(error, retry);
  }
}
