"""Helpers for the browser tests that visit every page of the built site.

``page_paths`` lists every page the build wrote (the 404 page too); ``axe_violations``
runs axe-core, the accessibility checker, in a loaded page. axe-core comes from the
``axe-playwright-python`` package (a test dependency), which bundles ``axe.min.js``, so no
test downloads anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# WCAG 2.0, 2.1 and 2.2, levels A and AA
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A phone as the tests hold it: 360 px wide, touch, a high-density screen.
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def page_paths(site: Path) -> list[str]:
    """Every page of the built site as a path from the site root: '' (home), 'about/', ..., '404.html'."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else f"{p}/" for p in pages] + ["404.html"]


def visit_every_page(browser, built_site: Path, site_url: str, **options: Any) -> Iterator[tuple[str, Any]]:
    """Open every page in turn in one fresh browser context made with ``options``:
    yields (the page's path, '/' for home; the Playwright page showing it)."""
    context = browser.new_context(**options)
    page = context.new_page()
    try:
        for path in page_paths(built_site):
            page.goto(site_url + path)
            yield path or "/", page
    finally:
        context.close()


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@cache
def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, *, tags: list[str] | None = None, rules: list[str] | None = None) -> list[str]:
    """One line per element that breaks a rule: '<rule> (<impact>) <element>: <what to fix>'.

    axe is added with ``page.evaluate`` (the browser's developer interface), which the
    page's Content-Security-Policy does not block, so pages are checked as readers get them.
    """
    page.evaluate(axe_script())
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags or WCAG_AA}
    result = page.evaluate("options => axe.run(document, options)",
                           {"runOnly": run_only, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}) {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
        for v in result["violations"] for node in v["nodes"]
    ]


def search(page, words: str) -> list[str]:
    """Type into the site's search box; the addresses of the results shown."""
    page.fill(".md-search__input", words)
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")


TOP = 3
RESULT_LINKS = ".md-search-result__item > a:first-child"


def page_ids(hrefs: list[str]) -> list[str]:
    """'http://127.0.0.1:8000/conditions/bakers-cyst/' -> 'bakers-cyst'; other pages by their path."""
    out = []
    for href in hrefs:
        path = urlsplit(href).path.strip("/")
        out.append(path.split("/", 1)[1] if path.startswith("conditions/") and path.count("/") == 1 else path)
    return out


def search_box_results(page, query: str) -> list[str]:
    """Type ``query`` into the search box and read the pages of the result list, best first.

    The box marks itself with the words whose results it has drawn (``data-shown``); the
    mark is cleared first, so we wait for this search's results, not the last one's."""
    page.evaluate("""() => {
        document.querySelector(".md-search-result__list").replaceChildren();
        delete document.querySelector("[data-site-search]").dataset.shown;
    }""")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # as when typing: the box may listen for key presses or for input
    page.wait_for_function("query => document.querySelector('[data-site-search]').dataset.shown === query", arg=query)
    return page_ids(page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)"))
