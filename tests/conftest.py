"""Shared fixtures: the project root, a built site, a local server for it, and Chromium.

The built site is made once per test session with ``mkdocs build --strict`` into a
temporary folder, and served on 127.0.0.1 only. Browser tests use Debian's Chromium
(``/usr/bin/chromium``, or ``$CHROMIUM``) through Playwright. Helpers the benchmark uses
too live in support.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from backofknee.cli import read_settings
from backofknee.pipeline import site_settings
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, copy_project, served  # noqa: F401 (tests import copy_project from here)

# The site settings of mkdocs.yml (a UK site), for tests that build without MkDocs.
SETTINGS = site_settings(read_settings(ROOT / "mkdocs.yml"))


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` for ``project`` into ``site_dir``; returns the process.

    Not ``-q``: MkDocs then drops warnings before counting them, and --strict passes anyway."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(ROOT, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with served(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the built site is a site test: ``-m "not site and not browser"`` leaves
    out everything that runs MkDocs, for a quick check of the build step alone."""
    for item in items:
        if {"built_site", "site_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
