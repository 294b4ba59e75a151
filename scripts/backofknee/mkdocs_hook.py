"""MkDocs hook: runs the build step inside ``mkdocs build`` and ``mkdocs serve``.

Thin wiring only. Records are checked in ``on_pre_build``, before MkDocs empties site/, so
a bad record stops the build with site/ untouched; the pages are added in memory in
``on_files``, so nothing is written to docs/ and a deleted record leaves no page behind.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

try:
    from backofknee import csp, pipeline, render, search_index, structured_data
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from backofknee import csp, pipeline, render, search_index, structured_data

log = logging.getLogger("mkdocs.hooks.backofknee")
_result: pipeline.Result | None = None
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_env(env, config, files):
    """The theme's security policy needs the hashes of Material's inline scripts (csp.py)."""
    env.filters["csp_policy"] = lambda inline_html: csp.policy(inline_html, live_reload=_serving)
    return env


def on_pre_build(config) -> None:
    global _result
    root = Path(config.config_file_path).resolve().parent
    _result = pipeline.build(root, dict(config.extra))
    for problem in _result.warnings:
        log.warning(str(problem))
    for problem in _result.errors:
        log.error(str(problem))
    if _result.errors:
        raise PluginError(f"{len(_result.errors)} problem(s) in content/: nothing was built. "
                          "Fix the lines above and build again.")


def on_files(files: Files, config) -> Files:
    for src_uri, text in _result.pages.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning(f"docs/{src_uri} is hand-written but the build makes that page; the generated one wins.")
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=text))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Hand-written pages may use the site settings, e.g. ``{{ emergency_number }}``."""
    if page.file.src_uri not in _result.pages and "{{" in markdown:
        return render.render_text(markdown, dict(config.extra))
    return markdown


def on_page_context(context, page, config, nav):
    """Condition pages carry JSON-LD built from their record (structured_data.py)."""
    condition_id = page.meta.get("condition_id")
    if condition_id and _result.content is not None:
        page.meta["jsonld"] = structured_data.for_condition_id(_result.content, condition_id, page.canonical_url)
    return context


def on_post_page(output: str, page, config) -> str:
    """Mark the page text for the site search, with the page's search weight (search_index.py)."""
    return search_index.mark_page(output, page.meta)


def on_post_build(config) -> None:
    """Index the written site for the search box (Pagefind, search_index.py); under
    ``mkdocs serve`` in the background, so an edit shows without waiting for it."""
    if _serving:
        search_index.start(Path(config.site_dir))
        return
    try:
        search_index.build(Path(config.site_dir))
    except search_index.SearchIndexError as err:
        raise PluginError(str(err)) from err
