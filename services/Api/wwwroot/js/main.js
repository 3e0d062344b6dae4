// The dashboard: sign-in, filters kept in the URL, and the panels that follow them.
import * as api from './api.js';
import { h, clear } from './dom.js';
import { platforms, platformLabel, formatInteger, formatPercent, formatScore, formatDateTime } from './format.js';
import { readFilters, writeFilters, apiParams, wholeRange, presetRange, matchingPreset, toLocalInput, fromLocalInput } from './filters.js';
import { bucketFor, apiBucket, rebucketTimeline, rebucketVolume } from './buckets.js';
import { SentimentPanel } from './panels/sentiment.js';
import { VolumePanel } from './panels/volume.js';
import { SharePanel, displayName } from './panels/share.js';
import { MentionsPanel, pageSize } from './panels/mentions.js';
import { AlertsPanel } from './panels/alerts.js';
import { FeedsPanel } from './panels/feeds.js';

const $ = id => document.getElementById(id);

const state = {
  range: null,
  filters: { from: null, to: null, platforms: [], entity: '' },
  mentions: { page: 1, sentiment: '', q: '' },
  shareType: '',
  inFlight: null,
  entityNames: new Set(),
  feedsTimer: null,
};

let panels = null;

document.addEventListener('DOMContentLoaded', () => {
  wireSignIn();
  showDashboard().catch(fail);
});

async function showDashboard() {
  let range;
  try {
    range = await api.get('/api/range');
  } catch (e) {
    if (e instanceof api.Unauthorized) return showSignIn();
    throw e;
  }
  state.range = range;
  $('sign-in').hidden = true;
  $('main').hidden = false;
  $('sign-out').hidden = false;
  $('live-status').hidden = false;
  panels ??= createPanels();
  wireFilters();
  applyUrl();
  panels.alerts.start();
  loadFeeds();
  // feeds report on their own schedule: look again every minute
  clearInterval(state.feedsTimer);
  state.feedsTimer = setInterval(loadFeeds, 60_000);
}

function createPanels() {
  return {
    sentiment: new SentimentPanel(),
    volume: new VolumePanel(),
    share: new SharePanel(entity => setFilters({ entity })),
    mentions: new MentionsPanel(page => { state.mentions.page = page; loadMentions(); }, {
      // viewers read only; a session opened before this page was loaded has no known role, and the API decides
      canCorrect: () => sessionStorage.getItem(roleKey) !== 'viewer',
      toast,
      onUnauthorized: showSignIn,
    }),
    alerts: new AlertsPanel({
      onStatus: showLiveStatus,
      onOpenCount: count => { $('kpi-alerts').textContent = formatInteger(count); },
      onUnauthorized: showSignIn,
      toast,
    }),
    feeds: new FeedsPanel(),
  };
}

// ---- sign-in

/** The signed-in key's role (admin, analyst, viewer), as POST /api/session answered it. */
const roleKey = 'monitor.role';

function wireSignIn() {
  $('sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = $('api-key');
    const error = $('sign-in-error');
    error.textContent = '';
    if (!input.value.trim()) {
      error.textContent = 'Enter your API key.';
      input.focus();
      return;
    }
    const button = event.target.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const session = await api.post('/api/session', { key: input.value.trim() });
      if (session?.role) sessionStorage.setItem(roleKey, session.role);
      input.value = '';
      await showDashboard();
    } catch (e) {
      error.textContent = e instanceof api.Unauthorized ? 'That key was not accepted. Check it and try again.' : e.message;
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  $('sign-out').addEventListener('click', async () => {
    try { await api.remove('/api/session'); } catch { /* the cookie is cleared or already gone */ }
    sessionStorage.removeItem(roleKey);
    showSignIn();
  });
}

function showSignIn() {
  panels?.alerts.disconnect();
  clearInterval(state.feedsTimer);
  $('main').hidden = true;
  $('sign-out').hidden = true;
  $('live-status').hidden = true;
  $('sign-in').hidden = false;
  $('api-key').focus();
}

// ---- filters

let filtersWired = false;

function wireFilters() {
  if (filtersWired) return;
  filtersWired = true;
  const box = $('filter-platforms');
  for (const p of platforms) {
    box.append(h('label', { class: 'platform-toggle', style: `--platform:${p.color}` },
      h('input', { type: 'checkbox', value: p.id, name: 'platform' }), h('span', {}, p.label)));
  }
  box.addEventListener('change', () => {
    const checked = [...box.querySelectorAll('input:checked')].map(i => i.value);
    // every platform ticked is the same view as none ticked: keep the URL short
    setFilters({ platforms: checked.length === platforms.length ? [] : checked });
  });
  document.querySelectorAll('[data-preset]').forEach(button =>
    button.addEventListener('click', () => setFilters(presetRange(button.dataset.preset, state.range))));
  for (const id of ['filter-from', 'filter-to']) {
    $(id).addEventListener('change', () => {
      const from = fromLocalInput($('filter-from').value);
      const to = fromLocalInput($('filter-to').value);
      if (from && to && from >= to) {
        toast('"From" must be before "To".', 'error');
        renderFilters();
        return;
      }
      setFilters({ from, to });
    });
  }
  const entity = $('filter-entity');
  const setEntity = () => { if (entity.value.trim() !== state.filters.entity) setFilters({ entity: entity.value.trim() }); };
  entity.addEventListener('change', setEntity);
  entity.addEventListener('search', setEntity);
  $('share-type').addEventListener('change', event => { state.shareType = event.target.value; loadShare(); });
  document.querySelectorAll('input[name="mention-sentiment"]').forEach(radio =>
    radio.addEventListener('change', () => { state.mentions = { ...state.mentions, page: 1, sentiment: radio.value }; loadMentions(); }));
  let typing = null;
  $('mention-search').addEventListener('input', event => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.mentions = { ...state.mentions, page: 1, q: event.target.value.trim() }; loadMentions(); }, 300);
  });
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      toast('Link to this view copied.');
    } catch {
      toast('Copy the address bar to share this view.');
    }
  });
  window.addEventListener('popstate', applyUrl);
}

/** The URL is the source of truth: a shared link opens the same view. */
function applyUrl() {
  const filters = readFilters(location.search);
  if (!filters.from || !filters.to) Object.assign(filters, wholeRange(state.range));
  state.filters = filters;
  refresh();
}

function setFilters(change) {
  state.filters = { ...state.filters, ...change };
  history.pushState(null, '', writeFilters(state.filters) || location.pathname);
  refresh();
}

function renderFilters() {
  const f = state.filters;
  $('filter-from').value = toLocalInput(f.from);
  $('filter-to').value = toLocalInput(f.to);
  const preset = matchingPreset(f, state.range);
  document.querySelectorAll('[data-preset]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.preset === preset)));
  $('filter-platforms').querySelectorAll('input').forEach(i => { i.checked = f.platforms.length === 0 || f.platforms.includes(i.value); });
  $('filter-entity').value = f.entity;
  const where = f.platforms.length ? f.platforms.map(platformLabel).join(', ') : 'all platforms';
  $('filter-summary').textContent = `${formatDateTime(f.from)} – ${formatDateTime(f.to)} · ${where}${f.entity ? ` · ${f.entity}` : ''}`;
}

// ---- loading the panels

function refresh() {
  renderFilters();
  state.inFlight?.abort();
  state.inFlight = new AbortController();
  state.mentions.page = 1;
  loadTimeline();
  loadShare();
  loadMentions();
  panels.alerts.follow(state.filters);
  if (panels.feedsData) panels.feeds.render(panels.feedsData, state.filters);
}

async function loadTimeline() {
  const bucket = bucketFor(state.filters);
  const params = { ...apiParams(state.filters), bucket: apiBucket(bucket) };
  panels.sentiment.loading();
  panels.volume.loading();
  await guarded(async signal => {
    const [timeline, volume] = await Promise.all([api.get('/api/timeline', params, signal), api.get('/api/volume', params, signal)]);
    const rows = rebucketTimeline(timeline, bucket);
    panels.sentiment.render(rows, bucket, state.filters);
    panels.volume.render(rebucketVolume(volume, bucket), rows, bucket);
    renderKpis(rows);
  }, e => {
    panels.sentiment.failed(e, loadTimeline);
    panels.volume.failed(e, loadTimeline);
  });
}

async function loadShare() {
  panels.share.loading();
  await guarded(async signal => {
    const share = await api.get('/api/entities/share', { ...apiParams(state.filters), type: state.shareType }, signal);
    panels.share.render(share);
    rememberEntities(share);
  }, e => panels.share.failed(e, loadShare));
}

async function loadMentions() {
  const { page, sentiment, q } = state.mentions;
  const params = { ...apiParams(state.filters), sentiment, q };
  $('export-csv').href = '/api/mentions/export' + api.query({ format: 'csv', ...params });
  $('export-jsonl').href = '/api/mentions/export' + api.query({ format: 'jsonl', ...params });
  panels.mentions.loading();
  await guarded(async signal => {
    panels.mentions.render(await api.get('/api/mentions', { ...params, page, pageSize }, signal));
  }, e => panels.mentions.failed(e, loadMentions));
}

async function loadFeeds() {
  panels.feeds.loading();
  await guarded(async () => {
    panels.feedsData = await api.get('/api/feeds');
    panels.feeds.render(panels.feedsData, state.filters);
  }, e => panels.feeds.failed(e, loadFeeds));
}

/** Runs a load; a newer filter change aborts it quietly, a lost session shows the sign-in. */
async function guarded(load, failed) {
  const signal = state.inFlight?.signal;
  try {
    await load(signal);
  } catch (e) {
    if (e.name === 'AbortError') return;
    if (e instanceof api.Unauthorized) return showSignIn();
    console.error(e);
    failed(e);
  }
}

function renderKpis(timeline) {
  const total = timeline.reduce((sum, row) => sum + row.total, 0);
  const negative = timeline.reduce((sum, row) => sum + row.negative, 0);
  const weighted = timeline.reduce((sum, row) => sum + (row.averageScore ?? 0) * row.total, 0);
  $('kpi-mentions').textContent = formatInteger(total);
  $('kpi-negative').textContent = total ? formatPercent(negative / total) : '–';
  $('kpi-score').textContent = total ? formatScore(weighted / total) : '–';
  $('kpi-negative').dataset.tone = total && negative / total >= 0.3 ? 'bad' : '';
}

function rememberEntities(share) {
  for (const row of share) state.entityNames.add(displayName(row));
  const list = clear($('entity-options'));
  for (const name of [...state.entityNames].sort()) list.append(h('option', { value: name }));
}

// ---- status and messages

function showLiveStatus(status) {
  const element = $('live-status');
  element.dataset.state = status;
  element.textContent = { live: 'Live', connecting: 'Reconnecting…', off: 'Offline' }[status];
}

let toastTimer = null;
function toast(message, tone = 'info') {
  const element = $('toast');
  element.textContent = message;
  element.dataset.tone = tone;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { element.hidden = true; }, 5000);
}

function fail(error) {
  console.error(error);
  $('sign-in').hidden = true;
  $('main').hidden = true;
  document.body.append(h('div', { class: 'fatal card', role: 'alert' },
    h('h1', {}, 'The dashboard could not start'),
    h('p', {}, error?.message ?? String(error)),
    h('button', { type: 'button', class: 'button primary', onclick: () => location.reload() }, 'Reload')));
}
