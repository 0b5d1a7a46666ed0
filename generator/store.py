"""content/ on disk: deterministic, readable YAML in, validated records out, files replaced atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator import schema
from generator.errors import ContentError
from generator.records import StoryContent

SCHEMA_DIR = "schemas"
# Folded at this width so a diff of an editor's fix shows one changed line, not a reflowed paragraph.
WIDTH = 110


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists: the form editors read most easily."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any, kind: str) -> str:
    header = f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{kind}.schema.json\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH,
                     default_flow_style=False)
    return header + body


def render_content(content: StoryContent) -> dict[str, str]:
    """File name → text for one story's YAML files."""
    out = {}
    for kind in schema.FILES:
        out[f"{kind}.yaml"] = dump_yaml(schema.to_data(getattr(content, kind)), kind)
    return out


def schema_files() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(schema.json_schema(kind), indent=2, sort_keys=True) + "\n"
            for kind in schema.FILES}


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write prepared texts; every text is rendered before this is called, so a failure cannot leave half."""
    return [folder / name for name, text in sorted(files.items()) if write_if_changed(folder / name, text)]


def load_yaml(path: Path) -> tuple[Any, dict]:
    """Parsed data and a map from key paths ((0, 'speaker'), …) to 1-based line numbers."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
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


def read_file(path: Path, kind: str) -> Any:
    data, lines = load_yaml(path)
    if data is None and kind != "story":
        data = []
    return schema.validate_file(kind, data, path=str(path), lines=lines)


def read_content(folder: Path) -> StoryContent:
    """A story's content/ files as records; a missing file is an error naming it."""
    values = {}
    for kind in schema.FILES:
        path = folder / f"{kind}.yaml"
        if not path.exists():
            raise ContentError(path, "missing", hint="run `python -m generator extract` to create it")
        values[kind] = read_file(path, kind)
    return StoryContent(**values)


def story_folders(content: Path) -> list[Path]:
    return sorted(p.parent for p in content.glob("*/story.yaml"))
