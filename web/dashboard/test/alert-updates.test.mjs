// How the alerts panel merges the stream's `alert-updated` events, run with node's test runner (see page-logic.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAlertUpdate, applyAlertUpdate, acknowledgesOpenAlert } from '../../../services/Api/wwwroot/js/panels/alert-updates.js';
import { AlertsPanel, quietHoursNote } from '../../../services/Api/wwwroot/js/panels/alerts.js';

const utc = iso => new Date(iso).toISOString().slice(11, 16);
const listed = () => ({
  id: 'a1', summary: 'Negative share 62%', raisedAt: '2024-03-28T23:10:00Z', acknowledged: null,
  deliveries: 0, deliveryFailures: [], held: null, releasedAt: null, fresh: true,
});
const failure = (channelId, reason) => ({ channelId, channelKind: 'webhook', reason, attempts: 5, at: '2024-03-28T23:10:30Z' });

test('an update replaces the fields it carries and leaves the others as they were', () => {
  const alert = listed();
  const merged = applyAlertUpdate(alert, { id: 'a1', acknowledged: { by: 'ana', at: '2024-03-28T23:12:00Z' } });

  assert.deepEqual(merged, { ...listed(), acknowledged: { by: 'ana', at: '2024-03-28T23:12:00Z' } });
  assert.equal(alert.acknowledged, null, 'the alert held before is not changed in place');
});

test('a hold then a release turn the row from held to sent', () => {
  const held = applyAlertUpdate(listed(), { id: 'a1', held: { until: '2024-03-29T07:00:00Z', at: '2024-03-28T23:10:02Z' } });
  assert.equal(quietHoursNote(held, utc).text, 'Held until 07:00 (quiet hours)');

  const released = applyAlertUpdate(held, { id: 'a1', releasedAt: '2024-03-29T07:00:40Z' });
  assert.equal(quietHoursNote(released, utc).text, 'Sent at 07:00 after quiet hours');
  assert.deepEqual(released.held, held.held);
});

test('deliveries and failures arrive as totals, so a lost update is made good by the next', () => {
  const once = applyAlertUpdate(listed(), { id: 'a1', deliveryFailures: [failure('hook', 'HTTP 500')] });
  // the update listing one failure was lost; the next lists both
  const twice = applyAlertUpdate(listed(), { id: 'a1', deliveryFailures: [failure('hook', 'HTTP 500'), failure('ding', 'circuit open')] });
  const delivered = applyAlertUpdate(twice, { id: 'a1', deliveries: 2 });

  assert.equal(once.deliveryFailures.length, 1);
  assert.deepEqual(delivered.deliveryFailures.map(f => f.channelId), ['hook', 'ding']);
  assert.equal(delivered.deliveries, 2);
});

test('only an object with an id is an update', () => {
  assert.deepEqual(parseAlertUpdate('{"id":"a1","releasedAt":"2024-03-29T07:00:40Z"}'), { id: 'a1', releasedAt: '2024-03-29T07:00:40Z' });
  for (const data of ['', 'not json', 'null', '42', '{"releasedAt":"2024-03-29T07:00:40Z"}', '{"id":""}', '{"id":7}'])
    assert.equal(parseAlertUpdate(data), null, data);
});

test('an acknowledgement counts once: not for an alert already acknowledged', () => {
  const ack = { id: 'a1', acknowledged: { by: 'ana', at: '2024-03-28T23:12:00Z' } };
  assert.equal(acknowledgesOpenAlert(listed(), ack), true);
  assert.equal(acknowledgesOpenAlert({ ...listed(), acknowledged: ack.acknowledged }, ack), false);
  assert.equal(acknowledgesOpenAlert(listed(), { id: 'a1', releasedAt: '2024-03-29T07:00:40Z' }), false);
  assert.equal(acknowledgesOpenAlert(undefined, ack), true, 'an alert not listed was open until now');
});

/** The panel without its page: what it lists, its open count and how often it drew itself. */
function panelListing(...alerts) {
  const panel = Object.create(AlertsPanel.prototype);
  const seen = { counts: [], renders: 0 };
  Object.assign(panel, {
    alerts: new Map(alerts.map(a => [a.id, a])),
    acknowledgedUnlisted: new Set(),
    openCount: 5,
    onOpenCount: count => seen.counts.push(count),
    render: () => { seen.renders++; },
  });
  return { panel, seen };
}

const updated = update => ({ data: JSON.stringify(update) });

test('the panel applies an update to the alert it lists and draws it again', () => {
  const { panel, seen } = panelListing(listed(), { ...listed(), id: 'a2' });

  panel.updated(updated({ id: 'a1', acknowledged: { by: 'ana', at: '2024-03-28T23:12:00Z' } }));

  assert.deepEqual(panel.alerts.get('a1').acknowledged, { by: 'ana', at: '2024-03-28T23:12:00Z' });
  assert.equal(panel.alerts.get('a2').acknowledged, null);
  assert.deepEqual([...panel.alerts.keys()], ['a1', 'a2'], 'the order stays');
  assert.deepEqual(seen, { counts: [4], renders: 1 });

  panel.updated(updated({ id: 'a1', acknowledged: { by: 'ana', at: '2024-03-28T23:12:00Z' } }));
  assert.deepEqual(seen.counts, [4], 'the same acknowledgement again is not counted again');
});

test('the panel ignores an update for an alert it does not list, but counts its acknowledgement', () => {
  const { panel, seen } = panelListing(listed());

  panel.updated(updated({ id: 'elsewhere', releasedAt: '2024-03-29T07:00:40Z' }));
  panel.updated(updated({ id: 'elsewhere', acknowledged: { by: 'bo', at: '2024-03-28T23:12:00Z' } }));
  panel.updated({ data: 'not json' });

  assert.deepEqual([...panel.alerts.keys()], ['a1']);
  assert.deepEqual(panel.alerts.get('a1'), listed());
  assert.deepEqual(seen, { counts: [4], renders: 0 });
});
