// FloorGate picker app: enrollment, badge sign-in, and the scan-first pick flow (pick list -> scan bin -> scan item
// -> confirm quantity -> next), one task per screen. Works with the gateway out of reach: picks go into the
// IndexedDB queue (store.js) and are sent by sync.js; the service worker (sw.js) serves the app shell offline.
//
//   app.js        start, the scan router, rejections, settings, wiring
//   screens.js    state and rendering          picking.js   the pick flow     account.js   enrollment, sign-in
//   scan-capture.js  scanner or person?       sync.js      queue, events     store.js     IndexedDB
//   photo.js      the Photo step              intake.js    parcel intake (scan in, whose parcel it is)
//   pack.js       the packing station (a customer's parcels, weight, prices, ship)

import * as account from './account.js';
import * as api from './api.js';
import * as feedback from './feedback.js';
import * as intake from './intake.js';
import * as pack from './pack.js';
import * as photo from './photo.js';
import * as picking from './picking.js';
import * as store from './store.js';
import { DEFAULT_SETTINGS, GS, ScanCapture } from './scan-capture.js';
import {
  $, loadTasks, remaining, renderList, setSheet, show, showEnroll, showList, showLogin, showReachability, showWho,
  state, updateQueue,
} from './screens.js';
import { Sync } from './sync.js';

const sync = new Sync({
  changed: () => { updateQueue(); showNextRejection(); },
  unauthorized: () => account.enrollmentLost(),
  operator: () => state.operator,
});
picking.hooks.flush = () => sync.flush();
account.hooks.enrolled = () => startSession();

$('loading-retry').addEventListener('click', () => location.reload());

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { scope: './' }).catch((e) => console.warn('no offline shell:', e));
  }
  state.settings = { ...DEFAULT_SETTINGS, ...((await store.kv.get('settings')) || {}) };
  state.enrollment = (await store.kv.get('enrollment')) || null;
  state.operator = (await store.kv.get('operator')) || null;
  state.pendingLogin = Boolean(await store.kv.get('pendingLogin'));
  await loadTasks();
  state.capture = new ScanCapture({ sink: $('scan-sink'), settings: () => state.settings, onScan, onTyped });
  state.capture.attach();
  wireUi();
  api.onReachability(showReachability);
  api.onReachability((up) => {
    if (up && state.enrollment && state.pendingLogin && state.operator) {
      account.sendLogin(state.operator).catch(() => {});
    }
  });
  const fromLink = account.enrollmentFromText(location.hash);
  if (fromLink) {
    history.replaceState(null, '', location.pathname); // the code leaves the address bar
  }
  if (!state.enrollment) {
    showEnroll(fromLink);
    return;
  }
  startSession();
}

function startSession() {
  api.setToken(state.enrollment.token);
  sync.start(state.enrollment.deviceId);
  refreshContext();
  updateQueue();
  showNextRejection();
  if (!state.operator) {
    showLogin();
  } else {
    showList();
    picking.refreshTasks();
  }
}

async function refreshContext() {
  try {
    const ctx = await api.get('/api/v1/pick/context');
    state.enrollment = { ...state.enrollment, tenant: ctx.tenant, warehouse: ctx.warehouse, gateway: ctx.gateway,
      timeZone: ctx.siteTimeZone };
    state.timeZone = ctx.siteTimeZone || undefined;
    await store.kv.set('enrollment', state.enrollment);
    if (!(await store.kv.get('settings'))) {
      state.settings = { ...DEFAULT_SETTINGS, ...ctx.scanner };
    }
    if (ctx.operator && !state.operator) {
      await account.setOperator(ctx.operator);
      if (state.screen === 'login') {
        showList();
        picking.refreshTasks();
      }
    }
    showWho();
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 401) {
      account.enrollmentLost();
    }
  }
}

function onScan(data) {
  const now = Date.now();
  if (data === state.lastScan.data && now - state.lastScan.at < state.settings.duplicateWindowMs) {
    state.lastScan.at = now;
    document.body.dataset.duplicates = String(Number(document.body.dataset.duplicates || 0) + 1);
    answerDuplicate(data); // a double read, or the trigger held: it counts once, and the picker hears so
    return;
  }
  state.lastScan = { data, at: now };
  document.body.dataset.lastScan = data.split(GS).join('<GS>');
  if (state.showingRejection) {
    feedback.wrong('Acknowledge the message first');
    return;
  }
  if (!$('settings').hidden || !$('manual').hidden) {
    feedback.info(!$('settings').hidden ? 'Close the settings to scan' : 'Enter or cancel the typed code first');
    return; // a sheet is open: the screen behind it does not act
  }
  route(data, false);
}

/** A scan or a typed code goes to the current screen; both get the same checks. */
function route(data, typed) {
  switch (state.screen) {
    case 'enroll': return account.scanEnrollment(data);
    case 'login': return account.login(data, !typed);
    case 'list': return picking.scanOnList(data, typed);
    case 'task': return picking.scanOnTask(data, typed);
    case 'photo': return photo.scanOnPhoto(data);
    case 'intake': return intake.scanOnIntake(data);
    case 'pack': return pack.scanOnPack(data);
    default: return undefined;
  }
}

/** The same code again inside the duplicate window (settings, per PDA): counted once, and said so. */
function answerDuplicate(data) {
  const c = state.current;
  if (state.screen === 'task' && c && c.step === 'qty' && data === c.itemData) {
    feedback.again(`Already counted: ${$('qty').value} of ${remaining(c.task)}`);
  } else {
    feedback.again(`Already read: ${data.split(GS).join(' ')}`);
  }
}

/** Keys typed while no field had the focus: say where typing goes instead of swallowing them. */
function onTyped() {
  if (state.screen === 'enroll' || state.screen === 'login') {
    const field = $(state.screen === 'enroll' ? 'enroll-code' : 'badge');
    field.focus();
    feedback.info('Type into the field, or scan');
  } else if (state.screen === 'list' || state.screen === 'task' || state.screen === 'intake') {
    feedback.info('To key in a code that will not scan, tap ⌨ Type');
  }
}

/** The manual entry sheet: for the bin, item (its barcode, SKU or GS1 text with lot) or quantity. */
function openManual() {
  const c = state.current;
  const what = state.screen === 'intake' ? 'parcel' : state.screen === 'list' ? 'bin' : c ? c.step : 'bin';
  $('manual').dataset.what = what;
  $('manual-title').textContent = what === 'parcel' ? 'Type the tracking number' : what === 'bin' ? 'Type the bin'
    : what === 'item' ? 'Type the item' : 'Type the quantity';
  $('manual-label').textContent = what === 'parcel' ? 'Tracking number on the label' : what === 'bin' ? 'Bin label'
    : what === 'item' ? 'Item barcode, SKU or GS1 text, e.g. (01)…(10)LOT' : 'Quantity';
  const input = $('manual-input');
  input.value = '';
  input.type = what === 'qty' ? 'number' : 'text';
  input.inputMode = what === 'qty' ? 'numeric' : 'text';
  setSheet('manual', true);
  input.focus();
}

function closeManual() {
  setSheet('manual', false);
}

function submitManual(ev) {
  ev.preventDefault();
  const what = $('manual').dataset.what;
  const text = $('manual-input').value.trim();
  if (!text) {
    feedback.wrong(what === 'qty' ? 'Type the quantity' : 'Type the code on the label');
    return;
  }
  closeManual();
  if (what === 'qty') {
    const c = state.current;
    if (state.screen === 'task' && c && c.step === 'qty') {
      picking.setQty(Math.max(1, Math.floor(Number(text)) || 1), false);
    }
    return;
  }
  // Written by hand the GS1 way, "(01)09501101530003(10)LOT": the gateway reads those like a scan's GS.
  route(text, true);
}

async function showNextRejection() {
  const open = (await store.all('rejections')).filter((r) => !r.acknowledged)
    .sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const r = open[0];
  state.showingRejection = r ? r.opId : null;
  setSheet('rejection', Boolean(r));
  if (!r) {
    return;
  }
  $('rejection').dataset.opId = r.opId;
  const what = r.sku ? `Pick of ${r.qty ?? '?'} × ${r.sku}${r.location ? ` at ${r.location}` : ''}`
    + `${r.orderNo ? ` (order ${r.orderNo})` : ''}` : `Operation ${r.opId}`;
  $('rejection-text').textContent = `${what} was not booked: ${r.code}${r.message ? ` (${r.message})` : ''}.`;
  $('rejection-more').textContent = (open.length > 1 ? `${open.length - 1} more after this. ` : '')
    + 'Put the items back or ask your supervisor.';
  feedback.wrong(`Not booked: ${r.sku || r.opId}`);
}

async function acknowledgeRejection() {
  const opId = $('rejection').dataset.opId;
  const r = await store.get('rejections', opId);
  if (r) {
    r.acknowledged = true;
    r.acknowledgedAt = new Date().toISOString();
    await store.put('rejections', r);
    // The pick did not happen: the task's local progress goes back.
    const task = state.tasks.find((t) => t.sku === r.sku && t.orderNo === r.orderNo && t.location === r.location);
    if (task && state.progress.has(task.taskId)) {
      const p = Math.max(0, state.progress.get(task.taskId) - (r.qty || 0));
      state.progress.set(task.taskId, p);
      await store.put('progress', { taskId: task.taskId, picked: p });
    }
  }
  feedback.clear();
  sync.sendAcks();
  await showNextRejection();
  if (state.screen === 'list') {
    renderList();
  }
}

function openSettings() {
  const s = state.settings;
  $('set-gap').value = s.maxGapMs;
  $('set-min').value = s.minLength;
  $('set-suffix').value = s.suffix;
  $('set-gs').value = s.gsSubstitute;
  $('set-dup').value = s.duplicateWindowMs;
  const e = state.enrollment;
  const t = state.capture.lastTiming;
  $('settings-timing').textContent = t ? `Last scan: ${t.chars} characters, ${t.msPerKey.toFixed(1)} ms per key.`
    : 'No scan yet.';
  $('settings-device').textContent = e ? `PDA ${e.deviceId}, tenant ${e.tenant || '?'}, warehouse ${e.warehouse || '?'}`
    + (e.caFingerprint ? `; site CA ${e.caFingerprint.slice(0, 16)}…` : '') : 'not enrolled';
  setSheet('settings', true);
}

function closeSettings() {
  setSheet('settings', false);
}

async function saveSettings(ev) {
  ev.preventDefault();
  state.settings = {
    maxGapMs: clampInt($('set-gap').value, 5, 500, DEFAULT_SETTINGS.maxGapMs),
    minLength: clampInt($('set-min').value, 1, 64, DEFAULT_SETTINGS.minLength),
    suffix: $('set-suffix').value,
    gsSubstitute: $('set-gs').value.slice(0, 1),
    duplicateWindowMs: clampInt($('set-dup').value, 0, 10000, DEFAULT_SETTINGS.duplicateWindowMs),
  };
  await store.kv.set('settings', state.settings);
  closeSettings();
  feedback.right('Settings saved');
}

function clampInt(v, min, max, dflt) {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : dflt;
}

async function forgetEnrollment(ev) {
  const waiting = await store.count('queue');
  if (waiting > 0) {
    feedback.wrong(`${waiting} pick(s) not sent yet: wait until the gateway has them`);
    return;
  }
  if (ev.target.dataset.armed !== 'yes') {
    ev.target.dataset.armed = 'yes';
    ev.target.textContent = 'Tap again to forget this enrollment';
    return;
  }
  await store.clearAll();
  location.reload();
}

function wireUi() {
  $('enroll-form').addEventListener('submit', (e) => { e.preventDefault(); account.enroll(); });
  $('login-form').addEventListener('submit', (e) => { e.preventDefault(); account.login($('badge').value, false); });
  $('list-refresh').addEventListener('click', () => picking.refreshTasks());
  $('list-photo').addEventListener('click', () => photo.open());
  $('photo-back').addEventListener('click', () => { photo.close(); showList(); });
  $('list-intake').addEventListener('click', () => intake.open());
  $('intake-back').addEventListener('click', () => showList());
  $('intake-type').addEventListener('click', () => openManual());
  $('intake-photo').addEventListener('click', () => intake.photoOfLast());
  $('intake-shelf').addEventListener('change', () => intake.saveSettings());
  $('intake-printer').addEventListener('change', () => intake.saveSettings());
  $('list-pack').addEventListener('click', () => pack.open());
  $('pack-back').addEventListener('click', () => showList());
  $('pack-scale').addEventListener('change', () => pack.saveSettings());
  $('pack-printer').addEventListener('change', () => pack.saveSettings());
  $('pack-customer').addEventListener('change', () => pack.loadCustomer());
  $('pack-weigh').addEventListener('click', () => pack.weigh());
  $('pack-quote').addEventListener('click', () => pack.quote());
  $('pack-ship').addEventListener('click', () => pack.ship());
  for (const id of ['pack-kg', 'pack-length', 'pack-width', 'pack-height', 'pack-country', 'pack-postcode']) {
    $(id).addEventListener('input', () => pack.cartonChanged());
  }
  $('photo-shoot').addEventListener('click', () => photo.shoot());
  $('photo-file').addEventListener('change', () => photo.fileChosen());
  $('back').addEventListener('click', () => showList());
  $('confirm').addEventListener('click', () => picking.confirmPick());
  $('qty-plus').addEventListener('click', () => picking.setQty(Number($('qty').value) + 1, false));
  $('qty-minus').addEventListener('click', () => picking.setQty(Math.max(1, Number($('qty').value) - 1), false));
  $('qty').addEventListener('input', () => { $('confirm').textContent = `Confirm ${$('qty').value}`; });
  $('rejection-ack').addEventListener('click', () => acknowledgeRejection());
  $('open-settings').addEventListener('click', () => openSettings());
  $('settings-close').addEventListener('click', () => closeSettings());
  $('settings-close-top').addEventListener('click', () => closeSettings());
  $('list-type').addEventListener('click', () => openManual());
  $('task-type').addEventListener('click', () => openManual());
  $('manual-form').addEventListener('submit', submitManual);
  $('manual-cancel').addEventListener('click', () => closeManual());
  $('manual-close-top').addEventListener('click', () => closeManual());
  $('settings-form').addEventListener('submit', saveSettings);
  $('sign-out').addEventListener('click', () => account.signOut());
  $('unenroll').addEventListener('click', forgetEnrollment);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.enrollment) {
      sync.flush().then(updateQueue);
      picking.refreshTasks();
    }
  });
}

start().catch((e) => {
  console.error(e);
  // The loading screen says what failed and offers a retry (a reload: a stuck IndexedDB open cannot be cancelled).
  show('loading');
  $('loading-text').textContent = 'The app could not start.';
  $('loading-error').textContent = `${e.message}. Close other tabs of this page, check that the browser keeps site `
      + 'data (not a private window), then retry.';
  $('loading-error').hidden = false;
  $('loading-actions').hidden = false;
  feedback.wrong(`The app could not start: ${e.message}`);
});
