// The filters every panel follows, kept in the page's URL so a view can be shared as a link.
import { platforms } from './format.js';

const minute = 60_000;
const day = 24 * 60 * minute;

export const presets = { '24h': day, '7d': 7 * day, '28d': 28 * day };

/** Reads from/to/platform/entity from a query string; bad values are dropped rather than trusted. */
export function readFilters(search) {
  const params = new URLSearchParams(search);
  const date = name => {
    const value = params.get(name);
    const parsed = value ? new Date(value) : null;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
  };
  const known = new Set(platforms.map(p => p.id));
  return {
    from: date('from'),
    to: date('to'),
    platforms: params.getAll('platform').filter(p => known.has(p)),
    entity: (params.get('entity') ?? '').trim(),
  };
}

export function writeFilters(filters) {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from.toISOString());
  if (filters.to) params.set('to', filters.to.toISOString());
  for (const p of filters.platforms) params.append('platform', p);
  if (filters.entity) params.set('entity', filters.entity);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters as the API's common query parameters. */
export function apiParams(filters) {
  return {
    from: filters.from?.toISOString(),
    to: filters.to?.toISOString(),
    platform: filters.platforms,
    entity: filters.entity ? [filters.entity] : [],
  };
}

/** The data's whole span, to whole minutes, with the last item inside the range. */
export function wholeRange(range) {
  if (!range?.earliest || !range?.latest) return { from: null, to: null };
  const from = new Date(Math.floor(new Date(range.earliest).getTime() / minute) * minute);
  const to = new Date(Math.floor(new Date(range.latest).getTime() / minute) * minute + minute);
  return { from, to };
}

/** A preset ends where the data ends (the sample corpus is from 2024), not at the wall clock. */
export function presetRange(preset, range) {
  const whole = wholeRange(range);
  if (preset === 'all' || !presets[preset] || !whole.to) return whole;
  return { from: new Date(whole.to.getTime() - presets[preset]), to: whole.to };
}

export function matchingPreset(filters, range) {
  for (const preset of [...Object.keys(presets), 'all']) {
    const r = presetRange(preset, range);
    if (r.from && r.to && filters.from?.getTime() === r.from.getTime() && filters.to?.getTime() === r.to.getTime()) return preset;
  }
  return null;
}

/** datetime-local inputs speak local wall-clock time without a zone. */
export function toLocalInput(date) {
  if (!date) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * minute);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value) {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
