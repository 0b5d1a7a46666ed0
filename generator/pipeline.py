"""The run: read every article, extract what changed (parsing each article once), assemble, write all or nothing."""
from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

from generator import __version__, merge, schema, store
from generator.articles import read_article, read_seeds, read_story_meta
from generator.assemble import assemble
from generator.records import Article, Findings

CACHE_DIR = ".explainer-cache"


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)  # article paths that had to be parsed
    report: list[str] = field(default_factory=list)  # notes for the user: inferred, missing, warnings
    stories: list[str] = field(default_factory=list)


@cache
def fingerprint() -> str:
    """Generator version, model version and the code that makes ``Findings``: a change to any re-extracts.

    Only the modules ``analyze`` and the parse depend on are hashed (found by following their imports), so a change
    to assembly, storage, rendering or this file reuses every parsed article instead of parsing the archive again.
    """
    from generator.nlp import model_version

    digest = hashlib.sha256(f"{__version__}|{model_version()}".encode())
    here = Path(__file__).parent
    for path in _extraction_modules(here):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# Where Findings come from: the article reader, the parse, the extractors, and the records and schema they fill.
_EXTRACTION_ROOTS = ("articles.py", "nlp.py", "records.py", "schema.py", "extract/__init__.py")


def _extraction_modules(here: Path) -> list[Path]:
    """The root modules and every ``generator`` module they import, transitively, sorted."""
    seen: set[Path] = set()
    todo = [here / name for name in _EXTRACTION_ROOTS] + sorted(here.glob("extract/*.py"))
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo += _imported(here, path)
    return sorted(seen)


def _imported(here: Path, path: Path) -> list[Path]:
    out = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from generator.extract import quotes` names a module, `from generator.records import Article` not:
            # both readings are tried, and only files that exist count.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for parts in (name.split(".") for name in names):
            if parts[0] == "generator" and len(parts) > 1:
                out += [here.joinpath(*parts[1:-1], f"{parts[-1]}.py"), here.joinpath(*parts[1:], "__init__.py")]
    return out


def article_key(article: Article, path_bytes: bytes) -> str:
    """The cache entry's name: the article file's bytes (front matter included), its id and :func:`fingerprint`."""
    return hashlib.sha256(fingerprint().encode() + b"\0" + article.id.encode() + b"\0" + path_bytes).hexdigest()[:24]


def extract(seeds: Path, content: Path, *, cache_dir: Path | None = None,
            log: Callable[[str], None] = lambda s: None, workers: int | None = None,
            executor: str | None = None, scheduler: str | None = None) -> Result:
    """``seeds/<story>/`` → ``content/<story>/*.yaml``. Every article is read and checked before anything is written."""
    result = Result()
    cache_dir = cache_dir or content.parent / CACHE_DIR / "findings"
    remembered = RememberedArticles(cache_dir.parent / "stories" / "articles.json")
    stories = read_seeds(seeds, remembered.read)
    metas = {sid: read_story_meta(seeds / sid) for sid in stories}
    for articles in stories.values():
        for a in articles:
            result.report += [f"{a.path}: {note}" for note in a.notes]
    keys = {a.path: article_key(a, remembered.bytes[a.path]) for arts in stories.values() for a in arts}
    # A story whose articles, metadata, code and content files are all as the last run left them is done already:
    # editors rebuild after every correction, and re-assembling a 1,000-article story costs more than parsing one.
    stamps = {sid: story_stamp(sid, metas[sid], [keys[a.path] for a in arts], content) for sid, arts in stories.items()}
    stamp_dir = cache_dir.parent / "stories"
    todo = {sid: arts for sid, arts in stories.items() if _read(stamp_dir / f"{sid}.stamp") != stamps[sid]}
    findings = _findings([a for arts in todo.values() for a in arts], cache_dir, result, log,
                         workers=workers, executor=executor, scheduler=scheduler, keys=keys)
    files: dict[Path, str] = {}
    result.stories = sorted(stories)
    memos = {sid: store.DumpMemo(stamp_dir / f"{sid}.yaml-texts.json") for sid in todo}
    merged = {}
    for sid, articles in todo.items():
        built = assemble(sid, metas[sid], articles, {a.id: findings[a.path] for a in articles}, result.report)
        # The editors' corrections in content/ are merged in (and checked) here, still in memory.
        story_files, merged[sid] = merge.story_files(content / sid, built, result.report, memos[sid])
        files.update(story_files)
    for name, text in store.schema_files().items():
        files[content / store.SCHEMA_DIR / name] = text
    # Everything is rendered in memory first, then written all or nothing: a failure leaves content/ as it was.
    result.written = store.write_all(files)
    remembered.save()
    for sid in todo:
        memos[sid].save()
        # Rendering reads the story back: from this JSON while the YAML is as written here.
        store.remember_content(store.content_memory(cache_dir.parent, sid),
                               {kind: files[content / sid / f"{kind}.yaml"] for kind in schema.FILES}, merged[sid])
        store.write_if_changed(stamp_dir / f"{sid}.stamp",
                               story_stamp(sid, metas[sid], [keys[a.path] for a in stories[sid]], content))
    return result


@dataclass(frozen=True)
class RememberedArticle:
    digest: str  # of the extraction code and the file's bytes
    article: Article


class RememberedArticles:
    """Articles as the last run read them, by path: reading a 1,000-article story's files takes a second, and a
    remembered article whose file and reading code are unchanged is the same record."""

    def __init__(self, path: Path) -> None:
        self.path, self.bytes, self.used, self.changed = path, {}, {}, False
        try:
            self.known = schema.adapter(dict[str, RememberedArticle]).validate_json(path.read_bytes())
        except (OSError, ValueError):  # missing or damaged: every article is read
            self.known = {}

    def read(self, path: Path) -> Article:
        data = path.read_bytes()
        digest = hashlib.sha256(fingerprint().encode() + b"\0" + data).hexdigest()
        entry = self.known.get(str(path))
        if entry is None or entry.digest != digest:
            entry, self.changed = RememberedArticle(digest, read_article(path)), True
        self.bytes[entry.article.path], self.used[str(path)] = data, entry
        return entry.article

    def save(self) -> None:
        if self.changed or self.used.keys() != self.known.keys():
            store.write_if_changed(self.path, schema.adapter(dict[str, RememberedArticle]).dump_json(
                self.used).decode("utf-8"))


def story_stamp(sid: str, meta: dict, keys: list[str], content: Path) -> str:
    """Everything a story's YAML depends on: its articles (cache keys), metadata, the generator's code, and the
    content files as they are on disk (an editor's change to any of them makes the story run again)."""
    digest = hashlib.sha256(f"{sid}|{json.dumps(meta, sort_keys=True, default=str)}|{code_fingerprint()}".encode())
    digest.update("\0".join(sorted(keys)).encode())
    folder = content / sid
    for path in sorted([*folder.glob("*.yaml"), *folder.glob(".generated/*.yaml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """Every module of the generator: assembly, merging and storage decide the YAML too."""
    here = Path(__file__).parent
    digest = hashlib.sha256(fingerprint().encode())
    for path in sorted(here.rglob("*.py")):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _findings(articles: list[Article], cache_dir: Path, result: Result, log, *, workers: int | None = None,
              executor: str | None = None, scheduler: str | None = None,
              keys: dict[str, str] | None = None) -> dict[str, Findings]:
    """Each article's findings: from the cache when its key matches, else parsed (only those) and cached."""
    out: dict[str, Findings] = {}
    todo: list[tuple[Article, Path]] = []
    for a in articles:
        key = (keys or {}).get(a.path) or article_key(a, Path(a.path).read_bytes())
        path = cache_dir / f"{key}.json"
        cached = _load_cached(path)
        if cached is not None:
            out[a.path] = cached
        else:
            todo.append((a, path))
    if todo:
        # generator.parallel imports no spaCy: the model loads in whichever process parses (and says where).
        from generator.parallel import analyze_all

        paths = {a.path: path for a, path in todo}
        for article, found in analyze_all([a for a, _ in todo], workers=workers, executor=executor,
                                          scheduler=scheduler, log=log):
            out[article.path] = found
            result.parsed.append(article.path)
            # Written as each chunk arrives: an interrupted run keeps what it parsed.
            store.write_if_changed(paths[article.path],
                                   json.dumps(schema.to_data(found), ensure_ascii=False, sort_keys=True))
    return out


def _load_cached(path: Path) -> Findings | None:
    try:
        # pydantic parses and validates the JSON in one pass, several times faster than json.loads then validation.
        return schema.adapter(Findings).validate_json(path.read_bytes())
    except Exception:  # a missing, stale or damaged cache entry is re-extracted, never trusted
        return None
