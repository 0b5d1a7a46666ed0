"""Small helpers every extractor shares: sentences as evidence, names, word lists."""
from __future__ import annotations

import functools
import hashlib
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from generator.records import Evidence, Sentence

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc, Span, Token

# Verbs that attribute speech or a stated view, by lemma. Collected from wire-style attribution (AP Stylebook's
# advice to prefer "said", and the verbs reporters use for variety) and reported-speech verbs in English grammars.
SPEECH_VERBS: frozenset[str] = frozenset("""
say tell add warn argue claim insist admit vow announce note explain state declare write ask answer reply
respond suggest acknowledge concede confirm deny report recall predict promise stress emphasize emphasise
caution complain contend estimate observe point remark reveal testify agree disagree believe think
allege urge assert maintain mention describe comment continue conclude counter joke quip tweet post call
note instruct shout yell whisper exclaim cry plead beg demand boast muse sigh snap recount sum summarize
summarise
assure reassure clarify proclaim reassert restate remind reckon
""".split())
# The last line: verbs of the Gender Gap Tracker's quote-verb list (sfu-discourse-lab, NLP/main/rules) that ours
# lacked and that introduce what someone said; its "find", "indicate" and "estimate" are what documents do
# (speakers.DOCUMENT_VERBS), and "accept", "ensure", "present" or "release" rarely report speech.
# Of those, the ones that introduce a reported clause ("X believes that …") without being speech proper.
COGNITION_VERBS: frozenset[str] = frozenset({"believe", "think", "expect", "fear", "hope", "doubt", "worry"})

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "i", "we"})

# Label sets the extractors share, named once: spaCy's English pipeline tags words with the universal POS tags,
# the Penn Treebank tags and the ClearNLP dependency labels (as en_core_web_sm emits them).
# Verbs, auxiliaries included: UD tags "be", "have" and the modals AUX, and a clause can hang on any of them.
VERB_POS: frozenset[str] = frozenset({"VERB", "AUX"})  # a verb, main or auxiliary
NOUN_POS: frozenset[str] = frozenset({"NOUN", "PROPN"})  # a common or a proper noun
# A clause's noun subject, active or passive (textacy's triples.py calls them _NOMINAL_SUBJ_DEPS).
NOMINAL_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
AUX_DEPS: frozenset[str] = frozenset({"aux", "auxpass"})  # an auxiliary, active or passive
PLURAL_NOUN_TAGS: frozenset[str] = frozenset({"NNS", "NNPS"})  # a plural common or proper noun
PRESENT_TAGS: frozenset[str] = frozenset({"VBZ", "VBP"})  # a verb in the present, third person or not
PAST_TAGS: frozenset[str] = frozenset({"VBD", "VBN"})  # a verb in the past: simple past or participle
WH_PRONOUN_TAGS: frozenset[str] = frozenset({"WDT", "WP"})  # "which", "that" (relative), "who", "what"

QUOTE_OPEN = "\u201c\""
QUOTE_CLOSE = "\u201d\""
CLOSING_MARKS = QUOTE_CLOSE + ".?!"  # what may end a text as written: a closing quotation mark or a sentence's end
# Characters that are neither word characters, spaces nor hyphens (left out of names and slugs); runs of spaces,
# underscores and hyphens (one hyphen in a slug); a possessive ("Mr. Obama's", "the Joneses'").
NOT_IN_NAMES = re.compile(r"[^\w\s-]")
SEPARATOR_RUN = re.compile(r"[\s_-]+")
POSSESSIVE = re.compile(r"'s\b|'$")


_TEXTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def text_of(doc: "Doc") -> str:
    """The doc's text, joined once: spaCy rebuilds ``Doc.text`` from every token on each access, which made it
    half the cost of extraction on long articles."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


_SENTENCES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def sentences(doc: "Doc") -> list[Sentence]:
    """The doc's sentences, trimmed of the whitespace spaCy attaches to them, numbered from 0; made once per doc
    (every extractor asks, and each ``Span.text`` is rebuilt from its tokens). Do not modify the list."""
    found = _SENTENCES.get(doc)
    if found is not None:
        return found
    out = []
    text_all = text_of(doc)
    for n, sent in enumerate(doc.sents):
        text = text_all[sent.start_char:sent.end_char]
        lead = len(text) - len(text.lstrip())
        trimmed = text.strip()
        start = sent.start_char + lead
        out.append(Sentence(n=n, start=start, end=start + len(trimmed), text=trimmed))
    _SENTENCES[doc] = out
    return out


_SENT_INDEX: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def sentence_index(doc: "Doc") -> dict[int, int]:
    """Token index → sentence number, built once per doc (every extractor asks for it). Do not modify it."""
    index = _SENT_INDEX.get(doc)
    if index is None:
        index = _SENT_INDEX[doc] = {}
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                index[i] = n
    return index


_IDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def tokens_where(doc: "Doc", *, lower: frozenset[str] = frozenset(), lemma: frozenset[str] = frozenset(),
                 tag: frozenset[str] = frozenset()) -> list[int]:
    """The indices of the tokens whose lower-case form, lemma or tag is one of those given, in order: one numpy
    look-up over spaCy's string ids instead of three attribute reads a token in Python. The ids are read once per
    doc."""
    import numpy

    ids = _IDS.get(doc)
    if ids is None:
        from spacy.attrs import LEMMA, LOWER, TAG

        ids = _IDS[doc] = doc.to_array([LOWER, LEMMA, TAG]).reshape(len(doc), 3)
    hit = numpy.zeros(len(doc), dtype=bool)
    for column, words in enumerate((lower, lemma, tag)):
        if words:
            wanted = _string_ids(words)
            values = ids[:, column]
            # a binary search in the sorted ids (numpy.isin sorts both sides each call: ten times slower here)
            at = numpy.minimum(numpy.searchsorted(wanted, values), len(wanted) - 1)
            hit |= wanted[at] == values
    return numpy.flatnonzero(hit).tolist()


def capitalised(doc: "Doc") -> list[int]:
    """The indices of the tokens whose first character is a capital (``tok.text[:1].isupper()``), in order, read
    from the doc's text and the tokens' offsets without making a token object each."""
    from spacy.attrs import IDX, LENGTH

    text = text_of(doc)
    return [i for i, (start, length) in enumerate(doc.to_array([IDX, LENGTH]).reshape(len(doc), 2).tolist())
            if length and text[start].isupper()]


@functools.lru_cache(maxsize=None)
def _string_ids(words: frozenset[str]) -> "numpy.ndarray":
    import numpy
    from spacy.strings import get_string_id  # the id spaCy stores for a string (a symbol's own for tags)

    return numpy.array(sorted(get_string_id(w) for w in words), dtype=numpy.uint64)


_SENT_SPANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def sentence_span(doc: "Doc", i: int) -> "Span":
    """The sentence holding token ``i``, as ``doc[i].sent`` gives it (and a span's ``.sent``, from its first token),
    from the doc's sentences listed once: spaCy walks to the sentence's edges and makes a new span on each call,
    some microseconds each. Do not modify the span."""
    spans = _SENT_SPANS.get(doc)
    if spans is None:
        spans = _SENT_SPANS[doc] = list(doc.sents)
    return spans[sentence_index(doc)[i]]


def evidence(article: str, sent: Sentence) -> Evidence:
    return Evidence(article=article, sentence=sent.n, start=sent.start, end=sent.end, text=sent.text)


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that depends only on the item itself, so adding an unrelated article never renumbers it."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{digest}"


def slug(text: str) -> str:
    text = NOT_IN_NAMES.sub("", text.lower().replace("'", ""))
    return SEPARATOR_RUN.sub("-", text).strip("-") or "item"


@functools.lru_cache(maxsize=1 << 15)  # pure; the same names recur in every extractor and article
def norm_name(text: str) -> str:
    """Compare names by letters only: "Mr. Obama's" and "mr obama" are the same words."""
    text = text.replace("\u2019", "'")
    text = POSSESSIVE.sub("", text)
    return " ".join(NOT_IN_NAMES.sub(" ", text.lower()).split())


def clean_text(tokens: "list[Token] | Span") -> str:
    """Tokens back to text as written, trimmed of edge punctuation and spaces."""
    toks = list(tokens)
    while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in QUOTE_OPEN:
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in CLOSING_MARKS:
        toks = toks[:-1]
    if not toks:
        return ""
    doc = toks[0].doc
    if all(toks[i + 1].i == toks[i].i + 1 for i in range(len(toks) - 1)):
        return doc[toks[0].i: toks[-1].i + 1].text
    return "".join(t.text_with_ws for t in toks).strip()


# gender-guesser's codes in the first column of its name list, and the answer each gives.
NAME_LIST_GENDERS: dict[str, str] = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female",
                                     "1F": "mostly_female", "?F": "mostly_female", "?": "andy"}


@functools.lru_cache(maxsize=1)
def _given_names():
    # gender-guesser: an offline lexicon of about 40,000 given names by country, loaded once per process for every
    # extractor that asks. Its own loader reads the 4 MB list through codecs line by line (0.18 s, in every worker
    # process); this reads the same lines at once into the same table (a test checks the two agree).
    import gender_guesser.detector as gender_detector

    detector = gender_detector.Detector.__new__(gender_detector.Detector)
    detector.case_sensitive = False
    path = Path(gender_detector.__file__).parent / "data" / "nam_dict.txt"
    detector.names = _name_list(path.read_bytes().decode("utf-8"))
    return detector


def _name_list(text: str) -> dict[str, dict[str, str]]:
    """gender-guesser's ``Detector._parse`` (case-insensitive) over the list's text: name → {gender: the country
    columns}, genders in the order the list gives them; a "+" in a name stands for nothing, a space or a hyphen."""
    names: dict[str, dict[str, str]] = {}
    for line in text.splitlines():  # the line ends codecs splits at, as the library reads the file
        line = line.strip()
        if line[0] in "#=":
            continue
        parts = line.split()
        gender, countries, name = NAME_LIST_GENDERS[parts[0]], line[30:-1], parts[1].lower()
        for form in (name.replace("+", ""), name.replace("+", " "), name.replace("+", "-")) if "+" in name else (name,):
            names.setdefault(form, {})[gender] = countries
    return names


@functools.lru_cache(maxsize=1 << 14)  # pure once the lexicon is read; names recur
def given_name_gender(word: str) -> str:
    """gender-guesser's answer for a given name: "male", "mostly_male", "female", "mostly_female", "andy" or
    "unknown" (not a given name it knows)."""
    return _given_names().get_gender(word)
