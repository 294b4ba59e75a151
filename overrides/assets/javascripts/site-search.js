// Site search: the theme's search box (partials/search.html), answered by Pagefind.
//
// Pagefind's index is split into small chunks when the site is built
// (backofknee/search_index.py); a search fetches only the chunks for the words typed.
// Pagefind itself is loaded the first time the box is opened or typed into, so pages
// that are only read download nothing for search. Results are drawn with Material's own
// classes, so they look like the rest of the theme. `?q=words` in the address opens the
// box with those words, as Material's search does.
//
// A search is never a dead end: a word that finds nothing gets "Did you mean ...?" with the
// closest word the site knows (assets/search-words.json, backofknee/search_words.py), and
// when nothing matches, the pages most people need are shown (partials/help-links.html).
// The word list is fetched from the site itself, as the search index is: the words typed
// stay in the browser.

const box = document.querySelector("[data-site-search]");
const toggle = document.getElementById("__search");

if (box && toggle) {
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const suggestion = box.querySelector(".md-search-result__suggest");
  const next = box.querySelector(".md-search-result__next");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const placeholder = config.translations["search.result.placeholder"]; // the theme's "Type to start searching"
  const base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const SHOWN = 10; // results drawn at once
  const SECTIONS = 2; // matching sections shown under a page

  // The search index's cache tag, written here by the build (backofknee/offline.py): Pagefind
  // then asks for its entry file as pagefind-entry.json?ts=<tag>, one address per index, which
  // the offline copy keeps, and no cache can pair a new build's pages with an old index.
  // null (mkdocs serve): Pagefind adds the time instead, so each search sees the latest index.
  const SEARCH_INDEX_TAG = null;

  let loading; // Pagefind, loaded on first use
  const pagefind = () =>
    (loading ??= import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
      await module.options({ baseUrl: base.pathname, ...(SEARCH_INDEX_TAG && { metaCacheTag: SEARCH_INDEX_TAG }) });
      await module.init();
      return module;
    }));

  // Pagefind's excerpts are text with <mark> around the words found: keep exactly that.
  const excerpt = (html) => {
    const p = document.createElement("p");
    for (const node of new DOMParser().parseFromString(html, "text/html").body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  };

  const link = (url, heading, title, text, icon) => {
    const a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    a.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (icon) {
      const div = document.createElement("div");
      div.className = "md-search-result__icon md-icon";
      article.append(div);
    }
    const h = document.createElement(heading);
    h.textContent = title;
    article.append(h);
    if (text) article.append(excerpt(text));
    a.append(article);
    return a;
  };

  // How well a section of a page matched: the weights of the words found in it.
  const score = (sub) =>
    (sub.weighted_locations || []).reduce((sum, found) => sum + (found.balanced_score ?? found.weight ?? 1), 0) ||
    (sub.locations || []).length;

  // A page, then its best-matching sections (as Material shows them). The page's own
  // excerpt is its opening text's, when the words were found there.
  const item = (page) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const subs = page.sub_results || [];
    const intro = subs.find((sub) => !sub.url.includes("#") || sub.title === page.meta.title);
    const sections = subs
      .filter((sub) => sub !== intro && sub.title && sub.title !== page.meta.title && score(sub) > 0)
      .sort((a, b) => score(b) - score(a))
      .slice(0, SECTIONS);
    const teaser = intro && score(intro) > 0 ? intro.excerpt : sections.length ? "" : page.excerpt;
    li.append(link(page.url, "h1", page.meta.title || page.url, teaser, true));
    for (const sub of sections) li.append(link(sub.url, "h2", sub.title, sub.excerpt, false));
    return li;
  };

  // Pagefind on its own finds only the pages that hold every word typed, but readers type
  // whole sentences ("how long does a calf strain take to heal"). So each word that carries
  // meaning is looked up on its own, and pages rank by how many of those words they hold,
  // then by how strongly (Pagefind's score: headings count more, and so does a page's
  // search weight). Measured with tests/search_queries.yaml (README, "Performance").
  const SMALL_WORDS = new Set(("a an and are as at be but by can did do does for from get got had has have " +
    "how i if in into is it its me my no not of on or our so that the them then this to too was we what " +
    "when which who why will with you your").split(" "));

  // What Pagefind found for one word, and the words it marked in the best page. A word it
  // does not know, it shortens until it finds words that start that way: "thrombosys" finds
  // "thrombosis", but "miniscus" ends up as "m" and finds the A to Z page's letter M. So a
  // word only counts as found when a word marked in its best page starts as it does
  // (letters only, so "x-rays" is found as "X-rays").
  const lookUp = async (engine, word) => {
    const found = await engine.search(word);
    if (!found.results.length) return { word, results: [], marked: [] };
    if (word.length < 4) return { word, results: found.results, marked: [word] };
    const marked = ((await found.results[0].data()).excerpt.match(/(?<=<mark>)[^<]+/g) || [])
      .map((text) => text.toLowerCase().replace(/[^\p{L}']/gu, ""));
    const start = word.replace(/[^\p{L}']/gu, "").slice(0, 4); // "x-rays" is marked as "X-rays"
    const results = marked.some((text) => text.startsWith(start)) ? found.results : [];
    return { word, results, marked };
  };

  // The pages, best first, and what each word found (lookUp).
  const rank = async (engine, query) => {
    const typed = [...new Set(query.toLowerCase().split(/[\s,.;:!?()"]+/).filter(Boolean))];
    const words = typed.filter((word) => !SMALL_WORDS.has(word));
    const looked = words.length ? words : typed;
    const pages = new Map();
    const lookedUp = await Promise.all(looked.map((word) => lookUp(engine, word)));
    for (const { results } of lookedUp) {
      for (const result of results) {
        const page = pages.get(result.id) ?? { result, words: 0, score: 0 };
        page.words += 1;
        page.score += result.score;
        pages.set(result.id, page);
      }
    }
    return { results: [...pages.values()].sort((a, b) => b.words - a.words || b.score - a.score), lookedUp };
  };

  // "Did you mean ...?": a word that found nothing is swapped for the closest word in the
  // site's word list, if it is only a few typing mistakes away (letters left out, added,
  // changed or swapped round: the Damerau-Levenshtein distance), fewer for shorter words; a
  // word that Pagefind found only by shortening it ("hamstrung" finds "hamstring"), when
  // the closest word is the one it found.
  let known; // the word list, loaded the first time a word finds nothing
  const wordList = () =>
    (known ??= fetch(new URL("assets/search-words.json", base)).then((response) => response.json())
      .then((words) => words.map((word) => [word, word.replace(/'/g, "")])).catch(() => []));
  const mistakes = (word) => (word.length < 4 ? 0 : word.length < 6 ? 1 : word.length < 10 ? 2 : 3);
  const distance = (a, b) => {
    if (Math.abs(a.length - b.length) > 3) return 4;
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
    for (let i = 1; i <= a.length; i += 1) {
      for (let j = 1; j <= b.length; j += 1) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  };
  const closest = (word, words) => {
    const bare = word.replace(/'/g, "");
    let best = null;
    let fewest = mistakes(bare) + 0.5;
    for (const [written, plain] of words) { // most used first: a tie goes to the more common word
      if (plain === bare) return null; // a word the site knows: nothing to correct
      // a wrong first letter is a less likely mistake: "vain" is "vein" before it is "pain"
      const found = distance(bare, plain) + (plain[0] === bare[0] ? 0 : 0.5);
      if (found < fewest) [best, fewest] = [written, found];
    }
    return best;
  };
  const corrected = async (query, lookedUp) => {
    // found as typed, or as a shorter form of it ("walked" finds "walk"): nothing to correct
    const sure = ({ word, results, marked }) =>
      marked.includes(word) || (results.length && marked.some((text) => text.length >= 4 && word.startsWith(text)));
    const unsure = lookedUp.filter((looked) => mistakes(looked.word) > 0 && !sure(looked));
    if (!unsure.length) return null;
    const words = await wordList();
    const swaps = new Map();
    for (const { word, results, marked } of unsure) {
      const swap = closest(word, words);
      if (swap && (!results.length || marked.includes(swap))) swaps.set(word, swap);
    }
    const typed = query.toLowerCase().trim();
    const better = typed.replace(/[^\s,.;:!?()"]+/g, (word) => swaps.get(word) || word);
    return better !== typed ? better : null;
  };
  const suggest = (better) => {
    const a = suggestion.querySelector("a");
    if (better) {
      a.textContent = better;
      a.href = new URL(`?q=${encodeURIComponent(better)}`, base).href; // to open it in a new tab
    }
    suggestion.hidden = !better;
  };

  // How many pairs of words typed side by side ("lower back", "wear and tear") the page's
  // text also has side by side, small words aside. Among the pages shown that hold as many
  // of the words, the ones that say it as the reader did come first.
  const meaningful = (text) =>
    text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter((word) => word && !SMALL_WORDS.has(word));
  const pairs = (query, text) => {
    const typed = meaningful(query);
    const page = ` ${meaningful(text).join(" ")} `;
    let count = 0;
    for (let i = 1; i < typed.length; i += 1) if (page.includes(` ${typed[i - 1]} ${typed[i]} `)) count += 1;
    return count;
  };

  // What the box says above the results: "Type to start searching", "Nothing on this site
  // matches" with the pages that may help, or, above results, words for screen readers only
  // (a count of pages would tell a reader nothing).
  const tell = (text, { quiet = false, none = false } = {}) => {
    meta.textContent = text;
    meta.classList.toggle("md-search-result__meta--quiet", quiet);
    next.hidden = !none;
  };

  let latest = ""; // the query whose results are on screen, or being fetched
  const search = async (query) => {
    latest = query;
    if (!query.trim()) {
      list.replaceChildren();
      suggest(null);
      tell(placeholder);
      box.dataset.shown = query;
      return;
    }
    const engine = await pagefind();
    await new Promise((resolve) => setTimeout(resolve, 60)); // let the reader finish the word
    if (query !== latest) return; // a newer query took over
    const { results, lookedUp } = await rank(engine, query);
    const shown = await Promise.all(results.slice(0, SHOWN).map(async (page) => {
      const data = await page.result.data(); // a small file each
      return { ...page, data, pairs: pairs(query, data.content || "") };
    }));
    const better = await corrected(query, lookedUp);
    if (query !== latest) return;
    // Among pages that match as well, a condition's page comes first: it is what answers
    // the reader; a symptom page only points to the conditions.
    const condition = (page) => (page.data.meta && page.data.meta.kind === "condition" ? 1 : 0);
    const pages = shown
      .sort((a, b) => b.words - a.words || condition(b) - condition(a) || b.pairs - a.pairs || b.score - a.score)
      .map((page) => page.data);
    if (pages.length) tell(meta.dataset.found, { quiet: true });
    else tell(meta.dataset.none, { none: true });
    suggest(better);
    list.replaceChildren(...pages.map(item));
    box.dataset.shown = query; // the results for these words are drawn
  };

  const open = (active) => {
    toggle.checked = active;
    list.hidden = !active;
    list.setAttribute("role", active ? "list" : "presentation");
    if (active) {
      pagefind(); // start loading while the reader types
      input.focus();
    } else if (box.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  };

  toggle.addEventListener("change", () => open(toggle.checked));
  input.addEventListener("focus", () => toggle.checked || open(true));
  input.addEventListener("input", () => search(input.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click(); // Enter opens the first result
  });
  form.addEventListener("reset", () => setTimeout(() => search(""), 0));

  // Keys while the search is open, as in Material: Escape and Tab close it (Tab then moves
  // on), the arrow keys move through the results, other keys go to the box. There is no
  // single-letter shortcut to open it (WCAG 2.1.4): Tab reaches the box in the header.
  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      open(false);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const links = [input, ...box.querySelectorAll(".md-search-result__help a, .md-search-result__link")]
        .filter((link) => link === input || link.checkVisibility());
      const at = Math.max(0, links.indexOf(document.activeElement));
      links[(at + links.length + (event.key === "ArrowDown" ? 1 : -1)) % links.length].focus();
    } else if (event.key.length === 1 && document.activeElement !== input) {
      input.focus();
    }
  });
  suggestion.querySelector("a").addEventListener("click", (event) => {
    event.preventDefault(); // search for the word here: nothing goes into the address
    event.stopPropagation();
    input.value = event.currentTarget.textContent;
    input.focus();
    search(input.value);
  });
  box.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) open(false); // a result was chosen
  });

  const query = new URL(location.href).searchParams.get("q");
  if (query) {
    input.value = query;
    open(true);
    search(query);
  }
}
