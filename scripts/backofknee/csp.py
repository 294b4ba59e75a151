"""The site's Content-Security-Policy: every page may load things from the site itself only.

The policy goes into each page as a ``<meta http-equiv="Content-Security-Policy">`` tag
(overrides/partials/head-extra.html), so it holds on any static host, with no server
settings. Material for MkDocs writes a few small inline scripts into every page (its
storage helpers, the colour palette, content tabs). Rather than allowing every inline
script ('unsafe-inline'), the policy names the SHA-256 hash of each inline script the page
carries, worked out at build time from the same template output, so only those run.

Exceptions to "'self' only", and why:

- ``img-src data:``: Material's icons (care-card icons, search, arrows) are SVG images
  written into its own stylesheet as ``data:`` addresses. They are part of the stylesheet,
  so nothing is fetched from anywhere.
- ``script-src 'wasm-unsafe-eval'``: the site search (Pagefind, search_index.py) runs a
  WebAssembly module from the site itself. This allows compiling WebAssembly only, never
  JavaScript from text (that would be 'unsafe-eval'). Pagefind compiles it in a worker; a
  policy sent as an HTTP header applies to the worker too, and without this the search
  stops with a CompileError (a policy in a <meta> tag reaches only the page).
- under ``mkdocs serve`` only, inline scripts are allowed ('unsafe-inline'): MkDocs adds a
  live-reload script with a new timestamp to every page it serves, so it has no fixed hash.
  ``mkdocs build`` never adds it and never allows it.

A policy in a ``<meta>`` tag cannot say who may frame the page (``frame-ancestors``) or where
to report violations; a host that can send HTTP headers may send this same policy with
``frame-ancestors 'none'`` added.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),  # the search's WebAssembly, see above
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # the search index
    "worker-src": ("'self'",),  # the search worker, and the offline worker (sw.js, offline.py)
    "manifest-src": ("'self'",),  # the web app manifest (offline.py)
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_NOT_JAVASCRIPT = re.compile(r"\b(src|type)\s*=", re.IGNORECASE)


def script_hashes(html: str) -> list[str]:
    """The CSP source ('sha256-...') of every inline script in ``html``, in order.

    Scripts with ``src`` are covered by 'self'; scripts with a ``type`` (JSON data such as
    Material's ``__config`` or the page's JSON-LD) are data, never run, so they need none.
    """
    out = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _NOT_JAVASCRIPT.search(match.group("attrs")):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in out:
            out.append(source)
    return out


@cache
def policy(inline_scripts_html: str = "", live_reload: bool = False) -> str:
    """The policy text for a page whose inline scripts are those in ``inline_scripts_html``.

    Every page carries the same inline scripts, so the hashes are worked out once."""
    directives = dict(POLICY)
    extra = ["'unsafe-inline'"] if live_reload else script_hashes(inline_scripts_html)
    directives["script-src"] = (*POLICY["script-src"], *extra)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())
