"""The search box's word list, for "Did you mean ...?" when a word typed finds nothing.

``overrides/assets/javascripts/site-search.js`` loads the list only then, and offers the closest
word in it (a few typing mistakes away: "miniscus" -> "meniscus"); most used words come first,
so a tie goes to the more common word.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Content

PATH = "assets/search-words.json"  # where the site serves it; site-search.js fetches it from the site's root
SHORTEST = 4  # shorter words are never corrected, so the list leaves them out
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def search_words(content: Content) -> list[str]:
    """Every word of the symptoms' names and lay words (``content/symptoms.yaml``) and of the
    conditions' names and other names, in lowercase, most used first."""
    texts = [text for s in content.symptoms.values() for text in (s["name"], *s["words"])]
    texts += [text for c in content.conditions for text in (c["name"], *c.get("also_called", []))]
    counts = Counter(word for text in texts for word in _WORD.findall(text.lower()) if len(word) >= SHORTEST)
    return sorted(counts, key=lambda word: (-counts[word], word))
