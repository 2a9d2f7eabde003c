// The picker app's offline shell. Browsers give service workers to HTTPS pages only, which is one reason the
// gateway serves HTTPS (README "HTTPS and PDAs").
//
// App files: network first (so a new version is picked up at once), the cached copy when the gateway does not
// answer within a few seconds, so a reload in a Wi-Fi dead spot still shows the app, its queue and its pick list
// (those live in IndexedDB). The API is never cached or answered here: the app itself knows what to do offline.

const CACHE = 'floorgate-pick-v7';
const SHELL = ['./', 'index.html', 'pick.css', 'app.js', 'account.js', 'api.js', 'feedback.js', 'intake.js', 'pack.js', 'pack-panel.js', 'photo.js',
  'picking.js', 'scan-capture.js', 'screens.js', 'store.js', 'sync.js', 'uuid.js'];
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/pick/')) {
    return; // the API and everything else: straight to the network
  }
  event.respondWith(networkFirst(req));
});

async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await withTimeout(fetch(req, { cache: 'no-store' }), NETWORK_WAIT_MS);
    if (res.ok) {
      await cache.put(req, res.clone());
    }
    return res;
  } catch (e) {
    const cached = await cache.match(req, { ignoreSearch: true })
      || (req.mode === 'navigate' ? await cache.match('./') : undefined);
    if (cached) {
      return cached;
    }
    throw e;
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
