/* Printing a page: reveal the "Print this page" button and wire it to the browser's print
   dialog, write today's date into the printed sheet ("Printed on 21 November 2026"), and
   open every closed section (<details>) for the print, closing them again afterwards.
   Kept in a file of its own because the site's security policy allows no inline scripts.
   Material's document$ is used when present, so pages swapped in by instant navigation
   are set up too. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];

  /* The date in words, the way the site writes dates: "21 November 2026". */
  function longDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function fillPrintedDate() {
    var now = new Date();
    var iso = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" +
              ("0" + now.getDate()).slice(-2);
    document.querySelectorAll("[data-printed-date]").forEach(function (line) {
      var time = line.querySelector("time") || line.appendChild(document.createElement("time"));
      time.textContent = longDate(now);
      time.setAttribute("datetime", iso);
      line.hidden = false;
    });
  }

  /* The sheet's web address: the address the page was opened at (with its query, so a
     printed finder result opens the same choices), not the site_url it was built for. */
  function fillAddress() {
    var address = location.href.split("#")[0];
    document.querySelectorAll(".print-sheet-end__address").forEach(function (span) {
      span.textContent = address;
    });
  }

  /* A sheet shows everything: print.css shows the content of closed sections on its own
     (::details-content); opening them too serves browsers without it. */
  var openedForPrint = [];

  function openSections() {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
  }

  function closeSections() {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  }

  function setUp() {
    document.querySelectorAll("[data-print-button]").forEach(function (button) {
      if (!button.dataset.printReady) {
        button.addEventListener("click", function () { window.print(); });
        button.dataset.printReady = "yes";
      }
      button.hidden = false;
    });
    fillPrintedDate();
    fillAddress();
  }

  window.addEventListener("beforeprint", fillPrintedDate);
  window.addEventListener("beforeprint", fillAddress);
  window.addEventListener("beforeprint", openSections);
  window.addEventListener("afterprint", closeSections);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
