"""A story's content/ files read back as records, from the JSON the last run left while the YAML is as it wrote it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.records import StoryContent
from generator.store import schema
from generator.store.atomic import write_if_changed
from generator.store.yaml_text import read_file


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
