"""Helpers the tests and the benchmark (benchmarks/bench.py) share: the records and the
configured address, the text of a page or a printed PDF, a copy of the project to change
freely, a local web server for a built site, waiting for a server, and Chromium.

Plain functions, no pytest: the benchmark imports this module too.
"""

from __future__ import annotations

import functools
import html as html_lib
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from backofknee.model import Terms

ROOT = Path(__file__).resolve().parents[1]
TERMS = Terms.read(ROOT / "content" / "schema")  # the urgency levels and areas, as the build reads them
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Never copied: build output, tools, caches.
NOT_COPIED = (".git", ".venv", ".tools", "site", "build", "node_modules", "__pycache__", "*.egg-info",
              ".pytest_cache", ".ruff_cache")


def records() -> list[dict]:
    """The condition records, as plain data."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content/conditions").glob("*.yaml"))]


def configured_site_url() -> str:
    """The address mkdocs.yml says the site is deployed at, ending in '/'."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"].rstrip("/") + "/"


def text_of(html: str) -> str:
    """The text of HTML (a page or a fragment): tags dropped, entities read, spaces collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def flat(text: str) -> str:
    """Text for comparing with what ``pdftotext`` reads back: on one line, without hyphens.

    A word broken after its hyphen at the end of a line ("self-" / "care") is joined, and
    hyphens are dropped on both sides, so "self-care" compares equal however lines broke.
    """
    text = re.sub(r"-[ \t]*\n\s*", "", text).replace("-", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def read_pdf(pdf: Path) -> tuple[int, list[str]]:
    """Page count and the text of each page (``flat``). ``pdftotext -raw`` gives the text in
    the order it was drawn, which is reading order here; the default mode guesses the order
    from where text sits, and gets it wrong where a paragraph runs on into the next column."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    texts = [flat(subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout)
             for n in range(1, pages + 1)]
    return pages, texts


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """A copy of the project (without build output or caches) to change freely."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return dest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server(http.server.ThreadingHTTPServer):
    """A local web server for a built site: its address (``url``) and every file it sent
    (``sent``: path, bytes)."""

    url: str
    sent: list[tuple[str, int]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing early is no error
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files quietly, with the server's extra headers, noting each file it sends."""

    headers_to_send: dict[str, str] = {}

    def log_message(self, *args: Any) -> None:  # keep the output clean
        pass

    def end_headers(self) -> None:
        for keyword, value in self.headers_to_send.items():
            self.send_header(keyword, value)
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.server.sent.append((self.path.split("?")[0], int(value)))  # type: ignore[attr-defined]
        super().send_header(keyword, value)


@contextmanager
def served(folder: Path, headers: dict[str, str] | None = None) -> Iterator[Server]:
    """Serve ``folder`` on 127.0.0.1 (with ``headers`` on every answer); yields the server."""
    handler = type("Handler", (_Handler,), {"headers_to_send": dict(headers or {})})
    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.url, server.sent = f"http://127.0.0.1:{server.server_address[1]}/", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str, timeout: float = 5) -> str:
    """The text at ``url``, or '' if it cannot be fetched (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def wait_until(ready: Callable[[], bool], seconds: float = 30.0, every: float = 0.1) -> bool:
    """Whether ``ready()`` became true within ``seconds``, asking every ``every`` seconds."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if ready():
            return True
        time.sleep(every)
    return False
