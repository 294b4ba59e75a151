"""Plain language, measured: the reading grade of every condition page as a reader sees it.

The text is the ``<article>`` of the built page. Left out: the Sources list (citations, not
sentences), lists of lay words ("Also called", "Words people use") and the print-only
footer. Every block (paragraph, list item, heading, card title) is read as a sentence: it
gets a full stop if it has none, so a heading or a short list item is not glued to the
next line into one long "sentence".

The grade is Flesch-Kincaid, from textstat 0.7.3 (later versions fetch data at run time
and fail offline). Limits: no condition page above grade 9, median at most 8. Run with
``pytest -s`` to see the table; the hand-written pages are measured and shown too.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
import textstat
from article import page_html, read_article
from conftest import ROOT

MAX_GRADE = 9.0
MAX_MEDIAN = 8.0
LAY_WORD_CLASSES = {"also-called", "lay-words"}
NOT_PAGE_TEXT = {"print-only", "page-tools"}
HAND_WRITTEN = ["", "self-care", "prevention", "about"]


def reader_text(html: str) -> str:
    """The page's sentences, one block each, every block ending in a full stop."""
    sentences = []
    for block in read_article(html).blocks:
        if block.in_sources or block.classes & (LAY_WORD_CLASSES | NOT_PAGE_TEXT):
            continue
        text = block.text.rstrip(" :;,·")
        sentences.append(text if text.endswith((".", "?", "!")) else text + ".")
    return " ".join(sentences)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def condition_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "content/conditions").glob("*.yaml"))


def measure(site: Path, pages: list[str]) -> dict[str, tuple[float, int]]:
    """Grade and word count per page."""
    out = {}
    for page in pages:
        text = reader_text(page_html(site, page))
        out[page or "home"] = (grade(text), textstat.lexicon_count(text))
    return out


def table(title: str, figures: dict[str, tuple[float, int]]) -> str:
    width = max(len(name) for name in figures)
    lines = [title, f"  {'page'.ljust(width)}  grade  words"]
    lines += [f"  {name.ljust(width)}  {g:5.1f}  {n:5d}" for name, (g, n) in figures.items()]
    grades = [g for g, _ in figures.values()]
    lines.append(f"  {'median'.ljust(width)}  {statistics.median(grades):5.1f}")
    lines.append(f"  {'highest'.ljust(width)}  {max(grades):5.1f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def condition_grades(built_site) -> dict[str, tuple[float, int]]:
    figures = measure(built_site, [f"conditions/{c}" for c in condition_ids()])
    print("\n" + table("Flesch-Kincaid grade, condition pages", figures))
    return figures


def test_reader_text_keeps_sentences_and_drops_citations_and_word_lists():
    html = (
        '<article><h2>What to do</h2><ul><li>Rest</li><li>Ice it.</li></ul>'
        '<p class="also-called">Also called: cyst, lump</p>'
        '<h2>Sources</h2><ol><li><em>A long title</em>. A publisher, 2020.</li></ol></article>'
    )
    assert reader_text(html) == "What to do. Rest. Ice it."


def test_no_condition_page_reads_above_grade_9(condition_grades):
    too_hard = {page: g for page, (g, _) in condition_grades.items() if g > MAX_GRADE}
    assert not too_hard, f"pages above grade {MAX_GRADE}: {too_hard}"


def test_condition_pages_median_grade_is_8_or_below(condition_grades):
    median = statistics.median(g for g, _ in condition_grades.values())
    assert median <= MAX_MEDIAN, f"median grade {median:.1f} is above {MAX_MEDIAN}"


def test_hand_written_pages_read_at_grade_9_or_below(built_site):
    figures = measure(built_site, HAND_WRITTEN)
    print("\n" + table("Flesch-Kincaid grade, hand-written pages", figures))
    too_hard = {page: g for page, (g, _) in figures.items() if g > MAX_GRADE}
    assert not too_hard, f"hand-written pages above grade {MAX_GRADE}: {too_hard}"
