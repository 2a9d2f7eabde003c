// Renders the overview (GET /api/v1/admin/overview) into the page. Lists are updated row by row, keyed, so a
// refresh never wipes what site IT is typing (a reason for a print job decision) or where the page is scrolled.

const $ = (id) => document.getElementById(id);

/** Printer states in colour classes; the words come from the gateway (stateText). */
const STATE_CLASS = {
  READY: 'ok', PAUSED: 'warn', UNKNOWN: 'warn', PAPER_OUT: 'fault', RIBBON_OUT: 'fault', HEAD_OPEN: 'fault',
  FAULT: 'fault', NOT_ANSWERING: 'down', DISCONNECTED: 'down',
};

export function text(el, value) {
  el.textContent = value === null || value === undefined || value === '' ? '–' : String(value);
  return el;
}

export function ago(iso) {
  if (!iso) {
    return 'never';
  }
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return `${duration(s)} ago`;
}

export function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 90) {
    return `${s} s`;
  }
  if (s < 5400) {
    return `${Math.round(s / 60)} min`;
  }
  if (s < 172800) {
    return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  }
  return `${Math.floor(s / 86400)} days`;
}

/** The site's time zone (fg.site.time-zone, from the overview); undefined: this browser's own. */
let timeZone;

export function setTimeZone(zone) {
  timeZone = zone || undefined;
}

function format(date, options) {
  try {
    return date.toLocaleString([], { ...options, timeZone });
  } catch (e) { // a zone name this browser does not know: its own zone
    return date.toLocaleString([], options);
  }
}

/** A moment in the site's time zone to the second, e.g. "5 Dec 2026, 14:05:09". */
export function time(iso) {
  return iso ? format(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' }) : '–';
}

/** A time of day in the site's time zone, e.g. "14:05:09". */
export function clock(date) {
  return format(date, { timeStyle: 'medium' });
}

/** A gateway message with its UTC instants (2026-12-05T13:05:09.123456789Z) in the site's time. */
export function localTimes(message) {
  return String(message || '').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z/g,
    (iso) => `${time(iso)} (${relative(iso)})`);
}

/** "in 4 min" or "2 min ago". */
function relative(iso) {
  const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
  return s > 0 ? `in ${duration(s)}` : `${duration(-s)} ago`;
}

/**
 * Makes a list's children (table rows, list items) match items: keyed by key(item), created once by create(item),
 * updated by update(element, item) each time, removed when their item is gone; order follows items.
 */
export function keyedRows(tbody, items, key, create, update) {
  const existing = new Map();
  for (const tr of Array.from(tbody.children)) {
    existing.set(tr.dataset.key, tr);
  }
  let previous = null;
  for (const item of items) {
    const k = String(key(item));
    let tr = existing.get(k);
    if (tr) {
      existing.delete(k);
    } else {
      tr = create(item);
      tr.dataset.key = k;
    }
    update(tr, item);
    const want = previous ? previous.nextSibling : tbody.firstChild;
    if (want !== tr) {
      tbody.insertBefore(tr, want);
    }
    previous = tr;
  }
  for (const tr of existing.values()) {
    tr.remove();
  }
}

function row(cells) {
  const tr = document.createElement('tr');
  for (let i = 0; i < cells; i++) {
    tr.appendChild(document.createElement('td'));
  }
  return tr;
}

/** Puts a coloured word badge in el, reusing the one already there (a refresh does not rebuild the row). */
function badge(el, cls, words) {
  let b = el.firstElementChild;
  if (!b || !b.classList.contains('badge') || el.childNodes.length !== 1) {
    el.textContent = '';
    b = document.createElement('span');
    el.appendChild(b);
  }
  b.className = `badge ${cls}`;
  b.textContent = words;
  b.removeAttribute('title');
  return b;
}

export function renderHeader(o) {
  const g = o.gateway;
  setTimeZone(g.timeZone);
  text($('gw-name'), g.name);
  text($('gw-version'), `version ${g.version}`);
  text($('gw-addresses'), (g.urls && g.urls.length ? g.urls : g.addresses).join('  '));
  text($('gw-uptime'), duration(g.uptimeSeconds));
  text($('gw-ca'), g.caFingerprint || 'HTTPS off');
  const c = o.core;
  const core = $('core-state');
  if (!c.configured) {
    core.className = 'badge warn';
    core.textContent = 'offline mode: no core configured';
  } else if (c.reachable === true) {
    core.className = 'badge ok';
    core.textContent = 'connected';
  } else if (c.reachable === false) {
    core.className = 'badge fault';
    core.textContent = 'not reachable';
  } else {
    core.className = 'badge warn';
    core.textContent = 'not checked yet';
  }
  const via = c.url ? `${c.url}${c.failovers ? `, ${c.failovers} failover(s)` : ''}; ` : '';
  $('core-checked').textContent = via + (c.checkedAt ? `checked ${ago(c.checkedAt)}` : '');
}

export function renderAttention(o) {
  keyedRows($('attention-list'), o.attention, (a) => a.kind, (a) => {
    const li = document.createElement('li');
    li.dataset.kind = a.kind;
    const n = document.createElement('span');
    n.className = 'n';
    const link = document.createElement('a');
    li.append(n, link);
    return li;
  }, (li, a) => {
    li.children[0].textContent = String(a.count);
    li.children[1].href = `#${a.section}`;
    li.children[1].textContent = a.text;
  });
  $('attention-none').hidden = o.attention.length > 0;
  // Failed station scans (kept in memory, at most 50, for a day) until someone presses Acknowledge.
  const problems = o.stationProblems || [];
  keyedRows($('station-problems'), problems, (p) => `${p.at} ${p.station} ${p.scan}`, () => row(4), (tr, p) => {
    const [when, station, scan, why] = tr.children;
    text(when, time(p.at));
    text(station, p.station);
    text(scan, p.scan);
    text(why, p.reason);
  });
  $('station-problems-box').hidden = problems.length === 0;
}

export function renderSync(o) {
  const s = o.sync;
  text($('sync-unsynced'), `${s.unsynced} operation(s)`);
  text($('sync-oldest'), s.unsynced > 0 ? duration(s.oldestUnsyncedAgeSeconds) : 'none waiting');
  text($('sync-last'), s.lastSyncAt ? `${time(s.lastSyncAt)} (${ago(s.lastSyncAt)})` : 'never');
  text($('sync-rate'), `${Number(s.syncRatePerSecond || 0).toFixed(1)} per second; ${s.rejectedTotal} rejected since start`);
  text($('sync-error'), o.core.lastError ? `${o.core.lastError} (${ago(o.core.lastErrorAt)})` : 'none');
  text($('sync-cache'), s.cacheAgeSeconds === null || s.cacheAgeSeconds === undefined ? 'never pulled from the core'
    : `pulled ${duration(s.cacheAgeSeconds)} ago`);
  keyedRows($('rejections'), o.rejections, (r) => r.opId, () => row(5), (tr, r) => {
    const [when, pda, what, why, seen] = tr.children;
    tr.dataset.opId = r.opId;
    text(when, time(r.rejectedAt));
    text(pda, r.deviceId);
    text(what, r.sku ? `${r.type || ''} ${r.qty ?? ''} × ${r.sku} ${r.location ? `at ${r.location}` : ''}`
      + `${r.orderNo ? ` order ${r.orderNo}` : ''}` : r.opId);
    text(why, `${r.code}${r.message ? `: ${r.message}` : ''}`);
    text(seen, r.acknowledgedAt ? `${r.acknowledgedBy || 'yes'}, ${time(r.acknowledgedAt)}` : 'not yet');
  });
  $('rejections-none').hidden = o.rejections.length > 0;
}

export function renderPrinters(o, actions) {
  keyedRows($('printer-rows'), o.printers, (p) => p.name, () => {
    const tr = row(9);
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.action = 'test-print';
    b.textContent = 'Test print';
    b.addEventListener('click', () => actions.testPrint(tr.dataset.key, b));
    tr.children[8].appendChild(b);
    return tr;
  }, (tr, p) => {
    const [name, state, model, addr, labels, seen, clk, jobs] = tr.children;
    tr.dataset.printer = p.name;
    tr.dataset.state = p.state;
    // A printer without a label counter cannot confirm labels: its PRINTED means "took the bytes" (PROTOCOLS.md 2.4).
    const open = p.closedLoop === false ? ' — not closed-loop: jobs are PRINTED when sent, not confirmed' : '';
    text(name, (p.description ? `${p.name} (${p.description})` : p.name) + open);
    name.title = p.closedLoop === false ? (p.closedLoopNote || '') : '';
    tr.dataset.closedLoop = String(p.closedLoop);
    const words = p.faults && p.faults.length > 1 ? p.faults.join(', ') : p.stateText;
    const b = badge(state, STATE_CLASS[p.state] || 'warn', words);
    b.classList.add('printer-state');
    if (p.detail && p.state !== 'READY') {
      b.title = p.detail;
    }
    text(model, p.model ? `${p.model}${p.firmware ? ` / ${p.firmware}` : ''}` : 'asking…');
    text(addr, p.url);
    text(labels, p.labelsRemaining);
    text(seen, ago(p.lastSeen));
    printerClock(clk, p);
    const j = Object.entries(p.jobs || {}).map(([k, v]) => `${v} ${k.toLowerCase().replace('_', ' ')}`);
    text(jobs, j.join(', ') || 'none');
  });
  $('printers-none').hidden = o.printers.length > 0;
}

function jobRows(tbody, jobs, actions, buttons) {
  keyedRows(tbody, jobs, (j) => j.jobId, (j) => {
    const tr = row(6);
    const cell = tr.children[5];
    const reason = document.createElement('input');
    reason.className = 'reason';
    reason.placeholder = 'reason (required)';
    reason.setAttribute('aria-label', `reason for job ${j.jobId}`);
    const box = document.createElement('div');
    box.className = 'actions';
    for (const [action, words, cls] of buttons) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.action = action;
      b.textContent = words;
      if (cls) {
        b.className = cls;
      }
      b.addEventListener('click', () => actions.resolveJob(tr.dataset.key, action, reason, b));
      box.appendChild(b);
    }
    cell.append(reason, box);
    return tr;
  }, (tr, j) => {
    const [id, printer, label, since, why] = tr.children;
    tr.dataset.jobId = j.jobId;
    text(id, j.jobId);
    text(printer, j.printer);
    text(label, j.template ? `${j.template} ×${j.copies}` : `raw ZPL (${j.zplBytes} bytes)`);
    text(since, `${time(j.updatedAt)} (${ago(j.updatedAt)})`);
    text(why, j.faultDetail ? `${j.fault}: ${j.faultDetail}` : j.fault);
  });
}

export function renderPrintQueue(o, actions) {
  const q = o.printQueue;
  jobRows($('maybe-printed'), q.maybePrinted, actions,
    [['mark-printed', 'Mark printed', 'primary'], ['reprint', 'Reprint'], ['discard', 'Cancel', 'danger']]);
  jobRows($('held'), q.held, actions, [['reprint', 'Release'], ['discard', 'Cancel', 'danger']]);
  $('maybe-count').textContent = q.maybePrinted.length ? `(${q.maybePrinted.length})` : '';
  $('held-count').textContent = q.held.length ? `(${q.held.length})` : '';
  $('maybe-none').hidden = q.maybePrinted.length > 0;
  $('held-none').hidden = q.held.length > 0;
  const recent = q.recent || [];
  keyedRows($('recent-labels'), recent, (j) => j.jobId, (j) => {
    const fig = document.createElement('figure');
    fig.dataset.jobId = j.jobId;
    const img = document.createElement('img');
    img.alt = `label ${j.jobId}`;
    const cap = document.createElement('figcaption');
    fig.append(img, cap);
    actions.preview(j, img, cap); // once per job: a refresh keeps the figure and its image
    return fig;
  }, (fig, j) => {
    const cap = fig.children[1];
    const note = cap.dataset.note || '';
    cap.textContent = `${j.jobId} on ${j.printer}${j.station ? ` (station ${j.station})` : ''}, `
      + `${j.template || 'raw ZPL'}, printed ${time(j.printedAt || j.updatedAt)}${note}`;
  });
  $('recent-none').hidden = recent.length > 0;
}

export function renderDevices(o, actions) {
  keyedRows($('pda-rows'), o.pdas, (d) => d.deviceId, () => {
    const tr = row(6);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'danger';
    b.dataset.action = 'revoke';
    b.textContent = 'Revoke';
    b.addEventListener('click', () => actions.revoke(tr.dataset.key, b));
    tr.children[5].appendChild(b);
    return tr;
  }, (tr, d) => {
    const [id, where, picker, seen, queue, act] = tr.children;
    tr.dataset.deviceId = d.deviceId;
    text(id, d.deviceId);
    text(where, `${d.tenant} / ${d.warehouse}`);
    text(picker, d.operator);
    if (d.revokedAt) {
      badge(seen, 'down', `revoked ${time(d.revokedAt)}`);
    } else if (d.stale) {
      badge(seen, 'fault', ago(d.lastSeen));
    } else {
      text(seen, ago(d.lastSeen));
    }
    text(queue, d.queued === undefined ? 'not reported'
      : `${d.queued} waiting${d.openRejections ? `, ${d.openRejections} rejection(s) open` : ''}`
        + ` (${ago(d.reportedAt)})`);
    act.firstChild.hidden = Boolean(d.revokedAt);
  });
  $('pdas-none').hidden = o.pdas.length > 0;
  keyedRows($('scanner-rows'), o.scanners, (s) => s.name, () => row(6), (tr, s) => {
    const [name, state, addr, last, scans, problem] = tr.children;
    text(name, s.description ? `${s.name} (${s.description})` : s.name);
    badge(state, s.connected ? 'ok' : 'down', s.connected ? 'connected' : 'not connected');
    text(addr, s.url);
    text(last, ago(s.lastScanAt));
    text(scans, `${s.scans}${s.problems ? `, ${s.problems} problem(s)` : ''}`);
    text(problem, s.lastProblem);
  });
  $('scanners-none').hidden = o.scanners.length > 0;
  renderClocks(o.clocks);
}

/**
 * A printer's real-time clock against core time in its row: the offset (positive: ahead), "set" once the gateway
 * set it from core time, "unknown" for a printer without a clock or not read yet (^FC dates print from it).
 */
function printerClock(cell, p) {
  cell.classList.add('printer-clock');
  if (p.clockOffsetSeconds === null || p.clockOffsetSeconds === undefined) {
    badge(cell, 'down', p.clockSetByGateway ? 'unknown (set)' : 'unknown');
    cell.title = 'The printer answers no clock (or it was not read yet): dates it prints itself cannot be checked.';
    return;
  }
  const words = `${p.clockOffsetSeconds > 0 ? '+' : ''}${p.clockOffsetSeconds} s${p.clockSetByGateway ? ' (set)' : ''}`;
  badge(cell, p.clockOff ? 'fault' : 'ok', words);
  cell.title = p.clockSetByGateway ? 'The gateway set this clock from core time.'
    : p.clockOff ? 'Off core time: dates the printer prints are wrong. Allow fg.printers.NAME.set-clock or set it on the printer.'
      : 'Within fg.clock.device-max-offset of core time.';
}

/** The site's clocks against core time: the gateway's offset or problem, then each PDA and printer. */
function renderClocks(c) {
  if (!c) return;
  text($('clock-gateway'), c.problem ? c.problem
    : c.measured ? `Gateway clock ${c.gatewayOffsetSeconds} s from core time (positive: behind).`
      : 'Gateway clock not measured yet (no answer from the core).');
  const rows = c.pdas.map((d) => ({ ...d, key: `pda:${d.name}`, kind: 'PDA' }))
    .concat(c.printers.map((p) => ({ ...p, key: `printer:${p.name}`, kind: 'printer' })));
  keyedRows($('clock-rows'), rows, (d) => d.key, () => row(4), (tr, d) => {
    const [name, off, from, seen] = tr.children;
    text(name, `${d.kind} ${d.name}`);
    badge(off, d.off ? 'fault' : d.offsetSeconds === null ? 'down' : 'ok', `${d.offsetSeconds === null ? 'unknown (no clock)'
      : `${d.offsetSeconds} s`}${d.corrected ? ' (set from core time)' : ''}`);
    text(from, d.source === 'HEADER' ? 'its requests' : d.source === 'OCCURRED_AT' ? 'its operations' : 'its clock');
    text(seen, ago(d.at));
  });
}

export function renderAudit(entries) {
  keyedRows($('audit-rows'), entries, (e) => e.id, () => row(6), (tr, e) => {
    const [when, who, action, target, detail, status] = tr.children;
    tr.dataset.action = e.action;
    text(when, time(e.at));
    when.title = ago(e.at);
    text(who, e.actor);
    text(action, e.action);
    text(target, e.target);
    text(detail, e.detail ? localTimes(e.detail) : e.detail);
    text(status, e.status);
  });
}
