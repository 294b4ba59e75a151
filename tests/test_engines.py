"""Engine-proof: the exported docs folder (generated and hand-written pages, settings filled
in) builds with Zensical as it builds with MkDocs (zensical.yml, README "Other engines")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, copy_project

pytestmark = pytest.mark.site  # builds the site itself

pytest.importorskip("zensical", reason="Zensical needs Python 3.11 or later")


def run(project, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_the_exported_docs_folder_builds_with_zensical(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "build", ignore_errors=True)  # a local build/ from an earlier run
    exported = run(project, "backofknee", "export", "build/zensical/docs", "--with-docs")
    run(project, "zensical", "build", "-f", "zensical.yml")
    site = project / "build/zensical/site"

    records = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "content/conditions").glob("*.yaml"))]
    for record in records:
        page = (site / "conditions" / record["id"] / "index.html").read_text(encoding="utf-8")
        assert record["name"].replace("'", "&#39;") in page or record["name"] in page, record["id"]
    for page in ("get-help-now", "symptoms", "where-it-hurts", "finder", "about", "self-care"):
        assert (site / page / "index.html").is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "{{" not in home and "call 999" in home, "the settings were not filled into the hand-written pages"
    assert "0 unchanged" in exported.stdout

    again = run(project, "backofknee", "export", "build/zensical/docs", "--with-docs")
    assert " 0 written," in again.stdout, again.stdout
