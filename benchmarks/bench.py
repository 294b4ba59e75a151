"""Benchmark: how the build, the search and ``mkdocs serve`` cope with many condition records.

``python benchmarks/bench.py --records 1000 --runs 3`` writes 1,000 synthetic records
(synthetic.py) into a copy of the project in a temporary folder and measures, as medians
over the runs:

- our build step (check: load and validate; then render; MkDocs excluded) with cold caches,
  and its peak memory (tracemalloc, one extra run);
- the full ``mkdocs build``, and stock MkDocs building the same Markdown from plain files
  (the generated pages exported into docs/, no plugin of ours, no theme overrides), side by
  side;
- the search index (raw and gzip), one condition page's HTML, and, in Chromium, the time
  from the start of a page load to the first search result.

``--serve`` measures instead how long ``mkdocs serve`` takes to show an edited record
(with the real records unless ``--records`` is given). Results print as a table and as
one JSON line (the last line of the output). README.md, next to this file, has the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import synthetic
import yaml
from backofknee import export, pipeline, render, validate
from backofknee.cli import read_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the helpers the tests use too
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, copy_project, fetch, free_port, served, wait_until  # noqa: E402

SEARCH_FILES = {"pagefind": "pagefind", "material": "search"}  # where each search keeps its index
SEARCH_WORD = "lump"  # a word people type (the vocabulary's lump-behind-knee), on every size of site
STAGES = ("check", "render")
# Marks the moment the first search result appears, counted from the start of navigation.
_FIRST_RESULT_JS = """
new MutationObserver((_, observer) => {
  if (document.querySelector(".md-search-result__item")) {
    window.__firstResultAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@dataclass
class ChildRun:
    """One finished child process: wall time, CPU time, peak memory and its output."""

    wall: float
    cpu: float
    max_rss_mb: float
    returncode: int
    output: str


def run_child(args: list[str], cwd: Path) -> ChildRun:
    """Run a command and measure it, with its own resource usage (``os.wait4``)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return ChildRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> ChildRun:
    run = run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)], project)
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{run.output}")
    return run


# --- the projects ---------------------------------------------------------------------

def synthetic_project(source: Path, dest: Path, records: int) -> Path:
    """The project with ``records`` synthetic condition records instead of the real ones."""
    copy_project(dest, source)
    shutil.rmtree(dest / "content" / "conditions")
    synthetic.write_records(source, dest / "content" / "conditions", records)
    return dest


def stock_project(project: Path, dest: Path) -> Path:
    """The same site as plain files for stock MkDocs: every generated page written into
    docs/, built by ``mkdocs-stock.yml``, which is mkdocs.yml without our plugin, without the
    theme overrides (they rely on it) and with Material's own search, as it comes."""
    copy_project(dest, project)
    result = pipeline.build(dest, read_settings(dest / "mkdocs.yml"))
    if result.errors:
        raise RuntimeError("\n".join(map(str, result.errors)))
    export.export(result.pages, dest / "docs")
    (dest / "stock-theme").mkdir()
    stock = {"INHERIT": "mkdocs.yml", "theme": {"custom_dir": "stock-theme"}, "plugins": ["search"]}
    (dest / "mkdocs-stock.yml").write_text(yaml.safe_dump(stock), encoding="utf-8")
    return dest


# --- measurements -----------------------------------------------------------------------

def forget_compiled() -> None:
    """Forget the compiled schemas and templates, as a fresh ``mkdocs build`` starts without them."""
    for cached in (validate.quick_validator, validate.detailed_validator, render.environment):
        cached.cache_clear()


def time_step(project: Path, settings: dict) -> dict[str, float]:
    """One cold run of our build step: compiled schemas and templates forgotten, nothing reused.

    Each run starts from a collected heap, as a fresh ``mkdocs build`` does."""
    forget_compiled()
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    content, problems = pipeline.check(project)
    checked = time.perf_counter()
    if content is None:
        raise RuntimeError("\n".join(map(str, problems)))
    pages = render.render_pages(content, pipeline.site_settings(settings), dt.date.today())
    end = time.perf_counter()
    return {"check": checked - wall, "render": end - checked, "total": end - wall,
            "cpu": time.process_time() - cpu, "pages": len(pages)}


def step_peak_mb(project: Path, settings: dict) -> float:
    """Peak Python memory of one cold run of our build step, in one process (tracemalloc
    sees only its own)."""
    forget_compiled()
    tracemalloc.start()
    try:
        pipeline.build(project, settings)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # what a web server typically sends


def search_engine(site: Path) -> str:
    """Which search the built site carries: Pagefind's chunks or Material's one index file."""
    return "pagefind" if (site / "pagefind").is_dir() else "material"


def site_sizes(site: Path, condition_id: str) -> dict[str, int]:
    """The search index as stored (all of it; a reader downloads only what a search needs)
    and one condition page."""
    index = [p for p in (site / SEARCH_FILES[search_engine(site)]).rglob("*") if p.is_file()]
    page = (site / "conditions" / condition_id / "index.html").read_bytes()
    return {"search_index_bytes": sum(p.stat().st_size for p in index),
            "search_index_gzip_bytes": sum(gzip_size(p.read_bytes()) for p in index),
            "condition_html_bytes": len(page), "condition_html_gzip_bytes": gzip_size(page)}


def search_timings(site: Path, runs: int, word: str = SEARCH_WORD) -> list[dict[str, float]]:
    """In Chromium, each run with a fresh profile (nothing cached): open the home page with
    ``?q=<word>`` (the search box's deep link, in Material's search and in ours) and time,
    from the start of navigation, the first result appearing; and count what the search
    downloaded to show it (its files, and their size gzipped)."""
    from playwright.sync_api import sync_playwright  # test dependency: only the browser part needs it

    out = []
    prefix = "/" + SEARCH_FILES[search_engine(site)] + "/"
    with served(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.add_init_script(_FIRST_RESULT_JS)
                server.sent.clear()
                page.goto(f"{server.url}?q={word}", wait_until="commit")
                page.wait_for_function("() => window.__firstResultAt !== undefined", timeout=120_000)
                files = {path for path, _ in server.sent if path.startswith(prefix)}
                out.append({
                    "first_result_ms": page.evaluate("window.__firstResultAt"),
                    "search_download_bytes": sum(size for path, size in server.sent if path in files),
                    "search_download_gzip_bytes": sum(gzip_size((site / path.lstrip("/")).read_bytes())
                                                      for path in files),
                })
                context.close()
        finally:
            browser.close()
    return out


def serve_update_s(project: Path, runs: int, browser: bool) -> list[dict[str, float]]:
    """``mkdocs serve`` the project and edit a record's summary, once per run; time how long
    until the server sends the page with the new words (``file``) and, with ``browser``,
    until a reader's Chromium, open on that page, shows them after its live reload."""
    record = sorted((project / "content" / "conditions").glob("*.yaml"))[0]
    url = f"http://127.0.0.1:{free_port()}"
    address = f"{url}/conditions/{record.stem}/"
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", url.removeprefix("http://")],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    times = []
    with contextlib.ExitStack() as stack:
        stack.callback(log.close)
        stack.callback(proc.wait, timeout=30)
        stack.callback(proc.terminate)
        if not wait_until(lambda: "<html" in fetch(address), 600, every=0.2):
            log.seek(0)
            raise RuntimeError(f"mkdocs serve did not start:\n{log.read().decode(errors='replace')}")
        page = stack.enter_context(chromium_page()) if browser else None
        if page is not None:
            page.goto(address)
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        summary = data["summary"]
        for i in range(runs):
            time.sleep(1.0)  # let the previous rebuild settle
            marker = f"Edited for the benchmark, run {i + 1} at {time.time_ns()}."
            data["summary"] = f"{marker} {summary}"[:300]
            start = time.perf_counter()
            export.write_if_changed(record, yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
            if not wait_until(lambda m=marker: m in fetch(address), 120, every=0.01):
                raise RuntimeError("mkdocs serve did not send the edited page within 120 s")
            run = {"file": time.perf_counter() - start}
            if page is not None:
                if not wait_until(lambda m=marker: shows(page, m), 120, every=0.02):
                    raise RuntimeError("the browser did not show the edited page within 120 s")
                run["browser"] = time.perf_counter() - start
            times.append(run)
    return times


@contextmanager
def chromium_page() -> Iterator[Any]:
    """A page in Chromium (Playwright is a test dependency: only the browser parts need it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def shows(page: Any, words: str) -> bool:
    """Whether the page's text holds ``words`` (False while it is reloading)."""
    try:
        return bool(page.evaluate("words => document.body !== null && document.body.innerText.includes(words)",
                                  words))
    except Exception:  # the page is between two documents during a reload
        return False


# --- the report -------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, Any]:
    """What the figures were taken on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        memory_gb = None
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "PyYAML", "Jinja2", "jsonschema-rs"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": memory_gb, "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()], **versions}


def bench_build(source: Path, records: int, runs: int, browser: bool, work: Path) -> dict[str, Any]:
    """Every build and search figure for ``records`` synthetic records, medians over ``runs``."""
    project = synthetic_project(source, work / "project", records)
    settings = read_settings(project / "mkdocs.yml")
    steps = [time_step(project, settings) for _ in range(runs)]
    peak = step_peak_mb(project, settings)
    stock = stock_project(project, work / "stock")
    ours_runs, stock_runs = [], []
    for i in range(runs):  # interleaved, so a busy moment on the machine hits both alike
        ours_runs.append(mkdocs_build(project, work / f"site-{i}"))
        stock_runs.append(mkdocs_build(stock, work / f"stock-site-{i}", "mkdocs-stock.yml"))
    site = work / "site-0"
    pages = sum(1 for _ in site.rglob("index.html"))
    first_id = sorted(p.stem for p in (project / "content" / "conditions").glob("*.yaml"))[0]
    step = {name: median([s.get(name, 0.0) for s in steps]) for name in (*STAGES, "total", "cpu")}
    full, plain = median([r.wall for r in ours_runs]), median([r.wall for r in stock_runs])
    return {
        "records": records,
        "runs": runs,
        "pages": pages,
        **{f"step_{name}_s": round(step[name], 4) for name in STAGES},
        "step_total_s": round(step["total"], 4),
        "step_cpu_s": round(step["cpu"], 4),
        "step_records_per_s": round(records / step["total"]),
        "step_records_per_cpu_s": round(records / step["cpu"]),
        "step_peak_mb": round(peak, 1),
        "full_build_s": round(full, 3),
        "full_build_cpu_s": round(median([r.cpu for r in ours_runs]), 3),
        "stock_build_s": round(plain, 3),
        "stock_build_cpu_s": round(median([r.cpu for r in stock_runs]), 3),
        "build_ratio": round(full / plain, 3),
        "build_cpu_ratio": round(median([r.cpu for r in ours_runs]) / median([r.cpu for r in stock_runs]), 3),
        "pages_per_s": round(pages / full, 1),
        "stock_pages_per_s": round(pages / plain, 1),
        "build_max_rss_mb": round(max(r.max_rss_mb for r in ours_runs), 1),
        "stock_max_rss_mb": round(max(r.max_rss_mb for r in stock_runs), 1),
        "search_word": SEARCH_WORD,
        **site_figures(site, first_id, runs if browser else 0),
        **site_figures(work / "stock-site-0", first_id, runs if browser else 0, prefix="stock_"),
        "machine": machine(),
    }


def site_figures(site: Path, condition_id: str, runs: int, prefix: str = "") -> dict[str, Any]:
    """Sizes, and (with ``runs``) the search in Chromium, for one built site."""
    searches = search_timings(site, runs) if runs else []
    figures: dict[str, Any] = {"search_engine": search_engine(site), **site_sizes(site, condition_id)}
    for name in ("first_result_ms", "search_download_bytes", "search_download_gzip_bytes"):
        figures[name] = round(median([s[name] for s in searches])) if searches else None
    return {prefix + name: value for name, value in figures.items()}


def bench_serve(source: Path, records: int | None, runs: int, browser: bool, work: Path) -> dict[str, Any]:
    """How long ``mkdocs serve`` takes to show an edited record (real records by default)."""
    if records is None:
        project = copy_project(work / "project", source)
    else:
        project = synthetic_project(source, work / "project", records)
    count = sum(1 for _ in (project / "content" / "conditions").glob("*.yaml"))
    times = serve_update_s(project, runs, browser)
    figures: dict[str, Any] = {"mode": "serve", "records": count, "real_records": records is None, "runs": runs}
    for key, name in (("browser", "serve_update"), ("file", "serve_file_update")):
        if all(key in run for run in times):
            figures[f"{name}_s"] = round(median([run[key] for run in times]), 3)
            figures[f"{name}_all_s"] = [round(run[key], 3) for run in times]
    return {**figures, "machine": machine()}


ROWS = (  # label, our figure, stock MkDocs' figure, unit
    ("records", "records", None, ""), ("pages built", "pages", None, ""),
    ("our step: check (load and validate)", "step_check_s", None, "s"),
    ("our step: render", "step_render_s", None, "s"),
    ("our step: total", "step_total_s", None, "s"),
    ("our step: records per second", "step_records_per_s", None, "/s"),
    ("our step: records per CPU second", "step_records_per_cpu_s", None, "/s"),
    ("our step: peak memory (tracemalloc)", "step_peak_mb", None, "MB"),
    ("mkdocs build", "full_build_s", "stock_build_s", "s"),
    ("mkdocs build, CPU", "full_build_cpu_s", "stock_build_cpu_s", "s"),
    ("ours / stock (wall)", "build_ratio", None, "x"), ("ours / stock (CPU)", "build_cpu_ratio", None, "x"),
    ("pages per second", "pages_per_s", "stock_pages_per_s", "/s"),
    ("mkdocs build peak memory", "build_max_rss_mb", "stock_max_rss_mb", "MB"),
    ("search", "search_engine", "stock_search_engine", ""),
    ("search index, all files", "search_index_bytes", "stock_search_index_bytes", "B"),
    ("search index, all files gzip", "search_index_gzip_bytes", "stock_search_index_gzip_bytes", "B"),
    ("downloaded for the first search", "search_download_bytes", "stock_search_download_bytes", "B"),
    ("downloaded for the first search, gzip", "search_download_gzip_bytes", "stock_search_download_gzip_bytes", "B"),
    ("first search result after page load", "first_result_ms", "stock_first_result_ms", "ms"),
    ("one condition page, HTML", "condition_html_bytes", "stock_condition_html_bytes", "B"),
    ("one condition page, HTML gzip", "condition_html_gzip_bytes", "stock_condition_html_gzip_bytes", "B"),
    ("mkdocs serve sends the edited page after", "serve_file_update_s", None, "s"),
    ("mkdocs serve: the browser shows the edit after", "serve_update_s", None, "s"),
)


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain table: ours, and stock MkDocs' where it has one."""

    def cell(key: str | None) -> str:
        value = figures.get(key) if key else None
        return "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)

    rows = [("", "ours", "stock MkDocs", "")]
    rows += [(label, cell(ours), cell(stock), unit) for label, ours, stock, unit in ROWS if ours in figures]
    width = max(len(label) for label, *_ in rows)
    return "\n".join(f"{label:<{width}}  {ours:>12}  {stock:>12} {unit}".rstrip() for label, ours, stock, unit in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark the arguments ask for; print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=None,
                        help="how many synthetic records (default 1000; with --serve, the real records)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--serve", action="store_true", help="time `mkdocs serve` showing an edited record")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing in Chromium")
    parser.add_argument("--keep", type=Path, help="keep the generated projects and sites in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backofknee-bench-") as tmp:
        work = Path(tmp)
        if args.keep:  # a new folder inside it for every run
            work = Path(tempfile.mkdtemp(prefix=f"records-{args.records}-", dir=args.keep.resolve()))
        if args.serve:
            figures = bench_serve(ROOT, args.records, args.runs, not args.no_browser, work)
        else:
            figures = bench_build(ROOT, args.records or 1000, args.runs, not args.no_browser, work)
    print(table(figures))
    print(json.dumps(figures, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
