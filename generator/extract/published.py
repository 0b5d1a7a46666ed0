"""When an article was published and what kind of piece it is, when its front matter does not say."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from generator import temporal
from generator.records import PROSE_BLOCKS, Article, TimeMention

# Labels and voice that mark a piece as opinion or analysis rather than news (newsroom conventions: a desk or
# editor's note, a column label, first-person argument).
OPINION_CUES: tuple[str, ...] = ("editorial", "opinion", "op-ed", "commentary", "column", "viewpoint")
ANALYSIS_CUES: tuple[str, ...] = ("analysis", "news analysis", "explainer")
# Blocks that label a piece rather than tell it: its title and a desk or editor's note.
LABEL_BLOCKS: frozenset[str] = frozenset({"title", "note"})
# What an opinion piece calls itself in its own text ("in this editorial"), tried in this order.
OPINION_SELF_NAMES: tuple[str, ...] = ("editorial", "op-ed")
FIRST_PERSON = re.compile(r"\b(I|I'm|I've|my|me)\b")
# A block this short that holds a date near the top is a dateline or time stamp, not prose.
DATELINE_WORDS = 16
DATELINE_BLOCKS = 6


def infer_published(article: Article, times: list[TimeMention]) -> tuple[Optional[date], Optional[str]]:
    """The publication date and how it was found; ``(None, None)`` when the text does not tell."""
    if article.published:
        return temporal.parse_iso(article.published), None
    for block in article.blocks[:DATELINE_BLOCKS]:
        if block.kind not in PROSE_BLOCKS or len(block.text.split()) <= DATELINE_WORDS:
            for start, end in temporal.find_expressions(block.text):
                value = temporal.normalize(block.text[start:end], None)
                if value and value.precision == "day":
                    return temporal.parse_iso(value.value), f"dateline at line {block.line}: {block.text.strip()[:60]}"
    future = []
    for t in times:
        value = temporal.normalize(t.text, None, tense=t.tense)
        if value is None or value.precision != "day" or value.relative:
            continue
        day = temporal.parse_iso(value.value)
        if t.tense == "future":
            future.append((day, t))
    if future:
        day, t = min(future, key=lambda x: x[0])
        # "next week" beside a scheduled date puts publication in the week before that date's week.
        if any(re.search(r"\bnext week\b", m.text, re.I) for m in times):
            monday = day - timedelta(days=day.weekday())
            return monday - timedelta(days=7), f"before '{t.text}' (told as scheduled, 'next week')"
        return day - timedelta(days=1), f"before '{t.text}' (told as scheduled)"
    # Past-tense dates only bound publication from below, by any amount: not enough to anchor "on Sunday".
    return None, None


def infer_kind(article: Article) -> tuple[Optional[str], Optional[str]]:
    """``news``, ``analysis`` or ``opinion``, and the cue that decided it."""
    if article.kind:
        return article.kind, None
    labels = [b.text for b in article.blocks if b.kind in LABEL_BLOCKS] + [article.title or ""]
    first_heading = next((b.text for b in article.blocks if b.kind == "heading"), "")
    for text in labels + [first_heading]:
        low = text.lower()
        for cue in OPINION_CUES:
            if re.search(rf"\b{re.escape(cue)}\b", low):
                return "opinion", f"'{cue}' in: {text.strip()[:60]}"
    prose = " ".join(b.text for b in article.blocks if b.kind in PROSE_BLOCKS)
    for cue in OPINION_SELF_NAMES:
        m = re.search(rf"\bthis {cue}\b", prose, re.I)
        if m:
            return "opinion", f"'{m.group(0)}' in the text"
    outside_quotes = re.sub(r"[\u201c\"][^\u201d\"]*[\u201d\"]", " ", prose)
    if len(FIRST_PERSON.findall(outside_quotes)) >= 4:
        return "opinion", "first-person voice"
    for text in labels + [first_heading]:
        for cue in ANALYSIS_CUES:
            if text.lower().startswith(cue):
                return "analysis", f"'{cue}' label"
    return "news", "no opinion or analysis cue"
