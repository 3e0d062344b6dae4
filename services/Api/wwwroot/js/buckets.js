// Time buckets: the API counts per minute, hour or day; past two months the page adds days up to
// weeks, so a chart of the whole SU7 sample has tens of points rather than hundreds of sparse ones.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;

export const lengths = { minute, hour, day, week };

/** Minutes up to 6 hours, hours up to 8 days, days up to 9 weeks, weeks beyond. */
export function bucketFor(filters) {
  if (!filters.from || !filters.to) return 'day';
  const span = filters.to.getTime() - filters.from.getTime();
  if (span <= 6 * hour) return 'minute';
  if (span <= 8 * day) return 'hour';
  if (span <= 9 * week) return 'day';
  return 'week';
}

/** What to ask the API for: it has no weeks, the page adds days up. */
export const apiBucket = bucket => (bucket === 'week' ? 'day' : bucket);

/** The start of the bucket holding a time (UTC; weeks start on Monday). */
export function bucketStart(time, bucket) {
  const t = new Date(time).getTime();
  if (bucket === 'week') {
    const dayStart = Math.floor(t / day) * day;
    const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday = 0
    return dayStart - weekday * day;
  }
  return Math.floor(t / lengths[bucket]) * lengths[bucket];
}

/** Every bucket start from one time to another, for charts that show a gap where nothing was said. */
export function bucketGrid(from, to, bucket, limit = 2000) {
  if (!from || !to) return [];
  const grid = [];
  for (let t = bucketStart(from, bucket); t < to.getTime() && grid.length < limit; t += lengths[bucket]) grid.push(t);
  return grid;
}

/** Timeline rows ({ bucket, platform, positive, neutral, negative, total, averageScore }) in coarser buckets. */
export function rebucketTimeline(rows, bucket) {
  const merged = new Map();
  for (const row of rows) {
    const start = bucketStart(row.bucket, bucket);
    const key = `${start}|${row.platform}`;
    const into = merged.get(key) ?? { bucket: start, platform: row.platform, positive: 0, neutral: 0, negative: 0, total: 0, scoreSum: 0 };
    into.positive += row.positive;
    into.neutral += row.neutral;
    into.negative += row.negative;
    into.total += row.total;
    into.scoreSum += (row.averageScore ?? 0) * row.total;
    merged.set(key, into);
  }
  return [...merged.values()]
    .map(({ scoreSum, ...row }) => ({ ...row, averageScore: row.total ? scoreSum / row.total : null }))
    .sort((a, b) => a.bucket - b.bucket);
}

/** Volume rows ({ bucket, total }) in coarser buckets. */
export function rebucketVolume(rows, bucket) {
  const merged = new Map();
  for (const row of rows) {
    const start = bucketStart(row.bucket, bucket);
    merged.set(start, (merged.get(start) ?? 0) + row.total);
  }
  return [...merged.entries()].map(([start, total]) => ({ bucket: start, total })).sort((a, b) => a.bucket - b.bucket);
}
