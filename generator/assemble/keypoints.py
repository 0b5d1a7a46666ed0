"""Key points: the three to five sentences that carry a story, chosen by how central they are across its articles.

Centrality in the MEAD sense (Radev et al. 2004, centroid-based summarisation): a sentence scores by the words it
shares with the story as a whole, each word weighted by how many of the story's articles use it and how rare it
is among the story's sentences, so that neither a word every sentence has nor one only this sentence has decides.
News leads carry a story more than later paragraphs, and news more than opinion. No two points say the same: a
sentence sharing most of its words with one already chosen is passed over. Linear in the story's sentences: no
sentence is compared with every other.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

from generator.extract.common import evidence
from generator.records import ArticleRef, KeyPoint, Source

# English function words (the closed classes: articles, pronouns, auxiliaries, prepositions, conjunctions) and
# the reporting verbs and time words every news sentence has: they say nothing about what a story is about.
STOP_WORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said says say told according including
however also one two three new last year years week month day time first may might must shall would could
mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
""".split())
# Blocks whose sentences can be key points: the body's paragraphs and list items, not its captions or notes.
KEY_POINT_BLOCKS: frozenset[str] = frozenset({"paragraph", "item"})
MIN_WORDS, MAX_WORDS = 10, 45  # a key point is a sentence a reader takes in at once
LEAD = 3  # sentences of an article's opening that weigh more: news puts what matters first
LEAD_WEIGHT = 1.5
KIND_WEIGHT = {"opinion": 0.5}  # news before opinion
SAME = 0.4  # word overlap (Jaccard) past which a sentence says what a chosen one says
MOST, FEWEST = 5, 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def key_points(sources: Iterable[Source], refs: dict[str, ArticleRef]) -> list[KeyPoint]:
    """The story's key points, most central first (3 to 5 when the articles have that many candidate sentences)."""
    candidates = []
    for source in sources:
        n = 0
        for block in source.blocks:
            for sent in block.sentences:
                if block.kind in KEY_POINT_BLOCKS:
                    if _fit(sent.text):
                        candidates.append((source.id, n, sent, _content_words(sent.text)))
                    n += 1
    if not candidates:
        return []
    by_article: dict[str, set[str]] = {}
    for article, _, _, words in candidates:
        by_article.setdefault(article, set()).update(words)
    articles_with = Counter(w for words in by_article.values() for w in words)
    sentences_with = Counter(w for _, _, _, words in candidates for w in set(words))
    total_articles, total_sentences = len(by_article), len(candidates)

    weight = {w: (articles_with[w] / total_articles) * math.log(1 + total_sentences / n)
              for w, n in sentences_with.items()}
    scored = []
    for article, position, sent, words in candidates:
        unique = set(words)
        score = sum(weight[w] for w in unique) / math.sqrt(len(unique) or 1)
        score *= LEAD_WEIGHT if position < LEAD else 1.0
        score *= KIND_WEIGHT.get(refs[article].kind or "news", 1.0) if article in refs else 1.0
        scored.append((-score, article, sent.n, sent, unique))
    scored.sort(key=lambda t: t[:3])
    chosen: list[tuple] = []
    for item in scored:
        if all(_overlap(item[4], c[4]) <= SAME for c in chosen):
            chosen.append(item)
        if len(chosen) == MOST:
            break
    # A short story may have few sentences that differ that much: the best of the rest make up the three.
    for item in scored:
        if len(chosen) >= FEWEST:
            break
        if all(item[4] != c[4] for c in chosen):
            chosen.append(item)
    return [KeyPoint(text=sent.text, evidence=[evidence(article, sent)])
            for _, article, _, sent, _ in chosen]


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower().replace("’", "'")) if len(w) > 2 and w not in STOP_WORDS]


def _fit(text: str) -> bool:
    """A sentence that can stand on a story's home as written: whole, the reporter's own, not a question."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or text.rstrip().endswith("?") or not text[:1].isupper():
        return False
    if text.lstrip()[:1] in "“\"'‘":  # a quotation: someone's words, not the story's
        return False
    return not _FIRST_PERSON.search(_QUOTED.sub(" ", text))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
