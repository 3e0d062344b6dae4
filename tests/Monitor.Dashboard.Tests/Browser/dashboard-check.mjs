// Drives the dashboard in Debian's chromium through Playwright, as a PR person would use it.
// Started by When_using_the_dashboard (xunit) with:
//   DASHBOARD_URL      where the Api serves the page, e.g. http://127.0.0.1:5106/
//   DASHBOARD_KEY      an admin key to sign in with
//   SCREENSHOT_DIR     where the screenshots go (printed as "screenshot <path>")
//   CHROMIUM           the browser (default /usr/bin/chromium)
// Protocol on stdout/stdin: the script prints "waiting-for-alert", the test appends an AlertRaised
// and writes its id as one line; the script sees it appear without a reload and acknowledges it
// ("acknowledged <id>"); the card shows its channel's delivery retrying. Before that it corrects the first mention's
// label ("corrected <id> <label>") and sees the correction in a fresh tab, as the API serves it from then on. Every wait is bounded; on failure the browser's console is printed.
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(repository, 'web', 'dashboard', 'package.json'));
const { chromium } = require('playwright-core');

const url = required('DASHBOARD_URL');
const key = required('DASHBOARD_KEY');
const screenshots = resolve(process.env.SCREENSHOT_DIR ?? join(repository, '.monitor', 'screenshots'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const wait = { timeout: 30_000 };

const consoleLines = [];
const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();

function required(name) {
  const value = process.env[name];
  if (!value) { console.error(`dashboard-check: set ${name}`); process.exit(2); }
  return value;
}

function step(text) { console.log(`step ${text}`); }

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, name, options = {}) {
  const path = join(screenshots, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, ...options });
  console.log(`screenshot ${path}`);
}

/** Every chart panel: ready, an ECharts instance with series data, and pixels on its canvas. */
async function chartsRendered(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-chart]')].map(element => {
    const chart = window.echarts?.getInstanceByDom(element);
    const series = chart?.getOption()?.series ?? [];
    const points = series.flatMap(s => s.data ?? []).filter(d => {
      const v = Array.isArray(d) ? d[1] : (d?.value ?? d);
      return typeof v === 'number' && !Number.isNaN(v);
    }).length;
    const canvas = element.querySelector('canvas');
    let inked = 0;
    if (canvas) {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 16) if (data[i] > 0) inked++;
    }
    return {
      name: element.dataset.chart,
      state: element.closest('.panel').dataset.state,
      instance: Boolean(chart),
      series: series.length,
      points,
      inked,
      signature: JSON.stringify(series.map(s => s.data)),
    };
  }));
}

async function waitForPanels(page, ids) {
  for (const id of ids) {
    await page.waitForFunction(panel => ['ready', 'empty'].includes(document.getElementById(panel)?.dataset.state), id, wait)
      .catch(() => { throw new Error(`panel ${id} did not finish loading within ${wait.timeout / 1000} s`); });
  }
}

async function panelStates(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.panel')].map(p => [p.id, p.dataset.state])));
}

async function run(page) {
  step('open the page signed out');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('API key').waitFor(wait);
  await shot(page, 'sign-in.png');

  step('a wrong key is refused');
  await page.getByLabel('API key').fill('not-a-key-anyone-was-given-0000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => document.getElementById('sign-in-error').textContent.includes('not accepted'), null, wait)
    .catch(() => { throw new Error('signing in with an unknown key showed no error'); });
  check(await page.locator('#main').isHidden(), 'an unknown key opened the dashboard');

  step('sign in');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#main').waitFor({ state: 'visible', ...wait });
  await page.evaluate(() => { window.signedInWithoutReload = true; });
  const all = ['panel-sentiment', 'panel-volume', 'panel-share', 'panel-mentions', 'panel-alerts', 'panel-feeds'];
  await waitForPanels(page, all);
  const states = await panelStates(page);
  for (const id of ['panel-sentiment', 'panel-volume', 'panel-share', 'panel-mentions']) {
    check(states[id] === 'ready', `${id} shows "${states[id]}" after loading the sample; expected data`);
  }

  step('charts rendered');
  const before = await chartsRendered(page);
  for (const chart of before) {
    check(chart.instance, `chart "${chart.name}" has no ECharts instance`);
    check(chart.series > 0 && chart.points > 0, `chart "${chart.name}" has no series data (${chart.series} series, ${chart.points} points)`);
    check(chart.inked > 200, `chart "${chart.name}" canvas is blank (${chart.inked} inked pixels sampled)`);
  }
  console.log(`charts ${before.map(c => `${c.name}:${c.series} series/${c.points} points`).join(', ')}`);
  const mentionCount = await page.locator('.mention').count();
  check(mentionCount > 0, 'the mentions list is empty');
  check(await page.locator('.mention .sentiment-badge .score').first().isVisible(), 'mentions show no sentiment score');
  check(await page.locator('.mention .phrase').count() > 0, 'no mention shows the phrases behind its sentiment');
  check(await page.locator('.mention a.mention-title[href^="http"]').count() === mentionCount, 'a mention has no link to its source');
  const feeds = await page.locator('.feeds tbody tr').count();
  check(feeds > 0, 'feed health lists no feed');
  const statuses = await page.locator('.feeds .status-pill').allTextContents();
  check(statuses.every(s => ['OK', 'Degraded', 'Failing', 'Silent'].includes(s)), `feed health shows unknown statuses: ${statuses.join(', ')}`);
  console.log(`feeds ${feeds}: ${statuses.join(', ')}`);
  await shot(page, 'dashboard-1280.png');

  step('filter to Weibo');
  for (const other of ['Douyin', 'Xiaohongshu', 'News']) {
    await page.locator('.platform-toggle', { hasText: other }).locator('input').uncheck();
  }
  await page.waitForFunction(() => {
    const params = new URLSearchParams(location.search);
    return params.getAll('platform').join() === 'weibo';
  }, null, wait).catch(() => { throw new Error(`the URL did not keep the platform filter: ${page.url()}`); });
  await waitForPanels(page, all);
  await page.waitForFunction(() => [...document.querySelectorAll('.mention .platform-badge')].every(b => b.textContent === 'Weibo'), null, wait)
    .catch(() => { throw new Error('the mentions list still shows other platforms than Weibo'); });
  const feedPlatforms = await page.locator('.feeds tbody .platform-badge').allTextContents();
  check(feedPlatforms.every(p => p === 'Weibo'), `feed health still lists ${feedPlatforms.join(', ')} when filtered to Weibo`);
  const after = await chartsRendered(page);
  for (const chart of after) {
    const earlier = before.find(c => c.name === chart.name);
    check(chart.points > 0, `chart "${chart.name}" has no data for Weibo alone`);
    check(chart.signature !== earlier.signature, `chart "${chart.name}" did not change when filtering to Weibo`);
  }
  const sentimentSeries = await page.evaluate(() =>
    window.echarts.getInstanceByDom(document.querySelector('[data-chart="sentiment"]')).getOption().series.map(s => s.name));
  check(sentimentSeries.join() === 'Weibo', `the sentiment chart shows ${sentimentSeries.join(', ')} after filtering to Weibo`);
  await shot(page, 'dashboard-weibo.png');

  step('a shared link opens the same view');
  const shared = page.url();
  const second = await page.context().newPage();
  second.on('console', m => consoleLines.push(`[second tab ${m.type()}] ${m.text()}`));
  await second.goto(shared, { waitUntil: 'domcontentloaded' });
  await waitForPanels(second, ['panel-sentiment']);
  const secondSeries = await second.evaluate(() =>
    window.echarts.getInstanceByDom(document.querySelector('[data-chart="sentiment"]')).getOption().series.map(s => s.name));
  check(secondSeries.join() === 'Weibo', `a link to the Weibo view opened with ${secondSeries.join(', ')}`);

  step('a quiet period shows empty panels, a broken link the API\'s error');
  const base = new URL(url);
  await second.goto(new URL('/?from=2023-01-01T00:00:00Z&to=2023-01-08T00:00:00Z', base).href, { waitUntil: 'domcontentloaded' });
  await waitForPanels(second, ['panel-sentiment', 'panel-volume', 'panel-share', 'panel-mentions']);
  const quiet = await panelStates(second);
  for (const id of ['panel-sentiment', 'panel-volume', 'panel-share', 'panel-mentions']) {
    check(quiet[id] === 'empty', `${id} shows "${quiet[id]}" for a week without coverage; expected its empty state`);
  }
  await second.goto(new URL('/?from=2024-05-01T00:00:00Z&to=2024-04-01T00:00:00Z', base).href, { waitUntil: 'domcontentloaded' });
  await second.waitForFunction(() => document.getElementById('panel-mentions').dataset.state === 'error', null, wait)
    .catch(() => { throw new Error('a link whose "to" is before its "from" did not show an error in the mentions panel'); });
  const problem = await second.locator('#panel-mentions .panel-message.error p').textContent();
  check(/\bto\b/.test(problem), `the error does not name the field that was wrong: "${problem}"`);
  console.log(`error shown: ${problem}`);
  await second.close();

  step('correct a mention\'s label');
  const first = page.locator('.mention').first();
  const mentionId = await first.getAttribute('data-mention-id');
  const was = await first.getAttribute('data-sentiment');
  const to = was === 'negative' ? 'positive' : 'negative';
  await first.locator('.correct-sentiment summary').click();
  await first.getByLabel('Why (optional)').fill('checked by the browser test');
  await first.getByRole('button', { name: `Mark as ${to}` }).click();
  const corrected = page.locator(`.mention[data-mention-id="${mentionId}"]`);
  await corrected.locator('.sentiment-badge .corrected').waitFor({ state: 'visible', ...wait })
    .catch(() => { throw new Error(`mention ${mentionId} does not show its correction`); });
  check(await corrected.getAttribute('data-sentiment') === to, `mention ${mentionId} shows ${await corrected.getAttribute('data-sentiment')} after being marked ${to}`);
  console.log(`corrected ${mentionId} ${to}`);
  // It sticks: a fresh page reads the corrected label back from the API (its read model follows within moments).
  const fresh = await page.context().newPage();
  fresh.on('console', m => consoleLines.push(`[fresh tab ${m.type()}] ${m.text()}`));
  let seen = null;
  for (let attempt = 0; attempt < 10 && seen !== to; attempt++) {
    await fresh.goto(page.url(), { waitUntil: 'domcontentloaded' });
    await waitForPanels(fresh, ['panel-mentions']);
    seen = await fresh.locator(`.mention[data-mention-id="${mentionId}"]`).getAttribute('data-sentiment', { timeout: 5_000 }).catch(() => null);
    if (seen !== to) await fresh.waitForTimeout(500);
  }
  check(seen === to, `after a reload mention ${mentionId} shows ${seen}, not the corrected ${to}`);
  check(await fresh.locator(`.mention[data-mention-id="${mentionId}"] .sentiment-badge .corrected`).textContent() === 'corrected by admin',
    `after a reload mention ${mentionId} does not say who corrected it`);
  await fresh.close();

  step('live alert');
  await page.waitForFunction(() => document.getElementById('live-status').dataset.state === 'live', null, wait)
    .catch(() => { throw new Error('the alert stream never connected (live status stayed off)'); });
  console.log('waiting-for-alert');
  const answer = await Promise.race([lines.next(), new Promise((_, reject) => setTimeout(() => reject(new Error('no alert id on stdin within 30 s')), 30_000))]);
  const alertId = answer.value?.trim();
  check(alertId, 'the test sent no alert id');
  const alert = page.locator(`.alert[data-alert-id="${alertId}"]`);
  await alert.waitFor({ state: 'visible', ...wait })
    .catch(() => { throw new Error(`alert ${alertId} did not appear in the feed within ${wait.timeout / 1000} s`); });
  check(await page.evaluate(() => window.signedInWithoutReload === true), 'the page reloaded to show the alert');
  await alert.locator('.delivery-retrying', { hasText: 'hook: retrying, next at' }).waitFor({ state: 'visible', ...wait })
    .catch(() => { throw new Error(`alert ${alertId} does not show its channel retrying`); });
  await shot(page, 'alert-arrived.png');
  await alert.getByRole('button', { name: /Acknowledge/ }).click();
  await alert.locator('.alert-ack').waitFor({ state: 'visible', ...wait })
    .catch(() => { throw new Error(`alert ${alertId} was not shown as acknowledged`); });
  console.log(`acknowledged ${alertId}`);

  step('narrow screen');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400); // ECharts resizes on the next animation frame after the ResizeObserver fires
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page scrolls sideways by ${overflow}px at 390px wide`);
  await shot(page, 'dashboard-narrow.png', { fullPage: false });

  step('sign out');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor(wait);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByLabel('API key').waitFor(wait)
    .catch(() => { throw new Error('after signing out a reload shows the dashboard again (the cookie was not cleared)'); });
}

mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'monitor-chromium-'));
let context;
let exitCode = 0;
try {
  // A persistent context is how Playwright takes a --user-data-dir: a fresh one per run.
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', m => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', e => consoleLines.push(`[pageerror] ${e.message}`));
  page.on('requestfailed', r => consoleLines.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', r => { if (r.status() >= 400) consoleLines.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}`); });
  try {
    await run(page);
    console.log('dashboard-check: ok');
  } catch (e) {
    exitCode = 1;
    console.log(`dashboard-check: FAILED: ${e.message}`);
    await shot(page, 'failure.png').catch(() => {});
    console.log(`panels ${JSON.stringify(await panelStates(page).catch(() => ({})))}`);
  }
} catch (e) {
  exitCode = 1;
  console.log(`dashboard-check: FAILED to start ${executablePath}: ${e.message}`);
} finally {
  if (consoleLines.length) console.log(['browser console:', ...consoleLines.map(l => `  ${l}`)].join('\n'));
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  stdin.close();
}
process.exit(exitCode);
