"""The build step, top to bottom: load -> validate -> render.

``build()`` gathers and checks everything before anything is rendered, and it writes
nothing: callers (the MkDocs hook, the export command) decide what to do with the pages.
Pass a ``Memo`` to reuse the work of the previous build in the same process (``mkdocs
serve``), and a ``timings`` dict to learn how long each stage took (the benchmark).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import load, render, validate
from .load import Document
from .memo import Memo
from .model import Content
from .problems import Problem

SETTINGS = ("emergency_number", "helpline_name", "helpline_number")
MEMO = Memo()  # the one the MkDocs hook keeps across `mkdocs serve` rebuilds


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


def settings_problems(settings: dict[str, Any], config_name: str = "mkdocs.yml") -> list[Problem]:
    return [
        Problem(config_name, 1, f"extra.{name}",
                "is not set. The site needs it for its care cards, e.g. "
                "emergency_number: '999', helpline_name: 'NHS 111', helpline_number: '111'.")
        for name in SETTINGS
        if not str(settings.get(name) or "").strip()
    ]


@contextmanager
def stage(timings: dict[str, float] | None, name: str) -> Iterator[None]:
    """Add the time spent in the block to ``timings[name]`` (if timings are wanted)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: parsing makes many objects but no cycles, and
    with a thousand records Python's collector would otherwise rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(root: Path, today: dt.date | None = None, *, memo: Memo | None = None,
          timings: dict[str, float] | None = None) -> tuple[Content | None, list[Problem]]:
    """Load and validate every file under ``root/content``; the content only if it is all valid."""
    today = today or dt.date.today()
    memo = memo or Memo()
    content_dir, schema_dir = root / "content", root / "content" / "schema"
    vocabulary_path = content_dir / "symptoms.yaml"
    schemas = memo.schemas(schema_dir)
    [(vocabulary_doc, vocabulary_problems)] = checked_files(
        [vocabulary_path], root, schemas, lambda doc: validate.vocabulary_problems(doc, schema_dir),
        memo=memo, timings=timings)
    vocabulary: dict[str, dict] = {}
    if isinstance(vocabulary_doc.data, dict) and isinstance(vocabulary_doc.data.get("symptoms"), list):
        # copies: the pages' cross-references are added to these, never to the parsed file
        vocabulary = {s["id"]: dict(s) for s in vocabulary_doc.data["symptoms"]
                      if isinstance(s, dict) and isinstance(s.get("id"), str)}

    paths = sorted((content_dir / "conditions").glob("*.yaml"))
    records = checked_files(
        paths, root, (memo.text(vocabulary_path), schemas, today),
        lambda doc: validate.condition_problems(doc, schema_dir, vocabulary, vocabulary_doc.path, today),
        memo=memo, timings=timings)
    memo.keep_only([vocabulary_path, *paths])

    with stage(timings, "validate"):
        docs = [doc for doc, _ in records]
        problems = list(vocabulary_problems)  # a new list: the memo keeps each file's own
        for _, found in records:
            problems += found
        if not docs:
            problems.append(Problem("content/conditions", 1, "", "no condition records found (*.yaml)."))
        problems += validate.duplicate_problems([d for d in docs if d.ok])
        problems.sort()
        if any(not p.warning for p in problems):
            return None, problems
        return Content([dict(d.data) for d in docs], vocabulary), problems


def checked_files(paths: list[Path], root: Path, against: Hashable, check: Callable[[Document], list[Problem]],
                  *, memo: Memo, timings: dict[str, float] | None = None) -> list[tuple[Document, list[Problem]]]:
    """Each file parsed, and checked by ``check`` if it parses, with every problem found in it.

    Files whose text and ``against`` (what they are checked against) are as in the last
    build are taken from ``memo``.
    """
    with stage(timings, "load"):
        texts = {path: memo.read(path) for path in paths}
        known = {path: memo.reusable(path, text, against) for path, text in texts.items() if text is not None}
        todo = [path for path, text in texts.items() if text is not None and known[path] is None]
    shares = [(load.shown_path(path, root), texts[path]) for path in todo]
    for path, (doc, problems, seconds) in zip(todo, _parse_and_check(check, shares), strict=True):
        memo.keep(path, texts[path], against, doc, problems)
        known[path] = (doc, problems)
        if timings is not None:
            for name, spent in zip(("load", "validate"), seconds, strict=True):
                timings[name] = timings.get(name, 0.0) + spent
    return [known[path] if texts[path] is not None else _unreadable(path, root) for path in paths]


def _parse_and_check(check: Callable[[Document], list[Problem]],
                     files: Sequence[tuple[str, str]]) -> list[tuple[Document, list[Problem], tuple[float, float]]]:
    """Parse and check the files (shown path, text); the seconds each took to parse and to
    check. Once checked, a file's node tree is cut down to its top-level fields, the only
    ones the checks across files still point at."""
    out = []
    for shown, text in files:
        start = time.perf_counter()
        doc = load.parse(text, shown)
        parsed = time.perf_counter()
        problems = list(doc.problems) + (check(doc) if doc.ok else [])
        doc.keep_top_level_lines()
        out.append((doc, problems, (parsed - start, time.perf_counter() - parsed)))
    return out


def _unreadable(path: Path, root: Path) -> tuple[Document, list[Problem]]:
    doc = load.read(path, root)  # says why it cannot be read
    return doc, list(doc.problems)


def build(root: Path, settings: dict[str, Any], today: dt.date | None = None, *, memo: Memo | None = None,
          timings: dict[str, float] | None = None) -> Result:
    """Check everything, then render every page. Nothing is rendered if anything is wrong."""
    today = today or dt.date.today()
    memo = memo or Memo()
    with gc_paused():
        content, problems = check(root, today, memo=memo, timings=timings)
        problems = settings_problems(settings) + problems
        result = Result(problems=problems, content=content)
        if content is not None and not result.errors:
            with stage(timings, "render"):
                result.pages = memo.pages(settings, today, render.TEMPLATES,
                                          lambda: render.render_pages(content, settings, today))
    return result
