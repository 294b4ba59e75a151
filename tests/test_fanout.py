"""Work shared over the cores gives exactly what one process gives, and fails safe.

A build forks only when no other thread runs, and the test session runs a web server on a
thread; so the tests that fork run in a fresh interpreter, as ``mkdocs build`` does.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from backofknee import fanout, pipeline, synthetic
from backofknee.memo import Memo
from conftest import ROOT, SETTINGS

TODAY = dt.date(2026, 11, 25)
PARENT = os.getpid()

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="work is only shared out on Linux")


def in_a_fresh_process(function, *args):
    """``function(*args)`` in a new interpreter, where no other thread runs."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def squares_with_pids(share):
    return [(n * n, os.getpid()) for n in share]


def shared_squares(count):
    return os.getpid(), fanout.map_shares(squares_with_pids, list(range(count)), workers=2)


@linux_only
def test_a_large_list_is_shared_over_two_processes_in_order():
    parent, results = in_a_fresh_process(shared_squares, 1_000)
    assert [square for square, _ in results] == [n * n for n in range(1_000)]
    pids = [pid for _, pid in results]
    assert pids[0] == parent and pids[-1] != parent, "the second share should be worked on in a child"
    assert pids == sorted(pids, key=lambda pid: pid != parent), "each share should be worked on in one process"


def test_small_lists_one_worker_and_threads_stay_in_this_process():
    assert fanout.processes_for(fanout.MIN_SHARE * 2 - 1, workers=2) == 1
    assert fanout.processes_for(10_000, workers=1) == 1
    assert {pid for _, pid in fanout.map_shares(squares_with_pids, list(range(150)), workers=2)} == {PARENT}

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:  # a fork copies only the forking thread: with another one running, no fork
        assert fanout.processes_for(10_000, workers=2) == 1
    finally:
        stop.set()
        other.join()


def fails_in_children(share):
    if os.getpid() != PARENT:
        raise RuntimeError("a child that breaks")
    return [n + 1 for n in share]


def shared(work, count):
    return fanout.map_shares(work, list(range(count)), workers=2)


@linux_only
def test_a_share_whose_child_fails_is_done_again_here():
    assert in_a_fresh_process(shared, fails_in_children, 400) == list(range(1, 401))


def fails_on_one_item(share):
    if 350 in share:
        raise ValueError("item 350 is broken")
    return list(share)


def fails_here_and_counts_children(count):
    try:
        fanout.map_shares(fails_on_one_item, list(range(count)), workers=2)
    except ValueError as err:
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return f"{err}; no child left"
        return f"{err}; a child is left behind"
    return "no error"


@linux_only
def test_an_error_in_this_processs_share_is_raised_and_leaves_no_child_behind():
    # 1,000 items: 0 to 499 are this process's share, so item 350 breaks here
    assert in_a_fresh_process(fails_here_and_counts_children, 1_000) == "item 350 is broken; no child left"


@linux_only
def test_a_real_error_in_a_childs_share_is_raised_here():
    with pytest.raises(ValueError, match="item 350 is broken"):
        in_a_fresh_process(shared, fails_on_one_item, 400)


def builds_by_one_and_two(root):
    """The problems, and the pages, of a build in one process and of one on two."""
    runs = [pipeline.build(Path(root), SETTINGS, TODAY, memo=Memo(), workers=n) for n in (1, 2)]
    return [([str(p) for p in run.problems], run.pages) for run in runs]


@linux_only
def test_a_build_on_two_cores_says_and_renders_exactly_what_one_process_does(tmp_path):
    """300 records, a few of them wrong in different ways: the same problems (files, lines,
    fields, order) and, once they are fixed, the same pages."""
    shutil.copytree(ROOT / "content/schema", tmp_path / "content/schema")
    shutil.copy(ROOT / "content/symptoms.yaml", tmp_path / "content/symptoms.yaml")
    paths = synthetic.write_records(ROOT, tmp_path / "content/conditions", 300)
    good = {path: path.read_text(encoding="utf-8") for path in paths}
    paths[10].write_text(good[paths[10]].replace("urgency: urgent", "urgency: urgnet", 1))
    paths[290].write_text(good[paths[290]] + "summary: twice\n")
    paths[295].write_text(good[paths[295]].replace("\n", "\n  : [\n", 1))

    (one, _), (two, _) = in_a_fresh_process(builds_by_one_and_two, str(tmp_path))
    assert two == one
    assert {line.split(":")[0] for line in one if "warning" not in line} == {
        f"content/conditions/{paths[i].name}" for i in (10, 290, 295)}, one

    for path, text in good.items():
        path.write_text(text)
    (one_problems, one_pages), (two_problems, two_pages) = in_a_fresh_process(builds_by_one_and_two, str(tmp_path))
    assert one_problems == two_problems == [] and len(one_pages) > 300
    assert two_pages == one_pages
