"""The MkDocs side: the hook's work (extract what changed, render, set the navigation) and a programmatic build."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from generator.errors import ExplainerError

log = logging.getLogger("mkdocs.plugins.explainer")
ENTITY = re.compile(r"&(?=#?\w+;)")


def prepare(root: Path, docs_dir: Path) -> list:
    """Bring ``docs_dir`` up to date with ``root/seeds`` and return the navigation. spaCy loads only on change."""
    from generator.pipeline import extract
    from generator.render import nav, render

    result = extract(root / "seeds", docs_dir, cache_dir=root / ".explainer-cache" / "findings", log=log.info)
    for line in result.report:
        log.info(line)
    pages = render(docs_dir)
    if result.parsed or result.written or pages:
        log.info(f"explainer: {len(result.parsed)} article(s) parsed, {len(result.written)} data file(s) and "
                 f"{len(pages)} page(s) updated")
    return safe_nav(nav(docs_dir))


def safe_nav(items: list) -> list:
    """Navigation titles as inert text; they come from articles' front matter, untrusted.

    Material prints a nav title as raw HTML in text, escapes it in attributes, and unescapes it (``striptags``)
    into ``<title>``. So angle brackets become look-alikes, which no tag can form from in any of these places, and
    only an ``&`` that starts an entity is escaped: escaping more would show ``&#x27;`` in screen readers' labels.
    """
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append({_inert(title): safe_nav(value) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out


def _inert(title: str) -> str:
    return ENTITY.sub("&amp;", title.replace("<", "‹").replace(">", "›"))


def build_site(config_file: Path, *, strict: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:  # the hook's PluginError, strict-mode warnings, a broken mkdocs.yml
        raise ExplainerError(config_file, f"the MkDocs build stopped: {err}") from None
