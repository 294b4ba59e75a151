"""Write generated pages to a folder: atomically, and only the files whose text changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temporary file and a rename. False if it was unchanged."""
    data = text.encode("utf-8")
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


def export(pages: dict[str, str], out_dir: Path) -> list[str]:
    """Write every page under ``out_dir``; returns the pages that were written."""
    return [rel for rel, text in sorted(pages.items()) if write_if_changed(out_dir / rel, text)]
