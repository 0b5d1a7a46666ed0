"""The MkDocs side: the plugin's work (extract what changed, render, set the navigation) and a programmatic build."""
from __future__ import annotations

import logging
from pathlib import Path

from generator.cache import Cache
from generator.errors import ExplainerError
from generator.markup import inert_title

log = logging.getLogger("mkdocs.plugins.explainer")


def prepare(root: Path, docs_dir: Path, *, seeds: Path | None = None, workers: int | None = None,
            executor: str | None = None, scheduler: str | None = None, site_url: str | None = None) -> list:
    """Bring ``docs_dir`` up to date with ``seeds`` (default ``root/seeds``) and return the navigation. spaCy loads
    only when an article changed."""
    from generator.pipeline import update_content
    from generator.render import render

    kept = Cache.of_project(root)
    result = update_content(seeds or root / "seeds", docs_dir, cache_dir=kept.root, log=log.info, workers=workers,
                            executor=executor, scheduler=scheduler)
    for line in result.report:
        log.info(line)
    pages = render(docs_dir, cache_dir=kept.root, site_url=site_url, stories=result.contents)
    if result.parsed or result.written or pages.written:
        log.info(f"explainer: {len(result.parsed)} article(s) parsed, {len(result.written)} data file(s) and "
                 f"{len(pages.written)} page(s) updated")
    return safe_nav(pages.nav)


def safe_nav(items: list) -> list:
    """Navigation titles as inert text (``generator.markup.inert_title``); they come from articles' front matter,
    untrusted."""
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append({inert_title(title): safe_nav(value) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out


def build_site(config_file: Path, *, strict: bool = False, **options) -> None:
    """``mkdocs build`` of ``config_file``; ``options`` override the ``explainer`` plugin's (``seeds``,
    ``workers``, ``executor``, ``scheduler``, ``page_cache``) and ``docs_dir`` MkDocs' own."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        overrides = {"docs_dir": str(options.pop("docs_dir"))} if options.get("docs_dir") else {}
        config = load_config(str(config_file), strict=strict, **overrides)
        plugin = config.plugins.get("explainer")
        if plugin is None:
            raise ExplainerError(config_file, "the explainer plugin is not in its plugins: list",
                                 hint="add `- explainer` under `plugins:` in mkdocs.yml")
        for key, value in options.items():
            if value is not None:
                plugin.config[key] = str(value) if key == "seeds" else value
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:  # the plugin's PluginError, strict-mode warnings, a broken mkdocs.yml
        raise ExplainerError(config_file, f"the MkDocs build stopped: {err}") from None
