"""The rendered Markdown of the starter records, compared with golden files.

The input is a frozen copy of the three starter records and the vocabulary
(tests/examples/golden-content/), so these files change only when the templates or the
renderer do. After a deliberate change, regenerate them and read the diff:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from backofknee import pipeline
from conftest import ROOT, SETTINGS

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
PAGES = [
    "conditions/bakers-cyst.md",
    "conditions/deep-vein-thrombosis.md",
    "conditions/hamstring-strain.md",
    "conditions/index.md",
    "symptoms/index.md",
    "symptoms/lump-behind-knee.md",
    "symptoms/swollen-calf.md",
    "where-it-hurts.md",
    "get-help-now.md",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(HERE / "examples" / "golden-content", root / "content")
    shutil.copytree(ROOT / "content" / "schema", root / "content" / "schema", dirs_exist_ok=True)
    result = pipeline.build(root, SETTINGS, today=dt.date(2026, 11, 25))
    assert [str(p) for p in result.problems] == []
    return result.pages


@pytest.mark.parametrize("name", PAGES)
def test_rendered_page_matches_golden(rendered, name):
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[name], encoding="utf-8")
    assert rendered[name] == golden.read_text(encoding="utf-8")
