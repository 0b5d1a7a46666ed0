"""The story's timeline: each article's time expressions resolved to dates, the same event told twice merged."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Optional

from generator import temporal
from generator.extract.common import evidence, norm_name, stable_id
from generator.records import Sentence, TimeMention, TimelineItem


def resolve(article: str, times: list[TimeMention], *, published: Optional[date],
            sents: list[Sentence]) -> list[TimelineItem]:
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
    """One item per event: the same event told twice (in one article or several) on the same date appears once,
    with all its evidence and the fullest caption; sorted by date."""
    buckets: dict[tuple, list[TimelineItem]] = defaultdict(list)
    for item in items:
        buckets[(item.date, item.end)].append(item)
    out = []
    for bucket in buckets.values():
        bucket.sort(key=lambda i: (i.article, i.evidence[0].start))
        out += [_merged(group) for group in _same_events(bucket)]
    out.sort(key=lambda i: (i.date, i.end or "", i.article, i.evidence[0].start))
    return out


def _same_events(bucket: list[TimelineItem]) -> list[list[TimelineItem]]:
    """Items of one date grouped by event: captions that share most of their content words. Candidates come from
    an index of words, so a story's items are never compared all with all."""
    keys = [_event_key(i.event) for i in bucket]
    parent = list(range(len(bucket)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    seen: dict[str, list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        for m in sorted({m for w in key for m in seen[w]}):
            if find(m) != find(n) and _same_event(keys[m], keys[n], day=bucket[n].precision == "day"):
                parent[find(n)] = find(m)
        for w in key:
            seen[w].append(n)
    groups: dict[int, list[TimelineItem]] = defaultdict(list)
    for n, item in enumerate(bucket):
        groups[find(n)].append(item)
    return list(groups.values())


def _same_event(a: frozenset[str], b: frozenset[str], *, day: bool) -> bool:
    shared, small = len(a & b), min(len(a), len(b))
    if not small:
        return False
    # on a named day, the same subject doing something is most likely the one thing; a year holds many events
    return shared / small >= (0.5 if day else 0.6) and (shared >= 2 or shared == small or day)


def _merged(group: list[TimelineItem]) -> TimelineItem:
    first = group[0]
    # the most specific date expression, then the fullest caption
    best = max(group, key=lambda i: (len(i.text), len(i.event.split())))
    ev, seen = [], set()
    for item in group:
        for e in item.evidence:
            if (e.article, e.sentence) not in seen:
                seen.add((e.article, e.sentence))
                ev.append(e)
    return TimelineItem(id=first.id, date=first.date, text=best.text, event=best.event, article=first.article,
                        evidence=ev, precision=first.precision, end=first.end,
                        scheduled=any(i.scheduled for i in group), actors=sorted({a for i in group for a in i.actors}))


# Words too common in captions to tell two events apart.
KEY_STOPWORDS: frozenset[str] = frozenset({"that", "this", "with", "from", "have", "been", "will", "would", "were",
                                           "their", "they", "them", "which", "about", "into", "after", "before",
                                           "said", "says", "also", "than", "when", "what", "there"})
# Endings _stem strips, tried in this order: the first that fits wins ("es" before "s").
STEM_SUFFIXES: tuple[str, ...] = ("ing", "ed", "es", "s")


def _event_key(event: str) -> frozenset[str]:
    words = (w for w in norm_name(event).split() if len(w) > 3 and w not in KEY_STOPWORDS)
    return frozenset(_stem(w) for w in words)


def _stem(word: str) -> str:
    """ "visited", "visits", "visiting" → "visit": enough to match two tellings of one event."""
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
