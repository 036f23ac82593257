/* Service worker of the kiosk page: keeps the page and its assets available offline, so a
 * tablet restarted during an outage still shows the form (answers queue in localStorage).
 * API calls are never intercepted: they must reach the server or fail visibly. */
"use strict";
var CACHE = "c360-kiosk-v1";
var ASSETS = ["/kiosk", "/static/kiosk/kiosk.css", "/static/kiosk/kiosk.js"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname === "/kiosk" || url.pathname.indexOf("/static/kiosk/") === 0) {
    // network first (fresh page after an update), the cached copy when offline
    event.respondWith(fetch(event.request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () { return caches.match(url.pathname); }));
  }
});
