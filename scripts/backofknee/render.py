"""Turn the content into Markdown pages with the Jinja templates in ``templates/``.

Returns a mapping of page path (as MkDocs sees it, e.g. ``conditions/bakers-cyst.md``) to
Markdown text, plus the symptom finder's data file (``assets/finder.json``, see
``finder_data.py``) and the search box's word list (``assets/search-words.json``,
``search_words.py``). No Markdown is put together here: the templates own the words and layout.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from . import finder_data, search_words
from .model import GROUPS, Content, first_step, first_step_sign
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
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown out; records are checked to hold no HTML
    )
    env.filters.update(long_date=long_date, quoted=quoted, indent_block=indent_block)
    env.globals.update(GROUPS=GROUPS, SEARCH_BOOST=SEARCH_BOOST, first_step=first_step,
                       first_step_sign=first_step_sign)
    return env


def render_pages(content: Content, settings: dict[str, Any], today: dt.date) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/, the finder's data and the search's words."""
    env = environment()
    common = {"settings": settings, "content": content, "today": today.isoformat(),
              "TIERS": content.terms.tiers, "AREAS": content.terms.areas}
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
    pages[finder_data.PATH] = finder_data.finder_json(content, settings, env)
    pages[search_words.PATH] = search_words.search_words_json(content)
    return pages


def render_text(text: str, settings: dict[str, Any], content: Content | None = None) -> str:
    """Fill the settings placeholders (e.g. ``{{ emergency_number }}``) in a hand-written page.

    With the content, a page can also show the care cards every other page shows, e.g.
    ``{{ cards.warning_card("emergency", content, settings) }}``."""
    cards = environment().get_template("_cards.md.j2").module
    return environment().from_string(text).render(**settings, settings=settings, content=content, cards=cards)
