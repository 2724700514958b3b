// Fieldwork offline: the service worker of an auditor's pages (scope /<locale>/t/<slug>/audits/). When the
// auditor opens their visits, the page sends the addresses of every part of every assigned visit (with the
// instrument's texts and the facility's details in them), and they are kept here. Pages are fetched from the
// network first and from this cache only when there is no connection. Answers are never kept here: the page
// keeps them in IndexedDB (see fieldwork.js) until the server has them.
const cacheName = 'coproduce-fieldwork-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('coproduce-fieldwork-') && name !== cacheName) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function keep(urls) {
  const cache = await caches.open(cacheName);
  let kept = 0;
  for (const url of urls) {
    try {
      const response = await fetch(url, { credentials: 'same-origin', redirect: 'follow' });
      // A sent visit's parts lead to its check page: that page is kept under both addresses.
      if (response.ok && new URL(response.url).origin === self.location.origin) {
        // A page reached through a redirect cannot answer a navigation: keep a plain copy of it.
        const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
        await cache.put(url, copy.clone());
        if (response.redirected) await cache.put(response.url, copy);
        kept += 1;
      }
    } catch {
      // Offline already: what was kept before stays.
    }
  }
  return kept;
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin);
  event.waitUntil(
    keep(urls).then((kept) => {
      event.source?.postMessage({ type: 'kept', kept, total: urls.length });
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isPage = request.mode === 'navigate';
  const isAsset = url.pathname.startsWith('/assets/');
  if (!isPage && !isAsset) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(cacheName);
      if (isAsset) {
        // Assets carry their version in the address: the kept copy is the same file.
        const kept = await cache.match(request, { ignoreVary: true });
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }
      try {
        const response = await fetch(request);
        if (response.ok && url.pathname.includes('/audits/visits')) await cache.put(request, response.clone());
        return response;
      } catch (error) {
        const kept = (await cache.match(request, { ignoreVary: true })) ?? (await cache.match(url.pathname, { ignoreVary: true }));
        if (kept) return kept;
        throw error;
      }
    })(),
  );
});
