// The newest mentions (GET /api/mentions) with their sentiment, the phrases behind it and a link to the source;
// those who may edit correct a mention's label (POST /api/mentions/{id}/sentiment), which counts everywhere from then on.
import * as api from '../api.js';
import { Panel } from '../panel.js';
import { h, clear, safeUrl } from '../dom.js';
import { platformLabel, platformColor, formatCompact, formatDateTime, formatInteger, formatPercent, formatScore } from '../format.js';

export const pageSize = 10;

const labels = ['positive', 'neutral', 'negative'];
const maxNoteLength = 500;

export class MentionsPanel {
  /** canCorrect: whether the signed-in key may correct labels (viewers may not); toast and onUnauthorized as the alerts panel's. */
  constructor(onPage, { canCorrect = () => true, toast = () => {}, onUnauthorized = () => {} } = {}) {
    this.panel = new Panel('panel-mentions');
    this.pager = this.panel.root.querySelector('[data-role="pager"]');
    this.onPage = onPage;
    this.canCorrect = canCorrect;
    this.toast = toast;
    this.onUnauthorized = onUnauthorized;
  }

  loading() { this.panel.loading(); }

  render(result) {
    if (result.total === 0 || result.items.length === 0) {
      clear(this.panel.content());
      clear(this.pager);
      this.panel.empty('No mentions match these filters.');
      return;
    }
    this.panel.replaceContent(h('ol', { class: 'mentions', 'aria-label': 'Mentions, newest first' }, result.items.map(item => this.mention(item))));
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

  mention(item) {
    return mention(item, item.sentiment && this.canCorrect() ? correction(item, (label, note, form) => this.correct(item, label, note, form)) : null);
  }

  /** Sends the correction; the answer is the correction that stands, shown in place of the model's label. */
  async correct(item, label, note, form) {
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach(b => { b.disabled = true; });
    try {
      const answer = await api.post(`/api/mentions/${encodeURIComponent(item.id)}/sentiment`, { label, note: note || undefined });
      const sentiment = item.sentiment;
      const corrected = { ...item, sentiment: { ...sentiment, label: answer.label, modelLabel: sentiment.modelLabel ?? sentiment.label, correction: answer } };
      form.closest('.mention').replaceWith(this.mention(corrected));
      this.toast(`Marked ${answer.label}. Charts and lists count it as ${answer.label} from now on.`);
    } catch (e) {
      if (e instanceof api.Unauthorized) return this.onUnauthorized();
      buttons.forEach(b => { b.disabled = b.value === item.sentiment.label; });
      this.toast(e.message, 'error');
    }
  }
}

/** A disclosure with one button per other label and an optional note. */
function correction(item, send) {
  const current = item.sentiment.label;
  const note = h('input', { type: 'text', name: 'note', maxlength: maxNoteLength, placeholder: 'Why (optional)', 'aria-label': 'Why (optional)' });
  const form = h('form', { class: 'correct-form', onsubmit: event => {
    event.preventDefault();
    const label = event.submitter?.value;
    if (label) send(label, note.value.trim(), form);
  } },
    h('div', { class: 'correct-labels', role: 'group', 'aria-label': 'The right label' },
      labels.map(label => h('button', { type: 'submit', name: 'label', value: label, class: `button small correct-${label}`, disabled: label === current, 'aria-label': `Mark as ${label}` }, label))),
    note);
  return h('details', { class: 'correct-sentiment' }, h('summary', {}, 'Correct label'), form);
}

function mention(item, correct) {
  const sentiment = item.sentiment;
  const heading = item.title || firstLine(item.snippet);
  return h('li', { class: 'mention', dataset: { sentiment: sentiment?.label ?? 'unscored', mentionId: item.id } },
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
        entities(item.entities),
        correct),
      sentimentBadge(sentiment)));
}

function sentimentBadge(sentiment) {
  if (!sentiment) return h('div', { class: 'sentiment-badge unscored' }, h('span', { class: 'label' }, 'Not scored yet'));
  return h('div', { class: `sentiment-badge ${sentiment.label}`, title: `Model ${sentiment.modelVersion}, confidence ${formatPercent(sentiment.confidence)}` },
    h('span', { class: 'label' }, sentiment.label),
    h('span', { class: 'score' }, formatScore(sentiment.score)),
    sentiment.correction
      ? h('span', { class: 'corrected', title: `The model (${sentiment.modelVersion}) said ${sentiment.modelLabel}${sentiment.correction.note ? `; ${sentiment.correction.by}: ${sentiment.correction.note}` : ''}` },
        `corrected by ${sentiment.correction.by}`)
      : h('span', { class: 'confidence' }, `${formatPercent(sentiment.confidence)} sure`));
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

