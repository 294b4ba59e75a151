"""Care cards as a reader sees them in the built HTML: tier, title and the signs listed."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

CARD = re.compile(r'<div class="admonition (emergency|urgent|gp)">\s*<p class="admonition-title">(.*?)</p>(.*?)</div>',
                  re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def plain(fragment: str) -> str:
    """The text of an HTML fragment, tags dropped and spaces collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@dataclass
class Card:
    tier: str
    title: str
    signs: list[str]
    text: str


def care_cards(page_html: str) -> list[Card]:
    return [Card(tier, plain(title), [plain(item) for item in ITEM.findall(body)], plain(title + " " + body))
            for tier, title, body in CARD.findall(page_html)]
