"""The cache: everything the generator keeps between runs, in one folder, ``.explainer-cache/``.

One vocabulary: a *digest* is a hash (:func:`digest`), a *key* the digest an entry is found by, an *entry* what
a stage keeps. Each stage keeps its entries in a subfolder of its own and finds one by its key: a digest of the
stage's own code (the modules it imports, followed transitively) and of its inputs. A changed input or a changed
line of the stage's code makes another key, so a stale entry is never found, and deleting the folder is always
safe: the next run redoes the work.

| stage   | subfolder     | an entry                                   | keyed by                                        |
| ------- | ------------- | ------------------------------------------ | ----------------------------------------------- |
| read    | `stories/`    | `articles.json`: each article as read      | the file's bytes, the reading code              |
| analyse | `findings/`   | one article's findings (JSON)              | the file's bytes, the model, the extraction code |
| story   | `stories/`    | `<story>.key`, `.yaml-texts.json`          | the articles' keys, the story's YAML, the run's code |
| pages   | `pages/`      | `<story>.json`: the pages' key and card    | the story's YAML, the templates and rendering code |
| site    | `pages-html/` | one page's HTML                            | its Markdown, the navigation, `mkdocs.yml`, versions |
| pages, site | `templates/` | a template compiled by Jinja (ours, the theme's) | the template's name and source, Jinja's and Python's versions |

A run keeps only the findings its articles have now; ``python -m generator evaluate`` keeps its own cache in
``evaluate/``, so that scoring the gold does not evict the project's entries.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

FOLDER = ".explainer-cache"
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Cache:
    """Where each stage's entries live under one root."""

    root: Path

    @classmethod
    def beside(cls, folder: Path) -> Cache:
        """The cache of a project whose content (or ``mkdocs.yml``) is in ``folder``'s parent."""
        return cls(folder.parent / FOLDER)

    @classmethod
    def of_project(cls, root: Path) -> Cache:
        """The cache of the project whose ``mkdocs.yml`` is in ``root``."""
        return cls(root / FOLDER)

    @property
    def findings(self) -> Path:
        return self.root / "findings"

    @property
    def articles(self) -> Path:
        return self.root / "stories" / "articles.json"

    def story(self, story_id: str, entry: str) -> Path:
        """A story's entry: ``key`` (the key of the run that last wrote its YAML) or ``yaml-texts.json``."""
        return self.root / "stories" / f"{story_id}.{entry}"

    @property
    def pages(self) -> Path:
        return self.root / "pages"

    @property
    def html(self) -> Path:
        return self.root / "pages-html"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


def prune(folder: Path, *, keep: set[str]) -> None:
    """Delete the entries of ``folder`` not named in ``keep``."""
    try:
        found = list(folder.iterdir())
    except OSError:
        return
    for path in found:
        if path.name not in keep and path.is_file():
            path.unlink(missing_ok=True)


def digest(*parts: str | bytes, size: int = 24) -> str:
    """A key made of ``parts``, each kept apart from the next, so that ``("ab", "c")`` and ``("a", "bc")`` differ."""
    # One update of the parts joined, the same bytes as an update per part: an article's words are many parts, and
    # text alone is joined in C.
    try:
        data = "\0".join(parts).encode("utf-8")  # type: ignore[arg-type]
    except TypeError:  # some parts are bytes
        data = b"\0".join(part if isinstance(part, bytes) else part.encode("utf-8") for part in parts)
    return hashlib.sha256(data + b"\0" if parts else b"").hexdigest()[:size]


@cache
def code_digest(*roots: str, extra: tuple[Path, ...] = ()) -> str:
    """The code of a stage: the ``roots`` (paths relative to the package), every ``generator`` module they import,
    transitively, and ``extra`` files (templates). A change to any of them is a change of the stage's key."""
    files = sorted(modules(*roots)) + sorted(extra)
    return digest(*(part for path in files for part in (_name(path), path.read_bytes())), size=16)


def modules(*roots: str) -> set[Path]:
    """The root modules and every ``generator`` module they import, transitively (relative imports too)."""
    seen: set[Path] = set()
    todo = [PACKAGE / root for root in roots]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo += _imported(path)
    return seen


def _imported(path: Path) -> Iterable[Path]:
    return _imports_of(path, PACKAGE)


@cache
def _imports_of(path: Path, package_root: Path) -> tuple[Path, ...]:
    """The files a module's imports may name; read once a process (three stages ask about the same modules)."""
    return tuple(_scan(path, package_root))


# An import statement at the start of a line (indented too: imports inside functions count): `import a.b as c, d`
# or `from .x import (y, z)`, parentheses spanning lines. Matching the text rather than parsing it is twenty times
# faster (a tenth of a second on every run); a match in a docstring can only add a file to a key, never drop one.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)|import[ \t]+([^\n#;]*))",
                     re.MULTILINE)
_COMMENT = re.compile(r"#[^\n]*")


def _scan(path: Path, package_root: Path) -> Iterable[Path]:
    package = path.parent.relative_to(package_root).parts
    for level, module, imported, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:  # `import x`
            names = [_first_word(name).split(".") for name in plain.split(",")]
        else:
            if level:
                # `from . import x` in generator/extract/y.py is generator.extract.x; `from .. import x` one up
                base = ["generator", *package[:len(package) - len(level) + 1]]
            else:
                base = []
            base += module.split(".") if module else []
            # `from generator.extract import quotes` names a module, `from generator.records import Article`
            # does not: both readings are tried, and only files that exist count.
            listed = _COMMENT.sub("", imported).strip("()").split(",")
            names = [base] + [base + [_first_word(name)] for name in listed if name.strip()]
        for parts in names:
            if len(parts) > 1 and parts[0] == "generator":
                yield package_root.joinpath(*parts[1:-1], f"{parts[-1]}.py")
                yield package_root.joinpath(*parts[1:], "__init__.py")


def _first_word(name: str) -> str:
    """``x`` of ``x as y`` (and of a line's comment or a trailing backslash)."""
    words = name.split()
    return words[0] if words else ""


def _name(path: Path) -> str:
    try:
        return path.relative_to(PACKAGE).as_posix()
    except ValueError:
        return path.name
