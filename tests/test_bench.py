"""The benchmark (benchmarks/bench.py) runs end to end at a small size and reports every figure.

Speed is not asserted here (the machine is shared); the figures are read by people, from
``python benchmarks/bench.py --records 1000`` (benchmarks/README.md). Slow: it builds the
site twice and searches it in Chromium; ``pytest -m "not slow"`` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import synthetic  # benchmarks/ is on the tests' path (pyproject.toml)
import yaml
from backofknee import pipeline
from conftest import ROOT

pytestmark = pytest.mark.slow

BUILD_FIELDS = {
    "records", "runs", "pages",
    "step_check_s", "step_render_s", "step_total_s", "step_cpu_s",
    "step_records_per_s", "step_records_per_cpu_s", "step_peak_mb",
    "full_build_s", "full_build_cpu_s", "stock_build_s", "stock_build_cpu_s", "build_ratio", "build_cpu_ratio",
    "pages_per_s", "stock_pages_per_s", "build_max_rss_mb", "stock_max_rss_mb",
    "search_word", "machine",
    *(prefix + name for prefix in ("", "stock_") for name in (
        "search_engine", "search_index_bytes", "search_index_gzip_bytes", "condition_html_bytes",
        "condition_html_gzip_bytes", "first_result_ms", "search_download_bytes", "search_download_gzip_bytes")),
}
MACHINE_FIELDS = {"nproc", "cpu", "memory_gb", "python", "mkdocs", "mkdocs-material"}


def bench(*args: str) -> tuple[str, dict]:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), *args],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    *table, last = proc.stdout.strip().splitlines()
    return "\n".join(table), json.loads(last)
def test_synthetic_records_are_valid_varied_and_use_the_real_vocabulary(tmp_path):
    shutil.copytree(ROOT / "content/schema", tmp_path / "content/schema")
    shutil.copy(ROOT / "content/symptoms.yaml", tmp_path / "content/symptoms.yaml")
    paths = synthetic.write_records(ROOT, tmp_path / "content/conditions", 40)
    content, problems = pipeline.check(tmp_path)
    assert problems == [] and content is not None and len(content.conditions) == 40
    records = [yaml.safe_load(p.read_text()) for p in paths]
    vocabulary = {s["id"] for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}
    assert {s["id"] for r in records for s in r["symptoms"]} <= vocabulary
    assert len({r["cause"] for r in records}) == 40, "every record should read differently"
    real = [len(p.read_text()) for p in (ROOT / "content/conditions").glob("*.yaml")]
    made = [len(p.read_text()) for p in paths]
    assert 0.5 < (sum(made) / len(made)) / (sum(real) / len(real)) < 1.5, "records should be of realistic length"
    assert synthetic.write_records(ROOT, tmp_path / "again", 40)[0].read_text() == paths[0].read_text(), \
        "the same seed should give the same records"


def test_the_benchmark_reports_every_figure(tmp_path):
    table, figures = bench("--records", "5", "--runs", "1")
    assert BUILD_FIELDS <= set(figures), BUILD_FIELDS - set(figures)
    assert MACHINE_FIELDS <= set(figures["machine"])
    assert figures["records"] == 5
    assert figures["pages"] > 5 + 5  # a page per record, per symptom, and the index pages
    assert all(figures[f"step_{stage}_s"] > 0 for stage in ("check", "render"))
    assert figures["search_index_gzip_bytes"] > 0 and figures["condition_html_bytes"] > 0
    assert (figures["search_engine"], figures["stock_search_engine"]) == ("pagefind", "material")
    assert figures["first_result_ms"] > 0 and figures["stock_first_result_ms"] > 0
    assert 0 < figures["search_download_gzip_bytes"] <= figures["search_index_gzip_bytes"]
    assert "our step: records per second" in table and "ours / stock" in table


def test_the_serve_benchmark_reports_how_long_an_edit_takes_to_show():
    _, figures = bench("--serve", "--records", "5", "--runs", "1")
    assert figures["mode"] == "serve" and figures["records"] == 5
    assert figures["serve_update_s"] > 0
