// The pick flow, scan first: on the list a bin scan opens the task at that bin; on a task the bin is checked, then
// the item (by the gateway, which decodes GS1; by the task's own codes when the gateway is out of reach), then the
// quantity is confirmed and the pick goes into the queue before anything is sent.

import * as api from './api.js';
import * as feedback from './feedback.js';
import * as store from './store.js';
import { GS } from './scan-capture.js';
import {
  $, ago, clock, loadTasks, openTask, openTasks, picked, remaining, renderList, renderStep, showList, state, updateQueue,
} from './screens.js';
import { uuidv7 } from './uuid.js';

/** What the flow needs from the rest of the app: sending the queue. */
export const hooks = { flush: () => Promise.resolve() };

/** The pick list from the gateway, kept in IndexedDB; with the gateway out of reach, the list kept last time. */
export async function refreshTasks() {
  try {
    const res = await api.get('/api/v1/pick/tasks');
    const tasks = (res.tasks || []).map((t, i) => ({ ...t, order: i }));
    await store.replaceAll('tasks', tasks);
    await store.kv.set('tasksAt', res.at);
    // The gateway's count has caught up with what this PDA picked: the local note is no longer needed.
    for (const t of tasks) {
      if (state.progress.has(t.taskId) && t.picked >= state.progress.get(t.taskId)) {
        await store.remove('progress', t.taskId);
      }
    }
    await loadTasks();
    $('list-age').textContent = `List from ${clock(res.at)}`;
  } catch (e) {
    const at = await store.kv.get('tasksAt');
    $('list-age').textContent = at ? `Gateway out of reach: list from ${clock(at)} (${ago(at)})`
      : 'Gateway out of reach: no list yet';
  }
  if (state.screen === 'list') {
    renderList();
  }
}

/** A scan, or a code typed in the manual entry sheet (typed = true), on the pick list. */
export function scanOnList(data, typed = false) {
  const scan = data.trim().toUpperCase();
  const task = openTasks().find((t) => (t.location || '').toUpperCase() === scan);
  if (task) {
    feedback.right(`Bin ${task.location}`);
    openTask(task, 'item');
    state.current.typed = typed;
    $('field-bin').textContent = task.location;
    return;
  }
  if (openTasks().some((t) => itemMatchesLocally(t, data))) {
    feedback.wrong('Scan the bin first');
    return;
  }
  feedback.wrong(`No open task at ${data}`);
}

/** A scan, or a code typed in the manual entry sheet (typed = true), on the task screen: same checks either way. */
export async function scanOnTask(data, typed = false) {
  const c = state.current;
  const task = c.task;
  if (c.step === 'bin') {
    if (data.trim().toUpperCase() === (task.location || '').toUpperCase()) {
      c.typed = c.typed || typed;
      $('field-bin').textContent = task.location;
      c.step = 'item';
      renderStep();
      feedback.right(`Bin ${task.location}`);
    } else {
      feedback.wrong(`Wrong bin: ${data}. Go to ${task.location}`);
    }
    return;
  }
  if (c.step === 'qty' && data === c.itemData) {
    setQty(Number($('qty').value) + 1, true);
    return;
  }
  if (data.trim().toUpperCase() === (task.location || '').toUpperCase()) {
    feedback.info(`Bin ${task.location} is already confirmed; scan the item`);
    return;
  }
  const verdict = await checkItem(task, data);
  if (state.current !== c) {
    return; // the picker moved on while the gateway answered
  }
  if (!verdict.ok) {
    feedback.wrong(verdict.text);
    return;
  }
  c.itemData = data;
  c.gs1 = verdict.gs1;
  c.typed = c.typed || typed;
  $('field-item').textContent = task.sku + (verdict.gs1 && verdict.gs1.batch ? ` lot ${verdict.gs1.batch}` : '');
  c.step = 'qty';
  setQty(1, false);
  renderStep();
  feedback.right(`${task.sku} ${verdict.offline ? '(checked on this PDA)' : ''}`.trim());
}

/** Asks the gateway what a scan is (GS1 decoded there); out of reach, compares with the task's own codes. */
async function checkItem(task, data) {
  try {
    const d = await api.post('/api/v1/scans', { data }, { timeoutMs: 3000 });
    if (d.problems && d.problems.length) {
      return { ok: false, text: `Barcode not readable: ${d.problems[0].message}` };
    }
    const m = d.match || {};
    if (m.kind === 'SKU' && m.sku === task.sku) {
      return { ok: true, gs1: d.gs1 };
    }
    if (m.kind === 'SKU') {
      return { ok: false, text: `Wrong item: ${m.sku} ${m.name || ''}. Pick ${task.sku}` };
    }
    return { ok: false, text: `Unknown barcode ${data.split(GS).join(' ')}. Pick ${task.sku}` };
  } catch (e) {
    if (!(e instanceof api.Unreachable)) {
      return { ok: false, text: `The gateway refused the scan: ${e.message}` };
    }
    return itemMatchesLocally(task, data) ? { ok: true, gs1: null, offline: true }
      : { ok: false, text: `Not ${task.sku} (checked on this PDA: gateway out of reach)` };
  }
}

/** The task's SKU code, barcodes or GTIN (a GTIN-14 in AI 01 of a GS1 code), without the gateway. */
function itemMatchesLocally(task, data) {
  let s = data.replace(/^\][A-Za-z][0-9A-Za-z]/, ''); // an AIM symbology id
  if (s === task.sku || (task.barcodes || []).includes(s)) {
    return true;
  }
  const gtins = (task.gtins || []).map((g) => g.padStart(14, '0'));
  if (/^\d{8,14}$/.test(s) && gtins.includes(s.padStart(14, '0'))) {
    return true;
  }
  s = s.replace(/^\(01\)/, '01');
  return s.startsWith('01') && gtins.includes(s.slice(2, 16));
}

export function setQty(n, fromScan) {
  const c = state.current;
  const max = remaining(c.task);
  if (n > max) {
    feedback.wrong(`Only ${max} to pick here`);
    n = max;
  } else if (fromScan) {
    feedback.right(`${n} of ${max}`);
  }
  $('qty').value = String(Math.max(1, n));
  $('confirm').textContent = `Confirm ${$('qty').value}`;
}

export async function confirmPick() {
  const c = state.current;
  if (!c || c.step !== 'qty') {
    return;
  }
  const qty = Math.floor(Number($('qty').value));
  const max = remaining(c.task);
  if (!(qty >= 1) || qty > max) {
    feedback.wrong(`Quantity must be 1 to ${max}`);
    return;
  }
  const op = {
    opId: uuidv7(), type: 'PICK', sku: c.task.sku, qty, location: c.task.location, orderNo: c.task.orderNo,
    occurredAt: new Date().toISOString(),
  };
  op.entryMethod = c.typed ? 'typed' : 'scanned'; // a bin or item keyed in by hand rather than scanned
  if (state.operator) {
    op.operator = state.operator;
  }
  if (c.gs1) {
    if (c.gs1.batch) { op.lot = c.gs1.batch; }
    if (c.gs1.expiry) { op.expiry = c.gs1.expiry; }
    if (c.gs1.serial) { op.serial = c.gs1.serial; }
  }
  await store.enqueue(op); // durable on this PDA before anything else happens
  const nowPicked = picked(c.task) + qty;
  state.progress.set(c.task.taskId, nowPicked);
  await store.put('progress', { taskId: c.task.taskId, picked: nowPicked });
  await updateQueue();
  feedback.right(`Picked ${qty} × ${c.task.sku}`);
  hooks.flush().then(updateQueue);
  const next = openTasks()[0];
  if (next) {
    openTask(next, 'bin');
  } else {
    showList();
    refreshTasks();
  }
}
