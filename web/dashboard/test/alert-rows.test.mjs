// What an alert row says about quiet hours, run with node's test runner (see page-logic.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietHoursNote } from '../../../services/Api/wwwroot/js/panels/alerts.js';

const utc = iso => new Date(iso).toISOString().slice(11, 16);
const raised = { id: 'a1', summary: 'Negative share 62%', raisedAt: '2024-03-28T23:10:00Z' };
const held = { until: '2024-03-29T07:00:00Z', at: '2024-03-28T23:10:02Z' };

test('an alert sent at once says nothing about quiet hours', () => {
  assert.equal(quietHoursNote(raised, utc), null);
  assert.equal(quietHoursNote({ ...raised, held: null, releasedAt: null }, utc), null);
});

test('a held alert says until when, and once released when it was sent', () => {
  assert.equal(quietHoursNote({ ...raised, held, releasedAt: null }, utc).text, 'Held until 07:00 (quiet hours)');
  assert.equal(quietHoursNote({ ...raised, held, releasedAt: '2024-03-29T07:00:40Z' }, utc).text, 'Sent at 07:00 after quiet hours');
  assert.equal(quietHoursNote({ ...raised, held, releasedAt: '2024-03-29T07:05:00Z' }, utc).text, 'Sent at 07:05 after quiet hours');
});

test("the note's title gives the full times", () => {
  const note = quietHoursNote({ ...raised, held, releasedAt: null });
  assert.match(note.title, /^Held at .+ until .+2024/);
  assert.match(note.text, /^Held until \d\d:\d\d \(quiet hours\)$/);
});

test('each channel says where its delivery stands', async () => {
  const { deliveryNote } = await import('../../../services/Api/wwwroot/js/panels/alerts.js');
  const hook = { channelId: 'hook', channelKind: 'webhook' };
  assert.equal(deliveryNote({ ...hook, state: 'pending', attempts: 0 }, utc).text, 'hook: pending');
  assert.equal(deliveryNote({ ...hook, state: 'delivered', attempts: 2 }, utc).text, 'hook: delivered');
  assert.equal(deliveryNote({ ...hook, state: 'delivered', attempts: 2 }, utc).title, 'webhook delivered after 2 attempts');
  const retrying = deliveryNote({ ...hook, state: 'retrying', attempts: 3, nextAttemptAt: '2024-03-29T07:05:00Z', reason: 'HTTP 503' }, utc);
  assert.equal(retrying.text, 'hook: retrying, next at 07:05');
  assert.equal(retrying.title, '3 attempts so far; last: HTTP 503');
  const failed = deliveryNote({ ...hook, state: 'failed', attempts: 1, reason: 'HTTP 404 from https://example.com/hook' }, utc);
  assert.equal(failed.text, 'hook: failed');
  assert.equal(failed.title, 'Given up after 1 attempt: HTTP 404 from https://example.com/hook');
  assert.equal(failed.state, 'failed');
});

test('an unknown state reads as pending, never as delivered', async () => {
  const { deliveryNote } = await import('../../../services/Api/wwwroot/js/panels/alerts.js');
  assert.equal(deliveryNote({ channelId: 'hook', state: 'sideways' }, utc).state, 'pending');
});
