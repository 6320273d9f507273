// carefinder's service worker: lets a second visit work with no network.
// - Built assets (names with a content hash) never change: cache first.
// - Pages and the dataset: network first, so people see the newest data, falling back to the
//   cache when offline. Postcode district files are cached as they are visited.
// - When the dataset's manifest changes, the old dataset is dropped from the cache.
const SHELL = 'carefinder-shell-v1';
const DATA = 'carefinder-data-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.add('/')).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

const hashed = (path) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css|svg)$/.test(path);

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key || request, response.clone());
    return response;
  } catch (offline) {
    const hit = await cache.match(key || request);
    if (hit) return hit;
    throw offline;
  }
}

// A new manifest means a new dataset: forget the old files before keeping the new ones.
async function manifest(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) {
      const fresh = await response.clone().text();
      const old = await cache.match(request);
      if (old && (await old.text()) !== fresh) {
        await caches.delete(DATA);
      }
      await (await caches.open(DATA)).put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate') {
    // Every route of the app is the same page.
    event.respondWith(networkFirst(event.request, SHELL, '/'));
  } else if (url.pathname === '/data/manifest.json') {
    event.respondWith(manifest(event.request));
  } else if (url.pathname.startsWith('/data/')) {
    event.respondWith(networkFirst(event.request, DATA));
  } else if (hashed(url.pathname)) {
    event.respondWith(cacheFirst(event.request));
  }
});
