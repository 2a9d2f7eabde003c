// The picker app's own storage: IndexedDB database "floorgate-pick", so the queue of operations, the pick list and
// the rejections survive a reload, a crash of the browser and a gateway out of reach.
//
//   kv          key -> value: enrollment (token, deviceId, tenant, warehouse), operator, settings, ...
//   queue       opId -> { opId, op, createdAt, attempts, lastError }   operations not yet acknowledged (202)
//   sent        opId -> { opId, op, sentAt }                           acknowledged ones, for rejection details
//   tasks       taskId -> the pick task as the gateway last listed it
//   progress    taskId -> { taskId, picked }   what this PDA picked of a task, until the gateway's list shows it
//   rejections  opId -> { opId, code, message, sku, qty, location, at, acknowledged, ackSent, local }
//
// An operation is put in the queue (one transaction, committed) before anything is sent, with its opId made here;
// it leaves the queue only when the gateway has acknowledged it, so a reload or a lost answer means sending it again
// with the same opId, which the gateway recognises: it is applied once.

const DB_NAME = 'floorgate-pick';
const VERSION = 1;
const STORES = {
  kv: undefined, queue: 'opId', sent: 'opId', tasks: 'taskId', progress: 'taskId', rejections: 'opId',
};
/** Acknowledged operations kept for rejection details. */
const SENT_KEEP = 500;

let dbPromise = null;

/**
 * How long the page waits for IndexedDB to open before it says so: a browser that never answers the open (storage
 * disabled, a profile locked by another process, a stuck upgrade) used to leave the picker on "Starting..." forever.
 */
export const OPEN_TIMEOUT_MS = 5000;

/** The database, opened once; a failed or timed-out open is forgotten so that a retry opens again. */
export function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
          `local storage (IndexedDB) did not open within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
      const fail = (e) => {
        clearTimeout(timer);
        reject(e || new Error('local storage (IndexedDB) refused to open'));
      };
      let req;
      try {
        req = indexedDB.open(DB_NAME, VERSION);
      } catch (e) {
        fail(e);
        return;
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        for (const [name, keyPath] of Object.entries(STORES)) {
          if (!db.objectStoreNames.contains(name)) {
            db.createObjectStore(name, keyPath ? { keyPath } : undefined);
          }
        }
      };
      req.onsuccess = () => {
        clearTimeout(timer);
        resolve(req.result);
      };
      req.onerror = () => fail(req.error);
    });
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

/** Runs fn(stores...) in one transaction; resolves with fn's result once the transaction has committed. */
async function tx(names, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(names, mode);
    let result;
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('transaction aborted'));
    Promise.resolve(fn(...names.map((n) => t.objectStore(n)))).then((r) => { result = r; }, (e) => {
      t.abort();
      reject(e);
    });
  });
}

function req(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export const kv = {
  get: (key) => tx(['kv'], 'readonly', (s) => req(s.get(key))),
  set: (key, value) => tx(['kv'], 'readwrite', (s) => { s.put(value, key); }),
  del: (key) => tx(['kv'], 'readwrite', (s) => { s.delete(key); }),
};

export function all(store) {
  return tx([store], 'readonly', (s) => req(s.getAll()));
}

export function put(store, value) {
  return tx([store], 'readwrite', (s) => { s.put(value); });
}

export function remove(store, key) {
  return tx([store], 'readwrite', (s) => { s.delete(key); });
}

export function get(store, key) {
  return tx([store], 'readonly', (s) => req(s.get(key)));
}

export function count(store) {
  return tx([store], 'readonly', (s) => req(s.count()));
}

/** Replaces the whole content of a store. */
export function replaceAll(store, values) {
  return tx([store], 'readwrite', (s) => {
    s.clear();
    for (const v of values) {
      s.put(v);
    }
  });
}

/** Adds an operation to the queue; committed when the promise resolves. */
export function enqueue(op) {
  const entry = { opId: op.opId, op, createdAt: Date.now(), attempts: 0, lastError: null };
  return tx(['queue'], 'readwrite', (s) => { s.add(entry); }).then(() => entry);
}

/** The queued operations, oldest first. */
export async function queued() {
  const entries = await all('queue');
  return entries.sort((a, b) => a.createdAt - b.createdAt);
}

/** Moves acknowledged operations from the queue to "sent", in one transaction. */
export function acknowledged(opIds) {
  const ids = new Set(opIds);
  return tx(['queue', 'sent'], 'readwrite', async (queue, sent) => {
    const entries = await req(queue.getAll());
    for (const e of entries) {
      if (ids.has(e.opId)) {
        queue.delete(e.opId);
        sent.put({ opId: e.opId, op: e.op, sentAt: Date.now() });
      }
    }
    const keys = await req(sent.getAllKeys());
    if (keys.length > SENT_KEEP) {
      const all = await req(sent.getAll());
      all.sort((a, b) => a.sentAt - b.sentAt);
      for (const old of all.slice(0, all.length - SENT_KEEP)) {
        sent.delete(old.opId);
      }
    }
  });
}

/** Takes operations out of the queue that the gateway refused (they become rejections). */
export function dequeue(opIds) {
  return tx(['queue'], 'readwrite', (s) => { for (const id of opIds) { s.delete(id); } });
}

export function noteAttempt(opIds, error) {
  const ids = new Set(opIds);
  return tx(['queue'], 'readwrite', async (s) => {
    for (const e of await req(s.getAll())) {
      if (ids.has(e.opId)) {
        e.attempts += 1;
        e.lastError = error;
        s.put(e);
      }
    }
  });
}

/** The operation behind an opId, from the queue or the sent ones. */
export async function operation(opId) {
  const q = await get('queue', opId);
  if (q) {
    return q.op;
  }
  const s = await get('sent', opId);
  return s ? s.op : null;
}

/** Forgets everything (a PDA handed to another site). */
export async function clearAll() {
  await tx(Object.keys(STORES), 'readwrite', (...stores) => { for (const s of stores) { s.clear(); } });
}
