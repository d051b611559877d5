// The kiosk's service worker (version {{ version }}): keeps the app shell and the last good
// directory snapshot, so the kiosk starts and browses while the network or the server is gone.
"use strict";

const VERSION = {{ version|tojson }};
const SHELL_CACHE = `kiosk-shell-${VERSION}`;
const DATA_CACHE = "kiosk-data";
const SHELL = {{ shell|tojson }};
const PAGE = {{ scope|tojson }};
const SNAPSHOT = "/api/v1/snapshot";
const NETWORK_TIMEOUT = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL_CACHE);
    await shell.addAll(SHELL.map((url) => new Request(url, { cache: "reload" })));
    try {
      await storeSnapshot(await fetch(SNAPSHOT, { cache: "no-cache" }));
    } catch (error) {
      // The page stores it on its next refresh.
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("kiosk-shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) event.respondWith(page(request));
  else if (url.pathname.startsWith(`${PAGE}/static/`)) event.respondWith(asset(request));
  // A delta (?since=) goes to the network as it is: only a whole snapshot is kept for outages.
  else if (url.pathname === SNAPSHOT && !url.search) event.respondWith(snapshot(request));
});

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

/** The page: fresh from the server when it answers, else the copy from the last install. A 4xx (an unknown
 * kiosk `k`) is the server's answer and shown as it is; only an outage or a 5xx falls back to the copy. */
async function page(request) {
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT);
    if (response.ok) {
      const shell = await caches.open(SHELL_CACHE);
      await shell.put(PAGE, response.clone());
      return response;
    }
    if (response.status < 500) return response;
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const cached = await caches.match(PAGE, { ignoreSearch: true });
    return cached || Response.error();
  }
}

/** Static files: from the cache this version filled at install, else from the network. */
async function asset(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

async function storeSnapshot(response) {
  if (!response.ok) return;
  const headers = new Headers(response.headers);
  headers.set("X-Kiosk-Stored-At", String(Date.now()));
  const copy = new Response(await response.clone().blob(), { status: 200, headers });
  await (await caches.open(DATA_CACHE)).put(SNAPSHOT, copy);
}

/** The snapshot: from the server, remembered as the last good copy; that copy when the server is gone. */
async function snapshot(request) {
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT * 2);
    if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    if (response.ok) await storeSnapshot(response);
    return response;
  } catch (error) {
    const cached = await caches.match(SNAPSHOT, { cacheName: DATA_CACHE });
    if (!cached) return Response.error();
    const headers = new Headers(cached.headers);
    headers.set("X-Kiosk-Offline", "1");
    return new Response(cached.body, { status: 200, headers });
  }
}
