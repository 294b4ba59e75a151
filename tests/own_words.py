"""Own words: the site's text shares no run of 10 words with the articles it was written from.

The source articles are not ours, so they are not in the repository. What is kept instead is
their fingerprint, ``tests/own_words/sources.txt``: a short hash of every run of 10 words
in them, after the words are lower-cased and stripped of punctuation. The test checks every
run of 10 words on every built page against it. A hash cannot be turned back into the words,
and 64 bits make a chance match between two different runs practically impossible.

Make the fingerprint again when the source articles change::

    python tests/own_words.py fingerprint FOLDER_OF_TEXTS > tests/own_words/sources.txt

and check a built site by hand (``mkdocs build -d SITE``)::

    python tests/own_words.py check SITE
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN = 10  # words in a run; facts and short phrases carry over, sentences do not
FINGERPRINT = Path(__file__).resolve().parent / "own_words" / "sources.txt"


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, with straight apostrophes and no other punctuation."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def run_hash(run: Iterable[str]) -> str:
    """A 64-bit hash of one run of words, as 16 hex digits."""
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).hexdigest()


def runs(text: str, n: int = RUN) -> Iterator[tuple[str, str]]:
    """Each run of ``n`` words in ``text``, as (its words, its hash)."""
    w = words(text)
    for i in range(len(w) - n + 1):
        yield " ".join(w[i:i + n]), run_hash(w[i:i + n])


def fingerprint(texts: Iterable[str], n: int = RUN) -> set[str]:
    """The hashes of every run of ``n`` words in ``texts``."""
    return {h for text in texts for _, h in runs(text, n)}


def read_fingerprint(path: Path = FINGERPRINT) -> set[str]:
    return {line for line in path.read_text(encoding="ascii").split() if not line.startswith("#")}


def copied_runs(site: Path, hashes: set[str], n: int = RUN) -> list[str]:
    """'page: copied: words' for each run of ``n`` words on a built page whose hash is in ``hashes``.

    The text is everything in each page's ``<article>``, source titles included."""
    from article import read_article  # the tests' reader of built pages

    found = []
    for page in sorted(site.rglob("*.html")):
        text = " ".join(b.text for b in read_article(page.read_text(encoding="utf-8")).blocks)
        found += [f"{page.relative_to(site)}: copied: '{run}'" for run, h in runs(text, n) if h in hashes]
    return found


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "fingerprint":
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(argv[1]).glob("*.txt"))]
        print(f"# hashes of every run of {RUN} words in {len(texts)} source texts (tests/own_words.py)")
        print("\n".join(sorted(fingerprint(texts))))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        found = copied_runs(Path(argv[1]), read_fingerprint())
        print("\n".join([*found, f"{len(found)} runs of {RUN} words copied from the source articles"]))
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
