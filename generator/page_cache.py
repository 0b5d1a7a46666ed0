"""Reuse the HTML of pages whose every input is unchanged, so a plain ``mkdocs build`` redoes only what changed.

MkDocs empties ``site/`` and renders every page on each build: the Markdown to HTML, then the theme template,
which in Material prints the whole navigation into every page (most of a 1,000-page story's build). This module
keeps what a build made of each page under ``.explainer-cache/pages-html/`` and hands it back when the page's
inputs are the same. An entry has two parts, valid under two keys:

- the Markdown render (``page.content``, ``page.toc``, the title found in it, the anchors it has and links to,
  what it logged), under the page's key: its source after the other plugins, its front matter, its path, every
  file's URL, the configuration, the theme overrides, this code and the versions of what renders;
- the page's output HTML and its search entries, valid for one navigation: every nav item's title, URL and
  nesting and every page's title and front matter, which Material prints into every page. That is known only
  once all pages are read, so it is checked then (``choose_templates``).

A page whose Markdown is unchanged but whose navigation changed goes through the theme with its cached content.
Each entry carries a digest of its bytes: a damaged, truncated or unreadable entry is rebuilt, never trusted.
The plugin's ``page_cache: false`` turns it off.

MkDocs 1.6 and Material 9 internals relied on (the versions are in every key; other versions turn the cache off,
and ``tests/test_page_cache.py`` checks the attributes): what ``Page.render`` sets (``RENDERED``),
``Page.links_to_anchors`` keyed by ``File``, ``page.meta['template']``, and Material's search plugin appending
to ``search_index.entries`` in ``on_page_context`` and skipping pages whose front matter says
``search: {exclude: true}``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import types
import zlib
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.cache import Cache

log = logging.getLogger("mkdocs.plugins.explainer")

FORMAT = 1
# The theme template that prints a cached page (in site-theme/) and the context variable it prints.
TEMPLATE = "explainer-cached.html"
HTML_VARIABLE = "explainer_cached_html"
# Everything that turns Markdown and templates into HTML: their versions are part of every key.
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe",
                      "pygments", "babel")
# The versions whose internals this module was checked against (module docstring); others turn the cache off.
CHECKED = {"mkdocs": "1.6.", "mkdocs-material": "9."}
# Plugins whose events are known to be safe when a page's render is skipped: a plugin that changes a page's
# content in its own events would see an empty page, so any other plugin turns the cache off.
KNOWN_PLUGINS = ("material/search", "search")
# Configuration that cannot change a page's HTML: leaving it out lets `mkdocs build --strict` and `mkdocs build`
# share entries. The navigation (``nav``) is in every entry's second key instead, so that a renamed article
# re-renders templates but no Markdown.
UNRELATED_CONFIG = frozenset({"nav", "pages", "strict", "watch", "site_dir"})
# The attributes Page.render sets in MkDocs 1.6.1; a cached page gets each back.
RENDERED = frozenset({"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"})
# The loggers Page.render writes to (link checks, Markdown extensions): what they say is kept and said again.
RENDER_LOGGERS = ("mkdocs.structure.pages", "MARKDOWN")


@dataclass
class _Page:
    """One page's state between the events of one build."""

    key: str
    record: dict | None = None  # the Markdown render, stored or captured
    html: bytes | None = None  # the stored output, compressed, when a usable entry was read
    links: dict | None = None  # links_to_anchors with Files for src_uris
    markdown: str = ""  # the source the render was skipped for
    whole: bool = False  # the stored output is valid for this navigation: the theme is skipped
    search_start: int | None = None
    saved_meta: dict = field(default_factory=dict)


class PageCache:
    """The page cache of one build; the explainer plugin (``generator/plugin.py``) calls one method per MkDocs event."""

    def __init__(self, folder: Path, *, prune: bool) -> None:
        self.folder = folder
        self.prune = prune
        self.build_key = ""
        self.site: str | None = None
        self.nav = None
        self.files = None
        self.plugins: Mapping = {}
        self.search_entries: list | None = None
        self.pages: dict[str, _Page] = {}
        self.seen: set[str] = set()
        self.used: set[str] = set()
        self.built = 0
        self.reused = 0
        self.rethemed = 0  # built through the theme from a cached Markdown render (the navigation changed)
        self.capture = _RenderLog()
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="explainer-page-cache")
        self.writes: list[Future] = []

    @classmethod
    def for_build(cls, config, *, command: str = "build", dirty: bool = False) -> PageCache | None:
        """The cache for this build, or ``None`` when it is switched off or cannot be trusted here."""
        reason = _why_off(config, dirty=dirty)
        if reason:
            log.info(f"explainer: page cache off: {reason}")
            return None
        root = Path(config.config_file_path).resolve().parent
        # `mkdocs serve` builds under its own site_url, so its entries are not a build's: it never prunes them.
        return cls(Cache.of_project(root).html, prune=command != "serve")

    # -- events, in the order MkDocs calls them ---------------------------------------------------------------

    def start(self, config, nav, files) -> None:
        """on_nav: what every page's key shares."""
        self.nav, self.files, self.plugins = nav, files, config.plugins
        self.build_key = build_key(config, files)
        self.folder.mkdir(parents=True, exist_ok=True)

    def page_markdown(self, markdown: str, page) -> str:
        """on_page_markdown, last: an empty string if the render can be restored from the cache."""
        src_uri = page.file.src_uri
        self.seen.add(src_uri)
        meta = _canonical(page.meta)
        if page.file.inclusion.is_excluded() or meta is None:  # a draft shown by `mkdocs serve`, odd front matter
            return markdown
        state = self.pages[src_uri] = _Page(_digest(self.build_key, src_uri, meta, markdown))
        self.used.add(state.key)
        entry = self._read(state.key, src_uri)
        if entry is not None:
            state.record, state.html, state.links = entry
            state.markdown = markdown
            return ""
        self.capture.start()
        return markdown

    def page_content(self, html: str, page) -> str:
        """on_page_content, last: restore a skipped render, or keep what the render made."""
        state = self.pages.get(page.file.src_uri)
        if state is None:
            return html
        if state.html is not None:
            record = state.record
            page.markdown = state.markdown
            page.toc = _toc_from_json(record["toc"])
            page._title_from_render = record["title"]
            page.present_anchor_ids = None if record["anchors"] is None else set(record["anchors"])
            page.links_to_anchors = state.links
            _say_again(record["log"])
            return record["content"]
        records = self.capture.stop()
        for record in records:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)
        state.record = _render_record(page, html, records)
        return html

    def choose_templates(self, env, files) -> None:
        """on_env, after every page is read: pages whose stored output fits this navigation skip the theme."""
        from jinja2 import TemplateNotFound

        try:
            env.get_template(TEMPLATE)
        except TemplateNotFound:
            log.debug(f"explainer: no {TEMPLATE} in the theme: every page goes through the theme")
            return
        self.search_entries = _search_entries(self.plugins)
        self.site = site_key(self.nav, files)
        for src_uri, state in self.pages.items():
            if state.html is None or state.record.get("site") != self.site:
                continue
            search = state.record.get("search")
            if (self.search_entries is None) != (search is None) or not isinstance(search, (list, type(None))):
                continue
            page = files.get_file_from_path(src_uri).page
            state.whole = True
            state.saved_meta = {name: page.meta[name] for name in ("template", "search") if name in page.meta}
            page.meta["template"] = TEMPLATE

    def page_context(self, context, page):
        """on_page_context, first: hand a cached page its output and its search entries."""
        state = self.pages.get(page.file.src_uri)
        if state is None:
            return context
        if not state.whole:
            state.search_start = None if self.search_entries is None else len(self.search_entries)
            return context
        _restore_meta(page.meta, state.saved_meta, "template")
        context[HTML_VARIABLE] = zlib.decompress(state.html).decode("utf-8", "surrogatepass")
        state.html = None
        if self.search_entries is not None:
            # Material's search plugin runs after this and skips an excluded page; its entries come from the cache.
            page.meta["search"] = {"exclude": True}
            self.search_entries.extend(state.record["search"])
        return context

    def post_page(self, output: str, page) -> str:
        """on_post_page, last: count a reused page, store a built one."""
        state = self.pages.get(page.file.src_uri)
        if state is None:
            self.built += 1
            return output
        if state.whole:
            _restore_meta(page.meta, state.saved_meta, "search")
            self.reused += 1
            return output
        self.built += 1
        self.rethemed += state.html is not None
        record = dict(state.record, key=state.key, site=self.site, search=None)
        if state.search_start is not None:
            record["search"] = self.search_entries[state.search_start:]
        try:
            header = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError):  # a search boost or tag JSON cannot hold
            return output
        body = output.encode("utf-8", "surrogatepass")
        self.writes.append(self.writer.submit(_write, self.folder, state.key, header, body))
        state.record = state.links = state.html = None
        return output

    def finish(self) -> None:
        """on_post_build: wait for the writes, prune what this build did not use, say what was reused."""
        failed = self._wait()
        complete = all(f.src_uri in self.seen for f in self.files.documentation_pages())
        if self.prune and complete and not failed:
            _prune(self.folder, self.used)
        rethemed = f" ({self.rethemed} of them from cached Markdown)" if self.rethemed else ""
        log.info(f"explainer: {self.built} page(s) built{rethemed}, {self.reused} reused")

    def abort(self) -> None:
        """on_build_error: leave logging as it was and the cache as it is."""
        self.capture.stop()
        self._wait()

    # -- helpers ----------------------------------------------------------------------------------------------

    def _wait(self) -> bool:
        failed = False
        for future in self.writes:
            try:
                future.result()
            except OSError as err:  # a full disk or a read-only checkout: the build is fine, the cache is not
                if not failed:
                    log.info(f"explainer: page cache not written: {err}")
                failed = True
        self.writes = []
        self.writer.shutdown(wait=True)
        return failed

    def _read(self, key: str, src_uri: str):
        """The entry for ``key`` if it is intact and every file it links to exists, else ``None``."""
        try:
            data = (self.folder / f"{key}.page").read_bytes()
            digest, body = data[:32], data[32:]
            if hashlib.sha256(body).digest() != digest:
                return None
            size = int.from_bytes(body[:8], "big")
            record = json.loads(body[8:8 + size].decode("utf-8", "surrogatepass"))
            html = body[8 + size:]
            if record.get("format") != FORMAT or record.get("key") != key or record.get("src_uri") != src_uri:
                return None
            links = None
            if record["links"] is not None:
                links = {}
                for target, anchors in record["links"].items():
                    file = self.files.get_file_from_path(target)
                    if file is None:
                        return None
                    links[file] = dict(anchors)
            _toc_from_json(record["toc"])  # checks its shape
            shapes = ((record["content"], str), (record["title"], (str, type(None))),
                      (record["anchors"], (list, type(None))), (record["log"], list))
            if not all(isinstance(value, kind) for value, kind in shapes):
                return None
            if not all(len(line) == 3 for line in record["log"]):
                return None
            return record, html, links
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def _why_off(config, *, dirty: bool) -> str:
    if dirty:
        return "a --dirty build writes only changed pages itself"
    for name, wanted in CHECKED.items():
        found = _version(name)
        if not found.startswith(wanted):
            return f"it was checked against {name} {wanted}x, this is {found}"
    for name, plugin in config.plugins.items():
        if name not in KNOWN_PLUGINS and not getattr(plugin, "PAGE_CACHE_SAFE", False):
            return f"it does not know what {name!r} does to a page"
    return ""


def build_key(config, files) -> str:
    """What every page's key shares: versions, configuration, theme overrides, this code, every file's URL."""
    custom_dir = config.theme.custom_dir
    # Paths inside the project are kept relative to it: a moved or copied checkout keeps its cache.
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "versions": {name: _version(name) for name in RENDERING_PACKAGES},
        "config": {name: _plain(value, root) for name, value in config.items() if name not in UNRELATED_CONFIG},
        "config_file": _file_digest(config.config_file_path),
        "theme_overrides": _tree_digest(Path(custom_dir)) if custom_dir else None,
        "code": sorted(_file_digest(path) for path in {__file__, *(getattr(hook, "__file__", "")
                                                                    for hook in config.hooks.values())}),
        "files": sorted([f.src_uri, f.dest_uri, f.url, f.inclusion.name] for f in files),
        # Page.render records links to anchors only when not logging debug messages.
        "verbose": logging.getLogger(RENDER_LOGGERS[0]).getEffectiveLevel() <= logging.DEBUG,
    }
    return _digest(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr))


# What Material 9 prints of a page into the others' navigation (partials/nav-item.html, tabs-item.html) besides
# its title: a page's other front matter shows on that page alone, and is in its own key.
NAV_META = ("icon", "status", "subtitle", "title")


def site_key(nav, files) -> str:
    """What every page prints of the others: the navigation, and its pages' titles and the front matter Material
    shows in it (a page outside the navigation is printed on no other page)."""

    def item(node):
        if node.is_page:
            return ["page", node.title, node.url, node.file.src_uri]
        if node.is_section:
            return ["section", node.title, [item(child) for child in node.children]]
        return ["link", node.title, node.url]

    pages = [[p.file.src_uri, p.url, p.title, {k: p.meta.get(k) for k in NAV_META if k in p.meta}]
             for p in nav.pages]
    return _digest(json.dumps([[item(node) for node in nav.items], pages], sort_keys=True, ensure_ascii=False,
                              default=repr))


def _render_record(page, content: str, records: list[logging.LogRecord]) -> dict:
    links = page.links_to_anchors
    return {
        "format": FORMAT,
        "src_uri": page.file.src_uri,
        "content": content,
        "toc": [_toc_to_json(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": None if page.present_anchor_ids is None else sorted(page.present_anchor_ids),
        "links": None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        "log": [[r.name, r.levelno, r.getMessage()] for r in records],
    }


def _say_again(lines: list) -> None:
    for name, level, message in lines:
        # No arguments: a filter comparing ``record.msg``, as MkDocs' DuplicateFilter does, sees the message.
        logging.getLogger(name).log(level, message)


def _toc_to_json(item) -> dict:
    data = {name: value for name, value in vars(item).items() if name != "children"}
    data["children"] = [_toc_to_json(child) for child in item.children]
    return data


def _toc_from_json(items: list):
    from mkdocs.structure.toc import TableOfContents

    return TableOfContents([_anchor_from_json(item) for item in items])


def _anchor_from_json(data: dict):
    from mkdocs.structure.toc import AnchorLink

    anchor = AnchorLink(data["title"], data["id"], data["level"])
    for name, value in data.items():
        if name != "children":
            setattr(anchor, name, value)
    anchor.children = [_anchor_from_json(child) for child in data["children"]]
    return anchor


def _search_entries(plugins: Mapping) -> list | None:
    for name in KNOWN_PLUGINS:
        plugin = plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True):
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            return entries if isinstance(entries, list) else None
    return None


def _restore_meta(meta: dict, saved: dict, name: str) -> None:
    if name in saved:
        meta[name] = saved[name]
    else:
        meta.pop(name, None)


def _write(folder: Path, key: str, header: bytes, html: bytes) -> None:
    body = len(header).to_bytes(8, "big") + header + zlib.compress(html, 1)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    tmp.write_bytes(hashlib.sha256(body).digest() + body)
    os.replace(tmp, folder / f"{key}.page")


def _prune(folder: Path, keep: set[str]) -> None:
    for entry in os.scandir(folder):
        name = entry.name
        stale = (name.endswith(".page") and name[:-5] not in keep) or name.endswith(".tmp")
        if stale and entry.is_file():
            try:
                os.unlink(entry.path)
            except OSError:
                pass


class _RenderLog(logging.Handler):
    """Holds what one Page.render logs, at INFO and up even when the build is quieter, to store and repeat it."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self.saved: list = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def start(self) -> None:
        for name in RENDER_LOGGERS:
            logger = logging.getLogger(name)
            self.saved.append((logger, logger.level, logger.propagate))
            if logger.getEffectiveLevel() > logging.INFO:
                logger.setLevel(logging.INFO)
            logger.propagate = False
            logger.addHandler(self)

    def stop(self) -> list[logging.LogRecord]:
        for logger, level, propagate in self.saved:
            logger.removeHandler(self)
            logger.setLevel(level)
            logger.propagate = propagate
        self.saved = []
        records, self.records = self.records, []
        return records


def _plain(value: Any, root: str) -> Any:
    """A configuration value as JSON data, without memory addresses, with paths in the project relative to it."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.theme import Theme

    if isinstance(value, str):
        inside = value == root or value.startswith(root + os.sep)
        return "<project>" + value[len(root):] if inside else value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, types.ModuleType):
        return f"module {value.__name__}"
    if isinstance(value, Theme):
        return {"name": value.name, "dirs": _plain(value.dirs, root),
                "static_templates": sorted(value.static_templates), "options": _plain(dict(value), root)}
    if isinstance(value, BasePlugin):
        return {"plugin": f"{type(value).__module__}.{type(value).__qualname__}", "config": _plain(value.config, root)}
    if isinstance(value, Mapping):
        return [[str(k), _plain(v, root)] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [_plain(v, root) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_plain(v, root)) for v in value)
    text = str(value)
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    return name if " at 0x" in text else f"{name} {text}"


def _canonical(value: Any) -> str | None:
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):  # keys of mixed types cannot be sorted
        return None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _file_digest(path: str | os.PathLike) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _digest(*parts: str) -> str:
    # Not generator.cache.digest: a key here is made of what other plugins and front matter hand over, any str
    # (a lone surrogate too, which strict UTF-8 refuses), and a part may hold a NUL: each is length-prefixed.
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
