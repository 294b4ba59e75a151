/* The symptom finder (finder page only; on every other page this script does nothing).
 *
 * The page (scripts/backofknee/templates/finder.md.j2) holds the controls: one button per
 * area on a picture of the back of the knee, two questions (age, how it started), and a
 * checkbox per symptom. This script loads assets/finder.json (made at build time from the
 * same records as the pages, by finder_data.py), ranks the conditions as you choose (the best
 * three shown, the rest behind "Show N more"; what needs help now or today first and never
 * hidden), marks how urgently each needs help, and shows the care card of any warning sign you
 * tick, emergency first, and, for a child, the records' warning signs about children.
 *
 * Private by design: the only request is for finder.json, from this site. Your choices
 * live only in the page address (?area=centre&age=adult&start=injury&s=lump-behind-knee), so
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

  /* Ranking, best match first:
   *
   * 1. by level: the most urgent of the cause's own `urgency` and the tiers of the ticked
   *    warning signs it lists; the levels that need help today (`serious` in finder.json)
   *    come first, emergency before urgent, then all the rest together;
   * 2. then the more of the ticked symptoms a cause lists, the higher;
   * 3. then, as a tie-break, causes that do not fit a choice go lower: usually felt somewhere
   *    else than the chosen area, or, by their own record (`ages`, `starts`), less likely for
   *    an answer about you. A cause whose level needs help today is never moved lower:
   *    where it hurts, age or how it started cannot rule it out;
   * 4. then as on the symptom pages: a cause that needs help today by itself (its record's
   *    `urgency`: a clot, a joint infection) before one that does only by a sign ticked, then
   *    the more common (`how_common`); then those for which the ticked symptoms are more
   *    typical (their place in the record's own list), then those for which the chosen area
   *    is the main place; ties in alphabetical order.
   *
   * The causes fit the ticks badly (`beyond`) when none lists more than half of them (of
   * those that any cause lists): the page then says so rather than offering weak matches,
   * but still shows every cause whose level needs help today.
   */
  function tierIndex(data, tier) {
    var index = tier ? data.tiers.findIndex(function (t) { return t.id === tier; }) : -1;
    return index < 0 ? data.tiers.length : index;
  }

  function isSerious(data, tier) {
    return Boolean(tier) && data.tiersById[tier].serious;
  }

  function rank(data, state) {
    var matched = {};
    state.symptoms.forEach(function (symptomId) {
      data.symptomsById[symptomId].conditions.forEach(function (entry) {
        (matched[entry.id] = matched[entry.id] || []).push({ symptom: data.symptomsById[symptomId], rank: entry.rank });
      });
    });
    if (!state.area && !state.symptoms.length) return { results: [], beyond: false };
    var results = [];
    data.conditions.forEach(function (condition) {
      var matches = (matched[condition.id] || []).sort(function (a, b) { return a.rank - b.rank; });
      if (state.symptoms.length && !matches.length) return;
      var place = state.area ? condition.where.indexOf(state.area) : 0;
      // the most urgent of the cause's own urgency and the ticked warning signs it lists
      var level = matches.reduce(function (most, match) {
        var tier = match.symptom.warning;
        return tier && tierIndex(data, tier) < tierIndex(data, most) ? tier : most;
      }, condition.urgency || null);
      var serious = isSerious(data, level);
      var misfits = [];
      data.questions.forEach(function (question) {
        var answer = state.answers[question.id];
        var listed = condition[question.field];
        if (!answer || question.answers.indexOf(answer) < 0 || !listed) return;
        if (listed.indexOf(answer) < 0 && !serious) misfits.push(question.id);
      });
      var elsewhere = place < 0 && !serious;
      results.push({
        condition: condition,
        level: level,
        serious: serious,
        misfits: misfits,
        elsewhere: elsewhere,
        symptoms: matches.map(function (match) { return match.symptom; }),
        area: place >= 0 && state.area ? data.areasById[state.area] : null,
        key: [serious ? tierIndex(data, level) : data.tiers.length, -matches.length,
          misfits.length + (elsewhere ? 1 : 0), tierIndex(data, condition.urgency),
          data.how_common.indexOf(condition.how_common),
          matches.reduce(function (sum, match) { return sum + match.rank; }, 0), place < 0 ? Infinity : place]
      });
    });
    results.sort(function (a, b) {
      for (var i = 0; i < a.key.length; i++) {
        if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
      }
      return a.condition.name.localeCompare(b.condition.name);
    });
    // a warning sign that no cause lists (e.g. "you cannot put weight on the leg") is not held against the fit
    var fitting = state.symptoms.filter(function (id) { return data.symptomsById[id].conditions.length; }).length;
    var best = results.reduce(function (most, r) { return Math.max(most, r.symptoms.length); }, 0);
    return { results: results, beyond: state.symptoms.length > 0 && best * 2 <= fitting };
  }

  /* A care card: one tier's title, its signs and its action, in the same words and markup as
   * the cards on every other page (_cards.md.j2). */
  function card(tier, signs) {
    var node = element("div", "admonition " + tier.id);
    node.setAttribute("data-tier", tier.id);
    node.appendChild(withCalls(element("p", "admonition-title"), tier.title));
    var list = element("ul");
    signs.forEach(function (sign) { list.appendChild(element("li", "", sign)); });
    node.appendChild(list);
    if (tier.action) node.appendChild(withCalls(element("p"), tier.action));
    return node;
  }

  /* One card per tier, emergency first, for the signs that `pick` chooses from the tier. */
  function cardsByTier(data, pick) {
    var fragment = document.createDocumentFragment();
    data.tiers.forEach(function (tier) {
      var signs = pick(tier.id);
      if (signs.length) fragment.appendChild(card(tier, signs));
    });
    return fragment;
  }

  /* The ticked warning signs. */
  function cards(data, state) {
    return cardsByTier(data, function (tier) {
      return state.symptoms.map(function (id) { return data.symptomsById[id]; })
        .filter(function (symptom) { return symptom.warning === tier; })
        .map(function (symptom) { return symptom.warning_sign; });
    });
  }

  /* The records' warning signs about the age the reader gave (e.g. a child with a limp). */
  function ageCards(data, state) {
    return cardsByTier(data, function (tier) {
      return data.age_signs.filter(function (sign) { return sign.age === state.answers.age && sign.tier === tier; })
        .map(function (sign) { return sign.sign; });
    });
  }

  function resultItem(data, result, messages) {
    var item = element("li", "finder__result");
    item.setAttribute("data-condition", result.condition.id);
    var heading = element("h3", "finder__result-name");
    var link = element("a", "", result.condition.name);
    link.href = new URL(result.condition.url, SITE_ROOT).href;
    heading.appendChild(link);
    item.appendChild(heading);
    if (result.level) {
      // how urgently it needs help, in the tier's own words (its badge), not by colour alone
      var level = element("p", "finder__result-level");
      level.setAttribute("data-level", result.level);
      level.appendChild(element("span", "finder__tag finder__tag--" + result.level,
        plain(data.tiersById[result.level].badge)));
      item.appendChild(level);
    }
    item.appendChild(element("p", "finder__result-summary", result.condition.summary));
    var reasons = result.symptoms.map(function (symptom) { return symptom.name; });
    if (result.area) reasons.push(result.area.label);
    if (reasons.length) {
      var why = element("p", "finder__result-why");
      why.appendChild(element("strong", "", messages.msgMatches));
      why.appendChild(document.createTextNode(" " + reasons.join(" · ")));
      item.appendChild(why);
    }
    var lower = (result.elsewhere ? [messages.msgElsewhere] : []).concat(result.misfits.map(function (question) {
      return messages[question === "age" ? "msgLessLikelyAge" : "msgLessLikelyStart"];
    }));
    if (lower.length) item.appendChild(element("p", "finder__result-lower", lower.join(" ")));
    return item;
  }

  function readState(data, root) {
    var params = new URLSearchParams(location.search);
    var area = params.get("area");
    var symptoms = (params.get("s") || "").split(",").filter(function (id, index, all) {
      return data.symptomsById[id] && all.indexOf(id) === index;
    });
    var answers = {};
    data.questions.forEach(function (question) {
      var answer = params.get(question.id);
      // any answer the page offers (including "not sure"); anything else is ignored
      var offered = Array.prototype.some.call(root.querySelectorAll("[data-question=" + question.id + "]"),
        function (input) { return input.value === answer; });
      if (offered) answers[question.id] = answer;
    });
    return { area: data.areasById[area] ? area : null, symptoms: symptoms, answers: answers };
  }

  function writeState(data, state) {
    var url = new URL(location.href);
    if (state.area) url.searchParams.set("area", state.area);
    else url.searchParams.delete("area");
    data.questions.forEach(function (question) {
      if (state.answers[question.id]) url.searchParams.set(question.id, state.answers[question.id]);
      else url.searchParams.delete(question.id);
    });
    if (state.symptoms.length) url.searchParams.set("s", state.symptoms.join(","));
    else url.searchParams.delete("s");
    // commas are safe in a query; keep the address readable
    history.replaceState(history.state, "", url.href.replace(/%2C/g, ","));
  }

  var BEST = 3;  // causes shown before "Show N more"

  function setup(root, data) {
    var messages = root.dataset;
    var state = readState(data, root);
    var areaButtons = root.querySelectorAll("[data-area]");
    var shapes = root.querySelectorAll("[data-area-shape]");
    var boxes = root.querySelectorAll("[data-symptom]");
    var radios = root.querySelectorAll("[data-question]");
    var status = root.querySelector("[data-finder-status]");
    var cardBox = root.querySelector("[data-finder-cards]");
    var ageBox = root.querySelector("[data-finder-age]");
    var ageCardBox = root.querySelector("[data-finder-age-cards]");
    var list = root.querySelector("[data-finder-list]");
    var more = root.querySelector("[data-finder-more]");
    var beyond = root.querySelector("[data-finder-beyond]");
    var beyondList = root.querySelector("[data-finder-beyond-list]");
    var bar = root.querySelector("[data-finder-bar]");
    var barLink = root.querySelector("[data-finder-bar-link]");
    var heading = root.querySelector("#finder-results");

    function count(n, one, many) { return n === 1 ? one : many.replace("{n}", String(n)); }

    function showAll() {
      var first = list.querySelector("li[hidden]");
      list.querySelectorAll("li[hidden]").forEach(function (item) { item.hidden = false; });
      more.hidden = true;
      if (first) first.querySelector("a").focus();  // keyboard and screen-reader users go on from the first new one
    }

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
      radios.forEach(function (radio) {
        radio.checked = state.answers[radio.dataset.question] === radio.value;
        radio.closest("label").classList.toggle("is-ticked", radio.checked);
      });

      var chosen = Boolean(state.area || state.symptoms.length);
      var ranked = rank(data, state);
      var total = ranked.beyond ? 0 : ranked.results.length;
      cardBox.replaceChildren(cards(data, state));
      ageCardBox.replaceChildren(ageCards(data, state));
      ageBox.hidden = !ageCardBox.children.length;
      var warned = cardBox.children.length > 0;
      // causes that need help today are never hidden (they come first): with weak matches only
      // they alone are shown, otherwise the best three or all of them if there are more
      var serious = ranked.results.filter(function (result) { return result.serious; }).length;
      var shown = ranked.beyond ? serious : Math.max(BEST, serious);
      list.replaceChildren.apply(list, ranked.results.map(function (result, index) {
        var item = resultItem(data, result, messages);
        item.hidden = index >= shown;
        return item;
      }));
      var hiddenCount = Math.max(0, ranked.results.length - shown);
      more.hidden = hiddenCount === 0;
      more.textContent = (ranked.beyond ? messages.msgMoreWeak : messages.msgMore).replace("{n}", String(hiddenCount));
      beyond.hidden = !ranked.beyond;
      beyondList.replaceChildren.apply(beyondList, ranked.beyond ? state.symptoms.map(function (id) {
        var link = element("a", "", data.symptomsById[id].name);
        link.href = new URL("symptoms/" + id + "/", SITE_ROOT).href;
        var item = element("li");
        item.appendChild(link);
        return item;
      }) : []);

      // the most urgent ticked tier, and the most urgent level on the list, in words (badges)
      var tier = warned ? cardBox.firstElementChild.getAttribute("data-tier") : "";
      var badge = tier ? data.tiersById[tier].badge : "";
      var listed = ranked.results.slice(0, ranked.beyond ? shown : undefined)
        .map(function (r) { return r.level; }).filter(Boolean);
      var mostUrgent = listed.sort(function (a, b) { return tierIndex(data, a) - tierIndex(data, b); })[0];
      var text = !chosen ? messages.msgStart
        : ranked.beyond || !total ? messages.msgBeyond
        : count(total, messages.msgOne, messages.msgMany);
      if (mostUrgent) text += " " + messages.msgMostUrgent.replace("{badge}", data.tiersById[mostUrgent].badge);
      withCalls(status, (warned ? messages.msgWarning.replace("{badge}", badge) + " " : "") + text);

      bar.hidden = !chosen;
      barLink.textContent = plain(warned ? messages.msgBarWarning.replace("{badge}", badge)
        : ranked.beyond || !total ? messages.msgBarBeyond
        : count(total, messages.msgBarOne, messages.msgBarMany));
      bar.className = "finder__bar" + (tier ? " finder__bar--" + tier : "");
    }

    function change() {
      writeState(data, state);
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
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) state.answers[radio.dataset.question] = radio.value;
        change();
      });
    });
    more.addEventListener("click", showAll);
    // "See results" links and the bar: the heading takes the focus, so Tab goes on into the results
    root.querySelectorAll("[data-finder-skip], [data-finder-bar-link]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        heading.scrollIntoView();
        heading.focus({ preventScroll: true });
      });
    });
    root.querySelector("[data-finder-clear]").addEventListener("click", function () {
      state = { area: null, symptoms: [], answers: {} };
      change();
    });

    root.querySelectorAll("[data-finder-calls]").forEach(function (node) { withCalls(node, node.textContent); });
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
