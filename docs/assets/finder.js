/* The symptom finder (finder page only; on every other page this script does nothing).
 *
 * The page (scripts/backofknee/templates/finder.md.j2) holds the controls: one button per
 * area on a picture of the back of the knee, and a checkbox per symptom. This script loads
 * assets/finder.json (made at build time from the same records as the pages, by
 * finder_data.py), ranks the conditions as you choose, and shows the care card of any
 * warning sign you tick, emergency first.
 *
 * Private by design: the only request is for finder.json, from this site. Your choices
 * live only in the page address (?area=centre&s=lump-behind-knee,swollen-knee), so
 * reloading, bookmarking, sharing or printing keeps them; nothing is sent or stored.
 *
 * It starts on a direct load and again after each page change when Material's instant
 * navigation is on (Material announces each new page on its `document$` observable).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var DATA_URL = new URL("finder.json", script ? script.src : location.href);
  var SITE_ROOT = new URL("../", DATA_URL);
  var dataPromise = null;

  function loadData() {
    if (!dataPromise) {
      dataPromise = fetch(DATA_URL.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("finder.json: HTTP " + response.status);
        return response.json();
      });
      dataPromise.catch(function () { dataPromise = null; });
    }
    return dataPromise;
  }

  function byId(list) {
    var map = {};
    list.forEach(function (item) { map[item.id] = item; });
    return map;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Words from the page or finder.json, with the numbers to call as tap-to-call links: the
   * one piece of markup they may hold is a Markdown link to a tel: address, as the care
   * cards write it ("[call 999](tel:999)"). Everything else stays text. */
  var CALL = /\[([^\]]+)\]\((tel:[0-9+]+)\)/;

  function withCalls(node, text) {
    var parts = text.split(CALL);  // text, link text, address, text, ...
    node.replaceChildren();
    parts.forEach(function (part, index) {
      if (index % 3 === 0) {
        if (part) node.appendChild(document.createTextNode(part));
      } else if (index % 3 === 1) {
        var link = element("a", "", part);
        link.href = parts[index + 1];
        node.appendChild(link);
      }
    });
    return node;
  }

  function plain(text) {
    return text.replace(new RegExp(CALL.source, "g"), "$1");
  }

  /* Ranking.
   *
   * Every ticked symptom that a condition lists gives it 1 point, plus a bonus for how
   * typical the symptom is of that condition: 1 / (1 + rank), where rank is the symptom's
   * place in the condition's own list (0 = its most typical symptom; the order comes from
   * the records, via finder.json). Each match is worth more than 1 and at most 2 points, so
   * a condition that fits more of your ticks always comes first; among conditions that fit
   * as many, the one for which they are more typical comes first.
   *
   * A chosen area narrows the list: conditions usually felt there are the main list; those
   * that fit a ticked symptom but are usually felt elsewhere follow in a second list. With
   * an area and nothing ticked, the main list is every condition felt there, those for
   * which it is the main place first. Ties go in alphabetical order.
   */
  function rank(data, state) {
    var scores = {};
    var matched = {};
    state.symptoms.forEach(function (symptomId) {
      var symptom = data.symptomsById[symptomId];
      symptom.conditions.forEach(function (entry) {
        scores[entry.id] = (scores[entry.id] || 0) + 1 + 1 / (1 + entry.rank);
        (matched[entry.id] = matched[entry.id] || []).push({ symptom: symptom, rank: entry.rank });
      });
    });
    var main = [];
    var elsewhere = [];
    if (!state.area && !state.symptoms.length) return { main: main, elsewhere: elsewhere };
    data.conditions.forEach(function (condition) {
      var score = scores[condition.id] || 0;
      var place = state.area ? condition.where.indexOf(state.area) : -1;
      var result = {
        condition: condition,
        score: score,
        place: place < 0 ? Infinity : place,
        symptoms: (matched[condition.id] || []).sort(function (a, b) { return a.rank - b.rank; })
          .map(function (match) { return match.symptom; }),
        area: place >= 0 ? data.areasById[state.area] : null
      };
      if (state.symptoms.length && !score) return;
      if (!state.area || place >= 0) main.push(result);
      else elsewhere.push(result);
    });
    function order(a, b) {
      return b.score - a.score || a.place - b.place || a.condition.name.localeCompare(b.condition.name);
    }
    return { main: main.sort(order), elsewhere: elsewhere.sort(order) };
  }

  /* The care cards for the ticked warning signs: one card per tier, emergency first, in
   * the same words and markup as the cards on every other page (_cards.md.j2). */
  function cards(data, state) {
    var fragment = document.createDocumentFragment();
    data.tiers.forEach(function (tier) {
      var signs = state.symptoms
        .map(function (id) { return data.symptomsById[id]; })
        .filter(function (symptom) { return symptom.warning === tier.id; });
      if (!signs.length) return;
      var card = element("div", "admonition " + tier.id);
      card.setAttribute("data-tier", tier.id);
      card.appendChild(withCalls(element("p", "admonition-title"), tier.title));
      var list = element("ul");
      signs.forEach(function (symptom) { list.appendChild(element("li", "", symptom.warning_sign)); });
      card.appendChild(list);
      if (tier.action) card.appendChild(withCalls(element("p"), tier.action));
      fragment.appendChild(card);
    });
    return fragment;
  }

  function resultItem(result, matchesLabel) {
    var item = element("li", "finder__result");
    item.setAttribute("data-condition", result.condition.id);
    var heading = element("h3", "finder__result-name");
    var link = element("a", "", result.condition.name);
    link.href = new URL(result.condition.url, SITE_ROOT).href;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(element("p", "finder__result-summary", result.condition.summary));
    var reasons = result.symptoms.map(function (symptom) { return symptom.name; });
    if (result.area) reasons.push(result.area.label);
    if (reasons.length) {
      var why = element("p", "finder__result-why");
      why.appendChild(element("strong", "", matchesLabel));
      why.appendChild(document.createTextNode(" " + reasons.join(" · ")));
      item.appendChild(why);
    }
    return item;
  }

  function readState(data) {
    var params = new URLSearchParams(location.search);
    var area = params.get("area");
    var symptoms = (params.get("s") || "").split(",").filter(function (id, index, all) {
      return data.symptomsById[id] && all.indexOf(id) === index;
    });
    return { area: data.areasById[area] ? area : null, symptoms: symptoms };
  }

  function writeState(state) {
    var url = new URL(location.href);
    if (state.area) url.searchParams.set("area", state.area);
    else url.searchParams.delete("area");
    if (state.symptoms.length) url.searchParams.set("s", state.symptoms.join(","));
    else url.searchParams.delete("s");
    // commas are safe in a query; keep the address readable
    history.replaceState(history.state, "", url.href.replace(/%2C/g, ","));
  }

  function setup(root, data) {
    var messages = root.dataset;
    var state = readState(data);
    var areaButtons = root.querySelectorAll("[data-area]");
    var shapes = root.querySelectorAll("[data-area-shape]");
    var boxes = root.querySelectorAll("[data-symptom]");
    var status = root.querySelector("[data-finder-status]");
    var cardBox = root.querySelector("[data-finder-cards]");
    var list = root.querySelector("[data-finder-list]");
    var elsewhere = root.querySelector("[data-finder-elsewhere]");
    var elsewhereList = root.querySelector("[data-finder-elsewhere-list]");
    var bar = root.querySelector("[data-finder-bar]");
    var barLink = root.querySelector("[data-finder-bar-link]");

    function count(n, one, many) { return n === 1 ? one : many.replace("{n}", String(n)); }

    function show() {
      areaButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.area === state.area));
      });
      shapes.forEach(function (shape) {
        shape.classList.toggle("is-chosen", shape.dataset.areaShape === state.area);
      });
      boxes.forEach(function (box) {
        box.checked = state.symptoms.indexOf(box.value) >= 0;
        box.closest("label").classList.toggle("is-ticked", box.checked);
      });

      var chosen = Boolean(state.area || state.symptoms.length);
      var ranked = rank(data, state);
      var total = ranked.main.length + ranked.elsewhere.length;
      cardBox.replaceChildren(cards(data, state));
      var warned = cardBox.children.length > 0;
      list.replaceChildren.apply(list, ranked.main.map(function (r) { return resultItem(r, messages.msgMatches); }));
      elsewhereList.replaceChildren.apply(elsewhereList, ranked.elsewhere.map(function (r) {
        return resultItem(r, messages.msgMatches);
      }));
      elsewhere.hidden = ranked.elsewhere.length === 0;

      var text = !chosen ? messages.msgStart
        : total === 0 ? messages.msgNone
        : count(total, messages.msgOne, messages.msgMany);
      // the most urgent ticked tier, named in its own words (its badge), not by colour alone
      var tier = warned ? cardBox.firstElementChild.getAttribute("data-tier") : "";
      var badge = tier ? data.tiersById[tier].badge : "";
      withCalls(status, (warned ? messages.msgWarning.replace("{badge}", badge) + " " : "") + text);

      bar.hidden = !chosen || (!total && !warned);
      barLink.textContent = plain(warned ? messages.msgBarWarning.replace("{badge}", badge)
        : count(total, messages.msgBarOne, messages.msgBarMany));
      bar.className = "finder__bar" + (tier ? " finder__bar--" + tier : "");
    }

    function change() {
      writeState(state);
      show();
    }

    function chooseArea(area) {
      state.area = state.area === area ? null : area;
      change();
    }

    areaButtons.forEach(function (button) {
      button.addEventListener("click", function () { chooseArea(button.dataset.area); });
    });
    shapes.forEach(function (shape) {
      // the picture is a second, pointer-only way to press the same buttons
      shape.addEventListener("click", function () { chooseArea(shape.dataset.areaShape); });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        // keep the page's order (groups, then symptoms), so the same choices give the same address
        state.symptoms = Array.prototype.filter.call(boxes, function (b) { return b.checked; })
          .map(function (b) { return b.value; });
        change();
      });
    });
    root.querySelector("[data-finder-clear]").addEventListener("click", function () {
      state = { area: null, symptoms: [] };
      change();
    });

    show();
    var fallback = document.querySelector("[data-finder-fallback]");
    if (fallback) fallback.hidden = true;
    root.hidden = false;
  }

  function start() {
    var root = document.querySelector("[data-finder]");
    if (!root || root.dataset.finderReady) return;
    root.dataset.finderReady = "loading";
    loadData().then(function (data) {
      if (!document.contains(root)) return;  // the reader has moved on to another page
      data.symptomsById = data.symptomsById || byId(data.symptoms);
      data.areasById = data.areasById || byId(data.areas);
      data.tiersById = data.tiersById || byId(data.tiers);
      setup(root, data);
      root.dataset.finderReady = "yes";
    }).catch(function (error) {
      // the plain lists of areas and symptoms stay on the page
      root.dataset.finderReady = "";
      if (window.console) console.warn("Symptom finder unavailable:", error);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
