"""What the schema cannot say: ids unique, references that resolve, dates that exist."""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.store import schema
from generator.store.yaml_text import load_yaml, read_file

DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SHOWN_IDS = 8  # ids listed in an "allowed:" hint before "…"


def check_unique_ids(data: Any, path: Path, lines: dict) -> None:
    """An item's id is how corrections are matched to new findings: two items with one id cannot be told apart."""
    if not isinstance(data, list):
        return
    first: dict[str, int] = {}
    for i, item in enumerate(data):
        if item["id"] in first:
            raise ContentError(path, f"{i}.id: {item['id']!r} is already the id of item {first[item['id']]} "
                               f"(line {lines.get((first[item['id']], 'id'), '?')})", line=lines.get((i, "id")),
                               hint="every item needs an id of its own: change one, or delete the duplicate")
        first[item["id"]] = i


def reference_problems(data: dict[str, Any]) -> list[tuple[str, str, tuple, str, str]]:
    """(file kind, item id, key path in the item, what is wrong, what is allowed) for a story's plain data."""
    actors = [a["id"] for a in data["actors"]]
    articles = [a["id"] for a in data["story"]["articles"]]
    known_actors, known_articles = set(actors), set(articles)
    out = []

    def need(kind, item, keys, value, known, names, what):
        if value not in known:
            out.append((kind, item["id"], keys, f"{value!r} is not {what}", f"allowed: {names}"))

    actor_names = "null or " + _listing(actors) + " (the ids in actors.yaml)"
    article_names = _listing(articles) + " (the articles in story.yaml)"
    for q in data["quotes"]:
        if q["speaker"] is not None:
            need("quotes", q, ("speaker",), q["speaker"], known_actors, actor_names, "the id of an actor")
    for t in data["timeline"]:
        for i, actor in enumerate(t["actors"]):
            need("timeline", t, ("actors", i), actor, known_actors, _listing(actors), "the id of an actor")
        for key in ("date", "end"):
            if t[key] is not None and not _real_date(t[key]):
                out.append(("timeline", t["id"], (key,), f"{t[key]!r} is not a date",
                            "allowed: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2026-06-08"))
    for kind in ("actors", "quotes", "timeline", "questions", "conflicts"):
        for item in data[kind]:
            if "article" in item:
                need(kind, item, ("article",), item["article"], known_articles, article_names, "an article id")
            for i, ev in enumerate(item["evidence"]):
                need(kind, item, ("evidence", i, "article"), ev["article"], known_articles, article_names,
                     "an article id")
    return out


def _listing(ids: list[str]) -> str:
    return ", ".join(ids[:SHOWN_IDS]) + (", …" if len(ids) > SHOWN_IDS else "") if ids else "(none)"


def _real_date(value: str) -> bool:
    m = DATE.fullmatch(value)
    if not m:
        return False
    year, month, day = (int(x) if x else 1 for x in m.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def reference_errors(data: dict[str, Any], folder: Path, files: dict[str, tuple[Any, dict] | None]) -> list[ContentError]:
    """Each reference problem as an error at its line in the editor's file (``files``: kind → (data, lines))."""
    errors = []
    for kind, ident, keys, problem, allowed in reference_problems(data):
        found = files.get(kind)
        index = next((i for i, item in enumerate(found[0]) if item["id"] == ident), None) if found else None
        where = ".".join(str(k) for k in ((ident if index is None else index), *keys))
        line = None
        if index is not None:
            line = next((found[1][(index, *keys[:n])] for n in range(len(keys), -1, -1)
                         if (index, *keys[:n]) in found[1]), None)
        errors.append(ContentError(folder / f"{kind}.yaml", f"{where}: {problem}", line=line, hint=allowed))
    return errors


def check_references(data: dict[str, Any], folder: Path, files: dict[str, tuple[Any, dict] | None]) -> None:
    """Raise the first reference problem (and say how many more there are)."""
    errors = reference_errors(data, folder, files)
    if errors:
        first = errors[0]
        if len(errors) > 1:
            first.message += f" (and {len(errors) - 1} more: run `python -m generator check`)"
        raise first


def check_content(content: Path) -> list[ContentError]:
    """Every problem in every story of ``content``: the schema's, per file, then references across files."""
    errors: list[ContentError] = []
    for folder in sorted(p for p in content.iterdir()
                         if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.yaml"))):
        files: dict[str, tuple[Any, dict] | None] = {}
        for kind in schema.FILES:
            path = folder / f"{kind}.yaml"
            try:
                if not path.exists():
                    raise ContentError(path, "missing", hint="run `python -m generator extract` to create it")
                data, lines = load_yaml(path)
                records = read_file(path, kind, loaded=(data, lines))
                files[kind] = (schema.to_data(records), lines)
                check_unique_ids(files[kind][0], path, lines)
            except ContentError as err:
                errors.append(err)
        if len(files) == len(schema.FILES):
            errors += reference_errors({k: v[0] for k, v in files.items()}, folder, files)
        for kind in schema.LOGS:  # optional: a story's first run writes it
            path = folder / f"{kind}.yaml"
            try:
                if path.exists():
                    data, lines = load_yaml(path)
                    check_unique_ids(schema.to_data(read_file(path, kind, loaded=(data, lines))), path, lines)
            except ContentError as err:
                errors.append(err)
    return errors
