// How the alerts panel follows the alert stream: the list, with its open count, in one request; then the stream
// from the list's position, each later change counted once; EventSource's own reconnections resume by
// Last-Event-ID; only the stream's `reload`, or a stream EventSource gave up on, loads the list again.
// Run with node's test runner (see page-logic.test.mjs).
import { test, beforeEach, afterEach, mock } from 'node:test';
import assert from 'node:assert/strict';
import { AlertsPanel, retryDelays } from '../../../services/Api/wwwroot/js/panels/alerts.js';

const alert = (id, raisedAt, acknowledged = null) => ({
  id, summary: `Alert ${id}`, raisedAt, acknowledged, deliveries: 0, deliveryFailures: [], held: null, releasedAt: null,
});
const a1 = alert('a1', '2024-03-28T23:10:00Z');
const a2 = alert('a2', '2024-03-28T22:00:00Z');
const a3 = alert('a3', '2024-03-28T23:20:00Z');
const ack = { by: 'ana', at: '2024-03-28T23:21:00Z' };

/** An EventSource the test drives: it records listeners and fires events by name. */
class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static opened = [];
  constructor(url) {
    this.url = url;
    this.readyState = FakeEventSource.CONNECTING;
    this.listeners = new Map();
    FakeEventSource.opened.push(this);
  }
  addEventListener(name, listener) { this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]); }
  fire(name, data) {
    this.readyState = name === 'open' ? FakeEventSource.OPEN : name === 'error' ? FakeEventSource.CONNECTING : this.readyState;
    for (const listener of this.listeners.get(name) ?? []) listener(data === undefined ? {} : { data: JSON.stringify(data) });
  }
  close() { this.readyState = FakeEventSource.CLOSED; }
  /** What EventSource does when a reconnection is answered with an error status (401, 502): closes and says so once. */
  giveUp() {
    this.readyState = FakeEventSource.CLOSED;
    for (const listener of this.listeners.get('error') ?? []) listener({});
  }
}

const realFetch = globalThis.fetch;
const realEventSource = globalThis.EventSource;
beforeEach(() => {
  FakeEventSource.opened = [];
  globalThis.EventSource = FakeEventSource;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  globalThis.EventSource = realEventSource;
  mock.timers.reset();
});

/**
 * GET /api/alerts answered only when told to: each call of the returned function answers the one list request
 * made since the last answer, with the list, its open count and its position.
 */
function apiAnswersLater() {
  const waiting = [];
  const asked = [];
  globalThis.fetch = path => new Promise(resolve => { asked.push(path); waiting.push({ path, resolve }); });
  const answer = async ({ items, open, position }) => {
    for (let i = 0; i < 50 && waiting.length < 1; i++) await new Promise(r => setImmediate(r));
    for (let i = 0; i < 5; i++) await new Promise(r => setImmediate(r)); // a second request, if any, shows up too
    assert.deepEqual(waiting.map(w => w.path), ['/api/alerts?page=1&pageSize=30'], 'the panel asked once, for the list');
    const body = { items, total: items.length, page: 1, pageSize: 30, position, open };
    waiting.splice(0)[0].resolve({ ok: true, status: 200, headers: { get: () => 'application/json' }, json: async () => body });
    for (let i = 0; i < 5; i++) await new Promise(r => setImmediate(r));
  };
  return { answer, asked };
}

/** The panel without its page: what it lists, its open count, its live status and its toasts. */
function panelWithoutPage() {
  const panel = Object.create(AlertsPanel.prototype);
  const seen = { counts: [], toasts: [], statuses: [] };
  Object.assign(panel, {
    panel: { loading() {}, error(e) { throw e; }, root: { dataset: {} } },
    alerts: new Map(),
    acknowledgedUnlisted: new Set(),
    openCount: null,
    platforms: [],
    source: null,
    loads: 0,
    lastReload: -Infinity,
    retryDelay: retryDelays.first,
    onStatus: status => seen.statuses.push(status),
    onOpenCount: count => seen.counts.push(count),
    onUnauthorized: () => assert.fail('not signed out'),
    toast: text => seen.toasts.push(text),
    render: () => {},
  });
  return { panel, seen };
}

const streamUrl = position => `/api/alerts/stream?after=${encodeURIComponent(position)}`;

/** A panel that loaded `list` (the answer of GET /api/alerts) and then opened its stream. */
async function panelFollowing(list) {
  const api = apiAnswersLater();
  const page = panelWithoutPage();
  const starting = page.panel.start();
  await api.answer(list);
  await starting;
  return { ...api, ...page };
}

test('the stream opens once the list is in, from the position the list is current to', async () => {
  const { answer } = apiAnswersLater();
  const { panel } = panelWithoutPage();

  const starting = panel.start();
  assert.equal(FakeEventSource.opened.length, 0, 'no stream while the list loads');
  await answer({ items: [a1, a2], open: 2, position: '751-42' });
  await starting;

  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42')]);
  assert.deepEqual([...panel.alerts.keys()], ['a1', 'a2']);
});

test('an alert stored between the list and the stream arrives through the stream, listed and counted once', async () => {
  const { answer, panel, seen } = await panelFollowing({ items: [a1, a2], open: 2, position: '751-42' });
  const source = FakeEventSource.opened[0];

  source.fire('alert', a3);
  source.fire('alert', a3); // a resumed stream may send again what the panel holds

  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1', 'a2']);
  assert.equal(panel.openCount, 3);
  assert.deepEqual(seen.toasts, ['New alert: Alert a3']);
});

test('the open count is the list answer\'s own: one request, not the number of alerts listed', async () => {
  const { answer, asked, panel, seen } = await panelFollowing({ items: [a1, a2], open: 7, position: '751-42' });

  assert.equal(asked.length, 1);
  assert.equal(panel.openCount, 7);
  assert.deepEqual(seen.counts, [7]);
});

test('after the list, each alert raised and each acknowledgement the stream brings is counted once', async () => {
  const { answer, panel, seen } = await panelFollowing({ items: [a1, a2], open: 7, position: '751-42' });
  const source = FakeEventSource.opened[0];

  source.fire('alert', a3);
  source.fire('alert-updated', { id: 'a2', acknowledged: ack });
  source.fire('alert-updated', { id: 'a0', acknowledged: ack }); // an open alert older than the 30 listed
  // a stream that resumed a little early sends some of them again: nothing counts twice
  source.fire('alert', a3);
  source.fire('alert-updated', { id: 'a2', acknowledged: ack });
  source.fire('alert-updated', { id: 'a0', acknowledged: ack });

  assert.equal(panel.openCount, 7 + 1 - 1 - 1);
  assert.deepEqual(seen.counts, [7, 8, 7, 6]);
});

test('an acknowledgement the list already shows changes nothing when the stream brings it', async () => {
  const { answer, panel } = await panelFollowing({ items: [alert('a1', a1.raisedAt, ack), a2], open: 1, position: '751-42' });

  FakeEventSource.opened[0].fire('alert-updated', { id: 'a1', acknowledged: ack });

  assert.equal(panel.openCount, 1);
  assert.deepEqual(panel.alerts.get('a1').acknowledged, ack);
});

test('a reconnection by EventSource itself loads nothing: the stream resumes after the last id it sent', async () => {
  const { answer, asked, panel, seen } = await panelFollowing({ items: [a1], open: 1, position: '751-42' });
  const source = FakeEventSource.opened[0];

  source.fire('open');
  source.fire('error');
  source.fire('open');
  source.fire('alert', a3);

  assert.equal(asked.length, 1, 'the list, once');
  assert.equal(FakeEventSource.opened.length, 1, 'the same EventSource reconnected');
  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1']);
  assert.deepEqual(seen.statuses.slice(-4), ['connecting', 'live', 'connecting', 'live']);
});

test('reload closes the stream, loads the list again and follows the stream from its new position', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { answer, panel } = await panelFollowing({ items: [a1], open: 1, position: '751-42' });
  const first = FakeEventSource.opened[0];

  first.fire('reload', { reason: 'more than 10000 alert events to catch up' });
  assert.equal(first.readyState, FakeEventSource.CLOSED);
  mock.timers.tick(0);
  await answer({ items: [a3, a1], open: 2, position: '900-7' });

  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42'), streamUrl('900-7')]);
  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1']);
  assert.equal(panel.openCount, 2);
});

test('a reload soon after another waits ten seconds before loading the list again', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { answer, asked } = apiAnswersLater();
  const { panel } = panelWithoutPage();

  panel.reload(1_000_000);
  mock.timers.tick(0);
  await answer({ items: [a1], open: 1, position: '751-42' });
  panel.reload(1_002_000);
  mock.timers.tick(9_999);
  await new Promise(r => setImmediate(r));
  assert.equal(asked.length, 1, 'nothing asked within the ten seconds');

  mock.timers.tick(1);
  await answer({ items: [a1], open: 1, position: '751-50' });
  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42'), streamUrl('751-50')]);
});

test('signing out while the list loads opens no stream', async () => {
  const { answer } = apiAnswersLater();
  const { panel } = panelWithoutPage();

  const starting = panel.start();
  panel.disconnect();
  await answer({ items: [a1], open: 1, position: '751-42' });
  await starting;

  assert.equal(FakeEventSource.opened.length, 0);
});

test('a list that cannot be loaded opens no stream; trying again starts over', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  globalThis.fetch = async () => ({ ok: false, status: 503, statusText: 'Service Unavailable', headers: { get: () => '' }, json: async () => { throw new Error('not JSON'); } });
  const { panel } = panelWithoutPage();
  let retry = null;
  panel.panel.error = (_, again) => { retry = again; };

  await panel.start();

  assert.equal(FakeEventSource.opened.length, 0);
  const { answer } = apiAnswersLater();
  const again = retry();
  await answer({ items: [a1], open: 1, position: '751-42' });
  await again;
  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42')]);
});

test('a stream EventSource gives up on starts over from the list, which follows the stream again', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { answer, panel, seen } = await panelFollowing({ items: [a1], open: 1, position: '751-42' });

  FakeEventSource.opened[0].giveUp();
  mock.timers.tick(0);
  await answer({ items: [a3, a1], open: 2, position: '900-7' });

  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42'), streamUrl('900-7')]);
  assert.deepEqual([...panel.alerts.keys()], ['a3', 'a1']);
  assert.equal(seen.statuses.at(-1), 'connecting');
});

test('a stream given up on because the session ended signs out', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { answer, panel } = await panelFollowing({ items: [a1], open: 1, position: '751-42' });
  let signedOut = 0;
  panel.onUnauthorized = () => { signedOut++; };
  globalThis.fetch = async () => ({ ok: false, status: 401, statusText: 'Unauthorized', headers: { get: () => '' }, json: async () => ({}) });

  FakeEventSource.opened[0].giveUp();
  mock.timers.tick(0);
  for (let i = 0; i < 20 && signedOut === 0; i++) await new Promise(r => setImmediate(r));

  assert.equal(signedOut, 1);
  assert.equal(FakeEventSource.opened.length, 1, 'no stream without a session');
});

const unavailable = async () => ({ ok: false, status: 503, statusText: 'Service Unavailable', headers: { get: () => '' }, json: async () => { throw new Error('not JSON'); } });

test('a list that cannot be loaded is tried again by itself, waiting twice as long each time up to a minute', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  let asked = 0;
  globalThis.fetch = path => { asked++; return unavailable(path); };
  const { panel } = panelWithoutPage();
  const errors = [];
  panel.panel.error = e => { errors.push(e); };
  const settle = async () => { for (let i = 0; i < 10; i++) await new Promise(r => setImmediate(r)); };

  await panel.start();
  const waits = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const before = asked;
    let waited = 0;
    while (asked === before && waited <= retryDelays.longest) {
      mock.timers.tick(1_000);
      waited += 1_000;
      await settle();
    }
    waits.push(waited);
  }

  assert.deepEqual(waits, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  assert.equal(errors.length, 7, 'each failed load shows its error (with a button to try at once)');
  assert.equal(FakeEventSource.opened.length, 0);
});

test('a retry that loads the list follows the stream, and the next failure waits the first delay again', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  globalThis.fetch = unavailable;
  const { panel } = panelWithoutPage();
  panel.panel.error = () => {};
  await panel.start();
  await panel.start(); // a second failure: the next wait is doubled

  const { answer } = apiAnswersLater();
  mock.timers.tick(10_000);
  await answer({ items: [a1], open: 1, position: '751-42' });

  assert.deepEqual(FakeEventSource.opened.map(s => s.url), [streamUrl('751-42')]);
  assert.equal(panel.retryDelay, retryDelays.first);
});

test('signing out while a retry waits loads nothing more', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  let asked = 0;
  globalThis.fetch = path => { asked++; return unavailable(path); };
  const { panel } = panelWithoutPage();
  panel.panel.error = () => {};
  await panel.start();
  const before = asked;

  panel.disconnect();
  mock.timers.tick(retryDelays.longest * 2);
  await new Promise(r => setImmediate(r));

  assert.equal(asked, before);
});
