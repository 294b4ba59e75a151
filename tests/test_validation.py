"""Bad records stop the build with one exact, useful line per problem.

Each folder in tests/examples/negative/ holds files laid over a copy of the real
content/ (a condition record goes to content/conditions/, symptoms.yaml replaces the
vocabulary) and ``expected.txt``: every line the check must print, in order. Run
``UPDATE_EXPECTED=1 pytest tests/test_validation.py`` to rewrite them after a deliberate
change of wording, then read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from backofknee import load, pipeline
from backofknee.problems import Problem, did_you_mean, field_path
from conftest import ROOT

NEGATIVE = Path(__file__).parent / "examples" / "negative"
BASE_RECORD = Path(__file__).parent / "examples" / "base-record.yaml"
GOLDEN_CONTENT = Path(__file__).parent / "examples" / "golden-content"
TODAY = dt.date(2026, 11, 25)


def case_file(target: str, spec: dict) -> str:
    """The text of one file of a negative case: a condition record starts from the base record
    (a valid record, with the id and name of its file), the vocabulary from the real one; then
    the case's mistake is made: ``replace`` swaps exact pieces of text, ``drop`` removes
    top-level fields. Text, not data, so a case can hold mistakes YAML cannot (bad indents)."""
    if target.startswith("conditions/"):
        stem = Path(target).stem
        text = BASE_RECORD.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {stem}", text, count=1)
        text = re.sub(r"(?m)^name: .*$", f"name: {stem.replace('-', ' ').capitalize()}", text, count=1)
    else:
        text = (GOLDEN_CONTENT / target).read_text(encoding="utf-8")
    for field in spec.get("drop", []):
        text, count = re.subn(rf"(?m)^{field}:.*\n(?:[ #].*\n|\n)*", "", text)
        assert count == 1, f"{target}: no field {field!r} to drop"
    for old, new in spec.get("replace", []):
        assert text.count(old) == 1, f"{target}: {old!r} is not in the text exactly once"
        text = text.replace(old, new)
    return text


def overlay(case: Path, dest: Path) -> Path:
    """The real content with the case's files made and laid over it. A case about the
    vocabulary starts from the frozen test content instead (tests/examples/golden-content),
    so its lines do not move when the real vocabulary changes."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    if "symptoms.yaml" in spec["files"]:
        shutil.copytree(GOLDEN_CONTENT, dest / "content")
        shutil.copytree(ROOT / "content" / "schema", dest / "content" / "schema")
    else:
        shutil.copytree(ROOT / "content", dest / "content")
    for target, changes in spec["files"].items():
        (dest / "content" / target).write_text(case_file(target, changes or {}), encoding="utf-8")
    return dest


@pytest.mark.parametrize("case", sorted(p.name for p in NEGATIVE.iterdir()), ids=str)
def test_negative_example_reports_exact_lines(case, tmp_path):
    root = overlay(NEGATIVE / case, tmp_path)
    content, problems = pipeline.check(root, today=TODAY)
    got = "".join(f"{p}\n" for p in problems)
    expected_file = NEGATIVE / case / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(got)
    assert got, "the case must produce problem lines"
    assert content is None
    assert got == expected_file.read_text()


def test_real_content_is_valid():
    content, problems = pipeline.check(ROOT, today=TODAY)
    assert [str(p) for p in problems] == []
    assert content is not None and len(content.conditions) >= 3


def test_yaml_error_is_a_value_not_an_exception():
    doc = load.parse("a: [1, 2\nb: 3\n", "x.yaml")
    assert doc.data is None
    assert [str(p) for p in doc.problems] == [
        ("x.yaml:2: this is not valid YAML: did not find expected ',' or ']'. Check the indentation, and put "
        "text containing ': ' or starting with a quote in double quotes.")
    ]


def test_empty_file_is_reported():
    assert [str(p) for p in load.parse("", "e.yaml").problems] == [
        "e.yaml:1: the file is empty. Start from a copy of an existing record."
    ]


def test_line_of_points_at_the_key_of_a_nested_field():
    doc = load.parse("a: 1\nlist:\n  - x: 1\n    y: 2\n  - x: 3\n", "d.yaml")
    assert doc.line_of(["list", 1, "x"]) == 5
    assert doc.line_of(["list", 0, "y"]) == 4
    assert doc.line_of(["list", 9]) == 2  # nearest existing parent
    assert doc.line_of(["missing"]) == 1


def test_dates_stay_text():
    assert load.parse("reviewed: 2026-11-21\n", "d.yaml").data == {"reviewed": "2026-11-21"}


def test_did_you_mean_and_field_path():
    assert did_you_mean("urgnet", ["emergency", "urgent", "gp"]) == " Did you mean 'urgent'?"
    assert did_you_mean("zzzz", ["emergency", "urgent", "gp"]) == ""
    assert field_path(["red_flags", 2, "urgency"]) == "red_flags[2].urgency"
    assert str(Problem("f.yaml", 3, "", "bad")) == "f.yaml:3: bad"


def test_overdue_review_is_a_warning_not_an_error():
    content, problems = pipeline.check(ROOT, today=dt.date(2030, 1, 1))
    assert content is not None
    overdue = [p for p in problems if p.warning]
    assert overdue and all("is overdue" in p.message for p in overdue)
    assert str(overdue[0]).startswith("content/conditions/") and ":" in str(overdue[0])


def test_missing_settings_stop_the_build():
    result = pipeline.build(ROOT, {"emergency_number": "999", "helpline_name": "NHS 111"}, today=TODAY)
    assert result.pages == {}
    example = ("The site needs it for its care cards, e.g. emergency_number: '999', emergency_department: A&E, "
               "urgent_care: an urgent treatment centre, doctor: GP, helpline_name: NHS 111, helpline_number: '111'.")
    assert [str(p) for p in result.errors][:4] == [
        f"mkdocs.yml:1: extra.{name}: is not set. {example}"
        for name in ("emergency_department", "urgent_care", "doctor", "helpline_number")
    ]
