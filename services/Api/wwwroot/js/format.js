// How numbers, dates, platforms and sentiment read on the page.

export const platforms = [
  { id: 'weibo', label: 'Weibo', color: '#e8590c' },
  { id: 'douyin', label: 'Douyin', color: '#111827' },
  { id: 'xiaohongshu', label: 'Xiaohongshu', color: '#e11d48' },
  { id: 'news', label: 'News', color: '#2563eb' },
];

export const sentimentColors = { positive: '#16a34a', neutral: '#94a3b8', negative: '#dc2626' };

export function platformLabel(id) {
  return platforms.find(p => p.id === id)?.label ?? id;
}

export function platformColor(id) {
  return platforms.find(p => p.id === id)?.color ?? '#64748b';
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export const formatInteger = n => (n === null || n === undefined ? '–' : integer.format(n));
export const formatCompact = n => (n === null || n === undefined ? '–' : compact.format(n));
export const formatPercent = n => (n === null || n === undefined || Number.isNaN(n) ? '–' : percent.format(n));
export const formatScore = n => (n === null || n === undefined || Number.isNaN(n) ? '–' : `${n > 0 ? '+' : ''}${n.toFixed(2)}`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const formatDateTime = iso => (iso ? dateTime.format(new Date(iso)) : '–');
export const formatDate = iso => (iso ? dateOnly.format(new Date(iso)) : '–');
/** The time of day, HH:mm in the viewer's zone. */
export const formatClock = iso => (iso ? clock.format(new Date(iso)) : '–');

/** "3 min ago", "2 days ago"; past the month the date itself. */
export function formatAgo(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (seconds < 3600) return relative.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86400) return relative.format(-Math.round(seconds / 3600), 'hour');
  if (seconds < 30 * 86400) return relative.format(-Math.round(seconds / 86400), 'day');
  return formatDate(iso);
}
