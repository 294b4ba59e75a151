"""Unchanged output is not rewritten, and a rebuild in the same process (``mkdocs serve``)
shows every change: an edited record, a deleted record, an edited schema."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pytest
from backofknee import export, load, pipeline
from backofknee.model import Content
from conftest import ROOT, SETTINGS

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def project(tmp_path) -> Path:
    """The real content, schema and vocabulary in a folder of their own."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def build(project: Path) -> pipeline.Result:
    result = pipeline.build(project, SETTINGS, TODAY)
    assert not result.errors, result.errors
    return result


def test_export_writes_only_the_pages_that_changed(tmp_path):
    pages = {"conditions/a.md": "# A\n", "conditions/b.md": "# B\n", "index.md": "# Home\n"}
    assert export.export(pages, tmp_path) == sorted(pages)
    before = {p: (tmp_path / p).stat() for p in pages}

    assert export.export(pages, tmp_path) == []
    for page, stat in before.items():
        after = (tmp_path / page).stat()
        assert (after.st_ino, after.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns), f"{page} was rewritten"

    changed = {**pages, "conditions/b.md": "# B, edited\n"}
    assert export.export(changed, tmp_path) == ["conditions/b.md"]
    assert (tmp_path / "conditions/b.md").read_text() == "# B, edited\n"
    assert (tmp_path / "index.md").stat().st_mtime_ns == before["index.md"].st_mtime_ns
    assert not list(tmp_path.rglob("*.tmp")), "a temporary file was left behind"


def test_a_rebuild_shows_an_edited_record(project):
    first = build(project)
    record = project / "content/conditions/bakers-cyst.yaml"
    record.write_text(record.read_text().replace("summary: ", "summary: Edited. ", 1))
    second = build(project)
    assert "Edited. " in second.pages["conditions/bakers-cyst.md"]
    assert "Edited. " not in first.pages["conditions/bakers-cyst.md"]


def test_the_model_leaves_the_parsed_records_as_they_were():
    records = [load.read(path, ROOT).data for path in sorted((ROOT / "content/conditions").glob("*.yaml"))]
    symptoms = {s["id"]: s for s in load.read(ROOT / "content/symptoms.yaml", ROOT).data["symptoms"]}
    before = copy.deepcopy((records, symptoms))
    Content.read(records, symptoms, ROOT / "content/schema")
    assert (records, symptoms) == before


def test_a_deleted_record_leaves_no_page_behind(project):
    assert "conditions/popliteus-tendinopathy.md" in build(project).pages
    (project / "content/conditions/popliteus-tendinopathy.yaml").unlink()
    assert "conditions/popliteus-tendinopathy.md" not in build(project).pages


def test_a_new_duplicate_points_at_both_lines(project):
    build(project)
    original = project / "content/conditions/sciatica.yaml"
    copy = project / "content/conditions/sciatica-again.yaml"
    copy.write_text(original.read_text().replace("id: sciatica", "id: sciatica-again", 1))
    errors = [str(p) for p in pipeline.build(project, SETTINGS, TODAY).errors]
    assert any(line.startswith("content/conditions/sciatica.yaml:3: name: ")
               and "is already used by content/conditions/sciatica-again.yaml:3." in line for line in errors), errors


def test_an_edited_schema_is_read_again(project):
    build(project)
    schema = project / "content/schema/condition.schema.json"
    schema.write_text(schema.read_text().replace('"maxLength": 300', '"maxLength": 30', 1))
    errors = [str(p) for p in pipeline.build(project, SETTINGS, TODAY).errors]
    assert errors and all(": summary: is too long (" in line for line in errors), errors
