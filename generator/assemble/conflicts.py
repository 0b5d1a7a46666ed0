"""Where the story's sources disagree: one past occurrence given two dates, one count given two values."""
from __future__ import annotations

import re
from collections import defaultdict

from generator.extract.common import evidence, stable_id
from generator.records import Conflict, Figure, Sentence, TimelineItem

# Words that single out one occurrence of a recurring event ("his last visit", "the previous meeting"): two of
# them about the same person in the past must be the same occurrence, so they must have the same date.
RECURRENCE_MARKERS = re.compile(r"\b(last|previous|most recent|latest|prior)\b", re.I)


def date_conflicts(timeline: list[TimelineItem], names: dict[str, str] | None = None) -> list[Conflict]:
    """The same past occurrence of an event given two dates that cannot both be true.

    One conflict for each pair of incompatible dates an actor's "last visit" is given, shown by the first
    statement of each (in article order): a story that repeats a wrong date forty times has one disagreement,
    and the pairs compared are those of distinct dates, not of every statement.
    """
    by_actor: dict[str, dict[str, TimelineItem]] = defaultdict(dict)
    for item in sorted(timeline, key=lambda i: (i.evidence[0].article, i.evidence[0].start)):
        if item.scheduled:
            continue
        sentence = item.evidence[0].text.replace(item.text, " ")
        if RECURRENCE_MARKERS.search(sentence):
            for actor in item.actors:
                by_actor[actor].setdefault(item.date, item)
    out, seen = [], set()
    for actor, firsts in sorted(by_actor.items()):
        ordered = sorted(firsts.values(), key=lambda i: (i.evidence[0].article, i.evidence[0].start))
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                if _compatible(a.date, b.date) or (a.id, b.id) in seen:
                    continue
                seen.add((a.id, b.id))
                who = (names or {}).get(actor, actor)
                summary = (f"The last occurrence of an event involving {who} is dated both "
                           f"{a.date} ('{a.text}') and {b.date} ('{b.text}').")
                out.append(Conflict(id=stable_id("c", a.id, b.id), kind="date", summary=summary,
                                    evidence=[a.evidence[0], b.evidence[0]]))
    return out


def _compatible(a: str, b: str) -> bool:
    """Dates of different precision agree when one contains the other ("2019" and "2019-06")."""
    return a.startswith(b) or b.startswith(a)


def number_conflicts(found: list[tuple[str, list[Figure], list[Sentence]]]) -> list[Conflict]:
    """The same count of the same thing done the same way ("people were rescued") given two exact values."""
    groups: dict[tuple[str, str], list[tuple[str, Figure, Sentence]]] = defaultdict(list)
    for article, figs, sents in found:
        for f in figs:
            if f.tense == "past":
                groups[(f.thing, f.verb)].append((article, f, sents[f.sentence]))
    out = []
    for (thing, verb), items in sorted(groups.items()):
        values = sorted({f.value for _, f, _ in items})
        if len(values) < 2:
            continue
        a = next(x for x in items if x[1].value == values[0])
        b = next(x for x in items if x[1].value == values[-1])
        summary = f"Different counts of {thing} ({verb}): '{a[1].text}' and '{b[1].text}'."
        out.append(Conflict(id=stable_id("c", thing, verb, a[0], b[0]), kind="number", summary=summary,
                            evidence=[evidence(a[0], a[2]), evidence(b[0], b[2])]))
    return out
