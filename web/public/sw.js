// Service worker: the app works without a connection once it has been opened.
// - On install, every built file (from Vite's manifest) and the app page are cached.
// - Pages: network first, the cached app when offline. Hashed assets: cache first.
// - A few reference reads (categories, units, session) are served from cache when offline so
//   the member form can be filled in; every other API call goes to the network untouched
//   (writes are never cached: the app's IndexedDB outbox keeps unsent reports).
const CACHE = 'jembatan-v1';
const CACHED_API = ['/api/v1/categories', '/api/v1/units', '/api/v1/session', '/api/v1/config'];
const APP_FILES = ['/manifest.webmanifest', '/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(['/', ...APP_FILES, '/api/v1/categories']);
    try {
      const manifest = await (await fetch('/.vite/manifest.json')).json();
      const files = new Set();
      for (const entry of Object.values(manifest)) {
        files.add('/' + entry.file);
        for (const css of entry.css || []) files.add('/' + css);
      }
      await cache.addAll([...files]);
    } catch (e) {
      // without the manifest, assets are cached as they are first used
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl || request, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(fallbackUrl || request);
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/'));
  } else if (url.pathname.startsWith('/assets/') || APP_FILES.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || networkFirst(request)));
  } else if (CACHED_API.some((p) => url.pathname === p)) {
    event.respondWith(networkFirst(request));
  }
});
