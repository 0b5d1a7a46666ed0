"""Timeline: temporal expressions with the clause they date (per article), resolved and merged per story."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Optional

from generator import temporal
from generator.extract.common import evidence, norm_name, sentence_index, sentences, stable_id, text_of
from generator.records import Article, Mention, Sentence, TimeMention, TimelineItem
from generator.records import PROSE_BLOCKS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Modal and semi-modal cues of a scheduled or expected event ("will", "is set to", "is scheduled for").
FUTURE_CUES: frozenset[str] = frozenset({"will", "shall", "'ll", "scheduled", "set", "expected", "due", "plan",
                                         "plans", "planned", "going"})
# Longest event description, in words: enough for "who did what", short of the whole sentence.
EVENT_WORDS = 16


def time_mentions(doc: "Doc", article: Article, mentions: list[Mention]) -> list[TimeMention]:
    """Every temporal expression in the article's prose, with its tense and a short description of its event."""
    sents = sentences(doc)
    sent_of = sentence_index(doc)
    prose = [(b.start, b.end) for b in article.blocks if b.kind in PROSE_BLOCKS]
    spans = _expression_spans(doc)
    out = []
    for start, end in spans:
        if not any(a <= start < b for a, b in prose):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        text = text_of(doc)[start:end]
        if _recurring(span):
            continue
        sent = sents[sent_of[span.root.i]]
        verb = _governor(span)
        event = _event(span, verb) if verb is not None else ""
        if len(event.split()) < 4:
            # "The visit scheduled for 8–9 June": the participle alone says little; the sentence's main clause does.
            root = span.sent.root
            event = _event(span, root) if root.pos_ in ("VERB", "AUX") else ""
        if len(event.split()) < 3:
            event = sent.text
        actors = [m.text for m in mentions if m.sentence == sent.n and m.type == "person"]
        out.append(TimeMention(text=text, sentence=sent.n, start=start, end=end, tense=_tense(verb), event=event,
                               actors=sorted(set(actors))))
    return out


def _expression_spans(doc: "Doc") -> list[tuple[int, int]]:
    """spaCy's DATE entities and the date grammar's matches, overlapping ones merged to the longest."""
    # The date grammar's spans are exact; spaCy's DATE entities add what the grammar lacks, but often run on
    # ("Tuesday to six years"), so they count only where the grammar found nothing.
    grammar = temporal.find_expressions(text_of(doc))
    spans = list(grammar) + [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"
                             and not any(s < e.end_char and e.start_char < t for s, t in grammar)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e - s > merged[-1][1] - merged[-1][0]:
                merged[-1] = (s, e)
            continue
        merged.append((s, e))
    return merged


def _recurring(span: "Span") -> bool:
    """ "on Sundays", "Sunday hours": a day that recurs, not a day on which something happened."""
    last = span[-1]
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return last.tag_ == "NNPS" or last.text.endswith("s") and last.text[:-1] in WEEKDAYS or (
        len(span) == 1 and last.text in WEEKDAYS and after is not None and after.pos_ == "NOUN"
        and after.lower_ not in ("morning", "afternoon", "evening", "night"))


WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _governor(span: "Span") -> "Optional[Token]":
    tok = span.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _tense(verb: "Optional[Token]") -> Optional[str]:
    if verb is None:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux} | {verb.lower_}
    if words & FUTURE_CUES or any(c.lower_ == "to" for c in aux) and verb.head.lemma_ in ("expect", "schedule", "plan", "set", "due"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "present"
    return None


def _event(span: "Span", verb: "Token") -> str:
    """The clause around the date, without the date: "the mayor flew to Denver for a summit"."""
    # The phrase that carries the date ("in September 2025", "for 8–9 June") is dropped, and only that phrase.
    carrier = span.root
    while carrier.head.i not in (verb.i, carrier.i) and (carrier.dep_ == "pobj" or carrier.head.pos_ == "ADP"):
        carrier = carrier.head
    dropped = {t.i for t in carrier.subtree} | {t.i for t in span}
    skip_deps = ("advcl", "relcl", "ccomp", "parataxis", "conj", "cc", "mark", "punct")
    keep = [t for t in verb.subtree if t.i not in dropped and not t.is_space
            and not _in_skipped_child(t, verb, skip_deps)]
    subject = _borrowed_subject(verb)
    kept = keep[:EVENT_WORDS]
    while kept and (kept[-1].pos_ in ("CCONJ", "ADP", "DET", "PUNCT") or kept[-1].text in ("and", "or")):
        kept = kept[:-1]  # "…in 2018 and" once "2019" is taken out
    text = _join(kept)
    if subject and keep and keep[0].i > subject[-1].i:
        text = f"{_join(subject)} {text}"
    return text.strip(" ,;:—-") + ("…" if len(keep) > EVENT_WORDS else "")


def _join(toks: list) -> str:
    """Tokens as written, one space where words between them were left out."""
    out = []
    for a, b in zip(toks, toks[1:] + [None]):
        out.append(a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else " "))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _borrowed_subject(verb: "Token") -> list:
    """ "Ana met the mayor before flying to Denver": a participle clause borrows its subject from the clause above."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    tok = verb
    while tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep") and tok.head.i != tok.i:
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return [t for t in subj.subtree if not t.is_space][:6]
    return []


def _in_skipped_child(tok: "Token", verb: "Token", deps: tuple) -> bool:
    while tok.head.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
    return tok.i != verb.i and tok.dep_ in deps


# --- across the story ---------------------------------------------------------------------------------------------

def resolve(article: str, times: list[TimeMention], published: Optional[date], sents: list[Sentence]) -> list[TimelineItem]:
    """Normalise an article's expressions against its publication date; those that name no date are dropped."""
    out = []
    for t in times:
        value = temporal.normalize(t.text, published, tense=t.tense)
        if value is None:
            continue
        scheduled = t.tense == "future" or bool(published and temporal.parse_iso(value.value) and
                                                 temporal.parse_iso(value.value) > published)
        # The id depends on the sentence, not on its offset: an edit earlier in the article must not orphan an
        # editor's correction of this item.
        out.append(TimelineItem(id=stable_id("t", article, sents[t.sentence].text, t.text), date=value.value, text=t.text,
                                event=t.event, article=article, evidence=[evidence(article, sents[t.sentence])],
                                precision=value.precision, end=value.end, scheduled=scheduled, actors=t.actors))
    return out


def merge(items: list[TimelineItem]) -> list[TimelineItem]:
    """The same event told by several articles appears once, with all its evidence; sorted by date."""
    groups: dict[tuple, list[TimelineItem]] = defaultdict(list)
    for item in items:
        groups[(item.date, item.end, _event_key(item.event))].append(item)
    out = []
    for (_, _, _), group in groups.items():
        group.sort(key=lambda i: (i.article, i.evidence[0].start))
        first = group[0]
        ev, seen = [], set()
        for item in group:
            for e in item.evidence:
                if (e.article, e.sentence) not in seen:
                    seen.add((e.article, e.sentence))
                    ev.append(e)
        out.append(TimelineItem(id=first.id, date=first.date, text=first.text, event=first.event,
                                article=first.article, evidence=ev, precision=first.precision, end=first.end,
                                scheduled=any(i.scheduled for i in group),
                                actors=sorted({a for i in group for a in i.actors})))
    out.sort(key=lambda i: (i.date, i.end or "", i.article, i.evidence[0].start))
    return out


def _event_key(event: str) -> frozenset[str]:
    return frozenset(w for w in norm_name(event).split() if len(w) > 3)
