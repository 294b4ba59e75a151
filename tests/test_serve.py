"""``mkdocs serve`` runs the build step itself: it serves edits to records and stops on bad ones."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import copy_project
from support import fetch, free_port, wait_until

pytestmark = pytest.mark.site  # builds the site itself


def serve(project, port) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload",
         "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_serve_shows_an_edited_record(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/conditions/bakers-cyst/"
    proc = serve(project, port)
    try:
        assert wait_until(lambda: "often harmless" in fetch(url)), "serve did not start"
        record = project / "content/conditions/bakers-cyst.yaml"
        record.write_text(record.read_text().replace("often harmless", "nearly always harmless"))
        assert wait_until(lambda: "nearly always harmless" in fetch(url)), "the edited record was not served"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_stops_on_a_bad_record_with_the_same_errors(tmp_path):
    project = copy_project(tmp_path / "project")
    record = project / "content/conditions/bakers-cyst.yaml"
    record.write_text(record.read_text().replace("  - urgency: urgent", "  - urgency: urgnet"))
    proc = serve(project, free_port())
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "red_flags[2].urgency: 'urgnet' is not one of emergency, urgent, gp. Did you mean 'urgent'?" in out
    assert "Traceback" not in out
