// What the alerts panel does with the stream's events that arrive while its first list is still loading
// (load() and connect() start together), run with node's test runner (see page-logic.test.mjs).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { AlertsPanel } from '../../../services/Api/wwwroot/js/panels/alerts.js';

const realFetch = globalThis.fetch;
afterEach(() => { globalThis.fetch = realFetch; });

const alert = (id, raisedAt) => ({
  id, summary: `Alert ${id}`, raisedAt, acknowledged: null, deliveries: 0, deliveryFailures: [], held: null, releasedAt: null,
});
const a1 = alert('a1', '2024-03-28T23:10:00Z');
const a2 = alert('a2', '2024-03-28T22:00:00Z');
const a3 = alert('a3', '2024-03-28T23:20:00Z');
const ack = { by: 'ana', at: '2024-03-28T23:21:00Z' };

/**
 * Answers GET /api/alerts only when told to: the list (page of 30) and the open count (acknowledged=false).
 * Returns the function that answers both.
 */
function apiAnswersLater() {
  const waiting = [];
  globalThis.fetch = path => new Promise(resolve => waiting.push({ path, resolve }));
  return async ({ items, open }) => {
    for (let i = 0; i < 50 && waiting.length < 2; i++) await new Promise(r => setTimeout(r, 1));
    assert.equal(waiting.length, 2, 'the panel asked for the list and the open count');
    for (const { path, resolve } of waiting.splice(0)) {
      const body = path.includes('acknowledged=false') ? { items: [], total: open, page: 1, pageSize: 1 } : { items, total: items.length, page: 1, pageSize: 30 };
      resolve({ ok: true, status: 200, headers: { get: () => 'application/json' }, json: async () => body });
    }
  };
}

/** The panel without its page: what it lists and its open count. */
function panelWithoutPage() {
  const panel = Object.create(AlertsPanel.prototype);
  const seen = { counts: [], toasts: [] };
  Object.assign(panel, {
    panel: { loading() {}, error(e) { throw e; }, root: { dataset: {} } },
    alerts: new Map(),
    openCount: null,
    platforms: [],
    onOpenCount: count => seen.counts.push(count),
    onUnauthorized: () => assert.fail('not signed out'),
    toast: text => seen.toasts.push(text),
    render: () => {},
  });
  return { panel, seen };
}

const event = data => ({ data: JSON.stringify(data) });

test('an update that arrives while the list loads is applied to the row the list brings', async () => {
  const answer = apiAnswersLater();
  const { panel } = panelWithoutPage();

  const loading = panel.load();
  // acknowledged after the list was read, and streamed before the list's answer came
  panel.updated(event({ id: 'a1', acknowledged: ack }));
  await answer({ items: [a1, a2], open: 2 });
  await loading;

  assert.deepEqual(panel.alerts.get('a1').acknowledged, ack);
  assert.equal(panel.alerts.get('a2').acknowledged, null);
  assert.equal(panel.openCount, 1);
});

test('an alert raised while the list loads is kept and counted', async () => {
  const answer = apiAnswersLater();
  const { panel, seen } = panelWithoutPage();

  const loading = panel.load();
  panel.received(event(a3));
  await answer({ items: [a1, a2], open: 2 });
  await loading;

  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1', 'a2']);
  assert.equal(panel.openCount, 3);
  assert.deepEqual(seen.toasts, ['New alert: Alert a3']);
});

test('an alert raised while the list loads that the list already holds is neither doubled nor counted twice', async () => {
  const answer = apiAnswersLater();
  const { panel } = panelWithoutPage();

  const loading = panel.load();
  panel.received(event(a3));
  await answer({ items: [a3, a1], open: 2 });
  await loading;

  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1']);
  assert.equal(panel.openCount, 2);
});

test('an update after the list loaded is applied at once', async () => {
  const answer = apiAnswersLater();
  const { panel } = panelWithoutPage();

  const loading = panel.load();
  await answer({ items: [a1], open: 1 });
  await loading;
  panel.updated(event({ id: 'a1', releasedAt: '2024-03-29T07:00:40Z' }));

  assert.equal(panel.alerts.get('a1').releasedAt, '2024-03-29T07:00:40Z');
  assert.equal(panel.openCount, 1);
});

/** An EventSource the test drives: it records listeners and fires events by name. */
class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static last = null;
  constructor(url) {
    this.url = url;
    this.readyState = FakeEventSource.CONNECTING;
    this.listeners = new Map();
    FakeEventSource.last = this;
  }
  addEventListener(name, listener) { this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]); }
  fire(name, event = {}) {
    this.readyState = name === 'open' ? FakeEventSource.OPEN : name === 'error' ? FakeEventSource.CONNECTING : this.readyState;
    for (const listener of this.listeners.get(name) ?? []) listener(event);
  }
  close() { this.readyState = FakeEventSource.CLOSED; }
}

test('after the stream reconnects by itself the list is loaded again, since what happened meanwhile was not sent', () => {
  const realEventSource = globalThis.EventSource;
  globalThis.EventSource = FakeEventSource;
  try {
    const { panel } = panelWithoutPage();
    const statuses = [];
    let loads = 0;
    Object.assign(panel, { onStatus: status => statuses.push(status), load: async () => { loads++; } });

    panel.connect();
    const source = FakeEventSource.last;
    source.fire('open');
    assert.equal(loads, 0, 'the first connection follows the first load');

    source.fire('error');
    source.fire('open');
    assert.equal(loads, 1, 'a reconnection loads the list again');
    assert.deepEqual(statuses, ['off', 'connecting', 'live', 'connecting', 'live']);

    panel.connect();
    FakeEventSource.last.fire('open');
    assert.equal(loads, 1, 'a new connection asked for by the page is not a reconnection');
  } finally {
    globalThis.EventSource = realEventSource;
  }
});
