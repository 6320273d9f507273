// carefinder's service worker: lets a second visit work with no network.
// - Built assets (names with a content hash) never change: cache first.
// - Pages and the dataset: network first, so people see the newest data, falling back to the
//   cache when offline. Pages, postcode district files and service files are cached as they
//   are visited, with the dataset (pre-rendered pages are made from it); routes never visited
//   fall back to the app's plain page.
// - When the dataset's manifest changes, the old dataset is dropped from the cache.
// v2: dataset schema 2 (services.json); an older app cached here could not read it.
const SHELL = 'carefinder-shell-v2';
const DATA = 'carefinder-data-v1';

self.addEventListener('install', (event) => {
  // app.html exists only when the pages were pre-rendered; without it '/' is the plain page.
  const keep = (cache) => Promise.all([cache.add('/'), cache.add('/app.html').catch(() => {})]);
  event.waitUntil(caches.open(SHELL).then(keep).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const current = [SHELL, DATA];
  const dropOld = caches.keys().then((names) => Promise.all(names.filter((n) => !current.includes(n)).map((n) => caches.delete(n))));
  event.waitUntil(dropOld.then(() => self.clients.claim()));
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

// A page by its path alone: a search's postcode (in the query) is never written to the cache.
async function page(request, url) {
  try {
    return await networkFirst(request, DATA, url.origin + url.pathname);
  } catch (offline) {
    const shell = await caches.open(SHELL);
    const plain = (await shell.match('/app.html')) || (await shell.match('/'));
    if (plain) return plain;
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
    event.respondWith(page(event.request, url));
  } else if (url.pathname === '/data/manifest.json') {
    event.respondWith(manifest(event.request));
  } else if (url.pathname.startsWith('/data/')) {
    event.respondWith(networkFirst(event.request, DATA));
  } else if (hashed(url.pathname)) {
    event.respondWith(cacheFirst(event.request));
  }
});
