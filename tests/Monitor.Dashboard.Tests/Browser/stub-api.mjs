// Development stand-in for services/Api (same endpoints and shapes), used until the real API lands.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../services/Api/wwwroot');
const port = Number(process.env.PORT ?? 5199);
const key = process.env.KEY ?? 'stub-admin-key-0123456789abcdef';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.txt': 'text/plain' };

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const platforms = ['weibo', 'douyin', 'xiaohongshu', 'news'];
const labels = ['positive', 'neutral', 'negative'];
const texts = ['小米SU7 上市发布会，21.59万起，太惊艳了，雷军说这是梦想的开始！', '提车一周就出故障，售后态度很差，太失望了。', 'Xiaomi SU7 deliveries start in Beijing today.', '和特斯拉Model 3比，小米SU7 续航更扎实。'];
const entities = [['Xiaomi', 'brand'], ['Xiaomi SU7', 'product'], ['Lei Jun', 'person'], ['Tesla', 'competitor'], ['BYD', 'competitor'], ['Tesla Model 3', 'competitor'], ['Porsche', 'competitor']];
const start = Date.parse('2024-03-20T00:00:00Z');
const mentions = Array.from({ length: 300 }, (_, i) => {
  const label = labels[Math.floor(rand() * 3)];
  const score = label === 'positive' ? 0.3 + rand() * 0.7 : label === 'negative' ? -0.3 - rand() * 0.7 : rand() * 0.4 - 0.2;
  const es = entities.filter(() => rand() < 0.35);
  return {
    id: randomUUID(), platform: platforms[Math.floor(rand() * 4)], url: `https://weibo.com/1/${i}`, author: `用户${i}`,
    authorFollowers: Math.floor(rand() * 200000), publishedAt: new Date(start + rand() * 40 * 86400000).toISOString(),
    title: i % 4 === 3 ? 'Xiaomi SU7 launch review' : null, snippet: texts[i % 4], language: 'zh',
    entities: es.map(([name, type]) => ({ name, type })), keywords: ['SU7'], clusterId: null, reach: Math.floor(rand() * 50000),
    sentiment: { label, score, confidence: 0.6 + rand() * 0.4, modelVersion: 'stub-1', phrases: [{ text: '太惊艳了', weight: 0.8 }, { text: '失望', weight: -0.6 }] },
  };
}).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
const alerts = [];
const streams = new Set();

function filtered(q) {
  const from = q.get('from'), to = q.get('to'), ps = q.getAll('platform'), es = q.getAll('entity'), s = q.get('sentiment'), text = q.get('q');
  return mentions.filter(m => (!from || m.publishedAt >= new Date(from).toISOString()) && (!to || m.publishedAt < new Date(to).toISOString())
    && (ps.length === 0 || ps.includes(m.platform)) && (es.length === 0 || m.entities.some(e => es.includes(e.name)))
    && (!s || m.sentiment.label === s) && (!text || m.snippet.includes(text)));
}
function bucketOf(iso, bucket) {
  const d = new Date(iso);
  if (bucket !== 'minute') d.setUTCSeconds(0, 0), d.setUTCMinutes(0);
  if (bucket === 'day') d.setUTCHours(0);
  if (bucket === 'minute') d.setUTCSeconds(0, 0);
  return d.toISOString();
}
function timeline(q) {
  const map = new Map();
  for (const m of filtered(q)) {
    const k = bucketOf(m.publishedAt, q.get('bucket') ?? 'day') + '|' + m.platform;
    const row = map.get(k) ?? { bucket: k.split('|')[0], platform: m.platform, positive: 0, neutral: 0, negative: 0, total: 0, sum: 0 };
    row[m.sentiment.label]++; row.total++; row.sum += m.sentiment.score; map.set(k, row);
  }
  return [...map.values()].map(({ sum, ...r }) => ({ ...r, averageScore: sum / r.total })).sort((a, b) => a.bucket.localeCompare(b.bucket));
}
function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const authed = req => (req.headers.cookie ?? '').includes(`monitor_key=${key}`);

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams;
  const body = await new Promise(r => { let b = ''; req.on('data', c => (b += c)); req.on('end', () => r(b)); });
  if (url.pathname === '/__stub/alert' && req.method === 'POST') {
    const a = { id: randomUUID(), subscriptionId: randomUUID(), subscriptionName: 'SU7 crisis watch', rule: 'negative-share', raisedAt: new Date().toISOString(), summary: JSON.parse(body || '{}').summary ?? 'Negative share 62% (floor 40%) over 18 items in 1h', numbers: {}, platforms: { weibo: 12, douyin: 6 }, topMentions: [{ title: '提车一周就出故障', url: 'https://weibo.com/1/1', platform: 'weibo' }], acknowledged: null, deliveryFailures: 0 };
    alerts.unshift(a);
    for (const s of streams) s.write(`event: alert\ndata: ${JSON.stringify(a)}\n\n`);
    return send(res, 200, a);
  }
  if (url.pathname === '/api/session') {
    if (req.method === 'DELETE') return send(res, 204, undefined, { 'Set-Cookie': 'monitor_key=; Max-Age=0; Path=/' });
    const k = JSON.parse(body || '{}').key;
    if (k !== key) return send(res, 401, { title: 'Unauthorized', detail: 'unknown key' });
    return send(res, 204, undefined, { 'Set-Cookie': `monitor_key=${key}; HttpOnly; SameSite=Strict; Path=/` });
  }
  if (url.pathname.startsWith('/api/')) {
    if (!authed(req)) return send(res, 401, { title: 'Unauthorized', detail: 'X-Api-Key header or monitor_key cookie missing' });
    const delay = ms => new Promise(r => setTimeout(r, ms));
    await delay(150);
    switch (url.pathname) {
      case '/api/range': return send(res, 200, { earliest: mentions.at(-1).publishedAt, latest: mentions[0].publishedAt, total: mentions.length });
      case '/api/timeline': return send(res, 200, timeline(q));
      case '/api/volume': {
        const m = new Map(); for (const r of timeline(q)) m.set(r.bucket, (m.get(r.bucket) ?? 0) + r.total);
        return send(res, 200, [...m].map(([bucket, total]) => ({ bucket, total })));
      }
      case '/api/entities/share': {
        const type = q.get('type'); const m = new Map(); const list = filtered(q);
        for (const x of list) for (const e of x.entities) if (!type || e.type === type) {
          const r = m.get(e.name) ?? { entity: e.name, type: e.type, mentions: 0, share: 0, positive: 0, neutral: 0, negative: 0 };
          r.mentions++; r[x.sentiment.label]++; m.set(e.name, r);
        }
        const total = [...m.values()].reduce((s, r) => s + r.mentions, 0);
        return send(res, 200, [...m.values()].map(r => ({ ...r, share: r.mentions / total })));
      }
      case '/api/mentions': {
        const list = filtered(q); const page = Number(q.get('page') ?? 1), size = Number(q.get('pageSize') ?? 50);
        return send(res, 200, { items: list.slice((page - 1) * size, page * size), page, pageSize: size, total: list.length });
      }
      case '/api/alerts': {
        const list = q.get('acknowledged') === 'false' ? alerts.filter(a => !a.acknowledged) : alerts;
        return send(res, 200, { items: list, page: 1, pageSize: 30, total: list.length });
      }
      case '/api/alerts/stream':
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        res.write(': connected\n\n'); streams.add(res); req.on('close', () => streams.delete(res)); return;
      case '/api/feeds': return send(res, 200, [
        { feed: 'weibo-search', platform: 'weibo', status: 'ok', lastHeartbeatAt: new Date(Date.now() - 60000).toISOString(), lastError: null, itemsPublished: 173, quarantined: 2 },
        { feed: 'douyin-search', platform: 'douyin', status: 'degraded', lastHeartbeatAt: new Date(Date.now() - 900000).toISOString(), lastError: 'HTTP 429 from the search API', itemsPublished: 95, quarantined: 0 },
        { feed: 'xhs-notes', platform: 'xiaohongshu', status: 'silent', lastHeartbeatAt: new Date(Date.now() - 86400000 * 2).toISOString(), lastError: null, itemsPublished: 92, quarantined: 1 }]);
    }
    const ack = url.pathname.match(/^\/api\/alerts\/(.+)\/ack$/);
    if (ack && req.method === 'POST') {
      const a = alerts.find(x => x.id === ack[1]); if (!a) return send(res, 404, { title: 'Not found' });
      a.acknowledged = { by: 'admin', at: new Date().toISOString() }; return send(res, 200, a);
    }
    return send(res, 404, { title: 'Not found' });
  }
  const path = join(root, url.pathname === '/' ? 'index.html' : url.pathname);
  if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return send(res, 404, { title: 'Not found' });
  res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
}).listen(port, '127.0.0.1', () => console.log(`stub api on http://127.0.0.1:${port}`));
