"""The MkDocs plugin ``explainer``: plain ``mkdocs build`` regenerates content/ from seeds/, then reuses unchanged
pages.

Registered by the package (entry point ``mkdocs.plugins: explainer``) and declared in ``mkdocs.yml``:

    plugins:
      - search
      - explainer:
          seeds: seeds        # articles, one folder a story
          workers: 2          # processes that parse (default: by the job's size)
          executor: local     # or dask
          scheduler: null     # a Dask scheduler's address, for executor: dask
          page_cache: true    # reuse the HTML of pages whose every input is unchanged

Thin on purpose: each event hands its work to a plain module (``generator.site`` for the content and the
navigation, ``generator.page_cache`` for page reuse), and any failure of ours is a ``PluginError``, which MkDocs
prints as one line, not a traceback: what an editor needs at 11 pm.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator import collector
from generator.cache import Cache
from generator.errors import ExplainerError
from generator.page_cache import PageCache
from generator.parallel import EXECUTORS


class ExplainerConfig(base.Config):
    """The plugin's options, each typed and defaulted; the CLI's ``build`` sets the same ones."""

    seeds = c.Type(str, default="seeds")
    workers = c.Optional(c.Type(int))
    executor = c.Optional(c.Choice(EXECUTORS))
    scheduler = c.Optional(c.Type(str))
    page_cache = c.Type(bool, default=True)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    # The page cache trusts no plugin it does not know; this one hands it every event it needs.
    PAGE_CACHE_SAFE = True

    def __init__(self) -> None:
        self.command, self.dirty = "build", False
        self.cache: PageCache | None = None
        self.collector: tuple[int, ...] | None = None  # the thresholds to restore when the build ends

    def on_startup(self, *, command, dirty) -> None:
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        # From here to the build's end (MkDocs' pages included): see generator.collector.
        self.collector = self.collector or collector.defer_full_collections()
        root = Path(config.config_file_path).resolve().parent
        try:
            from generator.site import prepare

            config.nav = prepare(root, Path(config.docs_dir), seeds=root / self.config.seeds,
                                 workers=self.config.workers, executor=self.config.executor,
                                 scheduler=self.config.scheduler, site_url=config.site_url or None)
        except ExplainerError as err:
            raise PluginError(str(err)) from None
        self.cache = (PageCache.for_build(config, command=self.command, dirty=self.dirty)
                      if self.config.page_cache else None)
        return config

    def on_serve(self, server, *, config, builder):
        # Articles live outside docs_dir; editing one should rebuild. Writes are skipped when bytes are unchanged,
        # so the rebuild this triggers does not trigger another.
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.seeds))
        return server

    # The page cache's events. It must see a page's Markdown and content after every other plugin, its context
    # before the search plugin indexes it, and its output last.

    def on_nav(self, nav, *, config, files):
        if self.cache:
            self.cache.start(config, nav, files)
        return nav

    @event_priority(-100)
    def on_page_markdown(self, markdown, *, page, config, files):
        return self.cache.page_markdown(markdown, page) if self.cache else markdown

    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        return self.cache.page_content(html, page) if self.cache else html

    def on_env(self, env, *, config, files):
        # MkDocs compiles Material's templates afresh on every build (a quarter of a second at least); Jinja's own
        # bytecode cache keeps them compiled, each checked against its template's source.
        folder = Cache.of_project(Path(config.config_file_path).resolve().parent).templates
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        if self.cache:
            self.cache.choose_templates(env, files)
        return env

    @event_priority(100)
    def on_page_context(self, context, *, page, config, nav):
        return self.cache.page_context(context, page) if self.cache else context

    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        return self.cache.post_page(output, page) if self.cache else output

    def on_post_build(self, *, config) -> None:
        cache, self.cache = self.cache, None
        if cache:
            cache.finish()
        self._restore_collector()

    def on_build_error(self, *, error) -> None:
        cache, self.cache = self.cache, None
        if cache:
            cache.abort()
        self._restore_collector()

    def _restore_collector(self) -> None:
        # `mkdocs serve` goes on after a build: the process gets its own thresholds back.
        if self.collector:
            collector.restore(self.collector)
            self.collector = None
