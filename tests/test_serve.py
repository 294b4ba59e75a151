"""``mkdocs serve`` runs the build step itself: it serves edits to records and stops on bad ones."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(project, port) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload",
         "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_serve_shows_an_edited_record(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/conditions/bakers-cyst/"
    proc = serve(project, port)
    try:
        assert wait_for(lambda: "often harmless" in fetch(url)), "serve did not start"
        record = project / "content/conditions/bakers-cyst.yaml"
        record.write_text(record.read_text().replace("often harmless", "nearly always harmless"))
        assert wait_for(lambda: "nearly always harmless" in fetch(url)), "the edited record was not served"
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
