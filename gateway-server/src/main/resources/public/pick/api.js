// Calls to the gateway (same origin): JSON in and out, the device token as a bearer, a timeout on every call (a
// Wi-Fi dead spot otherwise hangs a request for minutes), and a record of whether the gateway answered.

const DEFAULT_TIMEOUT_MS = 8000;

let token = null;
const listeners = new Set();
let reachable = null;
let since = Date.now();

export function setToken(t) {
  token = t;
}

/** Calls fn(reachable, sinceMillis) whenever the gateway starts or stops answering. */
export function onReachability(fn) {
  listeners.add(fn);
  fn(reachable, since);
}

function note(ok) {
  if (reachable !== ok) {
    reachable = ok;
    since = Date.now();
    for (const fn of listeners) {
      fn(reachable, since);
    }
  }
}

export function isReachable() {
  return reachable === true;
}

/** An HTTP answer other than 2xx. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.error || null;
  }
}

/**
 * Issue 20: the gateway answers with core time (X-FG-Core-Time); a PDA clock more than 3 minutes off it gets a small
 * warning so the picker can tell site IT (operations still sync: the gateway stamps its own, corrected time).
 */
const CLOCK_WARN_MS = 3 * 60 * 1000;
function clockCheck(coreTime) {
  const el = document.getElementById('clock-warning');
  const core = Number(coreTime);
  if (!el || !coreTime || !Number.isFinite(core)) return;
  const off = Date.now() - core;
  el.hidden = Math.abs(off) <= CLOCK_WARN_MS;
  el.textContent = `This device's clock is ${Math.round(Math.abs(off) / 60000)} min ${off > 0 ? 'ahead' : 'behind'}:`
    + ' tell site IT';
}

/** The gateway did not answer (network down, timeout). */
export class Unreachable extends Error {}

/**
 * @returns the parsed JSON body of a 2xx answer
 * @throws ApiError for another status, Unreachable when no answer came
 */
export async function call(method, path, body, { timeoutMs = DEFAULT_TIMEOUT_MS, auth = true } = {}) {
  const headers = { Accept: 'application/json', 'X-FG-Device-Time': String(Date.now()) };
  const raw = body instanceof Blob; // a photo: its bytes as they are, with the blob's type
  if (body !== undefined) {
    headers['Content-Type'] = raw ? body.type : 'application/json';
  }
  if (auth && token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  let res;
  try {
    res = await fetch(path, {
      method, headers, body: body === undefined || raw ? body : JSON.stringify(body), signal: ctl.signal,
      cache: 'no-store',
    });
  } catch (e) {
    note(false);
    throw new Unreachable(e.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : e.message);
  } finally {
    clearTimeout(timer);
  }
  note(res.status < 500 || res.status === 507);
  clockCheck(res.headers.get('X-FG-Core-Time'));
  const text = await res.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = { message: text.slice(0, 200) };
    }
  }
  if (!res.ok) {
    throw new ApiError(res.status, json);
  }
  return json;
}

export const get = (path, opts) => call('GET', path, undefined, opts);
export const post = (path, body, opts) => call('POST', path, body === undefined ? {} : body, opts);

/**
 * Reads the gateway's server-sent events with fetch (an EventSource cannot send the bearer token, and a token in
 * the URL would end up in logs). Reconnects with Last-Event-ID after any break, waiting a little longer each time.
 *
 * @param onEvent called with (type, data object) for each event
 * @param onOpen called each time the stream (re)connects
 */
export function streamEvents(onEvent, onOpen) {
  let lastId = null;
  let delay = 1000;
  let stopped = false;
  async function run() {
    while (!stopped) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
        if (lastId) {
          headers['Last-Event-ID'] = lastId;
        }
        const res = await fetch('/api/v1/events', { headers, cache: 'no-store' });
        if (!res.ok || !res.body) {
          note(res.status < 500);
          throw new Error(`events: HTTP ${res.status}`);
        }
        note(true);
        delay = 1000;
        onOpen();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let event = { type: 'message', data: '', id: null };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          buffer += value;
          if (buffer.length > 1048576) {
            throw new Error('events: a line longer than 1 MiB');
          }
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).replace(/\r$/, '');
            buffer = buffer.slice(nl + 1);
            if (line === '') {
              if (event.data) {
                if (event.id) {
                  lastId = event.id;
                }
                try {
                  onEvent(event.type, JSON.parse(event.data));
                } catch (e) {
                  console.warn('event not understood', e);
                }
              }
              event = { type: 'message', data: '', id: null };
            } else if (line.startsWith('data:')) {
              event.data += (event.data ? '\n' : '') + line.slice(5).replace(/^ /, '');
            } else if (line.startsWith('event:')) {
              event.type = line.slice(6).trim();
            } else if (line.startsWith('id:')) {
              event.id = line.slice(3).trim();
            }
          }
        }
      } catch (e) {
        if (!(e instanceof TypeError)) {
          console.info('event stream:', e.message);
        } else {
          note(false);
        }
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }
  run();
  return () => { stopped = true; };
}
