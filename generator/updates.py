"""A story's updates log, ``content/<story>/updates.yaml``: each run that changed the story says what it changed.

The log is made from the content, never the clock, so a build from a clean clone makes the same entries:

- what changed is found by comparing the new machine output with the last one, whose ids (and a digest of each
  article as read) are kept in ``.generated/ids.json`` beside the merge base and committed with it;
- an entry's date is the newest publication date among the articles it adds or changes.

A run that changes nothing adds nothing and rewrites nothing. Entries already written are never regenerated, so an
editor's rewording of one survives every later run.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

from generator import cache
from generator.records import Story, StoryContent, Update
from generator.store import schema, yaml_text

FILE = "updates.yaml"
INDEX = "ids.json"  # in the merge base's folder (``generator.store.merge.BASE_DIR``)
# The kinds whose new items an entry lists, and its field for each (the timeline's items are events).
KINDS = {"actors": "actors", "quotes": "quotes", "timeline": "events", "questions": "questions"}
NOUNS = {"actors": ("person, organisation or place", "people, organisations and places"),
         "quotes": ("quote", "quotes"), "events": ("dated event", "dated events"),
         "questions": ("open question", "open questions")}


def index(content: StoryContent) -> dict[str, Any]:
    """What an update is measured against: each article's text, and every item's id by kind.

    An article counts as changed when its words do, not when a newer generator splits its sentences or infers its
    date otherwise: that shows as the items it changes, not as an article a reader should read again."""
    articles = {s.id: cache.digest(*" ".join(x.text for b in s.blocks for x in b.sentences).split())
                for s in content.sources}
    return {"articles": dict(sorted(articles.items())),
            **{kind: sorted(item.id for item in getattr(content, kind)) for kind in KINDS}}


def entry(before: Optional[dict[str, Any]], now: dict[str, Any], story: Story, *, after: str = "") -> Optional[Update]:
    """The update from ``before`` (None: the story is new) to ``now``, or None when nothing a reader sees changed;
    ``after`` is the id of the log's newest entry, part of this one's id (an article taken out and put back makes
    an entry like an earlier one, and ids must stay unique)."""
    old = before or {"articles": {}, **{kind: [] for kind in KINDS}}
    added = [a for a in now["articles"] if a not in old["articles"]]
    changed = [a for a in now["articles"] if a in old["articles"] and old["articles"][a] != now["articles"][a]]
    removed = [a for a in old["articles"] if a not in now["articles"]]
    gained = {field: sorted(set(now[kind]) - set(old.get(kind, []))) for kind, field in KINDS.items()}
    closed = sorted(set(old.get("questions", [])) - set(now["questions"]))
    if not (added or changed or removed or closed or any(gained.values())):
        return None
    refs = {a.id: a for a in story.articles}
    dates = [refs[a].published for a in added + changed if a in refs and refs[a].published]
    dates = dates or [a.published for a in story.articles if a.published]
    date = max(dates) if dates else None
    line = summary(story, added=added, changed=changed, removed=removed, gained=gained, closed=closed,
                   first=before is None)
    return Update(id="u-" + cache.digest(after, date or "", *added, "|", *changed, "|", *removed, "|",
                                         *(i for ids in gained.values() for i in ids), size=10),
                  date=date, summary=line, articles=added + changed + removed, **gained, questions_closed=closed)


def summary(story: Story, *, added: list[str], changed: list[str], removed: list[str], gained: dict[str, list[str]],
            closed: list[str], first: bool) -> str:
    """One line a reader can take as written: which articles came, went or changed, and what is new."""
    titles = {a.id: a.title or a.id for a in story.articles}

    def articles(ids: list[str], verb: str) -> str:
        if len(ids) == 1:
            return f"{verb} “{titles.get(ids[0], ids[0])}”"
        return f"{verb} {len(ids)} articles"

    if first:
        parts = [f"Started from {_count(len(added), 'article', 'articles')}"]
    else:
        parts = [articles(ids, verb) for ids, verb in ((added, "Added"), (changed, "Updated"), (removed, "Removed"))
                 if ids]
    news = [_count(len(ids), *NOUNS[field]) for field, ids in gained.items() if ids]
    line = "; ".join(parts) or "The story's content changed"
    if news and not first:
        line += ": new " + _join(news)
    elif news:
        line += ": " + _join(news)
    if closed and not first:
        line += f"; {_count(len(closed), 'question', 'questions')} no longer open"
    return line + "."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def read_log(folder: Path) -> list[Update]:
    """The story's log as written (an editor may have reworded an entry), validated; empty when there is none."""
    path = folder / FILE
    if not path.exists():
        return []
    data, lines = yaml_text.load_yaml(path)
    return schema.validate_file("updates", data or [], path=str(path), lines=lines)


def read_index(base: Path) -> Optional[dict[str, Any]]:
    try:
        found = json.loads((base / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("articles"), dict) else None


def files(folder: Path, base: Path, content: StoryContent) -> dict[Path, str]:
    """The log with this run's entry first, and the index it was measured against; nothing when nothing changed.

    The entry is written above the log's text as it is, not parsed: a story's log grows with every run, and the
    entries already there are the editors' to reword (``check`` and the pages read them)."""
    now = index(content)
    before = read_index(base)
    if before == now:
        return {}
    out = {base / INDEX: json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True) + "\n"}
    path = folder / FILE
    try:
        written = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        written = ""
    rest = yaml_text.body(written, "updates") if written else ""
    head = _HEAD.search(rest or "")
    new = entry(before, now, content.story, after=head.group(1) if head else "")
    if new is None:
        return out
    if rest is None:  # the header was edited by hand: the log is read and written whole
        out[path] = yaml_text.dump_yaml(schema.to_data([new, *read_log(folder)]), "updates")
    else:
        out[path] = yaml_text.header("updates") + yaml_text.dump_body(schema.to_data([new])) + (
            "" if rest.strip() in ("", "[]") else rest)
    return out


_HEAD = re.compile(r"^- id: ['\"]?([^'\"\s]+)", re.M)
