// FloorGate site IT page: sign-in (with the forced change of the first password), then the overview, reloaded
// every few seconds with "last updated" and a banner when the gateway's API stops answering. Every action goes to
// the gateway's API with the session token; the gateway records each in its audit table.

import {
  ago, clock, localTimes, renderAttention, renderAudit, renderDevices, renderHeader, renderPrintQueue, renderPrinters, renderSync, text,
} from './render.js';
import { refreshParcels } from './parcels.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'fg-admin-token';
const TIMEOUT_MS = 6000;

let refreshSeconds = 5;
let timer = null;
let lastGood = null; // Date of the last successful refresh
let failingSince = null;
let templatesShown = false;
let enrollTimer = null;

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body, { raw = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal, cache: 'no-store' });
    if (raw && res.ok) {
      return res;
    }
    const txt = await res.text();
    let json = {};
    try {
      json = txt ? JSON.parse(txt) : {};
    } catch (e) {
      json = { message: txt.slice(0, 200) };
    }
    if (!res.ok) {
      throw new ApiError(res.status, json);
    }
    return json;
  } finally {
    clearTimeout(t);
  }
}

// ---- sign-in -------------------------------------------------------------------------------------------------

function showOnly(id) {
  for (const s of ['login', 'password', 'app']) {
    $(s).hidden = s !== id;
  }
  document.body.dataset.view = id;
}

function showLogin(message) {
  clearTimeout(timer);
  sessionStorage.removeItem(TOKEN_KEY);
  showOnly('login');
  $('stale').hidden = true;
  $('login-message').textContent = message || '';
  $('login-password').value = '';
  $('login-password').focus();
}

async function login(ev) {
  ev.preventDefault();
  try {
    const res = await api('POST', '/api/v1/admin/login', { username: $('login-user').value,
      password: $('login-password').value });
    sessionStorage.setItem(TOKEN_KEY, res.token);
    if (res.mustChangePassword) {
      showOnly('password');
      $('pw-current').value = $('login-password').value;
      $('pw-new').focus();
    } else {
      openApp();
    }
  } catch (e) {
    $('login-message').textContent = e instanceof ApiError ? localTimes(e.message) : 'The gateway does not answer';
  }
}

async function changePassword(ev) {
  ev.preventDefault();
  if ($('pw-new').value !== $('pw-repeat').value) {
    $('password-message').textContent = 'The two new passwords differ';
    return;
  }
  try {
    await api('POST', '/api/v1/admin/password', { currentPassword: $('pw-current').value,
      newPassword: $('pw-new').value });
    openApp();
  } catch (e) {
    $('password-message').textContent = e.message;
  }
}

async function signOut() {
  try {
    await api('POST', '/api/v1/admin/logout');
  } catch (e) {
    // The session ends with its expiry anyway.
  }
  showLogin('Signed out.');
}

// ---- the overview --------------------------------------------------------------------------------------------

/** The app shows once its first overview is drawn (and the template list laid out), so nothing shifts under the
 * reader as the cards fill (CLS); template previews fill boxes of a fixed size (admin.css). */
function openApp() {
  refresh();
}

function reveal() {
  if (document.body.dataset.view !== 'app') {
    showOnly('app');
  }
}

const actions = { testPrint, resolveJob, revoke, preview };

// A printed template job's label, drawn by the preview endpoint from its template and data (raw ZPL jobs keep no
// ZPL in the overview, so they get no picture). An <img src> cannot send the session token: fetch, then show.
function preview(job, img, cap) {
  if (!job.template) {
    cap.dataset.note = ' (no preview for raw ZPL)';
    img.hidden = true;
    return;
  }
  const data = encodeURIComponent(JSON.stringify(job.data || {}));
  api('GET', `/api/v1/templates/${encodeURIComponent(job.template)}/preview.png?data=${data}`, undefined,
    { raw: true })
    .then((res) => res.blob())
    .then((blob) => { img.src = URL.createObjectURL(blob); })
    .catch((e) => { cap.dataset.note = ` (no preview: ${e.message})`; img.hidden = true; });
}

async function refresh() {
  clearTimeout(timer);
  try {
    const o = await api('GET', '/api/v1/admin/overview');
    refreshSeconds = o.refreshSeconds || refreshSeconds;
    renderHeader(o);
    renderAttention(o);
    renderSync(o);
    renderPrinters(o, actions);
    renderPrintQueue(o, actions);
    renderDevices(o, actions);
    await refreshParcels(api);
    const audit = await api('GET', '/api/v1/admin/audit?limit=50');
    renderAudit(audit.entries);
    const me = await api('GET', '/api/v1/admin/me').catch(() => null);
    text($('me'), me ? me.username : '');
    lastGood = new Date();
    failingSince = null;
    $('stale').hidden = true;
    document.body.dataset.stale = 'false';
    $('updated').textContent = `Last updated ${clock(lastGood)}`;
    $('updated').dataset.at = lastGood.toISOString();
    if (!templatesShown) {
      templatesShown = true;
      await showTemplates();
    }
    reveal();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      if (e.body.error === 'PASSWORD_CHANGE_REQUIRED') {
        showOnly('password');
      } else {
        showLogin('Please sign in.');
      }
      return;
    }
    failingSince = failingSince || new Date();
    const banner = $('stale');
    banner.textContent = `The gateway does not answer (since ${clock(failingSince)}: `
      + `${e.name === 'AbortError' ? 'no answer' : e.message}). `
      + (lastGood ? `What you see is from ${clock(lastGood)}.` : 'Nothing loaded yet.');
    banner.hidden = false;
    document.body.dataset.stale = 'true';
    reveal();
  }
  timer = setTimeout(refresh, refreshSeconds * 1000);
}

// ---- actions -------------------------------------------------------------------------------------------------

async function act(button, fn) {
  const before = button.textContent;
  button.disabled = true;
  try {
    await fn();
  } catch (e) {
    alertInline(button, e.message);
  } finally {
    button.disabled = false;
    button.textContent = before;
  }
}

function alertInline(near, message) {
  let el = near.parentElement.querySelector('.message');
  if (!el) {
    el = document.createElement('span');
    el.className = 'message';
    near.parentElement.appendChild(el);
  }
  el.textContent = ` ${message}`;
}

function testPrint(printer, button) {
  return act(button, async () => {
    const job = await api('POST', `/api/v1/admin/printers/${encodeURIComponent(printer)}/test-print`);
    alertInline(button, `job ${job.jobId} ${job.state.toLowerCase()}`);
    refresh();
  });
}

function resolveJob(jobId, action, reasonInput, button) {
  const reason = reasonInput.value.trim();
  if (!reason) {
    alertInline(button, 'Give a reason first');
    reasonInput.focus();
    return Promise.resolve();
  }
  return act(button, async () => {
    await api('POST', `/api/v1/print-jobs/${encodeURIComponent(jobId)}/${action}`, { reason });
    await refresh();
  });
}

function acknowledgeStationProblems() {
  const button = $('station-problems-ack');
  return act(button, async () => {
    await api('POST', '/api/v1/admin/station-problems/acknowledge');
    await refresh();
  });
}

function revoke(deviceId, button) {
  if (button.dataset.armed !== 'yes') {
    button.dataset.armed = 'yes';
    button.textContent = 'Really revoke?';
    setTimeout(() => { button.dataset.armed = ''; button.textContent = 'Revoke'; }, 5000);
    return Promise.resolve();
  }
  return act(button, async () => {
    await api('POST', `/api/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`);
    await refresh();
  });
}

async function syncNow() {
  await act($('sync-now'), async () => {
    const r = await api('POST', '/api/v1/admin/sync-now');
    alertInline($('sync-now'), r.state);
    refresh();
  });
}

async function createEnrollment(ev) {
  ev.preventDefault();
  await act($('enroll-create'), async () => {
    const device = $('enroll-device').value.trim(); // a code for that device id only (re-enrollment)
    const r = await api('POST', '/api/v1/admin/enrollment', { tenant: $('enroll-tenant').value.trim(),
      warehouse: $('enroll-warehouse').value.trim(), ttlMinutes: Number($('enroll-ttl').value) || 15,
      ...(device ? { deviceId: device } : {}) });
    $('enroll-qr').innerHTML = r.qrSvg; // SVG made by the gateway (zxing), no script in it
    text($('enroll-code'), r.code);
    text($('enroll-expires'), clock(new Date(r.expiresAt)));
    text($('enroll-url'), r.url.replace(/#.*$/, ''));
    text($('enroll-fp'), r.caFingerprint || 'HTTPS off');
    $('app-install').hidden = !r.appUrl;
    if (r.appUrl) {
      $('app-qr').innerHTML = r.appQrSvg; // SVG made by the gateway (zxing), no script in it
      text($('app-url'), r.appUrl.replace(/#.*$/, ''));
      text($('app-sha'), r.appSha256);
    }
    $('enroll-result').hidden = false;
    $('enroll-result').dataset.code = r.code;
    clearInterval(enrollTimer);
    const tick = () => {
      const left = Math.round((Date.parse(r.expiresAt) - Date.now()) / 1000);
      text($('enroll-left'), left > 0 ? `${Math.floor(left / 60)} min ${left % 60} s left` : 'expired');
      if (left <= 0) {
        clearInterval(enrollTimer);
        $('enroll-qr').textContent = 'expired: make a new code';
      }
    };
    tick();
    enrollTimer = setInterval(tick, 1000);
    refresh();
  });
}

async function discover() {
  $('discover-status').textContent = 'Looking…';
  await act($('discover'), async () => {
    const r = await api('POST', '/api/v1/admin/printers/discover');
    const tbody = $('discovered');
    tbody.textContent = '';
    for (const p of r.found) {
      const tr = document.createElement('tr');
      const cells = [`${p.address}:${p.port}`, p.model, p.serial, p.name];
      for (const c of cells) {
        const td = document.createElement('td');
        text(td, c);
        tr.appendChild(td);
      }
      const td = document.createElement('td');
      if (p.configuredAs) {
        td.textContent = `configured as ${p.configuredAs}`;
      } else {
        // Adopting records the printer in the gateway's database and starts printing to it at once.
        const button = document.createElement('button');
        button.textContent = `Adopt as ${p.suggestedName}`;
        button.className = 'adopt';
        button.addEventListener('click', () => act(button, async () => {
          await api('POST', '/api/v1/admin/printers',
            { name: p.suggestedName, url: p.url, description: [p.model, p.serial].filter(Boolean).join(' ') });
          td.textContent = `adopted as ${p.suggestedName}`;
          refresh();
        }));
        td.appendChild(button);
      }
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    $('discovered-table').hidden = r.found.length === 0;
    $('discover-status').textContent = `${r.found.length} printer(s) answered`;
  });
}

async function showTemplates() {
  try {
    const r = await api('GET', '/api/v1/templates');
    const grid = $('template-grid');
    grid.textContent = '';
    for (const t of r.templates) {
      const fig = document.createElement('figure');
      fig.dataset.template = t.name;
      const img = document.createElement('img');
      img.alt = `preview of ${t.name}`;
      const cap = document.createElement('figcaption');
      cap.textContent = `${t.name}: ${t.description || ''} (${t.dpi} dpi, ${t.source})`;
      fig.append(img, cap);
      grid.appendChild(fig);
      // An <img src> cannot send the session token; fetch the PNG and show it from memory.
      api('GET', `/api/v1/templates/${encodeURIComponent(t.name)}/preview.png`, undefined, { raw: true })
        .then((res) => res.blob())
        .then((blob) => { img.src = URL.createObjectURL(blob); })
        .catch((e) => { cap.textContent += ` (no preview: ${e.message})`; });
    }
  } catch (e) {
    templatesShown = false;
  }
}

// ---- start ---------------------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', login);
$('password-form').addEventListener('submit', changePassword);
$('sign-out').addEventListener('click', signOut);
$('sync-now').addEventListener('click', syncNow);
$('station-problems-ack').addEventListener('click', acknowledgeStationProblems);
$('enroll-form').addEventListener('submit', createEnrollment);
$('discover').addEventListener('click', discover);
setInterval(() => {
  if (lastGood) {
    $('updated').textContent = `Last updated ${clock(lastGood)} (${ago(lastGood.toISOString())})`;
  }
}, 1000);

if (sessionStorage.getItem(TOKEN_KEY)) {
  openApp();
} else {
  showLogin();
}
