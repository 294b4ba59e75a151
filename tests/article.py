"""A built page as a reader sees it: the text of its ``<article>``, block by block.

The content tests read the built HTML, not the records, because the page is what a worried
reader gets. Each paragraph, list item, heading and table cell becomes a ``Block`` that
knows the care card it sits in (if any), the classes around it and whether it lies in the
page's "Sources" section. Only the standard library is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from support import TERMS

TIERS = TERMS.tiers
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "summary", "figcaption"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Containers that end a run of text without being a block of their own (a button's label
# must not run into the heading after it).
BOUNDARY_TAGS = {"div", "ul", "ol", "table", "button", "section", "blockquote", "details", "nav", "form", "figure"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SOURCES_HEADING = "sources"


@dataclass(frozen=True)
class Block:
    """One block of text on the page."""

    tag: str
    text: str
    classes: frozenset[str]  # the classes of the block and of every element around it
    card: int | None  # which care card it sits in (an index into Article.cards), if any
    in_sources: bool  # the page's "Sources" section, heading included (citations, not sentences)


@dataclass(frozen=True)
class Card:
    """A care card: its urgency tier and its whole text (title, signs and action)."""

    tier: str
    text: str


@dataclass(frozen=True)
class Article:
    blocks: list[Block]
    cards: list[Card]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: for comparing phrases with page text."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, frozenset[str], int | None]] = []  # (tag, classes, card index)
        self.depth = 0  # > 0 while inside <article>
        self.skip = 0  # > 0 while inside <script> or <style>
        self.buffer: list[str] = []
        self.block_tag = ""
        self.blocks: list[Block] = []
        self.card_tiers: list[str] = []
        self.sources_level: int | None = None  # heading level of the "Sources" section we are in

    # --- element stack ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        classes = frozenset((dict(attrs).get("class") or "").split())
        if tag == "article" and not self.depth:
            self.depth = 1
            self.stack = []
            return
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        card = self.stack[-1][2] if self.stack else None
        if tag == "div" and "admonition" in classes and classes & set(TIERS):
            card = len(self.card_tiers)
            self.card_tiers.append(next(t for t in TIERS if t in classes))
        if tag in BLOCK_TAGS or tag in BOUNDARY_TAGS:
            self._flush()
        if tag in BLOCK_TAGS:
            self.block_tag = tag
        self.stack.append((tag, classes, card))

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID_TAGS:
            return
        if tag == "article" and not any(t == "article" for t, _, _ in self.stack):
            self._flush()
            self.depth = 0
            return
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in BLOCK_TAGS or tag in BOUNDARY_TAGS:
            self._flush()
        # pop up to and including the matching open tag (tolerates unclosed <p> and <li>)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.buffer.append(data)

    # --- blocks -------------------------------------------------------------------------
    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        self.buffer = []
        tag, self.block_tag = self.block_tag or "text", ""
        if not text:
            return
        level = HEADINGS.get(tag)
        if level is not None:
            if normalise(text) == SOURCES_HEADING:
                self.sources_level = level
            elif self.sources_level is not None and level <= self.sources_level:
                self.sources_level = None
        classes = frozenset().union(*(c for _, c, _ in self.stack)) if self.stack else frozenset()
        card = self.stack[-1][2] if self.stack else None
        self.blocks.append(Block(tag, text, classes, card, self.sources_level is not None))


def read_article(html: str) -> Article:
    """The blocks and care cards of a built page's ``<article>``."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    cards = [
        Card(tier, " ".join(b.text for b in parser.blocks if b.card == i))
        for i, tier in enumerate(parser.card_tiers)
    ]
    return Article(parser.blocks, cards)


def page_html(site: Path, page: str) -> str:
    """The built HTML of ``page`` ('' for the home page, else e.g. 'conditions/bakers-cyst')."""
    path = site / page / "index.html" if page else site / "index.html"
    assert path.exists(), f"no built page {page or 'home'} ({path})"
    return path.read_text(encoding="utf-8")
