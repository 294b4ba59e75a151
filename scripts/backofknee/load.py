"""Read YAML files, keeping the line of every value so problems can point at it.

Parsing is done once per file: the node tree (which carries line marks) is composed and
then turned into plain Python values from the same tree. A file that does not parse is a
problem value, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_path

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Safe YAML loader (the C one when installed) that keeps dates as text.

    The schema checks the YYYY-MM-DD form and the validator checks the dates' order, so
    a date must reach them as written.
    """


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass
class Document:
    """One YAML file: its display path, its data and the node tree the data came from."""

    path: str
    data: Any = None
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line_of(self, parts: tuple | list = ()) -> int:
        """The 1-based line of the value at ``parts``, or of the nearest parent that exists.

        For a mapping entry the line is the key's, where an author would look.
        """
        node, line = self.node, 1
        if node is None:
            return line
        line = node.start_mark.line + 1
        for part in parts:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == part:
                        line, node = key.start_mark.line + 1, value
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def problem(self, parts: tuple | list, message: str, *, warning: bool = False) -> Problem:
        """A problem at the field ``parts`` of this file."""
        return Problem(self.path, self.line_of(parts), field_path(parts), message, warning)


def parse(text: str, path: str) -> Document:
    """Parse one YAML text; syntax errors and repeated keys become problems on the document."""
    doc = Document(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.problems.append(Problem(path, 1, "", "the file is empty. Start from a copy of an existing record."))
            return doc
        doc.node = node
        _check_repeated_keys(doc, node, [])
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or err.context or "cannot be read"
        hint = " Check the indentation, and put text containing ': ' or starting with a quote in double quotes."
        doc.problems.append(Problem(path, line, "", f"this is not valid YAML: {what}.{hint}"))
        doc.node = doc.data = None
    except yaml.YAMLError as err:
        doc.problems.append(Problem(path, 1, "", f"this is not valid YAML: {err}."))
        doc.node = doc.data = None
    finally:
        loader.dispose()
    return doc


def _check_repeated_keys(doc: Document, node: yaml.Node, parts: list) -> None:
    """YAML silently keeps the last of two equal keys; an author almost never means that."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value
            line = key.start_mark.line + 1
            if name in seen:
                doc.problems.append(
                    Problem(doc.path, line, field_path([*parts, name]),
                            f"appears twice (first on line {seen[name]}). Keep one of them.")
                )
            else:
                seen[name] = line
            _check_repeated_keys(doc, value, [*parts, name])
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_repeated_keys(doc, item, [*parts, i])


def read(path: Path, root: Path) -> Document:
    """Read and parse one file; its display path is relative to ``root``."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return Document(shown, problems=[Problem(shown, 1, "", f"cannot be read: {err}.")])
    return parse(text, shown)
