"""Private by design: pages load nothing from anywhere but the site itself, keep to their
Content-Security-Policy, set no cookies and store nothing about the reader.

The one thing the browser keeps is the theme's colour scheme: Material for MkDocs writes
``<site path>.__palette`` to localStorage on every visit (the scheme the reader's system
asked for, or the one picked with the sun/moon switch), so the next page opens in the same
colours. It holds only the scheme's name, colours and media query, nothing about pages
read or words searched, and no page sends it anywhere. The offline worker keeps the site's
own files, the same for every reader (tests/test_offline.py checks each one). The tests
assert exactly that.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from backofknee import csp
from browsing import page_paths

VIOLATIONS = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));"""
STORED = """async () => ({
  local: Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])),
  session: Object.keys(sessionStorage),
  databases: (await indexedDB.databases()).map(d => d.name),
  caches: await navigator.serviceWorker.ready.then(() => caches.keys()),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""


@pytest.fixture
def recorded(browser, site_url):
    """A fresh browser profile that records every request and every policy violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    console: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    yield page, requests, console
    context.close()


def outside(requests: list[str], site_url: str) -> list[str]:
    return sorted({url for url in requests if not url.startswith(site_url) and not url.startswith("data:")})


@pytest.mark.browser
def test_no_page_loads_anything_from_elsewhere_or_breaks_the_policy(recorded, built_site, site_url):
    page, requests, console = recorded
    violations, pages = [], page_paths(built_site)
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        violations += [f"{path or '/'}: {v}" for v in page.evaluate("window.__csp")]
    assert len(pages) > 50
    assert outside(requests, site_url) == []
    assert violations == []
    assert [m for m in console if "Content Security Policy" in m] == []


@pytest.mark.browser
def test_searching_and_reading_leaves_no_trace_but_the_colour_scheme(recorded, built_site, site_url):
    page, requests, _ = recorded
    for path in ["", "conditions/bakers-cyst/", "symptoms/swollen-calf/", "get-help-now/", "finder/", "404.html"]:
        page.goto(site_url + path)
    page.goto(site_url)
    page.locator(".md-header .md-search__input").fill("lump behind knee")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    first.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/(conditions|symptoms)/[a-z-]+/$", page.url), page.url  # no ?q= or ?h= with the words
    assert [url for url in requests if re.search(r"lump|behind|knee", urlsplit(url).query)] == []
    assert outside(requests, site_url) == []

    assert page.context.cookies() == []
    stored = page.evaluate(STORED)
    assert stored["session"] == [] and stored["databases"] == []
    assert stored["caches"] == ["backofknee-offline-1:/"] and stored["workers"] == 1  # the offline copy of the site
    assert list(stored["local"]) == ["/.__palette"]
    palette = json.loads(stored["local"]["/.__palette"])
    assert set(palette) == {"index", "color"} and set(palette["color"]) == {"media", "scheme", "primary", "accent"}
    assert palette["color"]["scheme"] in ("default", "slate")


def test_every_page_carries_the_policy_self_only(built_site):
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        policies = meta.findall(html)
        assert len(policies) == 1, path
        assert html.index("Content-Security-Policy") < html.index("<link rel=\"stylesheet\""), path
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        assert directives["default-src"] == "'none'"
        for name in ("style-src", "font-src", "connect-src", "worker-src", "manifest-src", "base-uri", "form-action"):
            assert directives[name] == "'self'", (path, name)
        assert directives["img-src"] == "'self' data:"
        # 'self', WebAssembly for the search (csp.py says why), and the theme's inline scripts by hash
        assert re.fullmatch(r"'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+", directives["script-src"]), path


@pytest.mark.browser
def test_the_policy_blocks_inline_scripts_and_outside_images(recorded, site_url):
    page, _, _ = recorded
    finished: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request.url))
    page.goto(site_url + "conditions/bakers-cyst/")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = true";
      document.head.append(script);
      const image = new Image();
      image.src = "https://example.org/pixel.png";
      document.body.append(image);
    }""")
    page.wait_for_function("() => window.__csp.length >= 2")
    blocked = " ".join(page.evaluate("window.__csp"))
    assert page.evaluate("window.__ran === undefined")
    assert "script-src-elem blocked inline" in blocked and "img-src blocked https://example.org/pixel.png" in blocked
    assert outside(finished, site_url) == []  # the browser stopped the image before asking for it


def test_policy_allows_inline_scripts_by_hash_only_and_all_of_them_under_serve():
    page = ('<script>a()</script><script src="x.js"></script><script type="application/json">{}</script>'
            '<script id="y">b()</script><script>a()</script>')
    assert csp.script_hashes(page) == ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='",
                                       "'sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc='"]
    built = dict(d.split(" ", 1) for d in csp.policy(page).split("; "))
    assert built["script-src"].split()[2:] == csp.script_hashes(page)
    assert "'unsafe-inline'" not in csp.policy(page)
    served = dict(d.split(" ", 1) for d in csp.policy(page, live_reload=True).split("; "))
    assert served["script-src"] == "'self' 'wasm-unsafe-eval' 'unsafe-inline'"
