"""Offline use: the service worker's list of files, the web app manifest and the search
index's cache tag, written into the built site after Pagefind has run.

The worker is hand-written (``templates/offline/sw.js.j2``, served as ``/sw.js``). The build
gives it every file the site loads with a hash of its content (kept under that hash, so a new
build fetches only what changed) and what to keep at once: the whole site up to
``WHOLE_SITE_BUDGET`` bytes, else its shell, then each page opened. With a fixed cache tag
(a hash of the whole index) Pagefind asks for ``pagefind-entry.json?ts=<tag>``, not a new
timestamp each time, so the entry file can be kept too.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

PAGE = "offline.html"  # shown for a page not kept yet (theme template overrides/offline.html)
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
WHOLE_SITE_BUDGET = 10_000_000  # bytes: a site up to this size is kept whole on the first visit
HASH_LENGTH = 16  # hex digits of SHA-256 kept per file: enough to tell a few thousand files apart
DYNAMIC = ("assets/finder.json", "assets/search-words.json")  # loaded by scripts (finder.js, site-search.js)
SEARCH = "pagefind"
SEARCH_SCRIPT = "assets/javascripts/site-search.js"  # loads Pagefind; carries the cache tag
_SEARCH_TAG = re.compile(r'const SEARCH_INDEX_TAG = (?:null|"[0-9a-f]*");')
# An address in a page. Starting with a literal space (MkDocs and Material always put one
# before an attribute) makes this three times faster over a thousand pages than \s.
_REFERENCE = re.compile(r' (?:href|src)="([^"#]+)"')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class OfflineError(RuntimeError):
    """The offline files could not be written; the message says why."""


def _digest(data: bytes, length: int = HASH_LENGTH) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _is_page(path: str) -> bool:
    return path == "" or path.endswith("/") or path == PAGE


def root_path(site_url: str | None) -> str:
    """The path the site lives at on its host ('/' for https://example.org/)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _url_path(site_dir: Path, file: Path) -> str:
    """The address of a built page (an index.html) from the site's root: its folder ("about/", "" for home)."""
    return file.relative_to(site_dir).as_posix().removesuffix("index.html")


@lru_cache(maxsize=1 << 16)
def _resolve(reference: str, folder: str, root: str) -> str | None:
    """The address from the site's root of a link in a page or stylesheet in ``folder``
    ('' at the site's root); None for another site, a data: address, or outside the site."""
    if reference.startswith("//") or _SCHEME.match(reference):
        return None
    path = reference.split("?", 1)[0]
    if path.startswith("/"):
        if not path.startswith(root):
            return None
        path = path[len(root):]
    else:
        path = posixpath.join(folder, path)
    path = posixpath.normpath(path) if path else "."
    return None if path == "." or path == ".." or path.startswith("../") else path


def _search_files(site_dir: Path) -> tuple[list[str], str]:
    """Pagefind's files that a search loads, and the index's cache tag (a hash of all of
    them). Not its ready-made interfaces (the site draws its own, site-search.js), nor the
    WebAssembly for languages the index does not hold."""
    search = site_dir / SEARCH
    entry_file = search / "pagefind-entry.json"
    if not entry_file.exists():
        raise OfflineError(f"{entry_file} is missing: build the search index (Pagefind) first.")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    names = ["pagefind.js", "pagefind-worker.js"]
    for language in entry["languages"].values():
        names += [f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"]
    names += sorted(p.relative_to(search).as_posix() for folder in ("index", "fragment")
                    for p in (search / folder).glob("*") if p.is_file())
    missing = [name for name in names if not (search / name).is_file()]
    if missing:
        raise OfflineError(f"the search index in {search} is incomplete: {', '.join(missing)} missing.")
    hashed = sorted((name, _digest((search / name).read_bytes(), 64)) for name in [*names, "pagefind-entry.json"])
    tag = _digest(json.dumps(hashed).encode(), 12)
    return [f"{SEARCH}/{name}" for name in names], tag


def stamp_search_tag(site_dir: Path, tag: str) -> None:
    """Write the index's cache tag into the search box's script (SEARCH_INDEX_TAG), which
    hands it to Pagefind as ``metaCacheTag``."""
    script = site_dir / SEARCH_SCRIPT
    text = script.read_text(encoding="utf-8")
    stamped, count = _SEARCH_TAG.subn(f'const SEARCH_INDEX_TAG = "{tag}";', text)
    if count != 1:
        raise OfflineError(f"{script}: expected one line 'const SEARCH_INDEX_TAG = null;' to hold the search "
                           f"index's cache tag, found {count}.")
    if stamped != text:
        script.write_text(stamped, encoding="utf-8")


def plan(site_dir: Path, shell_pages: list[str], *, root: str = "/", budget: int = WHOLE_SITE_BUDGET,
         search: tuple[list[str], str] | None = None) -> list[list[Any]]:
    """What the worker keeps from the built site in ``site_dir``, one row per file, as the
    worker reads it: [address from the site's root ("" for home, "about/", "assets/site.css"),
    the start of the SHA-256 of its content, bytes, 1 if kept at once (the shell) else 0].

    ``shell_pages`` are the addresses of the pages kept at once when the site is larger than
    ``budget`` (the navigation's pages); the offline page and every file that is not a
    page or a search chunk are always kept at once.
    """
    pages = {_url_path(site_dir, p): p for p in sorted(site_dir.rglob("index.html"))}
    pages[PAGE] = site_dir / PAGE
    if not pages[PAGE].exists():
        raise OfflineError(f"{pages[PAGE]} is missing: the theme's offline page was not built.")
    hashes: dict[str, str] = {}
    wanted: dict[str, Path] = {}
    is_file = cache(lambda path: (site_dir / path).is_file())

    def named_in(text: str, pattern: re.Pattern, folder: str) -> None:
        for reference in pattern.findall(text):
            if not reference.endswith("/"):  # a page: every page is kept anyway
                target = _resolve(reference, folder, root)
                if target and target not in wanted and not _is_page(target) and is_file(target):
                    wanted[target] = site_dir / target

    for path, file in pages.items():
        data = file.read_bytes()
        hashes[path] = _digest(data)
        named_in(data.decode("utf-8"), _REFERENCE, path.rstrip("/") if path != PAGE else "")
    for css in [p for p in wanted if p.endswith(".css")]:
        named_in(wanted[css].read_text(encoding="utf-8"), _CSS_URL, posixpath.dirname(css))
    for icon in json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))["icons"]:
        wanted[icon["src"]] = site_dir / icon["src"]
    search_paths, tag = search or _search_files(site_dir)
    for path in [*DYNAMIC, *search_paths]:
        wanted[path] = site_dir / path
    missing = sorted(path for path, file in wanted.items() if not file.is_file())
    if missing:
        raise OfflineError(f"files the site loads are missing from {site_dir}: {', '.join(missing)}")

    chunks = {p for p in search_paths if p.startswith((f"{SEARCH}/index/", f"{SEARCH}/fragment/"))}
    files = {**pages, **wanted}
    sizes = {path: file.stat().st_size for path, file in files.items()}
    whole = sum(sizes.values()) <= budget
    shell = set(shell_pages) | {PAGE}
    rows = [[path, hashes.get(path) or _digest(file.read_bytes()), sizes[path],
             int(whole or (path in shell if path in pages else path not in chunks))]
            for path, file in sorted(files.items())]
    # Pagefind asks for its entry file with the tag in the address (see stamp_search_tag).
    entry = site_dir / SEARCH / "pagefind-entry.json"
    rows.append([f"{SEARCH}/pagefind-entry.json?ts={tag}", _digest(entry.read_bytes()),
                 entry.stat().st_size, 1])
    return rows


def summary(rows: list[list[Any]]) -> str:
    """One line for the build's log: how many files and bytes, and what a first visit keeps."""
    total, shell = sum(row[2] for row in rows), sum(row[2] for row in rows if row[3])
    pages = sum(1 for row in rows if _is_page(row[0]))
    kept = ("the whole site is kept on a reader's first visit" if shell == total else
            f"the first visit keeps the shell ({shell:,} bytes), then each page opened")
    return f"Offline: {len(rows)} files ({pages} pages), {total:,} bytes: {kept}."


_TEMPLATES = Path(__file__).parent / "templates" / "offline"


@cache
def _template(name: str) -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.get_template(name)


def worker(rows: list[list[Any]]) -> str:
    """The service worker's text: the hand-written worker with this build's list. Its version
    is a hash of the list: a new build gives a new worker only if a file changed."""
    version = _digest(json.dumps(rows, separators=(",", ":")).encode(), 12)
    return _template("sw.js.j2").render(version=version, files=rows, page=PAGE, hash_hex=HASH_LENGTH)


def build(site_dir: Path, *, site_name: str, description: str, site_url: str | None,
          shell_pages: list[str], budget: int = WHOLE_SITE_BUDGET) -> str:
    """Write the manifest, the search index's cache tag and the worker into the built site;
    return a line for the build's log."""
    manifest = _template("manifest.webmanifest.j2").render(site_name=site_name, description=description)
    (site_dir / MANIFEST).write_text(manifest, encoding="utf-8")
    search = _search_files(site_dir)
    stamp_search_tag(site_dir, search[1])
    rows = plan(site_dir, shell_pages, root=root_path(site_url), budget=budget, search=search)
    (site_dir / WORKER).write_text(worker(rows), encoding="utf-8")
    return summary(rows)


def retire(site_dir: Path) -> None:
    """Under ``mkdocs serve``: pages register no worker, and this one replaces any worker
    left behind by a built site served at the same address (templates/offline/sw-retired.js)."""
    (site_dir / WORKER).write_bytes((_TEMPLATES / "sw-retired.js").read_bytes())
