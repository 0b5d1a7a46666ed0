"""Conflicts: statements that disagree, within one article or across a story's articles."""
from __future__ import annotations

import re
from collections import defaultdict

from typing import TYPE_CHECKING

from generator.extract.common import evidence, sentence_index, stable_id
from generator.records import Conflict, Figure, Sentence, TimelineItem

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Number words a reporter spells out (AP style spells one to nine).
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
# Counts that are approximate by their wording ("about 30", "more than 120"): they do not contradict a near value.
APPROXIMATE = frozenset({"about", "around", "nearly", "almost", "roughly", "approximately", "some", "more", "over",
                         "least", "than", "up", "under", "fewer", "less"})

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


def figures(doc: "Doc") -> list[Figure]:
    """Exact counts of things that happened: a number modifying the subject or object of a verb."""
    sent_of = sentence_index(doc)
    out = []
    for tok in doc:
        if tok.dep_ != "nummod" or tok.head.pos_ != "NOUN":
            continue
        value = _value(tok.text)
        if value is None or any(c.lower_ in APPROXIMATE for c in tok.children) or \
                tok.i > 0 and doc[tok.i - 1].lower_ in APPROXIMATE:
            continue
        thing = tok.head
        verb = thing.head
        if thing.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ != "VERB":
            continue
        tense = "past" if verb.tag_ in ("VBD", "VBN") else "present" if verb.tag_ in ("VBZ", "VBP") else None
        out.append(Figure(value=value, text=doc[tok.i: thing.i + 1].text, thing=thing.lemma_.lower(),
                          verb=verb.lemma_.lower(), sentence=sent_of[tok.i], tense=tense))
    return out


def _value(text: str):
    text = text.lower().replace(",", "")
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return float(text)
    except ValueError:
        return None


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
