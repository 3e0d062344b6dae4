// The page's pure logic (time buckets, filters in the URL), run with node's test runner:
//   node --test web/dashboard/test/
// tests/Monitor.Dashboard.Tests runs it too, so ./monitor test covers it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketFor, apiBucket, bucketStart, bucketGrid, rebucketTimeline, rebucketVolume } from '../../../services/Api/wwwroot/js/buckets.js';
import { readFilters, writeFilters, apiParams, wholeRange, presetRange, matchingPreset } from '../../../services/Api/wwwroot/js/filters.js';

const at = iso => new Date(iso);
const span = (from, to) => ({ from: at(from), to: at(to), platforms: [], entity: '' });

test('bucketFor picks minutes, hours, days or weeks from the span', () => {
  assert.equal(bucketFor(span('2024-03-28T00:00:00Z', '2024-03-28T06:00:00Z')), 'minute');
  assert.equal(bucketFor(span('2024-03-28T00:00:00Z', '2024-03-28T06:01:00Z')), 'hour');
  assert.equal(bucketFor(span('2024-03-21T00:00:00Z', '2024-03-28T00:00:00Z')), 'hour');
  assert.equal(bucketFor(span('2024-03-01T00:00:00Z', '2024-03-29T00:00:00Z')), 'day');
  assert.equal(bucketFor(span('2023-12-28T00:00:00Z', '2024-08-31T00:00:00Z')), 'week');
  assert.equal(apiBucket('week'), 'day');
  assert.equal(apiBucket('hour'), 'hour');
});

test('weeks start on Monday, UTC', () => {
  assert.equal(new Date(bucketStart('2024-03-28T15:30:00Z', 'week')).toISOString(), '2024-03-25T00:00:00.000Z');
  assert.equal(new Date(bucketStart('2024-03-25T00:00:00Z', 'week')).toISOString(), '2024-03-25T00:00:00.000Z');
  assert.equal(new Date(bucketStart('2024-03-31T23:59:00Z', 'week')).toISOString(), '2024-03-25T00:00:00.000Z');
  assert.equal(new Date(bucketStart('2024-03-28T15:30:45Z', 'minute')).toISOString(), '2024-03-28T15:30:00.000Z');
});

test('rebucketTimeline adds counts and weighs the average score by mentions, per platform', () => {
  const rows = rebucketTimeline([
    { bucket: '2024-03-26T00:00:00Z', platform: 'weibo', positive: 2, neutral: 0, negative: 0, total: 2, averageScore: 0.5 },
    { bucket: '2024-03-27T00:00:00Z', platform: 'weibo', positive: 0, neutral: 0, negative: 1, total: 1, averageScore: -1 },
    { bucket: '2024-03-27T00:00:00Z', platform: 'douyin', positive: 0, neutral: 3, negative: 0, total: 3, averageScore: 0.1 },
    { bucket: '2024-04-02T00:00:00Z', platform: 'weibo', positive: 1, neutral: 0, negative: 0, total: 1, averageScore: 0.9 },
  ], 'week');
  assert.deepEqual(rows.map(r => [new Date(r.bucket).toISOString().slice(0, 10), r.platform, r.total, r.positive, r.negative]), [
    ['2024-03-25', 'weibo', 3, 2, 1],
    ['2024-03-25', 'douyin', 3, 0, 0],
    ['2024-04-01', 'weibo', 1, 1, 0],
  ]);
  assert.ok(Math.abs(rows[0].averageScore - 0) < 1e-9, `weighted mean of 0.5×2 and −1×1 is 0, got ${rows[0].averageScore}`);
  assert.ok(Math.abs(rows[1].averageScore - 0.1) < 1e-9);
});

test('rebucketVolume adds the totals of each week', () => {
  const rows = rebucketVolume([
    { bucket: '2024-03-26T00:00:00Z', total: 4 },
    { bucket: '2024-03-31T00:00:00Z', total: 1 },
    { bucket: '2024-04-01T00:00:00Z', total: 7 },
  ], 'week');
  assert.deepEqual(rows.map(r => r.total), [5, 7]);
});

test('bucketGrid lists every bucket of the range, the last one before "to"', () => {
  const grid = bucketGrid(at('2024-03-28T10:00:00Z'), at('2024-03-29T00:00:00Z'), 'hour');
  assert.equal(grid.length, 14);
  assert.equal(new Date(grid[0]).toISOString(), '2024-03-28T10:00:00.000Z');
  assert.equal(new Date(grid.at(-1)).toISOString(), '2024-03-28T23:00:00.000Z');
  assert.equal(bucketGrid(null, at('2024-03-29T00:00:00Z'), 'hour').length, 0);
});

test('filters survive a round trip through the URL; unknown platforms and bad dates are dropped', () => {
  const filters = { from: at('2024-03-28T00:00:00Z'), to: at('2024-04-04T00:00:00Z'), platforms: ['weibo', 'news'], entity: 'Xiaomi SU7' };
  assert.deepEqual(readFilters(writeFilters(filters)), filters);
  const read = readFilters('?from=yesterday&to=2024-04-04T00:00:00Z&platform=weibo&platform=myspace&entity=%20Tesla%20');
  assert.equal(read.from, null);
  assert.equal(read.to.toISOString(), '2024-04-04T00:00:00.000Z');
  assert.deepEqual(read.platforms, ['weibo']);
  assert.equal(read.entity, 'Tesla');
  assert.equal(writeFilters({ from: null, to: null, platforms: [], entity: '' }), '');
});

test('apiParams repeat platforms and leave out what is not set', () => {
  const params = apiParams({ from: at('2024-03-28T00:00:00Z'), to: null, platforms: ['weibo', 'douyin'], entity: '' });
  assert.deepEqual(params, { from: '2024-03-28T00:00:00.000Z', to: undefined, platform: ['weibo', 'douyin'], entity: [] });
});

test('presets end where the data ends and are recognised again', () => {
  const range = { earliest: '2023-12-28T01:12:30Z', latest: '2024-08-31T14:01:10Z', total: 384 };
  const whole = wholeRange(range);
  assert.equal(whole.from.toISOString(), '2023-12-28T01:12:00.000Z');
  assert.equal(whole.to.toISOString(), '2024-08-31T14:02:00.000Z', 'the last item lies inside the range ("to" is exclusive)');
  const week = presetRange('7d', range);
  assert.equal(week.to.toISOString(), whole.to.toISOString());
  assert.equal(week.to - week.from, 7 * 24 * 3600 * 1000);
  assert.equal(matchingPreset({ ...week, platforms: [], entity: '' }, range), '7d');
  assert.equal(matchingPreset({ ...whole, platforms: [], entity: '' }, range), 'all');
  assert.equal(matchingPreset({ from: at('2024-01-01T00:00:00Z'), to: whole.to }, range), null);
  assert.deepEqual(wholeRange({ earliest: null, latest: null, total: 0 }), { from: null, to: null });
});
