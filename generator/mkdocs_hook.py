"""MkDocs hook: plain ``mkdocs build`` regenerates content/ from seeds/ before building, and reuses unchanged pages.

Thin on purpose: it decides nothing itself and calls what the CLI calls (``generator.site.prepare``), then hands
each page event to the page cache (``generator.page_cache``).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.errors import ExplainerError
from generator.page_cache import PageCache

# The page cache trusts no plugin or hook it does not know; this one hands it every event it needs.
PAGE_CACHE_HOOK = True

_build = {"command": "build", "dirty": False, "cache": None}


def on_startup(command, dirty):
    _build.update(command=command, dirty=dirty)


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        from generator.site import prepare

        config.nav = prepare(root, Path(config.docs_dir))
    except ExplainerError as err:
        # MkDocs prints a PluginError as one line, not a traceback: what an editor needs at 11 pm.
        raise PluginError(str(err)) from None
    _build["cache"] = PageCache.for_build(config, command=_build["command"], dirty=_build["dirty"])
    return config


def on_serve(server, config, builder):
    # Articles live outside docs_dir; editing one should rebuild. Writes are skipped when bytes are unchanged,
    # so the rebuild this triggers does not trigger another.
    server.watch(str(Path(config.config_file_path).resolve().parent / "seeds"))
    return server


# The page cache's events. It must see a page's Markdown and content after every other plugin, its context
# before the search plugin indexes it, and its output last.

def on_nav(nav, config, files):
    if cache := _build["cache"]:
        cache.start(config, nav, files)
    return nav


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    cache = _build["cache"]
    return cache.page_markdown(markdown, page) if cache else markdown


@event_priority(-100)
def on_page_content(html, page, config, files):
    cache = _build["cache"]
    return cache.page_content(html, page) if cache else html


def on_env(env, config, files):
    if cache := _build["cache"]:
        cache.choose_templates(env, files)
    return env


@event_priority(100)
def on_page_context(context, page, config, nav):
    cache = _build["cache"]
    return cache.page_context(context, page) if cache else context


@event_priority(-100)
def on_post_page(output, page, config):
    cache = _build["cache"]
    return cache.post_page(output, page) if cache else output


def on_post_build(config):
    cache, _build["cache"] = _build["cache"], None
    if cache:
        cache.finish()


def on_build_error(error):
    cache, _build["cache"] = _build["cache"], None
    if cache:
        cache.abort()
