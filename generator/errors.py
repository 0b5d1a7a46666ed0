"""Errors a newsroom user can act on: each names the file, the line and what to do."""
from __future__ import annotations

from pathlib import Path
from typing import Optional


class ExplainerError(Exception):
    """Bad input or content: ``path:line: message`` then a hint on how to fix it. Never a traceback for users."""

    def __init__(self, path: Path | str, message: str, *, line: Optional[int] = None, hint: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f"\n  fix: {self.hint}" if self.hint else "")


class InputError(ExplainerError):
    """An article or story folder in ``seeds/`` that cannot be read."""


class ContentError(ExplainerError):
    """A YAML file in ``content/`` that does not match the schema."""
