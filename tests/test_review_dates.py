"""Kept up to date: a record past its next_review date warns with the file, line and date,
fails ``mkdocs build --strict`` (and so CI), and its page says the review is overdue."""

from __future__ import annotations

import re

import pytest
from conftest import copy_project, mkdocs_build
from support import text_of

pytestmark = pytest.mark.site  # builds the site itself

RECORD = "content/conditions/hamstring-strain.yaml"
OVERDUE = "This page is overdue for a check."


def test_overdue_review_fails_the_strict_build_and_shows_on_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    record = project / RECORD
    text = re.sub(r"(?m)^reviewed: .*$", "reviewed: 2021-03-01", record.read_text())
    text = re.sub(r"(?m)^next_review: .*$", "next_review: 2024-03-01", text)
    record.write_text(text)
    line = text.splitlines().index("next_review: 2024-03-01") + 1
    warning = (f"{RECORD}:{line}: next_review: the review was due on 2024-03-01 and is overdue. Check the record "
               "against its sources, then update reviewed and next_review.")

    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode == 1
    assert warning in strict.stdout + strict.stderr
    assert "Traceback" not in strict.stdout + strict.stderr

    lenient = mkdocs_build(project, tmp_path / "site", "--no-strict")
    assert lenient.returncode == 0, lenient.stderr
    assert warning in lenient.stdout + lenient.stderr
    page = text_of((tmp_path / "site/conditions/hamstring-strain/index.html").read_text())
    assert ("Checked against its sources: 1 March 2021 · Next check due: 1 March 2024 · This page is overdue for a "
            "check. · Not yet reviewed by a clinician") in page
    others = [p for p in (tmp_path / "site/conditions").glob("*/index.html") if p.parent.name != "hamstring-strain"]
    assert others and not [p for p in others if OVERDUE in p.read_text()]
