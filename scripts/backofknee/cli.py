"""Command line: ``backofknee check`` and ``export DIR`` (also ``python -m backofknee``).

``export`` writes the generated Markdown to a folder, for inspection or for site engines that do
not run MkDocs plugins. Problems print one per line, with no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from . import export, pipeline


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data, ignoring MkDocs' own !!python tags."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader) or {}


def read_settings(config_file: Path) -> dict:
    """The ``extra:`` settings from mkdocs.yml."""
    return read_config(config_file).get("extra") or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backofknee", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every record and report every problem")
    exp = sub.add_parser("export", help="write the generated Markdown pages to a folder")
    exp.add_argument("out_dir", type=Path)
    exp.add_argument("--with-docs", action="store_true",
                     help="also write the hand-written pages and files of docs/ (settings filled in): "
                          "a complete docs folder for engines without MkDocs plugins, such as Zensical")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    settings = read_settings(root / "mkdocs.yml")
    result = pipeline.build(root, settings)
    for problem in result.problems:
        print(("warning: " if problem.warning else "") + str(problem), file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"{len(result.content.conditions)} conditions and {len(result.content.symptoms)} symptoms are valid.")
        return 0
    files: dict[str, str | bytes] = dict(result.pages)
    if args.with_docs:  # the generated pages win over a hand-written file of the same name, as in the plugin
        files = {**export.hand_written(root / "docs", pipeline.site_settings(settings), result.content), **files}
    written = export.export(files, args.out_dir)
    print(f"{len(files)} files in {args.out_dir}, {len(written)} written, {len(files) - len(written)} unchanged.")
    return 0
