// The picker app's state and screens: one screen at a time, the status bar (gateway reachable, queue size, who),
// the pick list and the task screen with its three steps. Rendering only; the flow lives in picking.js.

import * as feedback from './feedback.js';
import * as store from './store.js';
import { DEFAULT_SETTINGS } from './scan-capture.js';

export const $ = (id) => document.getElementById(id);

export const state = {
  enrollment: null, // { token, deviceId, tenant, warehouse, caFingerprint }
  operator: null,
  pendingLogin: false,
  settings: { ...DEFAULT_SETTINGS },
  tasks: [],
  progress: new Map(), // taskId -> picked count known on this PDA
  screen: 'loading',
  current: null, // { task, step: 'bin' | 'item' | 'qty', itemData, gs1, typed }
  timeZone: undefined, // the site's time zone (fg.site.time-zone, from /api/v1/pick/context); undefined: the PDA's
  lastScan: { data: null, at: 0 },
  showingRejection: null,
  capture: null,
};

/** A time of day in the site's time zone, e.g. "14:05". */
export function clock(at) {
  try {
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: state.timeZone });
  } catch (e) { // an unknown zone name: the PDA's own
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
}

/** "just now", "2 min ago", "3 h ago". */
export function ago(at) {
  const s = Math.max(0, Math.round((Date.now() - new Date(at).getTime()) / 1000));
  return s < 60 ? 'just now' : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
}

/** Opens or closes a sheet (settings, manual entry): what is behind it can be neither tapped nor read out. */
export function setSheet(id, open) {
  $(id).hidden = !open;
  const anyOpen = ['settings', 'manual', 'rejection'].some((m) => !$(m).hidden);
  for (const el of [document.querySelector('header.status'), $('main')]) {
    el.inert = anyOpen;
  }
}

export function show(name) {
  if (state.screen !== name) {
    feedback.clearError();
  }
  state.screen = name;
  for (const s of document.querySelectorAll('.screen')) {
    s.hidden = s.id !== `screen-${name}`;
  }
  document.body.dataset.screen = name;
  showWho();
}

export function showWho() {
  const e = state.enrollment;
  $('who-picker').textContent = e ? state.operator || 'nobody signed in' : 'not enrolled';
  $('who-device').textContent = e ? e.deviceId : '';
  $('login-device').textContent = e ? e.deviceId : '';
}

export function showReachability(up, since) {
  const el = $('net');
  const at = clock(since);
  el.className = `net ${up === null ? 'unknown' : up ? 'online' : 'offline'}`;
  el.dataset.state = up === null ? 'unknown' : up ? 'online' : 'offline';
  el.textContent = up === null ? 'Checking…' : up ? 'Online' : `Offline ${at}`;
  el.title = up === false ? `Gateway out of reach since ${at}` : '';
}

export async function updateQueue() {
  const n = await store.count('queue');
  $('queue-count').textContent = String(n);
  $('queue').dataset.count = String(n);
}

export function showEnroll(code) {
  show('enroll');
  if (code) {
    $('enroll-code').value = code;
  }
  if (!$('enroll-device').value) {
    const rnd = new Uint8Array(2);
    crypto.getRandomValues(rnd);
    $('enroll-device').value = `pda-${Array.from(rnd, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
}

export function showLogin() {
  show('login');
  $('badge').value = '';
  $('login-message').textContent = '';
}

export function showList() {
  state.current = null;
  show('list');
  renderList();
}

export function renderList() {
  const list = $('task-list');
  list.textContent = '';
  const open = openTasks();
  $('list-count').textContent = open.length ? `(${open.length})` : '';
  $('list-empty').hidden = open.length > 0;
  open.forEach((t, i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.taskId = t.taskId;
    b.innerHTML = '<span class="bin"></span><span class="qty"></span><span class="sku"></span><span></span>';
    b.children[0].textContent = t.location || '(no bin)';
    b.children[1].textContent = `× ${remaining(t)}`;
    b.children[2].textContent = `${t.sku} ${t.skuName || ''}`;
    b.children[3].textContent = t.orderNo;
    b.addEventListener('click', () => openTask(t, 'bin'));
    li.appendChild(b);
    list.appendChild(li);
    if (i === 0) {
      b.classList.add('first');
    }
  });
}

export function openTask(task, step) {
  if (!state.current || state.current.task.taskId !== task.taskId) {
    feedback.clearError();
  }
  state.current = { task, step, itemData: null, gs1: null, typed: false };
  show('task');
  const open = openTasks();
  $('task-order').textContent = `order ${task.orderNo}`;
  $('task-pos').textContent = `${open.findIndex((t) => t.taskId === task.taskId) + 1} of ${open.length}`;
  $('task-bin').textContent = task.location || '(any)';
  $('task-sku').textContent = task.sku;
  $('task-name').textContent = task.skuName || '';
  $('task-remaining').textContent = `${remaining(task)} ${task.unit || ''}`.trim();
  $('field-bin').textContent = step === 'bin' ? '' : task.location;
  $('field-item').textContent = '';
  $('qty').value = '1';
  renderStep();
}

export function renderStep() {
  const c = state.current;
  const steps = ['bin', 'item', 'qty'];
  const at = steps.indexOf(c.step);
  steps.forEach((s, i) => {
    const el = $(`step-${s}`);
    el.classList.toggle('current', i === at);
    el.classList.toggle('done', i < at);
  });
  $('step-qty').hidden = c.step !== 'qty';
  $('confirm').disabled = c.step !== 'qty';
  $('confirm').textContent = c.step === 'qty' ? `Confirm ${$('qty').value}` : 'Confirm';
  $('step-title').textContent = c.step === 'bin' ? `Go to bin ${c.task.location}`
    : c.step === 'item' ? `Scan item ${c.task.sku}` : 'Confirm quantity';
  document.body.dataset.step = c.step;
}

export async function loadTasks() {
  state.tasks = await store.all('tasks');
  state.tasks.sort((a, b) => a.order - b.order);
  state.progress = new Map((await store.all('progress')).map((p) => [p.taskId, p.picked]));
}

export function picked(t) {
  return Math.max(t.picked || 0, state.progress.get(t.taskId) || 0);
}

/** What is left to pick: the gateway's remaining (reserved - picked), less what this PDA picked since. */
export function remaining(t) {
  const target = (t.picked || 0) + (t.remaining ?? t.qty);
  return Math.max(0, target - picked(t));
}

export function openTasks() {
  return state.tasks.filter((t) => remaining(t) > 0);
}
