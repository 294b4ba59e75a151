"""The site's Content-Security-Policy: every page may load things from the site itself only.

The policy is a ``<meta http-equiv>`` tag in each page (overrides/partials/head-extra.html),
so it holds on any static host. Material writes a few small inline scripts into every page;
rather than 'unsafe-inline', the policy names the SHA-256 hash of each, so only those run.
The exceptions to "'self' only":

- ``img-src data:``: Material's icons are SVG ``data:`` addresses inside its own stylesheet.
- ``script-src 'wasm-unsafe-eval'``: the search (Pagefind) compiles its WebAssembly, from the
  site; this never allows compiling JavaScript from text ('unsafe-eval'). Sent as an HTTP
  header, the policy reaches Pagefind's worker too, which needs it.
- under ``mkdocs serve`` only, 'unsafe-inline': its live-reload script changes on every page.

A host that can send HTTP headers may send the same policy with ``frame-ancestors 'none'``.
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
    Every page carries the same inline scripts, so the hashes are worked out once (``@cache``)."""
    extra = ["'unsafe-inline'"] if live_reload else script_hashes(inline_scripts_html)
    directives = {**POLICY, "script-src": (*POLICY["script-src"], *extra)}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())
