// carefinder's service worker: lets a second visit work with no network.
// - Its version is the app build's (scripts/lib.sh writes the wasm file's hash over the
//   placeholder below), so each new app build is a new worker: it fetches `/` and `/app.html`
//   afresh with the assets they name, and drops the caches of older builds when it takes over.
// - Built assets (names with a content hash) and dataset files under /data/<build>/ never
//   change: cache first (a dataset file is kept only if it matches the manifest's hash). The
//   manifest: network first, answering from the cache when the network fails or the server
//   errs (5xx).
// - Pages are never stored: a page's address can say what a person chose (a district, a
//   pathway step), so when the network fails or errs every page is answered with the app's
//   plain page from this build's shell, which draws it from the cached data.
// - When the manifest names a new build, cached files of other builds are dropped.
// - Nothing with a query is ever stored, nor anything the app asks for with `no-store` (all its
//   requests in adviser mode), and after the app's {carefinder: 'stop-caching'} message
//   nothing more is stored at all.
const VERSION = 'CAREFINDER_APP_BUILD';
const SHELL = 'carefinder-shell-' + VERSION;
const DATA = 'carefinder-data-v3';

let stopped = false;
self.addEventListener('message', (event) => {
  if (event.data && event.data.carefinder === 'stop-caching') stopped = true;
});

// Trunk's hash is hex without leading zeros: 12 to 16 digits, as crates/serve/src/policy.rs.
const hashed = (path) => /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css|svg)$/.test(path);
const BUILD_FILE = /^\/data\/([0-9a-f]{16})\//;

async function put(cacheName, key, response) {
  if (stopped || new URL(typeof key === 'string' ? key : key.url, self.location.origin).search) return;
  await (await caches.open(cacheName)).put(key, response);
}

// The shell, fetched past the HTTP cache, and the hashed assets its page names.
async function install() {
  const shell = await caches.open(SHELL);
  const page = await fetch('/', { cache: 'reload' });
  if (!page.ok) throw new Error('/ answered ' + page.status);
  const html = await page.clone().text();
  await shell.put('/', page);
  // app.html exists only when the pages were pre-rendered; without it '/' is the plain page.
  const app = await fetch('/app.html', { cache: 'reload' }).catch(() => null);
  if (app && app.ok) await shell.put('/app.html', app);
  const assets = [...html.matchAll(/(?:href|src)="(\/[^"?#]+)"/g)].map((m) => m[1]).filter(hashed);
  await Promise.all(assets.map((a) => shell.add(a).catch(() => {})));
}

self.addEventListener('install', (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const current = [SHELL, DATA];
  const dropOld = caches.keys().then((names) => Promise.all(names.filter((n) => !current.includes(n)).map((n) => caches.delete(n))));
  event.waitUntil(dropOld.then(() => self.clients.claim()));
});

// A build file is kept only when its SHA-256 is the one the cached manifest lists, so a damaged
// copy is never served again from here (the app asks again after its own check fails).
async function listedAs(pathname, response) {
  const m = pathname.match(BUILD_FILE);
  const copy = await (await caches.open(DATA)).match('/data/manifest.json');
  const manifest = copy && (await copy.json().catch(() => null));
  if (!m || !manifest || manifest.build !== m[1] || !self.crypto || !self.crypto.subtle) return false;
  const listed = (manifest.files || []).find((f) => f.path === pathname.slice(m[0].length));
  if (!listed) return false;
  const digest = await self.crypto.subtle.digest('SHA-256', await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('') === listed.sha256;
}

async function buildFile(request, url) {
  const hit = await (await caches.open(DATA)).match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && (await listedAs(url.pathname, response.clone()))) await put(DATA, request, response.clone());
  return response;
}

async function cacheFirst(request, cacheName) {
  const hit = await (await caches.open(cacheName)).match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await put(cacheName, request, response.clone());
  return response;
}

// The network's answer, or the cached copy when the network fails or answers with one of
// `fallBackOn` (a status test).
async function networkFirst(request, cacheName, key, fallBackOn) {
  const cache = await caches.open(cacheName);
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw offline;
  }
  if (response.ok) {
    await put(cacheName, key, response.clone());
    return response;
  }
  if (fallBackOn(response.status)) return (await cache.match(key)) || response;
  return response;
}

// A page from the network, or when it fails or errs the app's plain page (never stored itself).
async function page(request) {
  try {
    const response = await fetch(request);
    if (response.status < 500) return response;
  } catch (offline) {
    // Answered below from the shell.
  }
  const shell = await caches.open(SHELL);
  const plain = (await shell.match('/app.html')) || (await shell.match('/'));
  if (plain) return plain;
  return fetch(request);
}

// Keeps only the newest build's files: when the manifest names another build, files of the
// others are dropped.
async function manifest(request) {
  const response = await networkFirst(request, DATA, '/data/manifest.json', (s) => s >= 500);
  if (response.ok && !stopped) {
    const build = await response.clone().json().then((m) => m.build, () => null);
    if (build) await dropOtherBuilds(build);
  }
  return response;
}

async function dropOtherBuilds(build) {
  const cache = await caches.open(DATA);
  const stale = (await cache.keys()).filter((r) => {
    const m = new URL(r.url).pathname.match(BUILD_FILE);
    return m && m[1] !== build;
  });
  await Promise.all(stale.map((r) => cache.delete(r)));
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.cache === 'no-store') return; // adviser mode: as if there were no worker
  if (event.request.mode === 'navigate') {
    event.respondWith(page(event.request));
  } else if (url.search) {
    // Never stored: the network answers as if there were no worker.
  } else if (url.pathname === '/data/manifest.json') {
    event.respondWith(manifest(event.request));
  } else if (BUILD_FILE.test(url.pathname)) {
    event.respondWith(buildFile(event.request, url));
  } else if (hashed(url.pathname)) {
    event.respondWith(cacheFirst(event.request, SHELL));
  }
});
