"""The MkDocs side: the hook's work (extract what changed, render, set the navigation) and a programmatic build."""
from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.explainer")


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
    return nav(docs_dir)


def build_site(config_file: Path, *, strict: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
