/* Offline use: register the site's offline worker (sw.js, written by the build:
   backofknee/offline.py) and show its quiet notices.

   - "You are offline": shown while the device has no network, with the date this device
     saved the copy of the page being read, and the emergency number.
   - "This page has been updated. Reload": a new build of the site has been kept. The new
     copy is used only when the reader chooses Reload, so pages from two builds are never
     mixed; other open pages of the site then show the notice too.
   - On the home page of a large site, "Keep the whole guide for offline use".
   - On the offline page, the other pages kept on this device.

   Included only in built pages (partials/offline-head.html), never under mkdocs serve. It
   stores nothing itself: the worker keeps the site's files, and nothing else. */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator)) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var workers = navigator.serviceWorker;
  var hadCopy = Boolean(workers.controller); // this page came through the worker
  var reloading = false;

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];

  function $(selector) {
    return document.querySelector(selector);
  }

  /* A question for the worker that controls this page; its answers come on a port. */
  function ask(message, onAnswer) {
    if (!workers.controller) return;
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { onAnswer(event.data); };
    workers.controller.postMessage(message, [channel.port2]);
  }

  function pathHere() {
    return decodeURI(location.pathname.slice(base.pathname.length)).replace(/(^|\/)index\.html$/, "$1");
  }

  /* "You are offline", with the date the copy was saved. */
  function showOffline() {
    var notice = $("[data-offline-notice]");
    if (!notice) return;
    notice.hidden = navigator.onLine;
    if (navigator.onLine) return;
    ask({ type: "status", path: pathHere() }, function (status) {
      var line = $("[data-offline-saved]");
      if (!status.saved || !line) return;
      var day = new Date(status.saved);
      // The <time> is made here, with its date: an empty one in the page is not valid HTML.
      var time = document.createElement("time");
      time.textContent = day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear();
      time.setAttribute("datetime", status.saved);
      line.querySelector("[data-offline-day]").replaceChildren(time);
      line.hidden = false;
    });
  }

  /* "This page has been updated. Reload": with the new worker waiting, Reload lets it take
     over first; once another page has let it take over, Reload just reloads. */
  function showUpdate(waiting) {
    var notice = $("[data-update-notice]");
    if (!notice) return;
    notice.querySelector("[data-update-reload]").onclick = function () {
      if (waiting && waiting.state === "installed") {
        reloading = true;
        waiting.postMessage({ type: "skip-waiting" });
      } else {
        location.reload();
      }
    };
    notice.hidden = false;
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0) + " MB";
  }

  /* Home page of a large site: keep the whole guide, at the reader's request. */
  function offerWholeGuide() {
    var box = $("[data-offline-keep]");
    if (!box) return;
    ask({ type: "status", path: pathHere() }, function (status) {
      if (status.whole) return;
      box.querySelector("[data-offline-keep-size]").textContent =
        " (about " + megabytes(status.totalBytes - status.keptBytes) + " more)";
      var button = box.querySelector("[data-offline-keep-button]");
      var progress = box.querySelector("[data-offline-keep-progress]");
      button.onclick = function () {
        button.disabled = true;
        progress.textContent = "Keeping the guide on this device…";
        ask({ type: "keep-whole-guide" }, function (answer) {
          if (answer.finished) {
            progress.textContent = "Done: the whole guide is kept on this device.";
          } else if (answer.failed) {
            progress.textContent = "Not all of it could be kept. Try again when you have a better signal.";
            button.disabled = false;
          } else {
            progress.textContent = "Keeping the guide on this device: " + megabytes(answer.done) +
              " of " + megabytes(answer.total) + ".";
          }
        });
      };
      box.hidden = false;
    });
  }

  /* The offline page: the other pages this device has kept (a large site). */
  function listKeptPages() {
    var section = $("[data-offline-opened]");
    if (!section) return;
    ask({ type: "status", path: pathHere(), pages: true }, function (status) {
      var list = section.querySelector("[data-offline-opened-list]");
      var parser = new DOMParser();
      status.opened.forEach(function (page) {
        var title = parser.parseFromString(page.title, "text/html").documentElement.textContent;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(page.path, base).href;
        link.textContent = title.replace(/ - [^-]*$/, "");
        item.append(link);
        list.append(item);
      });
      section.hidden = status.opened.length === 0;
    });
  }

  workers.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
    else if (hadCopy) showUpdate(null); // another page took the new copy into use
    else offerWholeGuide(); // the first visit: the copy has just been made
  });
  window.addEventListener("online", showOffline);
  window.addEventListener("offline", showOffline);
  showOffline();
  offerWholeGuide();
  listKeptPages();

  /* Registered once the page has loaded, so keeping the site never slows the page. */
  window.addEventListener("load", function () {
    workers.register(new URL("sw.js", base).href, { scope: base.pathname }).then(function (registration) {
      function watch(worker) {
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && workers.controller) showUpdate(worker);
        });
      }
      if (registration.waiting && workers.controller) showUpdate(registration.waiting);
      if (registration.installing) watch(registration.installing);
      registration.addEventListener("updatefound", function () { watch(registration.installing); });
      window.addEventListener("online", function () { registration.update().catch(function () {}); });
    }).catch(function () { /* no offline copy: the site works as before */ });
  });
})();
