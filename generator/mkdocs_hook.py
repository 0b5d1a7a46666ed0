"""MkDocs hook: plain ``mkdocs build`` regenerates content/ from seeds/ before building.

Thin on purpose: it decides nothing itself and calls what the CLI calls (``generator.site.prepare``).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.errors import ExplainerError


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        from generator.site import prepare

        config.nav = prepare(root, Path(config.docs_dir))
    except ExplainerError as err:
        # MkDocs prints a PluginError as one line, not a traceback: what an editor needs at 11 pm.
        raise PluginError(str(err)) from None
    return config


def on_serve(server, config, builder):
    # Articles live outside docs_dir; editing one should rebuild. Writes are skipped when bytes are unchanged,
    # so the rebuild this triggers does not trigger another.
    server.watch(str(Path(config.config_file_path).resolve().parent / "seeds"))
    return server
