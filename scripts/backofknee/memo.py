"""What the build step remembers between builds in one process, so ``mkdocs serve`` redoes
only the work a change needs.

A file is parsed and checked again only when its text, or what it is checked against (the
symptom vocabulary, the schemas, the date), changed; the pages are rendered again only when
a record, the settings, the templates or the date changed. Keys are the texts read from
disk, not modification times, so a quick edit is never missed. A fresh ``Memo`` remembers
nothing: the command line and the benchmark use one per run.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import load, validate
from .problems import Problem


@dataclass
class _Checked:
    """One file as last read: its text, what it was checked against, and the outcome."""

    text: str
    against: Hashable
    doc: load.Document
    problems: list[Problem]


_compiled_schemas: tuple[str, ...] = ()  # the schema texts validate.py compiled (once per process)


class Memo:
    """Parsed and checked documents by path, and the last pages rendered."""

    def __init__(self) -> None:
        self._files: dict[Path, _Checked] = {}
        self._pages: tuple[Any, dict[str, str]] | None = None
        self.parsed = 0  # files parsed, over this memo's life
        self.checked = 0  # documents validated
        self.rendered = 0  # times the pages were rendered

    def text(self, path: Path) -> str | None:
        entry = self._files.get(path)
        return entry.text if entry else None

    def read(self, path: Path) -> str | None:
        """The file's text as it is now on disk, or None if it cannot be read."""
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self._files.pop(path, None)
            return None

    def reusable(self, path: Path, text: str, against: Hashable) -> tuple[load.Document, list[Problem]] | None:
        """The parsed and checked file, if it was last read with this text and checked against
        the same things; None if it must be parsed and checked again.

        A document whose data has gone into a build is never checked again (the build may
        have filled in defaults): a new ``against`` means a fresh parse of the same text.
        """
        entry = self._files.get(path)
        if entry is None or entry.text != text or entry.against != against:
            return None
        return entry.doc, entry.problems

    def keep(self, path: Path, text: str, against: Hashable, doc: load.Document, problems: list[Problem]) -> None:
        """Remember a file just parsed and checked."""
        self._files[path] = _Checked(text, against, doc, problems)
        self.parsed += 1
        self.checked += doc.ok

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget files that are gone (a deleted record)."""
        keep = set(paths)
        for path in [p for p in self._files if p not in keep]:
            del self._files[path]

    def schemas(self, schema_dir: Path) -> tuple[str, ...]:
        """The schema texts; an edited schema is compiled again."""
        global _compiled_schemas
        texts = tuple(p.read_text(encoding="utf-8") for p in sorted(schema_dir.glob("*.json")))
        if texts != _compiled_schemas:
            validate.forget_schemas()
            _compiled_schemas = texts
        return texts

    def pages(self, settings: dict[str, Any], today: dt.date, templates: Path,
              render: Callable[[], dict[str, str]]) -> dict[str, str]:
        """The rendered pages, rendered again only if an input changed since the last time:
        a file this memo holds (after ``keep_only``, the files of this build), the settings,
        the date or a template."""
        key = ({path: entry.text for path, entry in self._files.items()}, copy.deepcopy(settings), today,
               tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(templates.glob("*.j2"))))
        if self._pages is None or self._pages[0] != key:
            self._pages = (key, render())
            self.rendered += 1
        return dict(self._pages[1])
