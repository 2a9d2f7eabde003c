// Sends the queued operations while the page is open (no reliance on Background Sync, which PDA browsers do not all
// have): right after a pick, every few seconds while something waits, and as soon as the gateway answers again.
// Each send carries the queued operations as they were stored, same opIds and bodies, so a repeat after a lost
// answer is recognised by the gateway and applied once. Also reports the queue to site IT's page, and turns the
// gateway's rejections (events, and the list kept for this device) into items the picker must acknowledge.

import * as api from './api.js';
import * as store from './store.js';

const RETRY_MS = 5000;
const REPORT_MS = 15000;
const BATCH = 100;

export class Sync {
  /**
   * @param {object} hooks
   * @param {() => void} hooks.changed the queue or the rejections changed
   * @param {() => void} hooks.unauthorized the gateway refused the device token (revoked)
   * @param {() => string|null} hooks.operator the signed-in picker
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.flushing = null;
    this.deviceId = null;
  }

  /** Starts the timers and the event stream once; a later call (a new enrollment) only changes the device. */
  start(deviceId) {
    this.deviceId = deviceId;
    if (this.started) {
      this.flush();
      return;
    }
    this.started = true;
    setInterval(() => this.flushIfWaiting(), RETRY_MS);
    setInterval(() => this.report(), REPORT_MS);
    window.addEventListener('online', () => this.flush());
    api.onReachability((up) => { if (up) { this.flush(); } });
    this.stopEvents = api.streamEvents((type, event) => this.onEvent(type, event), () => {
      this.fetchRejections();
      this.flush();
    });
    this.report();
  }

  async flushIfWaiting() {
    if ((await store.count('queue')) > 0 || (await this.pendingAcks()).length > 0) {
      await this.flush();
    }
  }

  /** Sends what waits; one flush at a time. Resolves when this round is over (sent or not). */
  flush() {
    if (!this.flushing) {
      this.flushing = this.sendAll().finally(() => { this.flushing = null; });
    }
    return this.flushing;
  }

  async sendAll() {
    let entries = await store.queued();
    while (entries.length > 0) {
      const batch = entries.slice(0, BATCH);
      const ids = batch.map((e) => e.opId);
      try {
        const res = await api.post('/api/v1/operations', { operations: batch.map((e) => e.op) });
        await store.acknowledged(res.accepted || ids);
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 422 && e.body) {
          // Some were refused by the gateway's own checks; the others of the request are accepted.
          await store.acknowledged(e.body.accepted || []);
          await this.refused(batch, e.body.rejected || []);
        } else if (e instanceof api.ApiError && e.status === 401) {
          await store.noteAttempt(ids, e.message);
          this.hooks.unauthorized();
          return;
        } else if (e instanceof api.ApiError && (e.status === 400 || e.status === 403 || e.status === 413)) {
          // The request as a whole cannot ever succeed: tell the picker instead of retrying forever.
          await this.refused(batch, ids.map((opId) => ({ opId, code: e.code, problems: [{ message: e.message }] })));
        } else {
          await store.noteAttempt(ids, e.message);
          this.hooks.changed();
          return; // unreachable, 503 busy, 507 disk full: try again later, same ops, same ids
        }
      }
      this.hooks.changed();
      entries = await store.queued();
    }
    await this.sendAcks();
    this.report();
  }

  async refused(batch, rejected) {
    const byId = new Map(batch.map((e) => [e.opId, e.op]));
    for (const r of rejected) {
      const op = byId.get(r.opId) || {};
      const why = (r.problems || []).map((p) => (p.field ? `${p.field}: ` : '') + p.message).join('; ');
      await store.put('rejections', {
        opId: r.opId, code: r.code || 'INVALID', message: why || r.code, sku: op.sku, qty: op.qty,
        location: op.location, orderNo: op.orderNo, at: new Date().toISOString(), acknowledged: false, ackSent: true,
        local: true,
      });
    }
    await store.dequeue(rejected.map((r) => r.opId));
  }

  onEvent(type, event) {
    if (type === 'op.rejected' && event.deviceId === this.deviceId && event.data) {
      this.addRejection({ ...event.data, rejectedAt: event.at });
    }
  }

  async fetchRejections() {
    try {
      const res = await api.get('/api/v1/pick/rejections');
      for (const r of res.rejections || []) {
        await this.addRejection(r);
      }
    } catch (e) {
      // Out of reach: the next connection asks again.
    }
  }

  /** Keeps a rejection from the gateway (event or list) once; fills what the operation was from our own copy. */
  async addRejection(r) {
    const known = await store.get('rejections', r.opId);
    if (known) {
      return;
    }
    const op = (await store.operation(r.opId)) || {};
    await store.put('rejections', {
      opId: r.opId, code: r.code, message: r.message, sku: r.sku || op.sku, qty: r.qty || op.qty,
      location: r.location || op.location, orderNo: r.orderNo || op.orderNo, at: r.rejectedAt || new Date().toISOString(),
      acknowledged: false, ackSent: false, local: false,
    });
    this.hooks.changed();
  }

  async pendingAcks() {
    return (await store.all('rejections')).filter((r) => r.acknowledged && !r.ackSent);
  }

  async sendAcks() {
    for (const r of await this.pendingAcks()) {
      try {
        await api.post(`/api/v1/pick/rejections/${encodeURIComponent(r.opId)}/ack`,
          { operator: this.hooks.operator() });
        r.ackSent = true;
        await store.put('rejections', r);
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 404) {
          r.ackSent = true; // the gateway no longer knows it: nothing to tell
          await store.put('rejections', r);
        } else {
          return;
        }
      }
    }
  }

  /** Tells site IT's page how this PDA is doing. */
  async report() {
    try {
      const queued = await store.count('queue');
      const open = (await store.all('rejections')).filter((r) => !r.acknowledged).length;
      await api.post('/api/v1/pick/status', { queued, openRejections: open, operator: this.hooks.operator(),
        app: 'pick-web-1' }, { timeoutMs: 5000 });
    } catch (e) {
      // Out of reach: reported next time.
    }
  }
}
