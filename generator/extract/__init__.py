"""Extraction: one pure function per kind, from one parsed article to typed records (``analyze``). Nothing here
looks across articles: :mod:`generator.assemble` makes the story from every article's findings, without spaCy."""
from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract import actors, conflicts, questions, quotes, timeline
from generator.extract.common import sentences
from generator.extract.published import infer_kind
from generator.records import Article, Findings, Source, SourceBlock

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze(article: Article, doc: "Doc") -> Findings:
    """Everything one article says on its own. Reads the ``Doc``, never changes it."""
    found_mentions = actors.mentions(doc, article)
    kind, kind_cue = infer_kind(article)
    return Findings(
        article=article.id,
        source=source(article, doc),
        mentions=found_mentions,
        quotes=quotes.quotes(doc, article, mentions=found_mentions),
        times=timeline.time_mentions(doc, article, found_mentions),
        questions=questions.questions(doc, article, mentions=found_mentions),
        kind=kind,
        kind_cue=kind_cue,
        figures=conflicts.figures(doc),
    )


def source(article: Article, doc: "Doc") -> Source:
    """The article as layout blocks of numbered sentences: what the source page shows, one anchor a sentence."""
    sents = sentences(doc)
    blocks = []
    for block in article.blocks:
        inside = [s for s in sents if block.start <= s.start < block.end and s.text]
        blocks.append(SourceBlock(kind=block.kind, line=block.line, sentences=inside))
    return Source(id=article.id, title=article.title, blocks=blocks)
