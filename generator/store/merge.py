"""Editors' corrections survive re-extraction: a three-way merge of the last machine output, the editor's file and
the new machine output, item by item (by ``id``) and field by field.

The rules, the ones version control uses for text, applied to records:
- a field the editor did not touch takes the new machine value; a field the machine did not change keeps the
  editor's value; when both changed it differently, the editor wins and the run says so;
- an item the editor deleted stays deleted while the machine still finds it; an item the editor added is kept;
- an item the machine finds for the first time is added; one it no longer finds goes, unless the editor edited it;
- lists of items with ids inside an item (``story.yaml``'s ``articles``) are merged the same way, one level down.

Everything here is plain data (what ``schema.to_data`` returns) in, plain data out; files are read and written by
:func:`story_files`, which the pipeline calls before anything is written.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.records import StoryContent
from generator.store import checks, schema, story_content, yaml_text

# sources.yaml mirrors the articles' text, which evidence offsets point into: it follows the articles, and a fix to
# it belongs in seeds/. Every other file is the editors' to correct.
MERGED = tuple(kind for kind in schema.FILES if kind != "sources")
BASE_DIR = ".generated"  # a dot-folder: MkDocs leaves it out of the site by default (exclude_docs: .*)
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
SHOWN = 4  # ids named in a report line before "and N more"


@dataclass
class Notes:
    """What a merge did, for the run's report: kept edits, kept deletions and additions, conflicts, new findings."""

    kept: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    added_by_editor: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)

    def lines(self, where: str) -> list[str]:
        parts = [("kept your edit", self.kept), ("kept deleted", self.deleted),
                 ("kept your added item", self.added_by_editor), ("added new finding", self.added),
                 ("followed your change to actors", self.moved),
                 ("could not merge, kept your version of", self.conflicts)]
        return [f"{where}: {label} ({len(ids)}): {_some(ids)}" for label, ids in parts if ids]


def _some(ids: list[str]) -> str:
    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
    return ", ".join(ids[:SHOWN]) + more


# --- the merge ---------------------------------------------------------------------------------------------------

def merge_value(base: Any, mine: Any, new: Any, where: str, notes: Notes) -> Any:
    """One value three ways; ``MISSING`` stands for a key or item that is not there."""
    if mine == base:
        return new
    if isinstance(mine, dict) and isinstance(new, dict):
        return merge_mapping(base if isinstance(base, dict) else {}, mine, new, where, notes)
    if _keyed(mine) and _keyed(new):
        return merge_items(base if _keyed(base) else [], mine, new, where, notes)
    if new == base:
        notes.kept.append(where)
    elif new != mine:
        notes.conflicts.append(where)
    return mine


def merge_mapping(base: dict, mine: dict, new: dict, where: str, notes: Notes) -> dict:
    """Key by key; the machine's key order first (the schema's), then keys only the editor has."""
    out = {}
    for key in [*new, *(k for k in mine if k not in new)]:
        value = merge_value(base.get(key, MISSING), mine.get(key, MISSING), new.get(key, MISSING),
                            f"{where}.{key}" if where else key, notes)
        if value is not MISSING:
            out[key] = value
    return out


def merge_items(base: list[dict], mine: list[dict], new: list[dict], where: str, notes: Notes) -> list[dict]:
    """Items by ``id``, in the machine's order; an item only the editor has follows its neighbour in their file."""
    b, m, n = (_by_id(items) for items in (base, mine, new))
    label = (lambda i: f"{where}[{i}]") if where else (lambda i: i)
    merged: dict[str, dict] = {}
    for ident, item in n.items():
        if ident in m:
            merged[ident] = merge_value(b.get(ident, MISSING), m[ident], item, label(ident), notes)
        elif ident in b:
            notes.deleted.append(label(ident))
        else:
            merged[ident] = item
            notes.added.append(label(ident))
    for ident, item in m.items():
        if ident in n:
            continue
        if ident not in b:
            notes.added_by_editor.append(label(ident))
        elif item != b[ident]:
            notes.conflicts.append(f"{label(ident)} (no longer found in the articles)")
        else:
            continue  # the machine dropped an item the editor never touched: it goes
        merged[ident] = item
    return _in_order(merged, list(n), list(m))


def _in_order(merged: dict[str, dict], machine_order: list[str], editor_order: list[str]) -> list[dict]:
    order = [i for i in machine_order if i in merged]
    for pos, ident in enumerate(editor_order):
        if ident in merged and ident not in order:
            before = next((p for p in reversed(editor_order[:pos]) if p in order), None)
            order.insert(order.index(before) + 1 if before else 0, ident)
    return [merged[i] for i in order]


def _keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def _by_id(items: list[dict]) -> dict[str, dict]:
    return {str(item["id"]): item for item in items}


# --- references after a merge ------------------------------------------------------------------------------------

def repoint_actors(data: dict[str, Any], machine: dict[str, Any], notes: dict[str, Notes]) -> None:
    """Machine references to an actor the editor deleted follow the editor's decision, in place.

    An editor merges two actors by deleting one and moving its name into the other's ``aliases``: quotes and
    timeline items the machine attributes to the deleted one move to the one that holds its name now. With no such
    actor the attribution is dropped. References the editor wrote are left alone: ``check_references`` reports them.
    """
    kept = {a["id"] for a in data["actors"]}
    owner = {_norm(name): a["id"] for a in data["actors"] for name in [a["name"], *a.get("aliases", [])]}
    names = {a["id"]: a["name"] for a in data["actors"]}
    gone = {a["id"]: next((owner[_norm(x)] for x in [a["name"], *a["aliases"]] if _norm(x) in owner), None)
            for a in machine["actors"] if a["id"] not in kept}
    machine_quotes = _by_id(machine["quotes"])
    for q in data["quotes"]:
        fresh = machine_quotes.get(q["id"], {})
        if q.get("speaker") in gone and q.get("speaker") == fresh.get("speaker"):
            target = gone[q["speaker"]]
            q["speaker"], q["speaker_name"] = target, names.get(target) if target else None
            notes["quotes"].moved.append(f"{q['id']}.speaker")
    machine_times = _by_id(machine["timeline"])
    for t in data["timeline"]:
        fresh = machine_times.get(t["id"], {})
        if any(a in gone for a in t.get("actors", [])) and t.get("actors") == fresh.get("actors"):
            t["actors"] = sorted({gone.get(a, a) for a in t["actors"] if gone.get(a, a)})
            notes["timeline"].moved.append(f"{t['id']}.actors")


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


# --- a story's files ---------------------------------------------------------------------------------------------

def story_files(folder: Path, machine: StoryContent, report: list[str],
                item_texts: yaml_text.ItemTexts | None = None) -> tuple[dict[Path, str], StoryContent]:
    """Path → text of a story's YAML merged with the editor's corrections, and of the new merge base; and the
    merged content as records (what the YAML says, for rendering: the machine's own when nothing was edited).

    Reads (and validates) the editor's files and the last machine output; writes nothing. A file the editor deleted
    is taken whole from the machine, the way to start a file over. With no merge base recorded (content from before
    corrections were merged), every difference from the new machine output counts as the editor's.
    """
    new = {kind: schema.to_data(getattr(machine, kind)) for kind in schema.FILES}
    bodies = {kind: yaml_text.dump_body(new[kind], item_texts) for kind in schema.FILES}
    # A file that is byte for byte the last machine output holds no correction: it takes the new output whole,
    # without being parsed (a 1,000-article story's YAML takes seconds to read).
    mine = {kind: _read(folder / f"{kind}.yaml", kind) for kind in MERGED if not _untouched(folder, kind)}
    edited = [kind for kind in MERGED if mine.get(kind) is not None]
    # A file the editor deleted (or a story's first run) takes the new output whole too.
    untouched = {kind for kind in MERGED if kind not in edited}
    base = {kind: _read_base(folder / BASE_DIR / f"{kind}.yaml", kind) for kind in edited}
    notes = {kind: Notes() for kind in MERGED}
    out = {kind: new[kind] if kind in untouched else _merge_file(base[kind], mine[kind], new[kind], notes[kind])
           for kind in MERGED if kind != "story"}
    if "actors" in edited:
        # Repointing edits quotes and timeline items in place: never the editor's or the machine's.
        out.update(copy.deepcopy({kind: out[kind] for kind in ("quotes", "timeline")}))
        repoint_actors(out, new, notes)
    out["story"] = new["story"] if "story" in untouched else copy.deepcopy(
        _merge_file(base["story"], mine["story"], new["story"], notes["story"]))
    out["sources"] = new["sources"]
    checks.check_references(out, folder, mine)
    files = {}
    for kind in schema.FILES:
        path = folder / f"{kind}.yaml"
        if kind in untouched or kind not in MERGED:
            files[path] = yaml_text.header(kind) + bodies[kind]
        elif out[kind] == mine[kind][0]:
            # Nothing new for this file: keep the editor's bytes, comments and all.
            files[path] = path.read_text(encoding="utf-8")
        else:
            files[path] = yaml_text.dump_yaml(out[kind], kind, item_texts=item_texts)
        if kind in MERGED:
            files[folder / BASE_DIR / f"{kind}.yaml"] = yaml_text.header(kind, base=True) + bodies[kind]
            if kind in edited and base[kind] is not None:  # without a base every edit would be listed: see below
                report += notes[kind].lines(str(path))
    if any(base[kind] is None and mine[kind] is not None for kind in edited):
        report.append(f"{folder}: no last machine output recorded in {BASE_DIR}/ (content from an older version): "
                      "every difference was kept as an editor's correction; delete a file to take the machine's "
                      "version whole")
    return files, (machine if not edited else story_content.from_merged(out, folder))


def _untouched(folder: Path, kind: str) -> bool:
    """Whether the editor's file is the last machine output as written, header and all."""
    try:
        mine = (folder / f"{kind}.yaml").read_text(encoding="utf-8")
        last = (folder / BASE_DIR / f"{kind}.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    found = yaml_text.body(mine, kind)
    return found is not None and found == yaml_text.body(last, kind, base=True)


def _merge_file(base: Any, mine: tuple[Any, dict] | None, new: Any, notes: Notes) -> Any:
    if mine is None:
        return new
    empty = {} if isinstance(new, dict) else []
    return merge_value(empty if base is None else base, mine[0], new, "", notes)


def _read(path: Path, kind: str) -> tuple[Any, dict] | None:
    """The editor's file as plain data (defaults filled in) and its line map, or None when there is none."""
    if not path.exists():
        return None
    data, lines = yaml_text.load_yaml(path)
    records = schema.validate_file(kind, [] if data is None and kind != "story" else data, path=str(path),
                                   lines=lines)
    data = schema.to_data(records)
    checks.check_unique_ids(data, path, lines)
    return data, lines


def _read_base(path: Path, kind: str) -> Any:
    """The last machine output; a damaged one is as good as none (the merge then keeps every difference)."""
    try:
        found = _read(path, kind)
    except ContentError:
        return None
    return found[0] if found else None
