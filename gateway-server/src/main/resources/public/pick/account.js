// Enrollment (a one-time code from site IT, scanned from its QR or typed) and the picker's badge sign-in, which
// works with the gateway out of reach too: operations carry the operator, and the gateway hears of the sign-in later.

import * as api from './api.js';
import * as feedback from './feedback.js';
import * as store from './store.js';
import { refreshTasks } from './picking.js';
import { $, setSheet, showEnroll, showList, showLogin, showWho, state } from './screens.js';

const BADGE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What enrollment needs from the rest of the app: starting the session once the PDA has its token. */
export const hooks = { enrolled: () => {} };

export function scanEnrollment(data) {
  const code = enrollmentFromText(data);
  if (!code) {
    feedback.wrong('That is not an enrollment code');
    return;
  }
  $('enroll-code').value = code;
  enroll();
}

/** The enrollment code in a scanned or linked text: the QR's URL (#enroll=CODE&fp=...) or the bare code. */
export function enrollmentFromText(text) {
  if (!text) {
    return null;
  }
  const m = /[#?&]enroll=([^&#\s]+)/.exec(text);
  if (m) {
    const fp = /[#?&]fp=([0-9a-fA-F]{64})/.exec(text);
    if (fp) {
      sessionStorage.setItem('fg-ca-fp', fp[1].toLowerCase());
    }
    return decodeURIComponent(m[1]).toUpperCase();
  }
  const bare = text.trim().toUpperCase();
  return /^[0-9A-Z]{5}-?[0-9A-Z]{5}$/.test(bare) ? bare : null;
}

export async function enroll() {
  const code = enrollmentFromText($('enroll-code').value) || $('enroll-code').value.trim();
  const deviceId = $('enroll-device').value.trim();
  const msg = $('enroll-message');
  msg.className = 'message';
  if (!code) {
    msg.textContent = 'Scan or type the enrollment code';
    return;
  }
  if (!DEVICE_ID.test(deviceId)) {
    msg.className = 'message bad';
    msg.textContent = 'The PDA name may hold letters, digits, ".", "_" and "-" (up to 64)';
    return;
  }
  msg.textContent = 'Enrolling…';
  try {
    const res = await api.post('/api/v1/devices/enroll', { code, deviceId, kind: 'pda' }, { auth: false });
    state.enrollment = { token: res.token, deviceId: res.deviceId || deviceId,
      caFingerprint: sessionStorage.getItem('fg-ca-fp') };
    await store.kv.set('enrollment', state.enrollment);
    feedback.right(`Enrolled as ${state.enrollment.deviceId}`);
    msg.textContent = '';
    hooks.enrolled();
  } catch (e) {
    msg.className = 'message bad';
    msg.textContent = e instanceof api.Unreachable ? 'The gateway does not answer; try again near a Wi-Fi access point'
      : `Refused: ${e.message}`;
    feedback.wrong('Not enrolled');
  }
}

export async function login(badge, fromScan) {
  const b = (badge || '').trim();
  if (!BADGE.test(b)) {
    $('login-message').textContent = 'That is not a badge';
    feedback.wrong('Not a badge');
    return;
  }
  try {
    const res = await sendLogin(b);
    await setOperator(res.operator);
    feedback.right(`Hello ${res.operator}`);
  } catch (e) {
    if (!(e instanceof api.Unreachable)) {
      $('login-message').textContent = `Refused: ${e.message}`;
      feedback.wrong('Not signed in');
      return;
    }
    // Out of reach: sign in on this PDA (operations carry the operator) and tell the gateway later.
    await setOperator(b);
    state.pendingLogin = true;
    await store.kv.set('pendingLogin', true);
    feedback.info(`Signed in as ${b} on this PDA; the gateway hears of it when it answers`);
  }
  if (fromScan !== undefined) {
    showList();
    refreshTasks();
  }
}

export async function sendLogin(badge) {
  const res = await api.post('/api/v1/sessions', { badge });
  state.pendingLogin = false;
  await store.kv.del('pendingLogin');
  return res;
}

export async function setOperator(op) {
  state.operator = op;
  await store.kv.set('operator', op);
  showWho();
}

export async function signOut() {
  try {
    await api.call('DELETE', '/api/v1/sessions');
  } catch (e) {
    // Out of reach: the next picker's sign-in replaces it.
  }
  state.operator = null;
  await store.kv.del('operator');
  setSheet('settings', false);
  showLogin();
}

export function enrollmentLost() {
  feedback.wrong('This PDA is no longer enrolled (revoked). Ask site IT for a new enrollment code.');
  state.enrollment = null;
  store.kv.del('enrollment');
  showEnroll(null);
}
