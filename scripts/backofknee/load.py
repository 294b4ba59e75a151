"""Read YAML files, keeping the line of every value so problems can point at it.

Each file is parsed once: the node tree (which carries the line marks) is composed, checked for
what YAML allows but a record never needs (``_check_nodes``), and then built into plain values.
A file that does not parse is a problem value, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_path


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader (the C one when installed) that keeps dates as written, for the schema's
    YYYY-MM-DD check and the validator's check of their order."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


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
        """The 1-based line of the value at ``parts``, or of the nearest parent that exists. For a
        mapping entry the line is the key's, where an author would look."""
        node = self.node
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in parts:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == part:
                        line, node = key.start_mark.line + 1, value
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def problem(self, parts: tuple | list, message: str, *, warning: bool = False) -> Problem:
        return Problem(self.path, self.line_of(parts), field_path(parts), message, warning)


def parse(text: str, path: str) -> Document:
    """Parse one YAML text; syntax errors and repeated keys become problems on the document."""
    doc = Document(path)
    try:
        loader = _Loader(text)
    except UnicodeError:  # text that cannot be written as UTF-8 (a lone surrogate)
        doc.problems.append(Problem(path, 1, "", "this is not valid text: it holds characters that are not UTF-8."))
        return doc
    line, message = 1, None  # a message means the file cannot be read: it has no node tree and no data
    try:
        doc.node = loader.get_single_node()
        if doc.node is None:
            message = "the file is empty. Start from a copy of an existing record."
        elif _check_nodes(doc, doc.node):
            doc.data = loader.construct_document(doc.node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        if "nesting depth" in str(err.problem):  # PyYAML 6.0.4 and later stop very deep nesting themselves
            message = _TOO_DEEP
        else:
            hint = " Check the indentation, and put text containing ': ' or starting with a quote in double quotes."
            message = f"this is not valid YAML: {err.problem or err.context or 'cannot be read'}.{hint}"
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. a control character
        code = ord(err.character) if isinstance(err.character, str) else err.character
        line = text.count("\n", 0, max(err.position, 0)) + 1
        message = f"this is not valid YAML: character #x{code:04x} is not allowed ({err.reason}). Delete it."
    except yaml.YAMLError as err:
        message = f"this is not valid YAML: {err}.".replace("\n", " ")
    except RecursionError:  # brackets nested thousands deep: too deep for the YAML reader
        message = _TOO_DEEP
    finally:
        loader.dispose()
    if message:
        doc.node = doc.data = None
        doc.problems.append(Problem(path, line, "", message))
    return doc


MAX_DEPTH = 12  # a record nests 4 levels deep; far deeper is a mistake, or a file made to break the build
_FLAT_HINT = "Records are plain fields, lists and text; start from a copy of an existing record."
_TOO_DEEP = f"this is nested too deeply to read: brackets or indents more than {MAX_DEPTH} levels deep. {_FLAT_HINT}"


def _check_nodes(doc: Document, root: yaml.Node) -> bool:
    """Report what YAML allows but a record never needs; False if the data cannot be built safely.

    Repeated keys are reported (YAML silently keeps the last of two equal keys; an author almost never
    means that) and the data is still built. Keys that are lists or mappings, anchors and aliases
    (``&name``/``*name``: they can refer to themselves or multiply a file a billion times) and very deep
    nesting stop the file here. The walk uses a stack, not recursion, and visits each node once."""
    sound, visited = True, set()
    stack: list[tuple[yaml.Node, list, int]] = [(root, [], root.start_mark.line + 1)]
    while stack:
        node, parts, line = stack.pop()
        problem = None
        if id(node) in visited:
            problem = f"YAML aliases ('*name') are not allowed in records. Write the value out in full. {_FLAT_HINT}"
        elif len(parts) > MAX_DEPTH:
            problem = f"is nested more than {MAX_DEPTH} levels deep. {_FLAT_HINT}"
        if problem:
            doc.problems.append(Problem(doc.path, line, field_path(parts), problem))
            sound = False
            continue
        visited.add(id(node))
        children: list[tuple[yaml.Node, list, int]] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                key_line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode):
                    message = f"a field name must be a word, not a list or a set of fields. {_FLAT_HINT}"
                    doc.problems.append(Problem(doc.path, key_line, field_path(parts), message))
                    sound = False
                    continue
                name = key.value
                if name in seen:
                    message = f"appears twice (first on line {seen[name]}). Keep one of them."
                    doc.problems.append(Problem(doc.path, key_line, field_path([*parts, name]), message))
                else:
                    seen[name] = key_line
                children.append((value, [*parts, name], key_line))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, [*parts, i], line) for i, item in enumerate(node.value)]
        stack.extend(reversed(children))
    return sound


def read(path: Path, root: Path) -> Document:
    """Read and parse one file; problems show its path relative to the project folder ``root`` where it can be."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return Document(shown, problems=[Problem(shown, 1, "", f"cannot be read: {err}.")])
    return parse(text, shown)
