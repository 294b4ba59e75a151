"""Work is not repeated: unchanged output is not rewritten, and a rebuild in the same
process (``mkdocs serve``) parses, checks and renders only what changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from backofknee import export, load, pipeline
from backofknee.memo import Memo
from conftest import ROOT, SETTINGS

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def project(tmp_path) -> Path:
    """The real content, schema and vocabulary in a folder of their own."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every file the build step parses, in order."""
    seen: list[str] = []
    real = load.parse

    def counting(text: str, path: str) -> load.Document:
        seen.append(path)
        return real(text, path)

    monkeypatch.setattr(load, "parse", counting)
    return seen


def build(project: Path, memo: Memo) -> pipeline.Result:
    result = pipeline.build(project, SETTINGS, TODAY, memo=memo)
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


def test_a_rebuild_with_nothing_changed_parses_checks_and_renders_nothing(project, parses):
    memo = Memo()
    first = build(project, memo)
    records = len(list((project / "content/conditions").glob("*.yaml")))
    assert len(parses) == records + 1  # every record and the vocabulary, once
    checked, rendered = memo.checked, memo.rendered

    second = build(project, memo)
    assert len(parses) == records + 1, "an unchanged file was parsed again"
    assert (memo.checked, memo.rendered) == (checked, rendered)
    assert second.pages == first.pages


def test_editing_one_record_reparses_only_that_record(project, parses):
    memo = Memo()
    cold = build(project, memo)
    record = project / "content/conditions/bakers-cyst.yaml"
    record.write_text(record.read_text().replace("summary: ", "summary: Edited. ", 1))
    parses.clear()

    warm = build(project, memo)
    assert parses == ["content/conditions/bakers-cyst.yaml"]
    assert "Edited. " in warm.pages["conditions/bakers-cyst.md"]
    assert "Edited. " not in cold.pages["conditions/bakers-cyst.md"]
    # everything else reads exactly as a build from scratch would have it
    assert warm.pages == build(project, Memo()).pages


def test_a_reused_record_is_still_reported_until_it_is_fixed(project, parses):
    memo = Memo()
    record = project / "content/conditions/bakers-cyst.yaml"
    record.write_text(record.read_text().replace("urgency: urgent", "urgency: urgnet", 1))
    first = pipeline.build(project, SETTINGS, TODAY, memo=memo)
    second = pipeline.build(project, SETTINGS, TODAY, memo=memo)
    assert [str(p) for p in second.errors] == [str(p) for p in first.errors] != []
    assert parses.count("content/conditions/bakers-cyst.yaml") == 1


def test_a_changed_vocabulary_or_date_checks_every_record_again(project, parses):
    memo = Memo()
    build(project, memo)
    records = len(list((project / "content/conditions").glob("*.yaml")))
    vocabulary = project / "content/symptoms.yaml"
    vocabulary.write_text(vocabulary.read_text() + "\n# a comment\n")
    parses.clear()
    build(project, memo)
    assert len(parses) == records + 1

    parses.clear()
    pipeline.build(project, SETTINGS, TODAY + dt.timedelta(days=1), memo=memo)
    assert len(parses) == records  # the vocabulary does not depend on the date


def test_a_deleted_record_leaves_no_page_behind(project):
    memo = Memo()
    assert "conditions/popliteus-tendinopathy.md" in build(project, memo).pages
    (project / "content/conditions/popliteus-tendinopathy.yaml").unlink()
    assert "conditions/popliteus-tendinopathy.md" not in build(project, memo).pages


def test_the_mkdocs_hook_keeps_its_memory_between_rebuilds(parses):
    from backofknee import mkdocs_hook
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    mkdocs_hook.on_pre_build(config)
    parses.clear()
    mkdocs_hook.on_pre_build(config)
    assert parses == []


def test_a_new_duplicate_of_a_reused_record_points_at_both_lines(project):
    memo = Memo()
    build(project, memo)  # every record parsed, checked and kept, cut down to its top-level fields
    original = project / "content/conditions/sciatica.yaml"
    copy = project / "content/conditions/sciatica-again.yaml"
    copy.write_text(original.read_text().replace("id: sciatica", "id: sciatica-again", 1))
    warm = [str(p) for p in pipeline.build(project, SETTINGS, TODAY, memo=memo).errors]
    cold = [str(p) for p in pipeline.build(project, SETTINGS, TODAY, memo=Memo()).errors]
    assert warm == cold
    assert any(line.startswith("content/conditions/sciatica.yaml:3: name: ")
               and "is already used by content/conditions/sciatica-again.yaml:3." in line for line in warm), warm


def test_an_edited_schema_is_read_again(project):
    memo = Memo()
    build(project, memo)
    schema = project / "content/schema/condition.schema.json"
    schema.write_text(schema.read_text().replace('"maxLength": 300', '"maxLength": 30', 1))
    errors = [str(p) for p in pipeline.build(project, SETTINGS, TODAY, memo=memo).errors]
    assert errors and all(": summary: is too long (" in line for line in errors), errors
