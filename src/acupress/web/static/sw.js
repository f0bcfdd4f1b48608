// The service worker: keeps the app's pages and files on the device so the
// plan, the guided session and the diary open without a connection.
// Pages: from the network when it answers (and kept for later), else the kept
// copy. Files: the kept copy at once, refreshed in the background.
// Writes are never handled here: the page's outbox queues and retries them.
"use strict";
const FILES = "acupress-files-v1";
const PAGES = "acupress-pages";
const SHELL = ["/static/app.css", "/static/outbox.js", "/static/app.js", "/static/session.js",
  "/static/vendor/htmx.min.js", "/static/icon.svg", "/static/icon-192.png", "/manifest.webmanifest"];
const START_PAGES = ["/", "/plan", "/session", "/diary", "/offline"];

async function keepPage(cache, path) {
  try {
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(path, response);
  } catch (e) { /* kept on the next visit instead */ }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await (await caches.open(FILES)).addAll(SHELL);
    const pages = await caches.open(PAGES);
    await Promise.all(START_PAGES.map((path) => keepPage(pages, path)));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== FILES && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// "Delete all my data" also forgets the pages kept on this device.
self.addEventListener("message", (event) => {
  if (event.data === "forget-pages") event.waitUntil(caches.delete(PAGES));
});

// After any page loads from the network, the start pages are refreshed in the
// background (at most every 15 s), so a new plan is ready offline at once.
let refreshedAt = 0;
async function refreshStartPages() {
  if (Date.now() - refreshedAt < 15000) return;
  refreshedAt = Date.now();
  const cache = await caches.open(PAGES);
  await Promise.all(START_PAGES.map((path) => keepPage(cache, path)));
}

async function page(request, waitUntil) {
  const url = new URL(request.url);
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    const html = (response.headers.get("content-type") || "").startsWith("text/html");
    // One copy per page; a confirmation (?saved=, ?deleted=) is not kept.
    if (response.ok && !response.redirected && html && !/[?&](saved|deleted)=/.test(url.search)) {
      await cache.put(url.pathname, response.clone());
    }
    waitUntil(refreshStartPages());
    return response;
  } catch (e) {
    return (await cache.match(url.pathname)) || (await cache.match("/offline")) || Response.error();
  }
}

// Vendored libraries change only with a release: the kept copy first. Our own
// files: the network first, so a new version is used at once.
async function file(request, waitUntil) {
  const cache = await caches.open(FILES);
  const vendored = new URL(request.url).pathname.startsWith("/static/vendor/");
  const kept = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request).then((response) => {
    if (response.ok) waitUntil(cache.put(request, response.clone()));
    return response;
  });
  if (kept && vendored) {
    waitUntil(fresh.catch(() => undefined));
    return kept;
  }
  return fresh.catch(() => kept || Response.error());
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const waitUntil = (promise) => event.waitUntil(promise);
  if (request.mode === "navigate") {
    event.respondWith(page(request, waitUntil));
  } else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(file(request, waitUntil));
  }
});
