// The alert feed: GET /api/alerts for what was raised before, then GET /api/alerts/stream (server-sent
// events) from the list's position for what is raised after it, and for what happens to the alerts listed
// (acknowledged elsewhere, held for quiet hours, released, delivered), without a reload.
import { Panel } from '../panel.js';
import { h, clear, safeUrl } from '../dom.js';
import * as api from '../api.js';
import { parseAlertUpdate, applyAlertUpdate, acknowledgesOpenAlert } from './alert-updates.js';
import { platformLabel, platformColor, formatAgo, formatClock, formatDateTime, formatInteger } from '../format.js';

const listed = 30;
// ms between two reloads the stream asks for
const reloadSpacing = 10_000;
// ms before trying again by itself after the list failed to load (the API restarting, say); doubles up to the last
export const retryDelays = { first: 5_000, longest: 60_000 };

export class AlertsPanel {
  constructor({ onStatus, onOpenCount, onUnauthorized, toast }) {
    this.panel = new Panel('panel-alerts');
    this.alerts = new Map();
    // ids of alerts not listed whose acknowledgement the open count has taken since the list was loaded
    this.acknowledgedUnlisted = new Set();
    this.openCount = null;
    this.platforms = [];
    this.onStatus = onStatus;
    this.onOpenCount = onOpenCount;
    this.onUnauthorized = onUnauthorized;
    this.toast = toast;
    this.source = null;
    this.loads = 0;
    this.lastReload = -Infinity;
    this.retryDelay = retryDelays.first;
  }

  /**
   * Loads the list, then follows the stream from the position the list is current to: whatever is stored
   * between the two comes through the stream, and an event the list already shows changes nothing twice.
   */
  async start() {
    this.disconnect();
    const position = await this.load();
    if (position !== null) this.connect(position);
  }

  /**
   * The latest alerts and the open count, in one answer: the list, its `open` count (of every alert) and its
   * `position` are read from one snapshot, so the stream from that position counts each later change once.
   * Answers the list's position ('' from a server that gives none: the stream then starts from now), or null
   * when the list could not be loaded or the load was overtaken.
   */
  async load() {
    const load = ++this.loads;
    this.panel.loading();
    try {
      const recent = await api.get('/api/alerts', { page: 1, pageSize: listed });
      if (load !== this.loads) return null;
      this.alerts = new Map(recent.items.map(a => [alertId(a), a]));
      this.acknowledgedUnlisted = new Set();
      this.setOpenCount(recent.open);
      this.render();
      this.retryDelay = retryDelays.first;
      return recent.position ?? '';
    } catch (e) {
      if (load !== this.loads) return null;
      if (e instanceof api.Unauthorized) this.onUnauthorized();
      else {
        // a panel left open all day must come back by itself after the API restarts; the button tries at once
        this.panel.error(e, () => this.start());
        this.reloadTimer = setTimeout(() => this.start(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, retryDelays.longest);
      }
      return null;
    }
  }

  /** Alerts concern subscriptions rather than a time window; the platform filter narrows them. */
  follow(filters) {
    this.platforms = filters.platforms;
    if (this.panel.root.dataset.state !== 'loading') this.render();
  }

  /**
   * Follows the stream from after the list's position. EventSource sends the session cookie (it cannot send
   * headers) and, when it reconnects by itself, the id of the last event it got (Last-Event-ID): the stream
   * resumes after it, so a reconnection needs no reload. Only `reload` (the stream cannot bring everything
   * missed) and a stream EventSource gave up on start over from a new list.
   */
  connect(after) {
    this.disconnect();
    this.onStatus('connecting');
    const source = new EventSource(`/api/alerts/stream${api.query({ after })}`);
    source.addEventListener('open', () => this.onStatus('live'));
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return this.onStatus('connecting');
      // EventSource gives up when a reconnection is answered with an error (401 once the session ended, a proxy's 502
      // while the API restarts): start over from the list, which signs out on a 401 and offers to try again otherwise.
      if (this.source === source) this.reload();
    });
    source.addEventListener('alert', event => this.received(event));
    source.addEventListener('alert-updated', event => this.updated(event));
    source.addEventListener('reload', () => this.reload());
    this.source = source;
  }

  /** Stops following: closes the stream, and neither a list still loading nor a reload or retry waiting connects it again. */
  disconnect() {
    this.source?.close();
    this.source = null;
    clearTimeout(this.reloadTimer);
    this.loads++;
    this.onStatus('off');
  }

  /** Starts over from a new list; a reload soon after another waits, so that a list that stays behind cannot make a loop. */
  reload(now = Date.now()) {
    this.disconnect();
    const wait = now - this.lastReload < reloadSpacing ? reloadSpacing : 0;
    this.lastReload = now + wait;
    this.reloadTimer = setTimeout(() => this.start(), wait);
  }

  /** A new alert; one the panel holds already (a stream that resumed a little early sends it again) changes nothing. */
  received(event) {
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
    const update = parseAlertUpdate(event.data);
    if (!update) return;
    const current = this.alerts.get(update.id);
    if (!current) {
      // the panel holds no row to tell whether it counted this one already (a stream resumed a little early)
      if (update.acknowledged && !this.acknowledgedUnlisted.has(update.id)) {
        this.acknowledgedUnlisted.add(update.id);
        this.countAcknowledged();
      }
      return;
    }
    if (acknowledgesOpenAlert(current, update)) this.countAcknowledged();
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
      deliveries(alert) ?? deliveryFailures(alert),
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

const deliveryStates = { pending: 'pending', delivered: 'delivered', retrying: 'retrying', failed: 'failed' };

/**
 * Where the alert's delivery to one channel stands, as the card says it: { channel: { channelId, channelKind,
 * state, attempts, nextAttemptAt, reason } } from the API's `channels`. Times read in the viewer's zone.
 */
export function deliveryNote(channel, time = formatClock) {
  const name = channel.channelId ?? channel.channelKind ?? 'channel';
  const state = deliveryStates[channel.state] ?? 'pending';
  const attempts = Number(channel.attempts ?? 0);
  const tries = `${formatInteger(attempts)} attempt${attempts === 1 ? '' : 's'}`;
  switch (state) {
    case 'delivered':
      return { state, text: `${name}: delivered`, title: `${channel.channelKind ?? ''} delivered after ${tries}`.trim() };
    case 'retrying':
      return { state, text: `${name}: retrying, next at ${time(channel.nextAttemptAt)}`, title: `${tries} so far; last: ${channel.reason ?? 'failed'}` };
    case 'failed':
      return { state, text: `${name}: failed`, title: `Given up after ${tries}: ${channel.reason ?? 'failed'}` };
    default:
      return { state, text: `${name}: pending`, title: 'Not tried yet' };
  }
}

/** One line per channel the alert goes to; null when the API lists none (held alerts, older alerts). */
function deliveries(alert) {
  const channels = Array.isArray(alert.channels) ? alert.channels : [];
  if (channels.length === 0) return null;
  return h('ul', { class: 'alert-deliveries small', 'aria-label': 'Delivery per channel' }, channels.map(c => {
    const note = deliveryNote(c);
    return h('li', { class: `delivery delivery-${note.state}`, title: note.title }, note.text);
  }));
}

/** deliveryFailures is the list of failed deliveries (channel, reason); a count is accepted too. */
function deliveryFailures(alert) {
  const failures = alert.deliveryFailures;
  const count = Array.isArray(failures) ? failures.length : Number(failures ?? 0);
  if (!count) return null;
  const reasons = Array.isArray(failures) ? failures.map(f => `${f.channelKind ?? 'channel'}: ${f.reason ?? 'failed'}`).join('\n') : '';
  return h('p', { class: 'alert-failures small', title: reasons || null }, `${formatInteger(count)} delivery failure${count === 1 ? '' : 's'}`);
}
