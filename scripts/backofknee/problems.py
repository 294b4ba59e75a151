"""Problems found in the content, as values: one line each, for the people who write records."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, at the file, line and field to fix. A ``warning`` (an overdue
    review) does not stop a normal build; ``mkdocs build --strict`` turns it into a failure."""

    file: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        return f"{where}{self.field}: {self.message}" if self.field else where + self.message


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """A ' Did you mean ...?' suffix naming the closest option, or '' if none is close."""
    if not isinstance(word, str):
        return ""
    lowered = {o.lower(): o for o in options}
    match = difflib.get_close_matches(word.lower(), lowered, n=1, cutoff=0.6)
    return f" Did you mean '{lowered[match[0]]}'?" if match else ""


def field_path(parts: Iterable[object]) -> str:
    """('red_flags', 2, 'urgency') -> 'red_flags[2].urgency'. A name that is not a plain
    word (a space, a line break) is shown quoted, so a problem stays on one line."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = str(part) if str(part).replace("_", "").replace("-", "").isalnum() else repr(str(part))
            out += f".{name}" if out else name
    return out
