"""The build step, top to bottom: load -> validate -> render.

``build()`` gathers and checks everything before anything is rendered, and it writes
nothing: callers (the MkDocs plugin, the export command) decide what to do with the pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import load, render, validate
from .model import Content, Terms
from .problems import Problem

# The words for the emergency number and places of care, used on every care card. The helpline
# is optional (not every country has one); if it is named, its number is needed too.
SETTINGS = ("emergency_number", "emergency_department", "urgent_care", "doctor")
OPTIONAL_SETTINGS = {"helpline_name": "", "helpline_number": ""}
_EXAMPLE = ("e.g. emergency_number: '999', emergency_department: A&E, urgent_care: an urgent treatment centre, "
            "doctor: GP, helpline_name: NHS 111, helpline_number: '111'.")


@dataclass
class Result:
    """What the build step produced: pages if nothing stopped it, and every problem found."""

    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    content: Content | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def site_settings(extra: dict[str, Any]) -> dict[str, Any]:
    """The settings the templates see: mkdocs.yml ``extra:``, with the optional ones defaulted."""
    return {**OPTIONAL_SETTINGS, **extra}


def settings_problems(settings: dict[str, Any]) -> list[Problem]:
    unset = {name for name in (*SETTINGS, *OPTIONAL_SETTINGS) if not str(settings.get(name) or "").strip()}
    needed = [*SETTINGS, *([] if "helpline_name" in unset else ["helpline_number"])]
    message = f"is not set. The site needs it for its care cards, {_EXAMPLE}"
    return [Problem("mkdocs.yml", 1, f"extra.{name}", message) for name in needed if name in unset]


def check(root: Path, today: dt.date | None = None) -> tuple[Content | None, list[Problem]]:
    """Load and validate every file under ``root/content``; the content only if it is all valid."""
    today = today or dt.date.today()
    content_dir, schema_dir = root / "content", root / "content" / "schema"
    schemas, tiers = validate.schema_texts(schema_dir), Terms.read(schema_dir).tiers  # read once, not per record
    vocabulary_doc = load.read(content_dir / "symptoms.yaml", root)
    docs = [load.read(path, root) for path in sorted((content_dir / "conditions").glob("*.yaml"))]
    problems = list(vocabulary_doc.problems)
    if vocabulary_doc.ok:
        problems += validate.vocabulary_problems(vocabulary_doc, schemas)
    symptoms = vocabulary_doc.data.get("symptoms") if isinstance(vocabulary_doc.data, dict) else None
    vocabulary = {s["id"]: s for s in (symptoms if isinstance(symptoms, list) else [])
                  if isinstance(s, dict) and isinstance(s.get("id"), str)}
    for doc in docs:
        problems += doc.problems
        if doc.ok:
            problems += validate.condition_problems(doc, schemas, tiers, vocabulary, vocabulary_doc.path, today)
    if not docs:
        problems.append(Problem("content/conditions", 1, "", "no condition records found (*.yaml)."))
    problems += validate.duplicate_problems([d for d in docs if d.ok])
    if not any(not p.warning for p in problems):  # only once every record is sound
        problems += validate.unsourced_warning_problems(vocabulary_doc, docs)
    problems.sort()
    if any(not p.warning for p in problems):
        return None, problems
    return Content.read([d.data for d in docs], vocabulary, schema_dir), problems


def build(root: Path, settings: dict[str, Any], today: dt.date | None = None) -> Result:
    """Check everything, then render every page. Nothing is rendered if anything is wrong."""
    today = today or dt.date.today()
    settings = site_settings(settings)
    content, problems = check(root, today)
    result = Result(problems=settings_problems(settings) + problems, content=content)
    if content is not None and not result.errors:
        result.pages = render.render_pages(content, settings, today)
    return result
