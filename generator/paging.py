"""Long lists cut into pages a reader can load: a story's timeline, its articles, a speaker's quotes.

A story followed for years gathers thousands of events and articles. Printed on one page, each list grows with
the story and the site with its square; cut by month (or by count where months mean nothing), every page stays
the same size however long the story runs, and a page's name stays put while later articles are added.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a long list."""

    slug: str  # the page's file name without ``.md``
    label: str  # what the page holds, for its heading and the links to it
    items: list[T]


def by_month(items: Sequence[T], month: Callable[[T], str], *, limit: int) -> list[Part[T]]:
    """``items``, in their order, one page per month (``month`` gives ``YYYY-MM``, ``YYYY`` or ``""``).

    A month of more than ``limit`` items goes on as many pages as it needs, so that no page outgrows the limit.
    """
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(month(item), []).append(item)
    out = []
    for key, group in groups.items():
        for n, start in enumerate(range(0, len(group), limit)):
            out.append(Part(slug=(key or "undated") + (f"-{n + 1}" if n else ""),
                            label=spell_month(key) + (f", part {n + 1}" if n else ""),
                            items=group[start:start + limit]))
    return out


def by_count(items: Sequence[T], stem: str, *, limit: int) -> list[Part[T]]:
    """``items`` in pages of ``limit``: ``stem``, then ``stem.p2``, ``stem.p3``… (a dot, which no slug has, so
    that no page of one list takes the name of another's). Adding at the end changes only the last page."""
    return [Part(slug=stem if n == 0 else f"{stem}.p{n + 1}", label=f"page {n + 1}", items=list(items[i:i + limit]))
            for n, i in enumerate(range(0, len(items), limit))] or [Part(slug=stem, label="page 1", items=[])]


def spell_month(key: str) -> str:
    """ "2026-06" → "June 2026", "2026" → "2026, month not given", "" → "Date not given"."""
    if not key:
        return "Date not given"
    year, _, month = key.partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month else f"{year}, month not given"
