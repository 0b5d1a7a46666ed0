"""The text of a content file: deterministic, readable YAML under a header that names its schema, and YAML read back
with the line of every key, so that an error points an editor at the line to fix."""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic_core import to_json

from generator.errors import ContentError
from generator.records import StoryContent
from generator.store import schema
from generator.store.atomic import write_if_changed

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


def dump_yaml(data: Any, kind: str, *, item_texts: "ItemTexts | None" = None) -> str:
    """YAML text of a content file."""
    return header(kind) + dump_body(data, item_texts)


def header(kind: str, *, base: bool = False) -> str:
    """The comment lines above a content file's data: its schema, and for a merge base, not to edit it."""
    up = "../../" if base else "../"
    return (BASE_HEADER if base else "") + f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.schema.json\n"


def body(text: str, kind: str, *, base: bool = False) -> str | None:
    """The data part of a file :func:`dump_yaml` wrote, or None when its header is not the one it wrote."""
    head = header(kind, base=base)
    return text[len(head):] if text.startswith(head) else None


def dump_body(data: Any, item_texts: "ItemTexts | None" = None) -> str:
    """The YAML of ``data``; with ``item_texts``, the text of each list item (or mapping key) written last time is
    reused: a block list is its items' texts one after another, so only new or changed items are represented."""
    if item_texts is None or not data or not isinstance(data, (list, dict)):
        return _dump(data)
    parts = [[item] for item in data] if isinstance(data, list) else [{key: value} for key, value in data.items()]
    text = "".join(item_texts.dump(part) for part in parts)
    # A `|+` block (text ending in a line break) leaves libyaml's emitter expecting a `...` document end, a state
    # that carries over into the next items: such rare files are written whole.
    return _dump(data) if _KEEP_CHOMPING.search(text) else text


_KEEP_CHOMPING = re.compile(r"[|>][1-9]?\+$", re.M)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH,
                     default_flow_style=False)


class ItemTexts:
    """YAML texts of list items from the last run, by a digest of the item's data (a story's file in the cache).

    PyYAML represents every scalar in Python even with libyaml, which made rewriting a 1,000-article story's files
    after a one-article change take seconds; an item's JSON is written in Rust (pydantic's, twice as fast as the
    json module's) and its digest names the item.
    """

    def __init__(self, path: Path) -> None:
        self.path, self.used = path, {}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            self.known = saved["texts"] if saved.get("version") == _item_texts_key() else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.known = {}  # a missing or damaged entry only costs time

    def dump(self, part: Any) -> str:
        key = hashlib.sha1(to_json(part)).hexdigest()
        text = self.known.get(key)
        if not isinstance(text, str):
            text = _dump(part)
        self.used[key] = text
        return text

    def save(self) -> None:
        """Keep the texts this run used, and only those: the entry is as large as the story, not its history."""
        write_if_changed(self.path, json.dumps({"version": _item_texts_key(), "texts": self.used}, ensure_ascii=False))


@cache
def _item_texts_key() -> str:
    """How texts are written: this module's code and the emitter; a change to either starts the item_texts over."""
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
            _walk(value, path + (key.value,), lines)
            lines[path + (key.value,)] = key.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines)


def read_file(path: Path, kind: str, *, loaded: tuple[Any, dict] | None = None) -> Any:
    data, lines = loaded or load_yaml(path)
    if data is None and kind != "story":
        data = []
    return schema.validate_file(kind, data, path=str(path), lines=lines)
