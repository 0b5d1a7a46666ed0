"""The run: read every article, extract what changed (parsing each article once), assemble, write all or nothing."""
from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import __version__, cache, updates
from generator.articles import read_article, read_seeds, read_story_meta
from generator.assemble import assemble
from generator.records import Article, Findings, StoryContent
from generator.store import atomic, merge, schema, yaml_text

@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)  # article paths that had to be parsed
    report: list[str] = field(default_factory=list)  # notes for the user: inferred, missing, warnings
    stories: list[str] = field(default_factory=list)
    # The stories this run assembled, as their YAML now says (editors' corrections merged): rendering takes them
    # from here rather than reading back what was just written.
    contents: dict[str, StoryContent] = field(default_factory=dict)


@functools.cache
def extraction_key() -> str:
    """Generator version, model version and the code that makes ``Findings``: a change to any re-extracts.

    Only the modules ``analyze`` and the parse depend on are hashed (found by following their imports), so a change
    to assembly, storage, rendering or this file reuses every parsed article instead of parsing the archive again.
    """
    from generator.nlp import model_version

    extractors = sorted(p.relative_to(cache.PACKAGE).as_posix() for p in (cache.PACKAGE / "extract").glob("*.py"))
    return cache.digest(__version__, model_version(), cache.code_digest(*_EXTRACTION_ROOTS, *extractors), size=16)


# Where Findings come from: the article reader, the parse, the extractors, and the records and schema they fill.
_EXTRACTION_ROOTS = ("articles.py", "nlp.py", "records.py", "store/schema.py", "extract/__init__.py")


@functools.cache
def reading_key() -> str:
    """Generator version and the code that reads an article file into an ``Article`` (``articles.py`` and what it
    imports): a model upgrade or a changed extractor re-parses articles but does not read their files again."""
    return cache.digest(__version__, cache.code_digest("articles.py"), size=16)


def article_key(article: Article, path_bytes: bytes) -> str:
    """The cache entry's name: the article file's bytes (front matter included), its id and :func:`extraction_key`."""
    return cache.digest(extraction_key(), article.id, path_bytes)


def update_content(seeds: Path, content: Path, *, cache_dir: Path | None = None,
                   log: Callable[[str], None] = lambda s: None, workers: int | None = None,
                   executor: str | None = None, scheduler: str | None = None) -> Result:
    """``seeds/<story>/`` → ``content/<story>/*.yaml``. Every article is read and checked before anything is written.

    ``cache_dir`` is the cache's root (default: ``.explainer-cache`` beside ``content``); see ``generator.cache``.
    """
    result = Result()
    kept = cache.Cache(cache_dir) if cache_dir else cache.Cache.beside(content)
    cached = CachedArticles(kept.articles)
    stories = read_seeds(seeds, cached.read)
    metas = {sid: read_story_meta(seeds / sid, report=result.report) for sid in stories}
    for articles in stories.values():
        for a in articles:
            result.report += [f"{a.path}: {note}" for note in a.notes]
    keys = {a.path: article_key(a, cached.bytes[a.path]) for arts in stories.values() for a in arts}
    # A story whose articles, metadata, code and content files are all as the last run left them is done already:
    # editors rebuild after every correction, and re-assembling a 1,000-article story costs more than parsing one.
    story_keys = {sid: story_key(sid, metas[sid], [keys[a.path] for a in arts], content) for sid, arts in stories.items()}
    todo = {sid: arts for sid, arts in stories.items() if _read(kept.story(sid, "key")) != story_keys[sid]}
    findings = _findings([a for arts in todo.values() for a in arts], kept.findings, result, log,
                         workers=workers, executor=executor, scheduler=scheduler, keys=keys)
    files: dict[Path, str] = {}
    result.stories = sorted(stories)
    item_texts = {sid: yaml_text.ItemTexts(kept.story(sid, "yaml-texts.json")) for sid in todo}
    for sid, articles in todo.items():
        built = assemble(sid, metas[sid], articles, {a.id: findings[a.path] for a in articles}, result.report)
        # The editors' corrections in content/ are merged in (and checked) here, still in memory.
        story_files, result.contents[sid] = merge.story_files(content / sid, built, result.report, item_texts[sid])
        files.update(story_files)
        # What this run changed, measured on the machine's output: an editor's correction is not news.
        files.update(updates.files(content / sid, content / sid / merge.BASE_DIR, built))
    for name, text in yaml_text.schema_files().items():
        files[content / yaml_text.SCHEMA_DIR / name] = text
    # Everything is rendered in memory first, then written all or nothing: a failure leaves content/ as it was.
    result.written = atomic.write_all(files)
    # Findings no article has now (an article edited or gone, extraction code changed) go: the cache stays the
    # size of the archive, not of its history.
    cache.prune(kept.findings, keep={f"{key}.json" for key in keys.values()})
    cached.save()
    for sid in todo:
        item_texts[sid].save()
        atomic.write_if_changed(kept.story(sid, "key"),
                                story_key(sid, metas[sid], [keys[a.path] for a in stories[sid]], content))
    return result


@dataclass(frozen=True)
class CachedArticle:
    digest: str  # of the reading code and the file's bytes
    article: Article


class CachedArticles:
    """Articles as the last run read them, by path: reading a 1,000-article story's files takes a second, and a
    cached article whose file and reading code are unchanged is the same record."""

    def __init__(self, path: Path) -> None:
        self.path, self.bytes, self.used, self.changed = path, {}, {}, False
        try:
            self.known = schema.adapter(dict[str, CachedArticle]).validate_json(path.read_bytes())
        except (OSError, ValueError):  # missing or damaged: every article is read
            self.known = {}

    def read(self, path: Path) -> Article:
        data = path.read_bytes()
        digest = cache.digest(reading_key(), data)
        entry = self.known.get(str(path))
        if entry is None or entry.digest != digest:
            entry, self.changed = CachedArticle(digest, read_article(path)), True
        self.bytes[entry.article.path], self.used[str(path)] = data, entry
        return entry.article

    def save(self) -> None:
        if self.changed or self.used.keys() != self.known.keys():
            atomic.write_if_changed(self.path, schema.adapter(dict[str, CachedArticle]).dump_json(
                self.used).decode("utf-8"))


def story_key(sid: str, meta: dict, keys: list[str], content: Path) -> str:
    """Everything a story's YAML depends on: its articles (cache keys), metadata, the generator's code, and the
    content files as they are on disk (an editor's change to any of them makes the story run again)."""
    folder = content / sid
    files = sorted([*folder.glob("*.yaml"), *folder.glob(".generated/*.yaml")])
    return cache.digest(sid, json.dumps(meta, sort_keys=True, default=str), story_code_key(), *sorted(keys),
                        *(part for path in files for part in (path.name, path.read_bytes())), size=64)


def story_code_key() -> str:
    """The code that decides a story's YAML: this run and every module it imports (assembly, merging, storage,
    and the extraction behind the findings), followed through their imports."""
    return cache.digest(extraction_key(), cache.code_digest("pipeline.py"), size=16)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _findings(articles: list[Article], cache_dir: Path, result: Result, log, *, keys: dict[str, str],
              workers: int | None = None, executor: str | None = None,
              scheduler: str | None = None) -> dict[str, Findings]:
    """Each article's findings: from the cache when its key matches, else parsed (only those) and cached."""
    out: dict[str, Findings] = {}
    todo: list[tuple[Article, Path]] = []
    for a in articles:
        path = cache_dir / f"{keys[a.path]}.json"
        cached = _load_cached(path)
        if cached is not None:
            out[a.path] = cached
        else:
            todo.append((a, path))
    if todo:
        # generator.parallel imports no spaCy: the model loads in whichever process parses (and says where).
        from generator.parallel import analyze_all

        paths = {a.path: path for a, path in todo}
        progress = Progress(len(todo))
        for article, found in analyze_all([a for a, _ in todo], workers=workers, executor=executor,
                                          scheduler=scheduler, log=log):
            out[article.path] = found
            result.parsed.append(article.path)
            # Written as each chunk arrives: an interrupted run keeps what it parsed.
            atomic.write_if_changed(paths[article.path],
                                    json.dumps(schema.to_data(found), ensure_ascii=False, sort_keys=True))
            progress.step()
        progress.done()
    return out


class Progress:
    """A one-line count of parsed articles on an interactive terminal, for parses long enough to wonder about;
    nothing at all in CI, in a pipe or in a log."""

    def __init__(self, total: int, *, stream=None, at_least: int = 20) -> None:
        self.stream = stream or sys.stderr
        self.total, self.count = total, 0
        self.shown = total >= at_least and getattr(self.stream, "isatty", lambda: False)()

    def step(self) -> None:
        self.count += 1
        if self.shown:
            width = 30
            filled = width * self.count // self.total
            self.stream.write(f"\r  parsing [{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}")
            self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _load_cached(path: Path) -> Findings | None:
    try:
        # pydantic parses and validates the JSON in one pass, several times faster than json.loads then validation.
        return schema.adapter(Findings).validate_json(path.read_bytes())
    except Exception:  # a missing, stale or damaged cache entry is re-extracted, never trusted
        return None
