"""The story's open questions: each article's, the same question asked twice as one, ranked across the story."""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Iterable

from generator.extract.questions import name_weights, rank
from generator.records import Actor, Question

PER_STORY = 12  # questions a story lists: what a reader reads through, most important first


def group(found: list[Question]) -> list[Question]:
    """The same question asked in several sentences or articles, as one item with all their evidence.

    Questions are taken in the order given (each article's, most important first), and a question joins the first
    group whose first question shares 70% of the content words of the shorter of the two. Two sets of two words or
    more that close share a pair of words, and a one-word set shares its word: so groups are looked up by their
    word pairs and words, not compared one by one with every group of the story.
    """
    groups: list[list[Question]] = []
    heads: list[set[str]] = []
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)  # groups whose first question has both words
    by_word: dict[str, list[int]] = defaultdict(list)  # groups whose first question has the word
    single: dict[str, list[int]] = defaultdict(list)  # groups whose first question has that one word only
    for q in found:
        words = _content(q.question)
        if len(words) == 1:
            candidates = set(by_word[next(iter(words))])
        else:
            candidates = {i for pair in combinations(sorted(words), 2) for i in by_pair.get(pair, ())}
            candidates.update(i for w in words for i in single.get(w, ()))
        match = min((i for i in candidates
                     if len(words & heads[i]) / min(len(words), len(heads[i])) >= 0.7), default=None)
        if match is not None:
            groups[match].append(q)
            continue
        if words:
            for pair in combinations(sorted(words), 2):
                by_pair[pair].append(len(groups))
            for w in words:
                by_word[w].append(len(groups))
            if len(words) == 1:
                single[next(iter(words))].append(len(groups))
        groups.append([q])
        heads.append(words)
    merged = []
    for g in groups:
        first = g[0]
        ev = [e for q in g for e in q.evidence]
        merged.append(Question(id=first.id, question=first.question, cue=first.cue, article=first.article,
                               evidence=ev, articles=sorted({q.article for q in g})))
    return merged


def merge(found: list[Question], *, actors: Iterable[Actor] = ()) -> list[Question]:
    """The story's open questions: the same question from several sentences or articles is one item with all its
    evidence (:func:`group`), ranked by :func:`score` with the story's actors as the measure of centrality, at most
    :data:`PER_STORY`, most important first."""
    merged = group(found)
    weights = name_weights((n for a in actors for n in [a.name, *a.aliases]),
                            counts=[a.mentions for a in actors for _ in [a.name, *a.aliases]])
    return rank(merged, weights=weights, limit=PER_STORY)


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())} - {"will", "what", "does", "there", "have"}
