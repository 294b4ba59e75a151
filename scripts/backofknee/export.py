"""Write generated pages to a folder: atomically, and only the files whose text changed.

With the hand-written pages too (``hand_written``), it is a complete docs folder that an engine
without MkDocs plugins, such as Zensical, can build (README, "Other engines").
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from . import render


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write ``text`` to ``path`` via a temporary file and a rename. False if it was unchanged."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def hand_written(docs_dir: Path, settings: dict[str, Any], content: Any = None) -> dict[str, str | bytes]:
    """Every file of docs/, with the site settings filled into the Markdown pages as the
    MkDocs plugin fills them (``{{ emergency_number }}``); other files as they are."""
    out: dict[str, str | bytes] = {}
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(docs_dir).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            out[rel] = render.render_text(text, settings, content) if "{{" in text else text
        else:
            out[rel] = path.read_bytes()
    return out


def export(pages: dict[str, str | bytes], out_dir: Path) -> list[str]:
    """Write every page under ``out_dir``; returns the pages that were written."""
    return [rel for rel, text in sorted(pages.items()) if write_if_changed(out_dir / rel, text)]
