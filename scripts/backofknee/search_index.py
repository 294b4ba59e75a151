"""The site search's index: Pagefind, run over the built site once MkDocs has written it.

Not Material's search: that sends every page's text to each reader (1.8 MB gzipped for 1,000
conditions), whose browser builds an index before showing a result. Pagefind splits its index
at build time, so a search fetches only the chunks for the words typed (tens of kilobytes), and
it knows word endings: "lumps" finds "lump" (figures: benchmarks/README.md). The theme's search
box (overrides/partials/search.html) stays; overrides/assets/javascripts/site-search.js answers it.

Indexed: each page's article, without the print button and the printed sheet's footer;
``search: {exclude: true}`` in a page's front matter leaves the page out.

How results are ranked, all of it: Pagefind scores the words typed in each page, weighed by the
page's kind (``SEARCH_BOOST``, written into the front matter by the templates and into the page
by ``mark_page``). A weight on the article replaces Pagefind's heading weights, so the title, the
opening lines (other names, summary) and the section headings carry their own: ``LEAD`` and
``HEADINGS`` times the page's. Among equal matches the search box puts condition pages first, and
it suggests a word when one finds nothing (search_words.py). The words people use for a symptom
are indexed on condition pages but not shown (templates/condition.md.j2).
tests/search_queries.yaml and tests/safety_searches.yaml measure it.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ARTICLE = '<article class="md-content__inner md-typeset">'  # Material's page text
IGNORED = (".page-tools", ".print-only")  # the print button and the printed sheet's footer
PAGES = "**/index.html"  # every page but 404.html
MAX_WEIGHT = 10.0  # Pagefind's largest weight
# Condition pages weigh most: they answer searches in people's words ("lump behind knee"). Symptom
# pages carry the same words, so they weigh less, or they would push the conditions out of the top.
SEARCH_BOOST = {"condition": 3, "symptom": 0.3, "finder": 1}
# Times the page's weight: the title as Pagefind counts a title, the other names and summary twice.
LEAD = {"<h1 ": 7.0, '<p class="also-called"': 2.0, '<p class="summary"': 2.0}
# Section headings, closed sections' too, count twice the text, as Pagefind weighs headings.
HEADINGS = {"<h2 ": 2.0, "<h3 ": 2.0}

log = logging.getLogger("mkdocs.plugins.backofknee")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message holds its output."""


def mark_page(html: str, meta: dict[str, Any]) -> str:
    """Mark the page's article for Pagefind (``data-pagefind-body``), with its weights.
    Only marked elements are indexed, so a page excluded from search is left unmarked."""
    search = meta.get("search") or {}
    if not isinstance(search, dict) or search.get("exclude"):
        return html
    attributes = " data-pagefind-body"
    if meta.get("page_kind"):  # the search box puts condition pages first among equal matches
        attributes += f' data-pagefind-meta="kind:{meta["page_kind"]}"'
    boost = search.get("boost")
    weight = float(boost) if isinstance(boost, int | float) else 1.0
    if weight != 1:
        attributes += f' data-pagefind-weight="{_weight(weight)}"'
    start = html.find(ARTICLE)
    if start < 0:
        return html
    head, article = html[:start], html[start + len(ARTICLE):]
    for opening, times in LEAD.items():
        tag, rest = opening.split(" ", 1)
        article = article.replace(opening, f'{tag} data-pagefind-weight="{_weight(weight * times)}" {rest}', 1)
    for opening, times in HEADINGS.items():
        article = article.replace(opening, f'{opening}data-pagefind-weight="{_weight(weight * times)}" ')
    return head + ARTICLE[:-1] + attributes + ">" + article


def _weight(value: float) -> str:
    """A weight as Pagefind takes it: 0 to MAX_WEIGHT, written short ("3", "0.3")."""
    return f"{min(max(value, 0.0), MAX_WEIGHT):.3g}"


def command(site_dir: Path) -> list[str]:
    """The Pagefind command line for the site in ``site_dir``."""
    ignored = [arg for selector in IGNORED for arg in ("--exclude-selectors", selector)]
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", PAGES, *ignored,
            "--force-language", "en", "--quiet"]


def build(site_dir: Path) -> None:
    """Write the search index for the built site in ``site_dir`` to ``site_dir/pagefind``."""
    try:
        proc = subprocess.run(command(site_dir), capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"the search index could not be built: {err}") from err
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        hint = " Install the project's dependencies (pip install -e .)." if "No module named" in output else ""
        raise SearchIndexError(f"the search index could not be built.{hint}\n{output}")


def start(site_dir: Path) -> threading.Thread:
    """Build the index in a background thread (``mkdocs serve``): the edited page is shown at
    once, and its search index follows a moment later."""

    def build_logged() -> None:
        try:
            build(site_dir)
        except SearchIndexError as err:  # e.g. the next rebuild emptied the site meanwhile
            log.warning(str(err))

    thread = threading.Thread(target=build_logged, name="search-index", daemon=True)
    thread.start()
    return thread
