/* Mend: keeps the client's own safety plan readable offline.
 *
 * This worker answers for one page only, /safety-plan: it asks the network
 * first and keeps a copy of each good answer; when the network fails it shows
 * the copy. Every other request (including /safety-plan/edit and /history)
 * goes to the network untouched. Signing out deletes the copy
 * (safety-plan-clear.js runs on the sign-in page). */
"use strict";

var CACHE = "mend-safety-plan-v1";
var PAGE = "/safety-plan";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("mend-safety-plan") === 0 && name !== CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
      .then(refresh)
  );
});

/* Keep a copy only of a real page of the plan: not a redirect to sign in, not an error. */
function keep(response) {
  if (!response.ok || response.type !== "basic" || response.redirected) {
    return Promise.resolve(response);
  }
  var copy = response.clone();
  return caches
    .open(CACHE)
    .then(function (cache) {
      return cache.put(PAGE, copy);
    })
    .then(function () {
      return response;
    });
}

/* The page that registered this worker was loaded before the worker existed:
 * fetch it once so the copy is there from the first visit. */
function refresh() {
  return fetch(PAGE, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
    .then(keep)
    .catch(function () {});
}

/* The saved copy, with its note "this is the copy saved on this device" shown. */
function saved() {
  return caches
    .open(CACHE)
    .then(function (cache) {
      return cache.match(PAGE);
    })
    .then(function (copy) {
      if (!copy) return copy;
      return copy.text().then(function (html) {
        return new Response(html.replace('id="offline-note" hidden', 'id="offline-note"'), {
          status: 200,
          headers: copy.headers,
        });
      });
    });
}

/* `plain`: the page itself, not /safety-plan?saved=1 (whose one-off notice is not kept). */
function networkFirst(request, plain) {
  return fetch(request).then(
    function (response) {
      if (response.status >= 500) {
        return saved().then(function (copy) {
          return copy || response;
        });
      }
      return plain ? keep(response) : response;
    },
    function (error) {
      return saved().then(function (copy) {
        if (copy) return copy;
        throw error;
      });
    }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.mode !== "navigate") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname !== PAGE) return;
  var plain = url.search === "";
  event.respondWith(networkFirst(request, plain));
  if (!plain) event.waitUntil(refresh());
});
