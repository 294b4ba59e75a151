"""Works with no signal: after one visit the site keeps working offline, and can be installed.

The offline worker (sw.js, backofknee/offline.py) is tested in Chromium as a reader meets
it: one visit to the home page, then no network at all, then every condition page, the
symptom finder, get help now, the search and a printed sheet. "No network" is both
Playwright's offline mode and a server that answers nothing (Chromium's offline mode does
not reach a service worker's own requests), so a page that works here came from the copy.
Then a new build with one changed record: back online, the reader is told and gets the new
page, only the changed files are fetched, and the search finds the new words. A large site
(more than the budget) keeps its shell and the pages opened, and the whole guide on request.
Under ``mkdocs serve`` no worker is registered, and one left behind removes itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import os
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from backofknee import offline
from browsing import axe_violations, search
from conftest import ROOT, SETTINGS, copy_project, mkdocs_build
from support import fetch, free_port, read_pdf, records, wait_until

EMERGENCY_NUMBER = SETTINGS["emergency_number"]
CONDITIONS = {record["id"]: record for record in records()}
SYMPTOMS = {s["id"]: s for s in yaml.safe_load((ROOT / "content/symptoms.yaml").read_text())["symptoms"]}
CACHE = "backofknee-offline-1:/"
# The worker has kept the site and controls the page (it takes control when it activates).
WORKER_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
  }
  return registration.active.state;
}"""
KEPT = "async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)"
OFFLINE_NOTICE = re.compile(r"You are offline\. You are reading the copy of this page saved on this device on "
                            rf"\d{{1,2}} [A-Z][a-z]+ \d{{4}}\. In an emergency, call {EMERGENCY_NUMBER}\.")
NEW_WORDS = "Some people call it a gumboot cyst."  # the changed record's new sentence


class Site:
    """A built site served on 127.0.0.1 that logs each request it answers, and can be
    unplugged: it then answers nothing (the connection closes), as with no network."""

    def __init__(self, folder: Path, port: int = 0) -> None:
        self.folder = folder
        self.answered: list[str] = []
        self.refused: list[str] = []
        self.unplugged = False
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, directory=str(site.folder), **kwargs)

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                if site.unplugged:
                    site.refused.append(self.path)
                    self.close_connection = True
                    return
                site.answered.append(self.path)
                super().do_GET()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def serving(folder: Path, port: int = 0) -> Iterator[Site]:
    site = Site(folder, port)
    try:
        yield site
    finally:
        site.close()


def worker_list(site: Path) -> dict[str, tuple[str, int, bool]]:
    """The worker's list in a built site: address -> (content hash, bytes, kept at once)."""
    text = (site / offline.WORKER).read_text(encoding="utf-8")
    rows = json.loads(re.search(r"^const FILES = (.*);  //", text, re.MULTILINE).group(1))
    return {path: (sha, size, bool(shell)) for path, sha, size, shell in rows}


def keys(url: str, files: dict[str, tuple[str, int, bool]], paths=None) -> set[str]:
    """The cache keys the worker keeps these files under."""
    return {f"{url}__kept__/{files[path][0]}/{path}" for path in (files if paths is None else paths)}


def visit_once(browser, url: str):
    """A new reader: one visit to the home page, until the worker has kept the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    assert page.evaluate(WORKER_READY) in ("activating", "activated")
    return context, page


def tried_offline(site: Site) -> set[str]:
    """What reached for the network while it was gone, but the browser's own look for a new
    worker (sw.js), which it makes on each visit, online or not."""
    return set(site.refused) - {"/sw.js"}


def set_network(context, site: Site, online: bool) -> None:
    site.unplugged = not online
    context.set_offline(not online)


def condition_page_works(page, url: str, condition: str) -> None:
    record = CONDITIONS[condition]
    page.goto(f"{url}conditions/{condition}/")
    assert page.locator("article h1").inner_text() == record["name"]
    notice = page.locator("[data-offline-notice]")
    assert notice.is_visible() and OFFLINE_NOTICE.fullmatch(" ".join(notice.inner_text().split())), notice.inner_text()
    if any(flag["urgency"] == "emergency" for flag in record["red_flags"]):
        card = page.locator(".admonition.emergency").first
        assert card.is_visible() and f"call {EMERGENCY_NUMBER}" in card.inner_text()


def finder_works(page, url: str) -> None:
    page.goto(f"{url}finder/")
    page.wait_for_selector("[data-finder-ready=yes]", state="attached")
    page.get_by_role("button", name="Centre", exact=True).click()
    page.locator("label.finder__symptom", has_text=SYMPTOMS["lump-behind-knee"]["name"]).click()
    found = page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(li => li.dataset.condition)")
    assert found[0] == "bakers-cyst", found


def get_help_now_works(page, url: str) -> None:
    page.goto(f"{url}get-help-now/")
    assert page.locator("article h1").inner_text() == "Get help now"
    assert f"call {EMERGENCY_NUMBER}" in page.locator(".admonition.emergency").first.inner_text()


# What the build writes


def test_the_worker_keeps_what_the_site_loads_and_nothing_else(built_site):
    files = worker_list(built_site)
    pages = {"" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/"
             for p in built_site.rglob("index.html")}
    assert pages | {"offline.html"} <= set(files)
    tag = re.search(r'const SEARCH_INDEX_TAG = "([0-9a-f]+)";',
                    (built_site / offline.SEARCH_SCRIPT).read_text()).group(1)
    for must in ("assets/finder.json", "assets/offline.js", "manifest.webmanifest", "assets/images/icon-192.png",
                 "pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/wasm.en.pagefind",
                 f"pagefind/pagefind-entry.json?ts={tag}"):
        assert must in files, must
    for chunks in ("pagefind/fragment/", "pagefind/index/"):
        assert any(p.startswith(chunks) for p in files), chunks
    never = re.compile(r"\.map$|lunr|workers/search|pagefind-(component-|modular-)?ui|pagefind-highlight|"
                       r"wasm\.unknown|sitemap|404\.html|^sw\.js$|^pagefind/pagefind-entry\.json$")
    assert [p for p in files if never.search(p)] == []
    for path, (sha, size, shell) in files.items():
        file = built_site / (path.split("?")[0] + ("index.html" if path == "" or path.endswith("/") else ""))
        assert hashlib.sha256(file.read_bytes()).hexdigest()[:16] == sha and file.stat().st_size == size, path
        assert shell, f"{path}: today's site is kept whole on the first visit"
    assert sum(size for _, size, _ in files.values()) < offline.WHOLE_SITE_BUDGET


def test_every_page_links_the_manifest_and_the_offline_script(built_site):
    for html in sorted(built_site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="[./]*manifest\.webmanifest">', text), html
        assert re.search(r'<script src="[./]*assets/offline\.js" defer></script>', text), html


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_the_manifest_names_the_site_its_colours_and_its_icons(built_site):
    manifest = json.loads((built_site / "manifest.webmanifest").read_text())
    assert manifest["name"] == "Pain behind the knee" and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["display"] == "standalone"
    header = re.search(r"--md-primary-fg-color: (#[0-9a-f]{6})", (ROOT / "docs/assets/site.css").read_text())
    assert manifest["theme_color"] == header.group(1)  # the phone's bar matches the site's header
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("any", "any"), ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        if sizes != "any":
            assert png_size(built_site / src) == tuple(int(n) for n in sizes.split("x")), src
    assert (built_site / icons["any", "any"]).read_text().startswith("<svg")


def test_the_offline_page_links_from_the_sites_root(built_site):
    text = (built_site / offline.PAGE).read_text(encoding="utf-8")
    assert "<h1 id=\"you-are-offline\">You are offline</h1>" in text
    assert f"In an emergency, call {EMERGENCY_NUMBER}." in text
    for href in ("/get-help-now/", "/finder/", "/conditions/", "/assets/offline.js"):
        assert f'href="{href}"' in text or f'src="{href}"' in text, href


# A reader with no signal


@pytest.fixture(scope="module")
def reader_offline(browser, built_site):
    """One visit to the home page, then no network at all: yields the site and the page."""
    with serving(built_site) as site:
        context, page = visit_once(browser, site.url)
        assert set(page.evaluate(KEPT, CACHE)) == keys(site.url, worker_list(built_site))
        set_network(context, site, online=False)
        yield site, page
        context.close()


@pytest.mark.browser
def test_every_condition_page_opens_offline_with_a_calm_notice(reader_offline):
    site, page = reader_offline
    for condition in sorted(CONDITIONS):
        condition_page_works(page, site.url, condition)
    assert page.evaluate("navigator.onLine") is False
    assert axe_violations(page) == []  # the notice too, in the light palette and the dark
    page.emulate_media(color_scheme="dark")
    page.reload()
    assert page.locator("[data-offline-notice]").is_visible() and axe_violations(page) == []
    page.emulate_media(color_scheme="light")
    assert tried_offline(site) == set(), "a page was fetched from the network"


@pytest.mark.browser
def test_the_finder_get_help_now_and_the_search_work_offline(reader_offline):
    site, page = reader_offline
    finder_works(page, site.url)
    get_help_now_works(page, site.url)
    page.goto(site.url + "about/")
    found = search(page, "lump behind knee")
    assert any(url.endswith("/conditions/bakers-cyst/") for url in found[:3]), found
    assert tried_offline(site) == set()


@pytest.mark.browser
def test_a_page_not_kept_gets_the_offline_page(reader_offline):
    site, page = reader_offline
    page.goto(site.url + "conditions/not-kept-here/")
    assert page.locator("article h1").inner_text() == "You are offline"
    assert page.url == site.url + "conditions/not-kept-here/"  # back online, a reload opens the page
    assert axe_violations(page) == []
    # its styles and scripts load from any address (Material's header is sticky by its stylesheet)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.get_by_role("link", name="Get help now", exact=True).last.click()
    get_help_now_works(page, site.url)
    assert tried_offline(site) <= {"/conditions/not-kept-here/"}  # tried, as it is not kept; nothing else
    site.refused.clear()


@pytest.mark.browser
def test_a_condition_prints_offline_on_two_pages_at_most(reader_offline, tmp_path):
    site, page = reader_offline
    page.goto(site.url + "conditions/bakers-cyst/")
    page.emulate_media(media="print")
    try:
        assert not page.locator(".offline-notices").is_visible()
        page.pdf(path=str(tmp_path / "sheet.pdf"), format="A4", print_background=False)
    finally:
        page.emulate_media(media="screen")
    pages, texts = read_pdf(tmp_path / "sheet.pdf")
    assert pages <= 2 and "Baker's cyst" in texts[0].replace("’", "'")
    assert not any("You are offline" in text for text in texts)


@pytest.mark.browser
def test_nothing_is_kept_but_the_site_itself(reader_offline, built_site):
    site, page = reader_offline
    assert set(page.evaluate(KEPT, CACHE)) == keys(site.url, worker_list(built_site))
    assert page.evaluate("caches.keys()") == [CACHE]
    assert page.evaluate("Object.keys(localStorage)") == ["/.__palette"]


@pytest.mark.browser
def test_the_site_can_be_installed(browser, built_site):
    with serving(built_site) as site:
        context, page = visit_once(browser, site.url)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [] and manifest["url"] == site.url + "manifest.webmanifest"
        errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
        assert errors in ([], ["in-incognito"])  # a Playwright context is a private window: nothing else is missing
        context.close()


# A new build


@pytest.mark.browser
def test_a_new_build_reaches_a_reader_back_online(browser, built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    record = project / "content/conditions/bakers-cyst.yaml"
    text = record.read_text(encoding="utf-8")
    assert "It is common and often harmless." in text
    record.write_text(text.replace("It is common and often harmless.", f"It is common and often harmless. {NEW_WORDS}"))
    proc = mkdocs_build(project, tmp_path / "new-site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    old, new = worker_list(built_site), worker_list(tmp_path / "new-site")
    changed = {path for path in new if path not in old or old[path][0] != new[path][0]}
    assert "conditions/bakers-cyst/" in changed and "" not in changed and len(changed) < len(new) / 3

    with serving(built_site) as site:
        context, page = visit_once(browser, site.url)
        set_network(context, site, online=False)  # on the train, while a new build is put online
        site.folder = tmp_path / "new-site"
        page.goto(site.url + "conditions/bakers-cyst/")
        assert "gumboot" not in page.inner_text("article")

        site.answered.clear()
        set_network(context, site, online=True)
        page.goto(site.url + "conditions/bakers-cyst/")
        notice = page.locator("[data-update-notice]")
        notice.wait_for(state="visible", timeout=20_000)
        assert " ".join(notice.inner_text().split()) == "This page has been updated. Reload"
        assert axe_violations(page) == []
        assert "gumboot" not in page.inner_text("article")  # no silent mix: the new copy waits for the reader
        # Only what changed was fetched: the worker, and each file whose content hash changed.
        assert set(site.answered) == {"/sw.js"} | {f"/{path}" for path in changed}, set(site.answered)

        with page.expect_navigation():
            notice.get_by_role("button", name="Reload").click()
        assert NEW_WORDS in page.inner_text("article")
        found = search(page, "gumboot")
        assert found and found[0].endswith("/conditions/bakers-cyst/"), found
        page.wait_for_function("async () => (await caches.keys()).length === 1")
        assert set(page.evaluate(KEPT, CACHE)) == keys(site.url, new)  # the old files are gone
        context.close()


# A large site


@pytest.mark.browser
def test_a_large_site_keeps_its_shell_the_pages_opened_and_the_whole_guide_on_request(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("\nextra:\n", "\nextra:\n  offline_budget: 1\n", 1))
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = worker_list(tmp_path / "site")
    shell = {path for path, (_, _, at_once) in files.items() if at_once}
    assert {"", "get-help-now/", "finder/", "conditions/", "offline.html", "assets/finder.json"} <= shell
    assert not any(path.startswith(("conditions/", "symptoms/")) and path.count("/") == 2 for path in shell)

    with serving(tmp_path / "site") as site:
        context, page = visit_once(browser, site.url)
        assert set(page.evaluate(KEPT, CACHE)) == keys(site.url, files, shell)
        page.goto(site.url + "conditions/bakers-cyst/")  # a page opened is kept
        set_network(context, site, online=False)
        condition_page_works(page, site.url, "bakers-cyst")
        finder_works(page, site.url)
        get_help_now_works(page, site.url)
        page.goto(site.url + "conditions/calf-muscle-strain/")
        assert page.locator("article h1").inner_text() == "You are offline"
        saved = page.locator("[data-offline-opened]")
        saved.wait_for(state="visible")
        assert saved.get_by_role("link").all_inner_texts() == ["Baker's cyst"]

        set_network(context, site, online=True)
        page.goto(site.url)
        button = page.get_by_role("button", name="Keep the whole guide for offline use")
        button.click()
        page.get_by_text("Done: the whole guide is kept on this device.").wait_for(timeout=30_000)
        assert set(page.evaluate(KEPT, CACHE)) == keys(site.url, files) | {f"{site.url}__kept__/whole-guide"}
        set_network(context, site, online=False)
        for condition in sorted(CONDITIONS):
            condition_page_works(page, site.url, condition)
        page.goto(site.url)
        assert not page.locator("[data-offline-keep]").is_visible()
        context.close()


# mkdocs serve


@pytest.mark.browser
def test_mkdocs_serve_registers_no_worker_and_retires_one_left_behind(browser, built_site, tmp_path):
    port = free_port()
    with serving(built_site, port) as site:  # a built site once served at the address serve uses
        context, page = visit_once(browser, site.url)
    answers: list[tuple[str, bool]] = []
    page.on("response", lambda r: answers.append((r.url, r.from_service_worker)) if r.url.endswith("/about/") else None)
    project = copy_project(tmp_path / "project")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert wait_until(lambda: "livereload" in fetch(site.url + "about/")), "serve did not start"
        # Asked of the browser, not the page, which the retiring worker reloads at any moment.
        cdp = context.new_cdp_session(page)
        origin = site.url.rstrip("/")
        copies = lambda: cdp.send("CacheStorage.requestCacheNames", {"securityOrigin": origin})["caches"]  # noqa: E731
        for _ in range(10):  # each visit has the browser look for a new worker: serve's retires the copy
            page.goto(site.url + "about/")
            if wait_until(lambda: copies() == [], seconds=3):
                break
        else:
            pytest.fail("the copy left behind by the built site is still there under mkdocs serve")
        page.wait_for_timeout(500)  # the retiring worker's own reload, if it has not happened yet
        answers.clear()
        page.reload()  # past the browser's own HTTP cache, which still holds the built page
        assert answers == [(site.url + "about/", False)], "the page did not come from mkdocs serve"
        assert "livereload" in page.content()
        assert page.locator('script[src$="offline.js"]').count() == 0
        assert page.locator('link[rel="manifest"]').count() == 0
        fresh = context.new_page()  # (its page may come from the browser's HTTP cache, as without a worker)
        assert not fresh.goto(site.url + "self-care/").from_service_worker
        assert fresh.evaluate("caches.keys()") == []
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=10)
