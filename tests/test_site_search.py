"""The search box is answered by Pagefind: the index is built with the site, pages carry
their search weight (titles and summaries above the text), and the real box finds pages in
Chromium under the site's security policy, also when a host sends that policy as an HTTP
header."""

from __future__ import annotations

import html
import re

import pytest
from backofknee import search_index
from support import served

ARTICLE = '<article class="md-content__inner md-typeset">'


def test_pages_are_marked_for_the_index_with_their_weight():
    page = f"<body>{ARTICLE}<h1>Baker's cyst</h1></article>{ARTICLE}</article></body>"
    assert search_index.mark_page(page, {}).count("data-pagefind-body") == 1
    assert 'data-pagefind-body data-pagefind-weight="3">' in search_index.mark_page(page, {"search": {"boost": 3}})
    assert 'data-pagefind-weight="0.3"' in search_index.mark_page(page, {"search": {"boost": 0.3}})
    assert 'data-pagefind-weight="10"' in search_index.mark_page(page, {"search": {"boost": 50}})
    assert search_index.mark_page(page, {"search": {"exclude": True}}) == page


def test_titles_and_summaries_weigh_more_than_the_text_whatever_the_page_weighs():
    """A weight on the article replaces Pagefind's heading weights, so the title, the other
    names and the summary carry their own, above the page's text."""
    page = (f'<body>{ARTICLE}<h1 id="t">Bakers cyst</h1><p class="also-called">Also called: popliteal cyst</p>'
            '<p class="summary">A soft lump.</p><p>Text.</p><p class="summary">Not the opening.</p></article></body>')
    for boost in (0.3, 1, 3):
        marked = search_index.mark_page(page, {"search": {"boost": boost}})
        title, also, summary = (float(re.search(rf'<{start} data-pagefind-weight="([\d.]+)"{rest}', marked).group(1))
                                for start, rest in (("h1", ' id="t"'), ("p", ' class="also-called"'),
                                                    ("p", ' class="summary">A soft')))
        assert title > also > boost and summary > boost, (boost, title, also, summary)
        assert marked.count("data-pagefind-weight") == 3 + (boost != 1)  # the opening summary only


def test_the_built_site_carries_pagefind_and_not_materials_index(built_site):
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert list((built_site / "pagefind" / "fragment").iterdir()), "no page was indexed"
    assert not (built_site / "search" / "search_index.json").exists()
    condition = (built_site / "conditions/bakers-cyst/index.html").read_text()
    assert re.search(r'<article class="md-content__inner md-typeset" data-pagefind-body', condition)
    assert 'name="site-search"' in condition and "site-search.js" in condition


def search(page, words: str) -> list[str]:
    """Type into the site's search box; the addresses of the results shown."""
    page.fill(".md-search__input", words)
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")


@pytest.mark.browser
def test_typing_in_the_search_box_finds_the_condition(page, site_url):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(site_url + "about/")
    found = search(page, "lump behind knee")
    assert any("/conditions/bakers-cyst/" in url for url in found[:3]), found
    assert re.search(r"\d+ matching documents?", page.inner_text(".md-search-result__meta"))
    assert problems == [], problems  # nothing blocked by the security policy, no script error


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
