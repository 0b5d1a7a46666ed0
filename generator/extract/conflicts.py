"""The figures an article states (counts of things done), which :mod:`generator.assemble.conflicts` compares
across the story's articles."""
from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.common import NOMINAL_SUBJECT_DEPS, PAST_TAGS, PRESENT_TAGS, sentence_index
from generator.records import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Number words a reporter spells out (AP style spells one to nine).
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
# Counts that are approximate by their wording ("about 30", "more than 120"): they do not contradict a near value.
APPROXIMATE = frozenset({"about", "around", "nearly", "almost", "roughly", "approximately", "some", "more", "over",
                         "least", "than", "up", "under", "fewer", "less"})
# ClearNLP labels of a counted thing that a verb did or underwent: its subject, active or passive, or its object.
COUNTED_DEPS: frozenset[str] = NOMINAL_SUBJECT_DEPS | {"dobj"}

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
        if thing.dep_ not in COUNTED_DEPS or verb.pos_ != "VERB":
            continue
        tense = "past" if verb.tag_ in PAST_TAGS else "present" if verb.tag_ in PRESENT_TAGS else None
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
