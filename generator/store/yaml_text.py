"""content/ on disk: deterministic, readable YAML in, validated records out, files replaced atomically."""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import signal
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import yaml

from generator.errors import ContentError
from generator.records import StoryContent
from generator.store import schema

SCHEMA_DIR = "schemas"
# Folded at this width so a diff of an editor's fix shows one changed line, not a reflowed paragraph.
WIDTH = 110


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, written by libyaml: the pure-Python emitter took most of a 1,000-article rebuild.

    Lists under a key are written at the key's indentation (libyaml's only form), the same bytes with either
    emitter, so output does not depend on whether PyYAML was built with libyaml.
    """

    def ignore_aliases(self, data: Any) -> bool:
        # No &anchors: an editor reads every value where it belongs, and items dump alike alone or in a list.
        return True


# Plain scalars that PyYAML reads back as text but YAML 1.2 tools (the editors' schema checker) read as numbers
# or booleans: quoted, so an article's "1e3" or "y" stays text in every reader.
_LOOKS_TYPED = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|[yYnN]")
# Unicode line breaks PyYAML's emitter mistakes for its own in plain and block styles (NEL comes back as a space).
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _UNICODE_BREAKS.search(value):
        style = '"'
    elif _LOOKS_TYPED.fullmatch(value):
        style = "'"
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


BASE_HEADER = "# The last machine output, kept so that editors' corrections survive the next run: do not edit.\n"


def dump_yaml(data: Any, kind: str, *, base: bool = False, memo: "DumpMemo | None" = None) -> str:
    """YAML text of a content file; ``base`` for the merge base one folder down (``generator.store.merge``)."""
    return header(kind, base=base) + dump_body(data, memo)


def header(kind: str, *, base: bool = False) -> str:
    """The comment lines above a content file's data: its schema, and for a merge base, not to edit it."""
    up = "../../" if base else "../"
    return (BASE_HEADER if base else "") + f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.schema.json\n"


def body(text: str, kind: str, *, base: bool = False) -> str | None:
    """The data part of a file :func:`dump_yaml` wrote, or None when its header is not the one it wrote."""
    head = header(kind, base=base)
    return text[len(head):] if text.startswith(head) else None


def dump_body(data: Any, memo: "DumpMemo | None" = None) -> str:
    """The YAML of ``data``; with a ``memo``, the text of each list item (or mapping key) written last time is
    reused: a block list is its items' texts one after another, so only new or changed items are represented."""
    if memo is None or not data or not isinstance(data, (list, dict)):
        return _dump(data)
    parts = [[item] for item in data] if isinstance(data, list) else [{key: value} for key, value in data.items()]
    text = "".join(memo.dump(part) for part in parts)
    # A `|+` block (text ending in a line break) leaves libyaml's emitter expecting a `...` document end, a state
    # that carries over into the next items: such rare files are written whole.
    return _dump(data) if _KEEP_CHOMPING.search(text) else text


_KEEP_CHOMPING = re.compile(r"[|>][1-9]?\+$", re.M)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH,
                     default_flow_style=False)


class DumpMemo:
    """YAML texts of list items from the last run, by a digest of the item's data (a story's file in the cache).

    PyYAML represents every scalar in Python even with libyaml, which made rewriting a 1,000-article story's files
    after a one-article change take seconds; an item's JSON is written in C and its digest names the item.
    """

    def __init__(self, path: Path) -> None:
        self.path, self.used = path, {}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            self.known = saved["texts"] if saved.get("version") == _memo_version() else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.known = {}  # a missing or damaged memo only costs time

    def dump(self, part: Any) -> str:
        key = hashlib.sha1(json.dumps(part, ensure_ascii=False).encode()).hexdigest()
        text = self.known.get(key)
        if not isinstance(text, str):
            text = _dump(part)
        self.used[key] = text
        return text

    def save(self) -> None:
        """Keep the texts this run used, and only those: the memo is as large as the story, not its history."""
        write_if_changed(self.path, json.dumps({"version": _memo_version(), "texts": self.used}, ensure_ascii=False))


@cache
def _memo_version() -> str:
    """How texts are written: this module's code and the emitter; a change to either starts the memo over."""
    return hashlib.sha1(Path(__file__).read_bytes() + f"{yaml.__version__}|{_Dumper.__mro__[1].__name__}".encode()
                        ).hexdigest()


def render_content(content: StoryContent) -> dict[str, str]:
    """File name → text for one story's YAML files."""
    out = {}
    for kind in schema.FILES:
        out[f"{kind}.yaml"] = dump_yaml(schema.to_data(getattr(content, kind)), kind)
    return out


def schema_files() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(schema.json_schema(kind), indent=2, sort_keys=True) + "\n"
            for kind in {**schema.FILES, **schema.LOGS}}


def write_if_changed(path: Path, text: str) -> bool:
    """Replace ``path`` atomically (temporary file, then rename) when its bytes differ. True if written.

    Writing only on change keeps ``mkdocs serve`` from seeing its own output as an edit and rebuilding forever.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_all(files: dict[Path, str]) -> list[Path]:
    """Replace every file whose bytes differ, all or nothing; returns the paths written.

    Every new text is first written to a temporary file beside its target (where a full disk or a bad path
    fails), then the renames run with Ctrl-C held back until they are done; if one fails, the files already
    replaced get their old bytes back and folders made for new files go again. A failed run leaves the folder as
    it was, byte for byte.
    """
    changed = {path: text.encode("utf-8") for path, text in sorted(files.items()) if _differs(path, text)}
    staged: list[tuple[Path, str]] = []
    made: list[Path] = []
    done = False
    try:
        for path, data in changed.items():
            made += _make_parents(path.parent)
            staged.append((path, _stage(path, data)))
        with _ctrl_c_held():
            _swap_in(staged)
        done = True
    finally:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        if not done:
            for folder in reversed(made):
                _rmdir_if_empty(folder)
    return list(changed)


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except FileNotFoundError:
        return True


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; return the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
    return list(reversed(missing))


def _rmdir_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``path`` (same file system, so the rename is atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the result should have the mode any new file gets.
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _swap_in(staged: list[tuple[Path, str]]) -> None:
    """Rename each staged file over its target; on any failure put back what was replaced."""
    replaced: list[tuple[Path, Path | None]] = []
    backups: list[Path] = []
    try:
        for path, tmp in staged:
            backup = None
            if path.exists():
                backup = path.with_name(f".{path.name}.{os.getpid()}.old")
                backups.append(backup)
                _keep_copy(path, backup)
            os.replace(tmp, path)
            replaced.append((path, backup))
    except BaseException:
        for path, backup in reversed(replaced):
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        raise
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)


def _keep_copy(path: Path, backup: Path) -> None:
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)  # a second name for the old bytes: nothing copied, and the target never missing
    except OSError:  # file systems without hard links
        backup.write_bytes(path.read_bytes())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: setting it to read it is not thread-safe


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Defer SIGINT over a short critical section, then deliver it. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(*caught[0])
    elif caught and previous == signal.SIG_DFL:
        raise KeyboardInterrupt


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> tuple[Any, dict]:
    """Parsed data and a map from key paths ((0, 'speaker'), …) to 1-based line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError(path, f"not UTF-8 at byte {err.start}", hint="save the file as UTF-8") from None
    except OSError as err:
        raise ContentError(path, f"cannot read the file: {err.strerror}") from None
    try:
        # One parse, with libyaml when present: the nodes give line numbers, the same nodes give the data.
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                           line=mark.line + 1 if mark else None,
                           hint="fix the indentation or quoting at that line (a value with ': ' needs quotes)") from None
    lines: dict = {}
    _walk(node, (), lines)
    return data, lines


def _walk(node: Any, path: tuple, lines: dict) -> None:
    if node is None:
        return
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[path + (key.value,)] = key.start_mark.line + 1
            _walk(value, path + (key.value,), lines)
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines)


def read_file(path: Path, kind: str, *, loaded: tuple[Any, dict] | None = None) -> Any:
    data, lines = loaded or load_yaml(path)
    if data is None and kind != "story":
        data = []
    return schema.validate_file(kind, data, path=str(path), lines=lines)


def read_content(folder: Path, *, memory: Path | None = None) -> StoryContent:
    """A story's content/ files as records; a missing file is an error naming it.

    ``memory`` is where the last run that wrote these files left them as JSON (:func:`remember_content`): when
    the files are still byte for byte what it wrote, the JSON is read instead (the YAML of a 1,000-article story
    takes seconds to parse, its JSON a fraction of one).
    """
    if memory is not None:
        try:
            kept = schema.adapter(RememberedContent).validate_json(memory.read_bytes())
        except (OSError, ValueError):  # missing or damaged (pydantic's ValidationError is a ValueError)
            kept = None
        if kept is not None and kept.digest == _digest(folder):
            return kept.content
    values = {}
    for kind in schema.FILES:
        path = folder / f"{kind}.yaml"
        if not path.exists():
            raise ContentError(path, "missing", hint="run `python -m generator extract` to create it")
        values[kind] = read_file(path, kind)
    return StoryContent(**values)


@dataclass(frozen=True)
class RememberedContent:
    digest: str  # of the YAML files' bytes, as :func:`_digest` reads them
    content: StoryContent


def remember_content(memory: Path, texts: dict[str, str], data: dict[str, Any]) -> None:
    """Record a story's content (plain data by file kind) with the digest of the YAML texts it was written as."""
    digest = _digest_texts({kind: texts[kind].encode("utf-8") for kind in schema.FILES})
    write_if_changed(memory, json.dumps({"digest": digest, "content": data}, ensure_ascii=False))


def _digest(folder: Path) -> str | None:
    try:
        return _digest_texts({kind: (folder / f"{kind}.yaml").read_bytes() for kind in schema.FILES})
    except OSError:
        return None


def _digest_texts(texts: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for kind in schema.FILES:
        digest.update(kind.encode() + b"\0" + hashlib.sha256(texts[kind]).digest())
    return digest.hexdigest()


def story_folders(content: Path) -> list[Path]:
    return sorted(p.parent for p in content.glob("*/story.yaml"))


# --- what the schema cannot say: ids unique, references that resolve, dates that exist -------------------------

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
