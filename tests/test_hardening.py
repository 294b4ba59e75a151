"""Whatever a record file holds, the check answers with clean problem lines, never a crash.

Property-based (Hypothesis): thousands of records made by mutating the real ones (keys
deleted, values of the wrong type, HTML, unsafe links, odd Unicode, very long text, YAML
syntax) and random YAML text go through the loader and the validator, as the build runs
them on each file. Each must come back either valid (and then it renders) or as problem
lines that name the file and line, one line each.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from typing import Any

import yaml
from backofknee import load, render, validate
from backofknee.model import Content, Terms
from backofknee.problems import field_path
from conftest import ROOT, SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LINE = re.compile(r"^content/conditions/[a-z-]+\.yaml:[1-9]\d*: [^\n]+$")
SCHEMAS = ROOT / "content" / "schema"
TERMS = Terms.read(SCHEMAS)
TODAY = dt.date(2026, 11, 25)
# Examples per test (a few twice or half as many): 100 keeps the quick check quick; ./dev test
# draws 400 (about 2,000 in all), enough to find a crash in a new check. Raise it for a long
# hunt, e.g. after changing load.py or validate.py: FUZZ_EXAMPLES=5000 ./dev test tests/test_hardening.py
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCABULARY_DOC = load.read(ROOT / "content" / "symptoms.yaml", ROOT)
VOCABULARY = {s["id"]: s for s in VOCABULARY_DOC.data["symptoms"]}
FILES = sorted((ROOT / "content" / "conditions").glob("*.yaml"))
TEXTS = [(p.stem, p.read_text(encoding="utf-8")) for p in FILES]
RECORDS = [(stem, yaml.safe_load(text)) for stem, text in TEXTS]

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- hidden -->", "< b>bold</b >",
    "[click](javascript:alert(1))", "[x](http://example.org)", "<http://example.org>", "data:text/html,hi",
    "[ok](https://example.org/page)", "[ok](../symptoms/calf-pain.md)", "{: .danger }", "{ #id }", "{onclick=x}",
    "\u202eevil", "\u200b", "e\u0301", "\ufeff", "👍🏽", "\x7f", "\U0010ffff", "\\", "%", "`code`",
    "*", "&anchor", "!!python/object", "? ", ": ", "- ", "#", "|", ">", "---", "...", "{", "[", "'", '"',
    "~", "null", "yes", "no", "0x1F", "1e400", ".nan", "2026-13-45", "9999-12-31", "0000-01-01",
]
TOKENS = [
    "\n", "  ", "\t", ": ", "- ", "? ", "&a ", "*a", "!!str ", "!!binary ", "!!set ", "!!omap ", "<<: ", "{", "}",
    "[", "]", ", ", "'", '"', "|", ">-", "#", "---\n", "...\n", "%YAML 1.1\n", "id", "name", "red_flags",
    "urgency", "emergency", "reviewed", "next_review", "2026-11-21", "\\u0000", "\x85", "\u2028",
]


def checked(text: str, name: str = "fuzzed") -> tuple[Any, list[str]]:
    """Run one record file, content/conditions/<name>.yaml, through the loader and validator
    as the build does."""
    doc = load.parse(text, f"content/conditions/{name}.yaml")
    problems = list(doc.problems)
    if doc.ok:
        problems += validate.condition_problems(doc, validate.schema_texts(SCHEMAS), TERMS.tiers, VOCABULARY,
                                                VOCABULARY_DOC.path, TODAY)
        problems += validate.duplicate_problems([doc])
    errors = [p for p in problems if not p.warning]
    return (None if errors else doc.data), [str(p) for p in problems]


def assert_clean(name: str, text: str) -> None:
    data, lines = checked(text, name)
    for line in lines:
        assert LINE.match(line), f"not one clean problem line: {line!r}"
    if data is not None:  # valid: it must also make its pages
        content = Content.read([data], VOCABULARY, SCHEMAS)
        assert f"conditions/{data['id']}.md" in render.render_pages(content, SETTINGS, TODAY)
    else:
        assert any(LINE.match(line) for line in lines), "an invalid record must say why"


def dump(record: Any, **options: Any) -> str:
    """YAML text for ``record``, written by the fast C emitter."""
    return yaml.dump(record, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, **options)


def paths(value: Any, here: tuple = ()) -> list[tuple]:
    """Every place in a record a mutation can land: each mapping entry and list item."""
    out = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += paths(item, (*here, i))
    return out


long_text = st.builds(lambda text, times: text * times, st.text(min_size=1, max_size=8), st.integers(300, 3000))
odd_text = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(HOSTILE), st.dates().map(str), long_text,
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=8)
hostile_text = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=12), min_size=1, max_size=6).map(" ".join)


@st.composite
def mutated_records(draw) -> tuple[str, str]:
    """A real record with a few of its fields deleted, retyped or filled with hostile text."""
    name, record = copy.deepcopy(draw(st.sampled_from(RECORDS)))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths(record)))
        if not where:
            record = draw(values) if draw(st.integers(0, 20)) == 0 else record
            continue
        parent = record
        for part in where[:-1]:
            parent = parent[part]
        if not isinstance(parent, dict | list):
            continue
        action = draw(st.sampled_from(["delete", "replace", "text", "append-text", "append-odd"]))
        if action == "delete":
            del parent[where[-1]]
        elif action == "replace":
            parent[where[-1]] = draw(values)
        elif action == "text":
            parent[where[-1]] = draw(hostile_text)
        elif isinstance(parent[where[-1]], str):  # harmless odd Unicode or long text keeps a record valid
            parent[where[-1]] += " " + draw(hostile_text if action == "append-text" else odd_text | long_text)
    return name, dump(record, allow_unicode=draw(st.booleans()), width=draw(st.sampled_from([80, 10_000])))


@st.composite
def mutated_texts(draw) -> tuple[str, str]:
    """A real record file with lines deleted, repeated or cut, or YAML syntax dropped in."""
    name, text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "repeat", "insert", "cut", "indent"]))
        if not lines:
            break
        if action == "delete":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            snippet = "".join(draw(st.lists(st.sampled_from(TOKENS + HOSTILE), min_size=1, max_size=4)))
            lines[i] = lines[i][:at] + snippet + lines[i][at:]
        elif action == "cut":
            lines = lines[:i]
        else:
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
    return name, "".join(lines)


yaml_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=40).map("".join),
).map(lambda text: ("fuzzed", text))


@FUZZ
@given(mutated_records())
def test_mutated_records_give_a_valid_record_or_clean_lines(file):
    assert_clean(*file)


@FUZZ
@given(mutated_texts())
def test_mutated_files_give_a_valid_record_or_clean_lines(file):
    assert_clean(*file)


@settings(FUZZ, max_examples=2 * EXAMPLES)
@given(yaml_texts)
def test_random_yaml_gives_clean_lines(file):
    assert_clean(*file)


def text_fields(value, parts=()):
    """The path of every text value in a record."""
    if isinstance(value, str):
        return [parts]
    pairs = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [path for key, item in pairs for path in text_fields(item, (*parts, key))]


@settings(FUZZ, max_examples=EXAMPLES // 2)
@given(st.sampled_from(RECORDS), st.data())
def test_html_or_unsafe_link_in_any_text_field_is_named(file, data):
    """Raw HTML and links that are not https (or a page on this site) are refused in every
    text field, and the problem names that field."""
    name, record = copy.deepcopy(file)
    where = data.draw(st.sampled_from([p for p in text_fields(record) if p[-1] != "url"]))
    bad = data.draw(st.sampled_from(["<b>", "<img src=x>", "<script>x</script>", "[a](javascript:x)",
                                     "[a](http://example.org)", "<ftp://example.org>", "{: .x }"]))
    parent = record
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = f"{parent[where[-1]]} {bad}"
    _, lines = checked(dump(record, allow_unicode=True), name)
    field = re.escape(field_path(where))
    assert any(re.search(rf":\d+: {field}: (raw HTML|link|attribute lists)", line) for line in lines), lines


TOO_DEEP = ("content/conditions/fuzzed.yaml:1: this is nested too deeply to read: brackets or indents more than 12 "
            "levels deep. Records are plain fields, lists and text; start from a copy of an existing record.")


def test_yaml_that_could_hang_or_recurse_is_refused():
    """Aliases that refer to themselves or multiply the file, keys that are lists, and
    nesting thousands deep: each is one clean line, quickly."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefghi", "bcdefghij", strict=True))
    cases = {
        "a: &x [*x]\n": "a[0]: YAML aliases",
        bomb: "b[0]: YAML aliases",
        "? [a]\n: 1\n": "a field name must be a word",
        "a: " + "[" * 3000 + "]" * 3000 + "\n": TOO_DEEP,
        "a: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n": TOO_DEEP,
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 2000)): TOO_DEEP.replace(":1:", ":1000:"),
        "reviewed: 9999-12-31\nnext_review: 9999-12-31\n": "reviewed: 9999-12-31 is in the future",
        "a: b\nc: \x07\n": ":2: this is not valid YAML: character #x0007 is not allowed",
        "a: \ud800\n": "not valid text",
    }
    for text, wanted in cases.items():
        _, lines = checked(text)
        assert all(LINE.match(line) for line in lines), lines
        assert any(wanted in line for line in lines), (wanted, lines[:3])
