// mkdocs serve: no offline copy. A worker left behind by a built site served at this same
// address (e.g. 127.0.0.1:8000) is replaced by this one, which deletes the copy, answers
// no request (it has no fetch handler, so every request goes to mkdocs serve) and
// unregisters. Nothing then hides an edit from live reload. (backofknee/offline.py writes
// this file as sw.js under mkdocs serve; pages served by mkdocs serve register no worker.)
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("backofknee-offline-")) await caches.delete(name);
    }
  })());
  // Not awaited in activate: unregistering waits for the activation to finish. A page of
  // the old copy still open may register it again; it stays harmless, as it answers nothing.
  self.registration.unregister().then(async () => {
    for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
  });
});
