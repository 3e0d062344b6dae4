// The newest mentions (GET /api/mentions) with their sentiment, the phrases behind it and a link to the source.
import { Panel } from '../panel.js';
import { h, clear, safeUrl } from '../dom.js';
import { platformLabel, platformColor, formatCompact, formatDateTime, formatInteger, formatPercent, formatScore } from '../format.js';

export const pageSize = 10;

export class MentionsPanel {
  constructor(onPage) {
    this.panel = new Panel('panel-mentions');
    this.pager = this.panel.root.querySelector('[data-role="pager"]');
    this.onPage = onPage;
  }

  loading() { this.panel.loading(); }

  render(result) {
    if (result.total === 0 || result.items.length === 0) {
      clear(this.panel.content());
      clear(this.pager);
      this.panel.empty('No mentions match these filters.');
      return;
    }
    this.panel.replaceContent(h('ol', { class: 'mentions', 'aria-label': 'Mentions, newest first' }, result.items.map(mention)));
    this.renderPager(result);
    this.panel.ready();
  }

  renderPager({ page, pageSize: size, total }) {
    const first = (page - 1) * size + 1;
    const last = Math.min(page * size, total);
    const pages = Math.max(Math.ceil(total / size), 1);
    clear(this.pager).append(
      h('span', { class: 'muted small' }, `${formatInteger(first)}–${formatInteger(last)} of ${formatInteger(total)}`),
      h('div', { class: 'pager-buttons' },
        h('button', { type: 'button', class: 'button ghost small', disabled: page <= 1, onclick: () => this.onPage(page - 1), 'aria-label': 'Newer mentions' }, '← Newer'),
        h('button', { type: 'button', class: 'button ghost small', disabled: page >= pages, onclick: () => this.onPage(page + 1), 'aria-label': 'Older mentions' }, 'Older →')));
  }

  failed(error, retry) {
    this.panel.error(error, retry);
  }
}

function mention(item) {
  const sentiment = item.sentiment;
  const heading = item.title || firstLine(item.snippet);
  return h('li', { class: 'mention', dataset: { sentiment: sentiment?.label ?? 'unscored' } },
    h('div', { class: 'mention-meta' },
      h('span', { class: 'platform-badge', style: `--platform:${platformColor(item.platform)}` }, platformLabel(item.platform)),
      h('span', { class: 'mention-author' }, item.author || 'Unknown author'),
      item.authorFollowers ? h('span', { class: 'muted small', title: `${formatInteger(item.authorFollowers)} followers` }, `${formatCompact(item.authorFollowers)} followers`) : null,
      h('time', { class: 'muted small', datetime: item.publishedAt }, formatDateTime(item.publishedAt)),
      item.reach ? h('span', { class: 'muted small', title: 'Reach' }, `reach ${formatCompact(item.reach)}`) : null),
    h('div', { class: 'mention-main' },
      h('div', { class: 'mention-text' },
        h('a', { class: 'mention-title', href: safeUrl(item.url), target: '_blank', rel: 'noopener noreferrer' }, heading, h('span', { class: 'visually-hidden' }, ' (opens the source)'), h('span', { class: 'external', 'aria-hidden': 'true' }, ' ↗')),
        item.title && item.snippet ? h('p', { class: 'mention-snippet' }, item.snippet) : null,
        phrases(sentiment),
        entities(item.entities)),
      sentimentBadge(sentiment)));
}

function sentimentBadge(sentiment) {
  if (!sentiment) return h('div', { class: 'sentiment-badge unscored' }, h('span', { class: 'label' }, 'Not scored yet'));
  return h('div', { class: `sentiment-badge ${sentiment.label}`, title: `Model ${sentiment.modelVersion}, confidence ${formatPercent(sentiment.confidence)}` },
    h('span', { class: 'label' }, sentiment.label),
    h('span', { class: 'score' }, formatScore(sentiment.score)),
    h('span', { class: 'confidence' }, `${formatPercent(sentiment.confidence)} sure`));
}

function phrases(sentiment) {
  const list = sentiment?.phrases ?? [];
  if (list.length === 0) return null;
  return h('div', { class: 'phrases' },
    h('span', { class: 'phrases-label' }, 'Why:'),
    list.map(p => h('span', { class: `phrase ${p.weight < 0 ? 'negative' : 'positive'}`, title: `pushes ${p.weight < 0 ? 'negative' : 'positive'} (weight ${p.weight.toFixed(3)})` }, p.text)));
}

function entities(list) {
  if (!list?.length) return null;
  return h('div', { class: 'entities' }, list.slice(0, 6).map(e => h('span', { class: 'entity', title: e.type }, e.name)));
}

const firstLine = text => (text ?? '').split('\n')[0].slice(0, 140) || 'Untitled';

