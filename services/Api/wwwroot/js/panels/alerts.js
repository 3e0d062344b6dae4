// The alert feed: GET /api/alerts for what was raised before, then GET /api/alerts/stream
// (server-sent events) for what is raised while the page is open, and for what happens to the alerts
// listed (acknowledged elsewhere, held for quiet hours, released, delivered), without a reload.
import { Panel } from '../panel.js';
import { h, clear, safeUrl } from '../dom.js';
import * as api from '../api.js';
import { parseAlertUpdate, applyAlertUpdate, acknowledgesOpenAlert } from './alert-updates.js';
import { platformLabel, platformColor, formatAgo, formatClock, formatDateTime, formatInteger } from '../format.js';

const listed = 30;

export class AlertsPanel {
  constructor({ onStatus, onOpenCount, onUnauthorized, toast }) {
    this.panel = new Panel('panel-alerts');
    this.alerts = new Map();
    this.openCount = null;
    this.platforms = [];
    this.onStatus = onStatus;
    this.onOpenCount = onOpenCount;
    this.onUnauthorized = onUnauthorized;
    this.toast = toast;
    this.source = null;
    this.arrivedWhileLoading = null;
  }

  /**
   * The stream connects while the list loads, and what it brings meanwhile may be newer than the list's answer:
   * it is kept and applied over the list once the list is in, rather than applied to the old list and lost.
   */
  async load() {
    this.panel.loading();
    this.arrivedWhileLoading ??= [];
    try {
      const [recent, open] = await Promise.all([
        api.get('/api/alerts', { page: 1, pageSize: listed }),
        api.get('/api/alerts', { acknowledged: false, page: 1, pageSize: 1 }),
      ]);
      this.alerts = new Map(recent.items.map(a => [alertId(a), a]));
      this.setOpenCount(open.total);
      this.applyArrived();
      this.render();
    } catch (e) {
      this.applyArrived();
      if (e instanceof api.Unauthorized) return this.onUnauthorized();
      this.panel.error(e, () => this.load());
    }
  }

  applyArrived() {
    const arrived = this.arrivedWhileLoading ?? [];
    this.arrivedWhileLoading = null;
    for (const apply of arrived) apply();
  }

  /** Alerts concern subscriptions rather than a time window; the platform filter narrows them. */
  follow(filters) {
    this.platforms = filters.platforms;
    if (this.panel.root.dataset.state !== 'loading') this.render();
  }

  connect() {
    this.disconnect();
    this.onStatus('connecting');
    // EventSource sends the session cookie (it cannot send headers) and reconnects by itself.
    const source = new EventSource('/api/alerts/stream');
    // The stream sends only what happens while connected: after EventSource reconnects by itself, what happened
    // in between is read from the list again.
    let opened = false;
    source.addEventListener('open', () => {
      this.onStatus('live');
      if (opened) this.load();
      opened = true;
    });
    source.addEventListener('error', () => this.onStatus(source.readyState === EventSource.CLOSED ? 'off' : 'connecting'));
    source.addEventListener('alert', event => this.received(event));
    source.addEventListener('alert-updated', event => this.updated(event));
    this.source = source;
  }

  disconnect() {
    this.source?.close();
    this.source = null;
    this.onStatus('off');
  }

  received(event) {
    if (this.arrivedWhileLoading) {
      this.arrivedWhileLoading.push(() => this.received(event));
      return;
    }
    let alert;
    try { alert = JSON.parse(event.data); } catch { return; }
    const id = alertId(alert);
    if (!id || this.alerts.has(id)) return;
    this.alerts = new Map([[id, { ...alert, fresh: true }], ...this.alerts]);
    if (!alert.acknowledged) this.setOpenCount((this.openCount ?? 0) + 1);
    this.render();
    this.toast(`New alert: ${alert.summary ?? alert.subscriptionName ?? 'a rule fired'}`);
  }

  /**
   * An alert changed. Only a listed alert's row changes; an acknowledgement lowers the open count even for
   * an alert not listed, since the count covers every alert, not only the latest shown.
   */
  updated(event) {
    if (this.arrivedWhileLoading) {
      this.arrivedWhileLoading.push(() => this.updated(event));
      return;
    }
    const update = parseAlertUpdate(event.data);
    if (!update) return;
    const current = this.alerts.get(update.id);
    if (acknowledgesOpenAlert(current, update)) this.countAcknowledged();
    if (!current) return;
    this.alerts.set(update.id, applyAlertUpdate(current, update));
    this.render();
  }

  /** One open alert fewer. */
  countAcknowledged() {
    this.setOpenCount(Math.max((this.openCount ?? 1) - 1, 0));
  }

  async acknowledge(alert, button) {
    button.disabled = true;
    button.textContent = 'Acknowledging…';
    try {
      // the answer is the acknowledgement that stands ({ by, at }): the first one, if someone was quicker
      const answer = await api.post(`/api/alerts/${encodeURIComponent(alertId(alert))}/ack`);
      const acknowledged = answer?.by ? answer : { by: 'you', at: new Date().toISOString() };
      // the stream may have brought the acknowledgement (and counted it) before this answer came
      const current = this.alerts.get(alertId(alert)) ?? alert;
      if (!current.acknowledged) this.countAcknowledged();
      this.alerts.set(alertId(alert), { ...current, acknowledged: current.acknowledged ?? acknowledged, fresh: false });
      this.render();
    } catch (e) {
      if (e instanceof api.Unauthorized) return this.onUnauthorized();
      button.disabled = false;
      button.textContent = 'Acknowledge';
      this.toast(e.message, 'error');
    }
  }

  setOpenCount(count) {
    this.openCount = count;
    this.onOpenCount(count);
  }

  render() {
    const visible = [...this.alerts.values()]
      .filter(a => this.platforms.length === 0 || platformsOf(a).some(p => this.platforms.includes(p.platform)));
    this.panel.setNote(this.openCount === null ? '' : `${formatInteger(this.openCount)} open`);
    if (visible.length === 0) {
      clear(this.panel.content());
      this.panel.empty(this.alerts.size === 0
        ? 'No alerts yet. New ones appear here as soon as a subscription fires.'
        : 'No alerts on the selected platforms.');
      return;
    }
    this.panel.replaceContent(h('ul', { class: 'alerts', 'aria-label': 'Alerts, newest first' }, visible.map(a => this.item(a))));
    this.panel.ready();
  }

  item(alert) {
    const acknowledged = alert.acknowledged;
    const ack = acknowledged
      ? h('p', { class: 'alert-ack small' }, `✓ Acknowledged by ${acknowledged.by ?? 'someone'} ${formatAgo(acknowledged.at)}`)
      : h('button', { type: 'button', class: 'button small primary', onclick: e => this.acknowledge(alert, e.currentTarget), 'aria-label': `Acknowledge alert: ${alert.summary ?? ''}` }, 'Acknowledge');
    return h('li', { class: `alert${acknowledged ? ' acknowledged' : ''}${alert.fresh ? ' fresh' : ''}`, dataset: { alertId: alertId(alert) } },
      h('div', { class: 'alert-head' },
        h('span', { class: 'alert-rule' }, ruleName(alert)),
        h('time', { class: 'muted small', datetime: alert.raisedAt, title: formatDateTime(alert.raisedAt) }, formatAgo(alert.raisedAt))),
      h('p', { class: 'alert-summary' }, alert.summary ?? ''),
      h('p', { class: 'muted small' }, alert.subscriptionName ?? ''),
      h('div', { class: 'alert-platforms' }, platformsOf(alert).map(p =>
        h('span', { class: 'platform-badge small', style: `--platform:${platformColor(p.platform)}` }, `${platformLabel(p.platform)}${p.count ? ` ${p.count}` : ''}`))),
      topMentions(alert),
      quietHours(alert),
      deliveryFailures(alert),
      h('div', { class: 'alert-actions' }, ack));
  }
}

const alertId = alert => alert.id ?? alert.alertId;

function ruleName(alert) {
  const rule = alert.rule ?? alert.kind;
  const kind = typeof rule === 'string' ? rule : rule?.kind ?? rule?.ruleId ?? 'alert';
  return kind.replaceAll('-', ' ');
}

/** platforms is a { platform: count } object (or a list of names). */
function platformsOf(alert) {
  const platforms = alert.platforms ?? {};
  return Array.isArray(platforms)
    ? platforms.map(platform => ({ platform, count: null }))
    : Object.entries(platforms).map(([platform, count]) => ({ platform, count }));
}

function topMentions(alert) {
  const mentions = (alert.topMentions ?? []).filter(m => m.url).slice(0, 3);
  if (mentions.length === 0) return null;
  return h('ul', { class: 'alert-mentions' }, mentions.map(m =>
    h('li', {}, h('a', { href: safeUrl(m.url), target: '_blank', rel: 'noopener noreferrer' }, m.title || `${platformLabel(m.platform)} post`, ' ↗'))));
}

/**
 * What quiet hours did to an alert: held until they end ({ held: { until, at } }), then sent with the
 * spell's other held alerts (releasedAt). Null for an alert sent at once. Times read in the viewer's zone.
 */
export function quietHoursNote(alert, time = formatClock) {
  const held = alert.held;
  if (!held?.until) return null;
  return alert.releasedAt
    ? { text: `Sent at ${time(alert.releasedAt)} after quiet hours`, title: `Held at ${formatDateTime(held.at)}, sent ${formatDateTime(alert.releasedAt)}` }
    : { text: `Held until ${time(held.until)} (quiet hours)`, title: `Held at ${formatDateTime(held.at)} until ${formatDateTime(held.until)}` };
}

function quietHours(alert) {
  const note = quietHoursNote(alert);
  return note && h('p', { class: 'alert-held muted small', title: note.title }, note.text);
}

/** deliveryFailures is the list of failed deliveries (channel, reason); a count is accepted too. */
function deliveryFailures(alert) {
  const failures = alert.deliveryFailures;
  const count = Array.isArray(failures) ? failures.length : Number(failures ?? 0);
  if (!count) return null;
  const reasons = Array.isArray(failures) ? failures.map(f => `${f.channelKind ?? 'channel'}: ${f.reason ?? 'failed'}`).join('\n') : '';
  return h('p', { class: 'alert-failures small', title: reasons || null }, `${formatInteger(count)} delivery failure${count === 1 ? '' : 's'}`);
}
