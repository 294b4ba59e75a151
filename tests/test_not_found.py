"""The 404 page helps a reader who followed a broken link, and the sitemap lists every page."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml
from conftest import ROOT
from support import configured_site_url


def built_page(built_site, href: str):
    """The built file an address on the 404 page leads to (its links start at the site's root)."""
    path = href.removeprefix(urlparse(configured_site_url()).path).strip("/").removesuffix(".")
    return built_site / path / "index.html"


def test_404_page_has_a_search_box_and_links_to_urgent_help_and_the_a_to_z(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Page not found" in html
    assert re.search(r'<form id="not-found-search"[^>]*role="search"', html)
    assert re.search(r'<label for="not-found-words">Search this site</label>', html)
    assert re.search(r'<input id="not-found-words" name="q" type="search"', html)
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', html))
    for text, page in (("Get help now", "get-help-now"), ("Conditions A to Z", "conditions")):
        assert built_page(built_site, links[text]) == built_site / page / "index.html"
        assert built_page(built_site, links[text]).exists()
    assert "call 999" in html


@pytest.mark.browser
def test_404_search_box_finds_pages_without_sending_the_words(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "404.html")
    page.get_by_label("Search this site").fill("swollen calf")
    page.get_by_role("button", name="Search", exact=True).click()
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() > 0
    assert page.url == site_url + "404.html"
    assert [url for url in requests if "swollen" in url] == []


def test_sitemap_lists_every_condition_and_symptom_page(built_site):
    locations = set(re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text()))
    base = configured_site_url()
    assert all(loc.startswith(base) for loc in locations)
    wanted = {f"{base}conditions/{p.stem}/" for p in (ROOT / "content/conditions").glob("*.yaml")}
    vocabulary = yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]
    wanted |= {f"{base}symptoms/{s['id']}/" for s in vocabulary}
    wanted |= {base, f"{base}get-help-now/", f"{base}conditions/"}
    assert wanted <= locations, sorted(wanted - locations)
