"""The run: read every article, extract what changed (parsing each article once), assemble, write all or nothing."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

from generator import __version__, schema, store
from generator.articles import read_seeds, read_story_meta
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
    """Generator version, model version and the extraction code itself: a change to any re-extracts."""
    from generator.nlp import model_version

    here = Path(__file__).parent
    digest = hashlib.sha256(f"{__version__}|{model_version()}".encode())
    for path in sorted([*here.glob("*.py"), *here.glob("extract/*.py")]):
        if path.name not in ("render.py", "mkdocs_hook.py", "__main__.py", "cli.py", "evaluate.py"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(article: Article, path_bytes: bytes) -> str:
    return hashlib.sha256(fingerprint().encode() + b"\0" + article.id.encode() + b"\0" + path_bytes).hexdigest()[:24]


def extract(seeds: Path, content: Path, *, cache_dir: Path | None = None,
            log: Callable[[str], None] = lambda s: None) -> Result:
    """``seeds/<story>/`` → ``content/<story>/*.yaml``. Every article is read and checked before anything is written."""
    result = Result()
    stories = read_seeds(seeds)
    metas = {sid: read_story_meta(seeds / sid) for sid in stories}
    for articles in stories.values():
        for a in articles:
            result.report += [f"{a.path}: {note}" for note in a.notes]
    cache_dir = cache_dir or content.parent / CACHE_DIR / "findings"
    findings = _findings([a for arts in stories.values() for a in arts], cache_dir, result, log)
    files: dict[Path, str] = {}
    for sid, articles in stories.items():
        built = assemble(sid, metas[sid], articles, {a.id: findings[a.path] for a in articles}, result.report)
        for name, text in store.render_content(built).items():
            files[content / sid / name] = text
        result.stories.append(sid)
    for name, text in store.schema_files().items():
        files[content / store.SCHEMA_DIR / name] = text
    # Everything is rendered in memory first: a failure above leaves content/ as it was.
    for path, text in sorted(files.items()):
        if store.write_if_changed(path, text):
            result.written.append(path)
    return result


def _findings(articles: list[Article], cache_dir: Path, result: Result, log) -> dict[str, Findings]:
    out: dict[str, Findings] = {}
    todo: list[tuple[Article, Path]] = []
    for a in articles:
        path = cache_dir / f"{article_key(a, Path(a.path).read_bytes())}.json"
        cached = _load_cached(path)
        if cached is not None:
            out[a.path] = cached
        else:
            todo.append((a, path))
    if todo:
        from generator import nlp
        from generator.extract import analyze

        log(f"parsing {len(todo)} article(s) with {nlp.MODEL}")
        for (article, doc), (_, path) in zip(nlp.parse(a for a, _ in todo), todo):
            found = analyze(article, doc)
            out[article.path] = found
            result.parsed.append(article.path)
            store.write_if_changed(path, json.dumps(schema.to_data(found), ensure_ascii=False, sort_keys=True))
    return out


def _load_cached(path: Path) -> Findings | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return schema.from_data(Findings, data, path=str(path))
    except Exception:  # a missing, stale or damaged or damaged cache entry is re-extracted, never trusted
        return None
