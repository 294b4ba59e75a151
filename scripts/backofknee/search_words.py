"""The search box's word list, for "Did you mean ...?" when a word typed finds nothing.

The words are the ones the site is about: the symptom vocabulary's names and the words
people use for each symptom (``content/symptoms.yaml``), and each condition's name and
other names. ``overrides/assets/javascripts/site-search.js`` loads the list only when a
word typed finds no page, and offers the closest word in it (a few typing mistakes away:
"miniscus" -> "meniscus"). Most used words first, so a tie goes to the more common word.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from .model import Content

PATH = "assets/search-words.json"  # where the site serves it; site-search.js fetches it from the site's root
SHORTEST = 4  # shorter words are never corrected, so the list leaves them out
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def search_words(content: Content) -> list[str]:
    """Every word of the symptom and condition names and lay words, in lowercase, most used first."""
    texts = [text for s in content.symptoms.values() for text in (s["name"], *s["words"])]
    texts += [text for c in content.conditions for text in (c["name"], *c.get("also_called", []))]
    counts = Counter(word for text in texts for word in _WORD.findall(text.lower()) if len(word) >= SHORTEST)
    return sorted(counts, key=lambda word: (-counts[word], word))


def search_words_json(content: Content) -> str:
    """The list as compact JSON text (the same content gives the same bytes)."""
    return json.dumps(search_words(content), ensure_ascii=False, separators=(",", ":")) + "\n"
