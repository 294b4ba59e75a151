"""The search box is answered by Pagefind: the index is built with the site, pages carry
their search weight (titles and summaries above the text), and the real box finds pages in
Chromium under the site's security policy, also when a host sends that policy as an HTTP
header. A search is never a dead end: a misspelt word gets "Did you mean ...?", and a search
that finds nothing shows the pages that may help and the helpline."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from backofknee import pipeline, search_index, search_words
from browsing import RESULT_LINKS, TOP, page_ids, search, search_box_results
from conftest import ROOT
from support import served

ARTICLE = '<article class="md-content__inner md-typeset">'


def test_pages_are_marked_for_the_index_with_their_weight():
    page = f"<body>{ARTICLE}<h1>Baker's cyst</h1></article>{ARTICLE}</article></body>"
    assert search_index.mark_page(page, {}).count("data-pagefind-body") == 1
    assert 'data-pagefind-body data-pagefind-weight="3">' in search_index.mark_page(page, {"search": {"boost": 3}})
    assert 'data-pagefind-weight="0.3"' in search_index.mark_page(page, {"search": {"boost": 0.3}})
    assert 'data-pagefind-weight="10"' in search_index.mark_page(page, {"search": {"boost": 50}})
    assert search_index.mark_page(page, {"search": {"exclude": True}}) == page


def test_titles_summaries_and_headings_weigh_more_than_the_text_whatever_the_page_weighs():
    """A weight on the article replaces Pagefind's heading weights, so the title, the other
    names, the summary and the section headings (closed sections' too) carry their own,
    above the page's text."""
    page = (f'<body>{ARTICLE}<h1 id="t">Bakers cyst</h1><p class="also-called">Also called: popliteal cyst</p>'
            '<p class="summary">A soft lump.</p><p>Text.</p><p class="summary">Not the opening.</p>'
            '<details><summary><h2 id="s">If it bursts</h2></summary><p>Text.</p></details></article></body>')
    for boost in (0.3, 1, 3):
        marked = search_index.mark_page(page, {"search": {"boost": boost}})
        title, also, summary = (float(re.search(rf'<{start} data-pagefind-weight="([\d.]+)"{rest}', marked).group(1))
                                for start, rest in (("h1", ' id="t"'), ("p", ' class="also-called"'),
                                                    ("p", ' class="summary">A soft')))
        heading = float(re.search(r'<h2 data-pagefind-weight="([\d.]+)" id="s"', marked).group(1))
        assert title > also > boost and summary > boost and title > heading > boost, (boost, title, also, heading)
        assert marked.count("data-pagefind-weight") == 4 + (boost != 1)  # the opening summary only


def test_the_word_list_for_did_you_mean_is_the_vocabulary_and_the_condition_names(built_site):
    content, problems = pipeline.check(ROOT)
    assert content is not None, problems
    served_words = json.loads((built_site / search_words.PATH).read_text(encoding="utf-8"))
    assert served_words == search_words.search_words(content)
    for word in ("meniscus", "baker's", "cyst", "sciatica", "thrombosis", "hamstring", "swollen", "cartilage"):
        assert word in served_words, word
    assert all(len(word) >= search_words.SHORTEST and word == word.lower() for word in served_words)
    assert len(served_words) == len(set(served_words))
    assert (built_site / search_words.PATH).stat().st_size < 10_000  # fetched only when a word finds nothing


def test_the_built_site_carries_pagefind_and_not_materials_index(built_site):
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert list((built_site / "pagefind" / "fragment").iterdir()), "no page was indexed"
    assert not (built_site / "search" / "search_index.json").exists()
    condition = (built_site / "conditions/bakers-cyst/index.html").read_text()
    assert re.search(r'<article class="md-content__inner md-typeset" data-pagefind-body', condition)
    assert 'name="site-search"' in condition and "site-search.js" in condition


@pytest.mark.browser
def test_typing_in_the_search_box_finds_the_condition(page, site_url):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(site_url + "about/")
    found = search(page, "lump behind knee")
    assert any("/conditions/bakers-cyst/" in url for url in found[:3]), found
    # no count of pages above the results: it tells a reader nothing (screen readers hear words)
    meta = page.locator(".md-search-result__meta")
    assert not re.search(r"\d", meta.inner_text()) and meta.inner_text().strip()
    assert meta.bounding_box()["height"] <= 1
    assert problems == [], problems  # nothing blocked by the security policy, no script error


# Misspelt searches as readers type them: the word it should suggest, and the page it finds.
MISSPELT = [("miniscus", "meniscus", "meniscus-tear"), ("bakers cist", "bakers cyst", "bakers-cyst"),
            ("hamstrung", "hamstring", "hamstring-strain"), ("sciatia", "sciatica", "sciatica"),
            ("deep vain thrombosys", "deep vein thrombosis", "deep-vein-thrombosis"),
            # held out: not tried while the suggestions were made
            ("siatica pain", "sciatica pain", "sciatica"), ("varicoce veins", "varicose veins", "varicose-veins"),
            ("gowt in knee", "gout in knee", "gout-and-pseudogout"),
            ("ostearthritis", "osteoarthritis", "knee-osteoarthritis"),
            ("popliteal anurism", "popliteal aneurysm", "popliteal-artery-problems"),
            ("cramp in calf at nite", None, "leg-cramps")]


@pytest.mark.browser
@pytest.mark.parametrize("typed, suggested, condition", MISSPELT)
def test_a_misspelt_search_suggests_the_word_and_the_suggestion_finds_the_page(browser, site_url, typed, suggested,
                                                                                condition):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        page.goto(site_url + "about/")
        search_box_results(page, typed)
        suggestion = page.locator(".md-search-result__suggest")
        if suggested is None:  # "nite" is not a word the site knows; the other words find the page
            assert suggestion.is_hidden()
            assert condition in page_ids(page.eval_on_selector_all(RESULT_LINKS, "a => a.map(e => e.href)"))[:TOP]
            return
        assert suggestion.inner_text() == f"Did you mean {suggested}?"
        suggestion.locator("a").click()
        page.wait_for_function("words => document.querySelector('[data-site-search]').dataset.shown === words",
                               arg=suggested)
        found = page_ids(page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)"))
        assert condition in found[:TOP], found
        assert page.input_value(".md-search__input") == suggested
        assert suggestion.is_hidden()
        # the words stay in the browser: not in the address, not in any request
        assert page.url == site_url + "about/"
        words = {word for text in (typed, suggested) for word in text.split() if len(word) > 3}
        assert [url for url in requests if any(word in urlsplit(url).query for word in words)] == []
        assert all(url.startswith(site_url) for url in requests)
    finally:
        context.close()


@pytest.mark.browser
def test_a_search_that_finds_nothing_shows_the_pages_that_may_help_and_the_helpline(page, site_url):
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    page.goto(site_url + "conditions/bakers-cyst/")
    assert search_box_results(page, "xqzvbn plorf") == []
    assert page.locator(".md-search-result__suggest").is_hidden()  # nothing close to suggest
    assert page.locator(".md-search-result__meta").inner_text().strip() == "Nothing on this site matches those words."
    steps = page.locator(".md-search-result__next")
    assert steps.is_visible()
    links = dict(steps.locator("a").evaluate_all("links => links.map(a => [a.href, a.innerText])"))
    links = {href.removeprefix(site_url): text for href, text in links.items()}
    assert links["get-help-now/"] == "Get help now"
    assert links["finder/"] == "Symptom finder"
    assert links["conditions/"] == "Conditions A to Z"
    helpline = links[f"tel:{extra['helpline_number']}"]
    assert extra["helpline_name"] in helpline
    # the arrow keys reach the links, as they reach results
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result__next') !== null")
    # a search that finds pages hides them again
    search_box_results(page, "lump behind knee")
    assert steps.is_hidden()


@pytest.mark.browser
def test_a_link_with_q_opens_the_search_and_the_keyboard_works(page, site_url):
    page.goto(site_url + "?q=knee%20locks")
    page.wait_for_selector(".md-search-result__item")
    assert page.input_value(".md-search__input") == "knee locks"
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


@pytest.mark.browser
def test_search_works_when_the_host_sends_the_policy_as_a_header(browser, built_site):
    """A policy in an HTTP header also binds the search's worker, which compiles WebAssembly."""
    home = (built_site / "index.html").read_text()
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', home).group(1))
    assert "'wasm-unsafe-eval'" in policy

    with served(built_site, headers={"Content-Security-Policy": policy}) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server.url)
            assert any("/conditions/" in url for url in search(page, "pins and needles")), errors
        finally:
            context.close()


@pytest.mark.browser
def test_on_a_phone_the_open_search_fits_the_screen(browser, site_url):
    """The theme's opening circle behind the search must not widen the page: the panel and
    its lines would run past the screen's edge."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(site_url + "?q=miniscus")
        page.locator(".md-search-result__next").wait_for()
        page.wait_for_timeout(600)  # the circle's growing takes 0.4 s
        assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [360, 360]
        right = page.evaluate("Math.max(...[...document.querySelectorAll('.md-search-result__next li')]"
                              ".map(li => li.getBoundingClientRect().right))")
        assert right <= 360
    finally:
        context.close()
