"""MkDocs plugin (thin wiring): runs the build step inside ``mkdocs build`` and ``mkdocs serve``.

Records are checked in ``on_pre_build``, before MkDocs empties site/, so a bad record stops the
build with site/ untouched; pages are added in memory in ``on_files``, so nothing is written to
docs/ and a deleted record leaves no page behind.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import csp, offline, pipeline, render, search_index, structured_data

log = logging.getLogger("mkdocs.plugins.backofknee")


class BackOfKneeConfig(base.Config):
    """No options, so a misspelt one is reported. The site settings (pipeline.SETTINGS) stay in
    mkdocs.yml ``extra:``, where the theme overrides and the hand-written pages read them too."""


class BackOfKneePlugin(BasePlugin[BackOfKneeConfig]):
    """Checks the records, adds the generated pages, and indexes the built site for search."""

    def __init__(self) -> None:
        self.serving = False  # under `mkdocs serve` (MkDocs keeps this instance between rebuilds)
        self.result = pipeline.Result()
        self.indexing: threading.Thread | None = None  # the search index being built for `serve`
        self.shell_pages: list[str] = []  # the navigation's pages: kept offline at once on a large site

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        """The offline page (overrides/offline.html) is built like the 404 page."""
        config.theme.static_templates.add(offline.PAGE)
        return config

    def on_nav(self, nav, /, *, config, files):
        self.shell_pages = [page.url for page in nav.pages]
        return nav

    def on_env(self, env, /, *, config, files):
        """The theme's security policy needs the hashes of Material's inline scripts (csp.py);
        pages register the offline worker, but not under ``mkdocs serve``."""
        env.filters["csp_policy"] = lambda inline_html: csp.policy(inline_html, live_reload=self.serving)
        env.globals["offline_worker"] = not self.serving
        return env

    def on_template_context(self, context, /, *, template_name, config):
        """The offline page is shown at the address of any page not kept (offline.py), so its
        links start from the site's root, as MkDocs does for the 404 page."""
        if template_name == offline.PAGE:
            context["base_url"] = offline.root_path(config.site_url)
        return context

    def on_pre_build(self, *, config) -> None:
        root = Path(config.config_file_path).resolve().parent
        self.result = pipeline.build(root, dict(config.extra))
        for problem in self.result.warnings:
            log.warning(str(problem))
        for problem in self.result.errors:
            log.error(str(problem))
        if self.result.errors:
            raise PluginError(f"{len(self.result.errors)} problem(s) in content/: nothing was built. "
                              "Fix the lines above and build again.")

    def on_files(self, files: Files, /, *, config) -> Files:
        for src_uri, text in self.result.pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                log.warning(f"docs/{src_uri} is hand-written but the build makes that page; the generated one wins.")
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        """Hand-written pages may use the site settings, e.g. ``{{ emergency_number }}``."""
        if page.file.src_uri not in self.result.pages and "{{" in markdown:
            return render.render_text(markdown, pipeline.site_settings(config.extra), self.result.content)
        return markdown

    def on_page_context(self, context, /, *, page, config, nav):
        """Condition pages carry JSON-LD built from their record (structured_data.py)."""
        condition_id = page.meta.get("condition_id")
        if condition_id and self.result.content is not None:
            page.meta["jsonld"] = structured_data.for_condition_id(self.result.content, condition_id,
                                                                   page.canonical_url)
        return context

    def on_post_page(self, output: str, /, *, page, config) -> str:
        """Mark the page text for the site search, with the page's search weight (search_index.py)."""
        return search_index.mark_page(output, page.meta)

    def on_post_build(self, *, config) -> None:
        """Index the written site for the search box (Pagefind, search_index.py), then list it, index
        included, for the offline worker (offline.py; ``extra: offline_budget``, in bytes, may change
        how large a site is kept whole). Under ``mkdocs serve`` the index is built in the background,
        so an edit shows without waiting for it, and the offline worker is retired."""
        site_dir = Path(config.site_dir)
        if self.serving:  # one index at a time
            if self.indexing is not None:
                self.indexing.join()
            self.indexing = search_index.start(site_dir)
            offline.retire(site_dir)
            return
        try:
            search_index.build(site_dir)
            summary = offline.build(site_dir, site_name=config.site_name, description=config.site_description or "",
                                    site_url=config.site_url, shell_pages=self.shell_pages,
                                    budget=int(config.extra.get("offline_budget", offline.WHOLE_SITE_BUDGET)))
        except (search_index.SearchIndexError, offline.OfflineError) as err:
            raise PluginError(str(err)) from err
        log.info(summary)
