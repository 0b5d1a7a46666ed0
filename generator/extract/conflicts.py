"""Conflicts: statements that disagree, within one article or across a story's articles."""
from __future__ import annotations

import re
from collections import defaultdict

from generator.extract.common import stable_id
from generator.records import Conflict, TimelineItem

# Words that single out one occurrence of a recurring event ("his last visit", "the previous meeting"): two of
# them about the same person in the past must be the same occurrence, so they must have the same date.
RECURRENCE_MARKERS = re.compile(r"\b(last|previous|most recent|latest|prior)\b", re.I)


def date_conflicts(timeline: list[TimelineItem]) -> list[Conflict]:
    """The same past occurrence of an event given two dates that cannot both be true."""
    by_actor: dict[str, list[TimelineItem]] = defaultdict(list)
    for item in timeline:
        if item.scheduled:
            continue
        sentence = item.evidence[0].text.replace(item.text, " ")
        if RECURRENCE_MARKERS.search(sentence):
            for actor in item.actors:
                by_actor[actor].append(item)
    out, seen = [], set()
    for actor, items in sorted(by_actor.items()):
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if _compatible(a.date, b.date) or (a.id, b.id) in seen:
                    continue
                seen.add((a.id, b.id))
                summary = (f"The last occurrence of an event involving {actor} is dated both "
                           f"{a.date} ('{a.text}') and {b.date} ('{b.text}').")
                out.append(Conflict(id=stable_id("c", a.id, b.id), kind="date", summary=summary,
                                    evidence=[a.evidence[0], b.evidence[0]]))
    return out


def _compatible(a: str, b: str) -> bool:
    """Dates of different precision agree when one contains the other ("2019" and "2019-06")."""
    return a.startswith(b) or b.startswith(a)
