"""The one schema: validation of content/ and its JSON Schema export, both derived from ``generator.records``."""
from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from pydantic import ConfigDict, TypeAdapter, ValidationError

from generator import records as r
from generator.errors import ContentError

# The files of content/<story>/ and the record type each holds (CONTRACT.md), in the order a reader meets them.
FILES: dict[str, Any] = {
    "story": r.Story,
    "actors": list[r.Actor],
    "quotes": list[r.Quote],
    "timeline": list[r.TimelineItem],
    "questions": list[r.Question],
    "conflicts": list[r.Conflict],
    "sources": list[r.Source],
}
# Files of content/<story>/ that the run keeps itself rather than rebuilding from the articles each time: the
# updates log grows by one entry per run that changed the story (generator.updates).
LOGS: dict[str, Any] = {"updates": list[r.Update]}

# An editor's typo in a key ("speakr:") must be an error, not a field silently dropped.
for _cls in vars(r).values():
    if dataclasses.is_dataclass(_cls) and isinstance(_cls, type):
        _cls.__pydantic_config__ = ConfigDict(extra="forbid")


@cache
def adapter(tp: Any) -> TypeAdapter:
    return TypeAdapter(tp)


def to_data(value: Any) -> Any:
    """Records to plain YAML-ready data, keys in field order."""
    if dataclasses.is_dataclass(value):
        # pydantic's serializer (Rust) walks a 1,000-article story five times faster than Python recursion.
        return adapter(type(value)).dump_python(value)
    if isinstance(value, (list, tuple)):
        kinds = {type(v) for v in value}
        if len(kinds) == 1 and dataclasses.is_dataclass(next(iter(kinds))):
            return adapter(list[next(iter(kinds))]).dump_python(list(value))  # a file's items: one call, not one each
        return [to_data(v) for v in value]
    return value


def from_data(tp: Any, data: Any, *, path: str = "<data>", lines: dict | None = None) -> Any:
    """Validate plain data as records of type ``tp``; errors name the file, the line and the key."""
    try:
        return adapter(tp).validate_python(data)
    except ValidationError as exc:
        # A misspelt key shows up twice, as an unknown key and as a required one missing: name the typo.
        err = min(exc.errors(), key=lambda e: e["type"] not in ("unexpected_keyword_argument", "extra_forbidden"))
        loc = tuple(err["loc"])
        line = _nearest_line(lines or {}, loc)
        key = ".".join(str(p) for p in loc) or "(top)"
        allowed = _allowed(err)
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise ContentError(path, f"{key}: {_message(err)}{more}", line=line,
                           hint=allowed) from None


def validate_file(kind: str, data: Any, *, path: str, lines: dict | None = None) -> Any:
    return from_data({**FILES, **LOGS}[kind], data, path=path, lines=lines)


def json_schema(kind: str) -> dict:
    schema = adapter({**FILES, **LOGS}[kind]).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Explainer {kind}.yaml"
    return schema


def _nearest_line(lines: dict, loc: tuple) -> int | None:
    # The failing key may be missing from the file ("field required"): fall back to its closest parent.
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def _message(err: dict) -> str:
    if err["type"] == "missing":
        return "is required but missing"
    if err["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
        return "is not a known key"
    return f"{err['msg'][0].lower()}{err['msg'][1:]}, got {err.get('input')!r}"


# What a value of each kind looks like in YAML, for errors whose own context does not say what is allowed.
_EXPECTED = {"string_type": "text (quote it if it looks like a number, a date or yes/no)",
             "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
             "bool_type": "true or false", "bool_parsing": "true or false",
             "list_type": "a list, one `- ` line per entry ([] when empty)",
             "dataclass_type": "`key: value` lines", "dataclass_args_type": "`key: value` lines",
             "dict_type": "`key: value` lines", "model_type": "`key: value` lines"}


def _allowed(err: dict) -> str:
    ctx = err.get("ctx") or {}
    if "expected" in ctx:
        return f"allowed: {ctx['expected']}"
    if err["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
        return "remove the key or fix its spelling (see the schema named on the file's first line)"
    if err["type"] == "missing":
        return f"add `{err['loc'][-1]}:` to the item (null where the schema allows no value)"
    if err["type"] in _EXPECTED:
        return f"allowed: {_EXPECTED[err['type']]}"
    return "see the schema named on the file's first line"
