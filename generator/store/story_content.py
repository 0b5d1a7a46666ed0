"""A story's content/ files read back as records: what rendering reads when the run did not hand it the story."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.records import StoryContent
from generator.store import schema
from generator.store.yaml_text import read_file


def read_content(folder: Path) -> StoryContent:
    """A story's content/ files as records; a missing file is an error naming it."""
    values = {}
    for kind in schema.FILES:
        path = folder / f"{kind}.yaml"
        if not path.exists():
            raise ContentError(path, "missing", hint="run `python -m generator extract` to create it")
        values[kind] = read_file(path, kind)
    return StoryContent(**values)


def from_merged(data: dict[str, Any], folder: Path) -> StoryContent:
    """A story's content as records from plain data by file kind (a merge's output for ``folder``), validated as
    its files are."""
    return StoryContent(**{kind: schema.validate_file(kind, data[kind], path=str(folder / f"{kind}.yaml"), lines={})
                           for kind in schema.FILES})


def story_folders(content: Path) -> list[Path]:
    return sorted(p.parent for p in content.glob("*/story.yaml"))
