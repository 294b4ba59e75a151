"""Search that understands lay words, tried the way a reader tries it.

Each search in ``search_queries.yaml`` is typed into the built site's search box in
Chromium, and the first three results are read from the result list. A search passes when
one of the conditions it expects is among them. The hit rate is printed (``pytest -s``)
and must be at least 0.95; any miss is listed with what came up instead.

The test reads the search box as a reader sees it, whatever answers it (Material's own
search, or Pagefind as set up in backofknee/search_index.py). Lay searches work because the
pages carry the lay words: each condition page lists its symptoms under small headings with
the vocabulary's words for each (hidden from readers, indexed for search), says where it is
usually felt, and weighs more than a symptom page (``search: boost``, render.SEARCH_BOOST).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote_plus

import pytest
import yaml
from backofknee import pipeline
from browsing import RESULT_LINKS, TOP, page_ids, search_box_results
from conftest import ROOT

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
SAFETY = yaml.safe_load((Path(__file__).parent / "safety_searches.yaml").read_text(encoding="utf-8"))
def test_lay_searches_find_the_condition_in_the_first_three_results(page, site_url):
    page.goto(site_url)
    misses = []
    for item in QUERIES:
        found = search_box_results(page, item["query"])
        if not set(item["expect"]) & set(found[:TOP]):
            misses.append(f"{item['query']!r}: expected {' or '.join(item['expect'])}, got {', '.join(found[:TOP])}")
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nsearch hit rate: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {rate:.2f} (first {TOP} results)")
    for miss in misses:
        print("  miss:", miss)
    assert len(QUERIES) >= 25
    assert rate >= 0.95, f"hit rate {rate:.2f} < 0.95; misses:\n" + "\n".join(misses)


def test_searches_for_warning_signs_put_the_serious_cause_first(page, site_url):
    """The words for a sign that needs help today or now find the serious cause in the first
    three results, above its harmless look-alikes. Every search must pass."""
    page.goto(site_url)
    failures = []
    for item in SAFETY:
        found = search_box_results(page, item["query"])[:TOP]
        serious = [item["serious"], *item.get("also", [])]
        hit = next((found.index(c) for c in serious if c in found), None)
        if hit is None:
            failures.append(f"{item['query']!r}: no {' or '.join(serious)} in {found}")
        elif any(c in found[:hit] for c in item["not_above"]):
            failures.append(f"{item['query']!r}: a look-alike comes before {found[hit]}: {found}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("query, expected", [("knee locks", "meniscus-tear"),
                                             ("pins and needles down my leg", "sciatica"),
                                             ("x-rays", "knee-osteoarthritis")])  # a word with a hyphen
def test_a_search_address_opens_with_its_results(page, site_url, query, expected):
    """A search can be shared as an address: ``?q=...`` opens the search with its results."""
    page.goto(f"{site_url}?q={quote_plus(query)}")
    page.wait_for_selector(RESULT_LINKS)
    found = page_ids(page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)"))
    assert expected in found[:TOP], found


def test_condition_pages_carry_the_lay_words_of_their_symptoms_for_search_only(built_site, page, site_url):
    """What the search finds by is in the page, for the search: each symptom's words people
    use for it, in a hidden element inside the part Pagefind indexes (as text, below every
    heading), not shown to readers or read by screen readers; where it is usually felt is shown."""
    content, problems = pipeline.check(ROOT)
    assert content is not None, problems
    for condition in content.conditions:
        html = (built_site / "conditions" / condition["id"] / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")
        assert "Usually felt " in text, condition["id"]
        blocks = re.findall(r'<div class="lay-words" hidden>(.*?)</div>', html)
        blocks = [b.replace("&#39;", "'").replace("&amp;", "&") for b in blocks]
        for item in condition["symptoms"]:
            words = ", ".join(content.symptoms[item["id"]]["words"])
            assert f"People also say: {words}." in blocks, f"{condition['id']}: lay words of {item['id']}"
    for path in ("conditions/bakers-cyst/", "symptoms/lump-behind-knee/"):
        page.goto(site_url + path)
        assert page.locator(".lay-words").count() > 0
        assert page.evaluate("[...document.querySelectorAll('.lay-words')].every(e => !e.checkVisibility())")
        shown = page.locator("article").inner_text()
        assert "People also say" not in shown and "Words people use for it" not in shown
        assert page.locator("article [data-pagefind-body]").count() == 0  # the article itself is the body
        assert page.locator("article[data-pagefind-body] .lay-words").count() > 0
