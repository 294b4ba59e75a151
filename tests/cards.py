"""Care cards as a reader sees them in the built HTML: tier, title and the signs listed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from support import TERMS, text_of

CARD = re.compile(rf'<div class="admonition ({"|".join(TERMS.tiers)})">'
                  r'\s*<p class="admonition-title">(.*?)</p>(.*?)</div>', re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


@dataclass
class Card:
    tier: str
    title: str
    signs: list[str]
    text: str


def care_cards(page_html: str) -> list[Card]:
    return [Card(tier, text_of(title), [text_of(item) for item in ITEM.findall(body)], text_of(title + " " + body))
            for tier, title, body in CARD.findall(page_html)]
