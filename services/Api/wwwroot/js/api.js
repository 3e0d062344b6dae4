// Calls to Monitor's query API. The key travels in the HttpOnly `monitor_key` cookie that
// POST /api/session sets, so nothing here ever holds it after sign-in.

export class Unauthorized extends Error {
  constructor() { super('Your session has ended; sign in again.'); }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Builds a query string; arrays repeat the name (platform=weibo&platform=douyin), empty values are left out. */
export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(name, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function get(path, params, signal) {
  return send('GET', path + query(params), undefined, signal);
}

export async function post(path, body) {
  return send('POST', path, body);
}

export async function remove(path) {
  return send('DELETE', path);
}

async function send(method, path, body, signal) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The Monitor API cannot be reached. Check your connection and try again.');
  }
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok) throw new ApiError(response.status, await problemText(response));
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  const answer = type.includes('json') ? await response.json() : null;
  // A newer filter may have aborted this request while its body was read: its data must not be shown.
  signal?.throwIfAborted();
  return answer;
}

/** The readable part of an RFC 9457 problem: its detail (or title) and the fields it names. */
async function problemText(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON */ }
  if (response.status === 403) {
    return problem?.detail ?? 'Your key is not allowed to do this.';
  }
  if (!problem) return `The API answered ${response.status} ${response.statusText}.`;
  const text = problem.detail ?? problem.title ?? `The API answered ${response.status}.`;
  // a validation problem names each field that was wrong; add those its text does not already say
  const unsaid = Object.entries(problem.errors ?? {})
    .flatMap(([field, messages]) => [].concat(messages).map(message => ({ field, message })))
    .filter(({ message }) => !text.includes(message))
    .map(({ field, message }) => `${field}: ${message}`);
  return unsaid.length ? `${text} (${unsaid.join('; ')})` : text;
}
