"""Turn the content into Markdown pages with the Jinja templates in ``templates/``, plus the
symptom finder's data (finder_data.py) and the search box's word list (search_words.py).
No Markdown is put together here: the templates own the words and layout.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from . import finder_data, search_words
from .model import Content, first_step, first_step_sign
from .search_index import SEARCH_BOOST

TEMPLATES = Path(__file__).parent / "templates"


def long_date(value: str) -> str:
    """'2026-11-21' -> '21 November 2026'."""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def quoted(value: str) -> str:
    """A double-quoted string, safe in YAML front matter and admonition titles."""
    return json.dumps(value, ensure_ascii=False)


def indent_block(text: str, width: int = 4) -> str:
    """Indent every line but the first, so Markdown stays inside a card or list item."""
    pad = " " * width
    return "\n".join(line if i == 0 or not line else pad + line for i, line in enumerate(text.strip().splitlines()))


@cache
def environment() -> jinja2.Environment:
    """One Jinja environment per process: templates are compiled once."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             autoescape=False)  # Markdown out; records are checked to hold no HTML
    env.filters.update(long_date=long_date, quoted=quoted, indent_block=indent_block)
    env.globals.update(SEARCH_BOOST=SEARCH_BOOST, first_step=first_step, first_step_sign=first_step_sign)
    return env


def compact_json(data: Any) -> str:
    """Compact JSON text for a data file the site serves (the same content gives the same bytes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_pages(content: Content, settings: dict[str, Any], today: dt.date) -> dict[str, str]:
    """Every generated page and data file, keyed by its path under docs/ (``conditions/bakers-cyst.md``)."""
    env = environment()
    common = {"settings": settings, "content": content, "today": today.isoformat(),
              "TIERS": content.terms.tiers, "AREAS": content.terms.areas, "GROUPS": content.terms.groups}
    jobs: list[tuple[str, str, dict[str, Any]]] = [  # page, template, what it shows
        *((f"symptoms/{sid}.md", "symptom.md.j2", {"s": s}) for sid, s in content.symptoms.items()),
        ("conditions/index.md", "conditions_index.md.j2", {}),
        ("symptoms/index.md", "symptoms_index.md.j2", {}),
        ("where-it-hurts.md", "where_it_hurts.md.j2", {}),
        ("get-help-now.md", "get_help_now.md.j2", {}),
        ("finder.md", "finder.md.j2", {"questions": finder_data.questions(content)}),
        *((f"conditions/{c['id']}.md", "condition.md.j2", {"c": c}) for c in content.conditions),
    ]
    pages = {page: env.get_template(template).render(**common, **context) for page, template, context in jobs}
    pages[finder_data.PATH] = compact_json(finder_data.finder_data(content, settings, env))
    pages[search_words.PATH] = compact_json(search_words.search_words(content))
    return pages


def render_text(text: str, settings: dict[str, Any], content: Content | None = None) -> str:
    """Fill the settings placeholders (e.g. ``{{ emergency_number }}``) in a hand-written page; with the
    content, it can also show the care cards: ``{{ cards.warning_card("emergency", content, settings) }}``."""
    cards = environment().get_template("_cards.md.j2").module
    return environment().from_string(text).render(**settings, settings=settings, content=content, cards=cards)
