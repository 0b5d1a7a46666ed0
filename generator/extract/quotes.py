"""Quotes: direct quotations found by their marks, reported speech by its verb, each with its speaker."""
from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional, Sequence

from generator.extract import speakers
from generator.extract.common import (COGNITION_VERBS, NOMINAL_SUBJECT_DEPS, NOUN_POS, PLURAL_NOUN_TAGS, QUOTE_CLOSE,
                                      SPEECH_VERBS, VERB_POS, evidence, norm_name, sentence_index, sentences, stable_id,
                                      text_of)
from generator.extract.compress import FINITE_AUX_TAGS
from generator.extract.speakers import GENDERED_PRONOUNS, ORG_TYPES, QUOTE_MARKS
from generator.records import Article, Block, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A quotation shorter than this many words is a scare quote or a borrowed term ("reset", "fair share"),
# not something someone said, unless it ends like speech does.
MIN_QUOTE_WORDS = 5

# --- Marks and layout ----------------------------------------------------------------------------------------
OPEN_MARK, CLOSE_MARK = "\u201c", "\u201d"
QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
# What a straight quotation mark opens after, and what follows one that closes (news typography).
OPENS_AFTER: frozenset[str] = frozenset("([{\u2014-:")
CLOSES_BEFORE: frozenset[str] = frozenset(".,;:!?)\u2014-")
# How speech ends: a short quotation ending so is something said ("“Not yet,” she said"), not a borrowed term.
SPOKEN_ENDS: tuple[str, ...] = (",", ".", "?", "!")
# How a sentence ends, a closing quotation mark included: a caption that ends so is prose after all.
SENTENCE_ENDS: tuple[str, ...] = (".", "!", "?") + tuple(QUOTE_CLOSE)
# The dashes of a pull quote's credit line ("“…” – Name"): en dash, em dash, hyphen.
DASHES = "\u2013\u2014-"
# Blocks that are layout, not a speaker's paragraphs (``records.BlockKind``).
LAYOUT_BLOCKS: frozenset[str] = frozenset({"caption", "heading", "pullquote", "title", "byline", "links"})
# Blocks that can introduce a bulleted list of statements ("X also said:").
LIST_INTRO_BLOCKS: frozenset[str] = frozenset({"paragraph", "item"})

# --- Labels --------------------------------------------------------------------------------------------------
# Those of spaCy's English pipelines: coarse parts of speech from Universal Dependencies (UPOS), fine tags from the
# Penn Treebank, dependency labels from ClearNLP, entity types from OntoNotes 5. Verbs (auxiliaries included),
# nouns, plural nouns and a clause's noun subject are common's sets; finite verbs, a modal included, are
# compress.FINITE_AUX_TAGS (a line with one is a sentence, not a photo caption).
# Named-entity types of a name the actor list may have left out: still a name, not a description.
NAME_LABELS: frozenset[str] = frozenset({"ORG", "PERSON", "GPE", "NORP"})
DETERMINER_DEPS: frozenset[str] = frozenset({"det", "poss"})
# The words a description adds to its noun: "the forecast center", "the federal agency".
DESCRIPTION_DEPS: frozenset[str] = frozenset({"compound", "amod"})
# Verbs whose subject can name the quotation before: a main clause, a reported or an adverbial clause.
CLAUSE_HEAD_DEPS: frozenset[str] = frozenset({"ROOT", "ccomp", "advcl"})
# A speech verb that continues another's: "…," Eng added, noting that ….
CONTINUING_DEPS: frozenset[str] = frozenset({"xcomp", "advcl"})
# How "saying" hangs under "quoted" in "X was quoted as saying".
QUOTED_AS_DEPS: frozenset[str] = frozenset({"advcl", "pcomp", "xcomp"})
# How a "quoted as saying" hangs under the clause it reports ("…, the government was quoted as saying").
QUOTED_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "parataxis"})
# How a quotation hangs under the verb that reports it: its object or clause, not a clause joined to it ("X
# announced …; a firestorm erupted – “…,” one response began" is a conj of "announced").
REPORTED_DEPS: frozenset[str] = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr", "parataxis", "dep", "punct",
                                           "advcl", "npadvmod"})

# --- Words ---------------------------------------------------------------------------------------------------
# Pronouns ``speakers.resolve`` takes to a person or a group ("it" goes to an organisation, apart).
PEOPLE_PRONOUNS: frozenset[str] = GENDERED_PRONOUNS | {"they"}
# Subjects that report but are nobody: "it said that …" with nothing to refer back to, "this means …".
NOT_SPEAKERS: frozenset[str] = frozenset({"it", "this", "that"})
# Determiners of people the text does not name: "a woman in the gallery", "one resident", "several experts".
UNNAMED_DETERMINERS: frozenset[str] = frozenset({"a", "an", "one", "another", "some", "several", "many"})
# "according to X", by its first word.
ACCORDING: frozenset[str] = frozenset({"according"})


@dataclass(frozen=True)
class _Span:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the end of the text run)


_START = attrgetter("start")

class Attribution(NamedTuple):
    """Who said a quotation, and the words that say so: a verb as written ("said"), "according to", "continues"…
    ``speaker`` is None for someone the text does not name ("…," she said, with no woman named before)."""

    speaker: Optional[str]
    cue: str


@dataclass(frozen=True)
class QuoteContext:
    """One direct quotation and what an attribution strategy may look at around it. Read only."""

    doc: "Doc"
    article: Article
    span: _Span
    spans: list[_Span]  # every quotation of the article, in text order
    mentions: list[Mention]
    sents: list["Span"]  # the doc's sentences, listed once per doc
    sent_of: dict[int, int]  # token index → sentence number
    paragraph: Optional[int]  # index of the block the quotation opens in
    found: list[Quote]  # the direct quotations before this one, attributed
    # The tokens of its opening and closing marks: a mark is never whitespace, so never None in practice.
    first: "Optional[Token]"
    last: "Optional[Token]"

    @property
    def anchored(self) -> bool:
        return self.first is not None and self.last is not None

    @property
    def opening(self) -> int:
        """The number of the sentence the quotation opens in."""
        return self.sent_of[self.first.i]

    @property
    def closing(self) -> int:
        """The number of the sentence the quotation closes in."""
        return self.sent_of[self.last.i]


def quotes(doc: "Doc", article: Article, *, mentions: list[Mention]) -> list[Quote]:
    """Direct and indirect quotes of one article; ``speaker_name`` is a name as written, resolved later to an actor."""
    sents = sentences(doc)
    sent_of = sentence_index(doc)
    text = text_of(doc)
    spans = [s for s in quote_spans(text) if _is_speech(text[s.start + 1: s.end - 1])]
    parsed = list(doc.sents)
    out: list[Quote] = []
    for span in spans:
        if _scare_quote(doc, span):
            continue
        ev = [evidence(article.id, s) for s in sents if s.start < span.end and s.end > span.start]
        if not ev:
            continue
        ctx = QuoteContext(doc=doc, article=article, span=span, spans=spans, mentions=mentions, sents=parsed,
                           sent_of=sent_of, paragraph=_paragraph_of(article, span.start), found=out,
                           first=_token_at(doc, span.start), last=_token_at(doc, span.end - 1))
        speaker, cue = attribute(ctx) or (None, None)
        inner = text[span.start + 1: span.end - 1].strip()
        out.append(Quote(id=stable_id("q", article.id, inner), text=inner, kind="direct", speaker=None,
                         speaker_name=speaker, article=article.id, evidence=ev, cue=cue))
    out.extend(_indirect(doc, article, spans=spans, mentions=mentions))
    # A pull quote repeats a quotation of the body: the body's, with its attribution, is the one kept.
    pulled = [(b.start, b.end) for b in article.blocks if b.kind == "pullquote"]
    out.sort(key=lambda q: (any(a <= q.evidence[0].start < b for a, b in pulled), q.evidence[0].start, q.kind))
    return sorted(_dedupe(out), key=lambda q: (q.evidence[0].start, q.kind))


def quote_spans(text: str) -> list[_Span]:
    """Quotations marked with curly or straight double quotes.

    A quotation may run over several paragraphs: wire style leaves the mark open at a paragraph's end and opens
    it again at the next; and an unclosed quote whose next paragraph closes it ("…,\\n\\nfolding …," said Quint) is
    one quotation too.
    """
    marks = [(m.start(), _role(text, m.start())) for m in QUOTE_MARK.finditer(text)]
    spans, open_at = [], None
    for pos, role in marks:
        if open_at is None:
            if role == "open":
                open_at = pos
            continue
        between = text[open_at:pos]
        if role == "close":
            spans.append(_Span(open_at, pos + 1))
            open_at = None
        elif "\n\n" in between:
            # A new paragraph that opens again continues the same quotation (wire style).
            if not text[open_at:pos].rstrip().endswith(tuple(QUOTE_CLOSE)) and _opens_paragraph(text, pos):
                continue
            open_at = pos
        else:
            open_at = pos
    return spans


def _role(text: str, pos: int) -> str:
    ch = text[pos]
    if ch == OPEN_MARK:
        return "open"
    if ch == CLOSE_MARK:
        return "close"
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before.isspace() or before in OPENS_AFTER or pos == 0:
        return "open"
    if after.isspace() or after in CLOSES_BEFORE or pos + 1 == len(text):
        return "close"
    return "open" if after.isalnum() and not before.isalnum() else "close"


def _opens_paragraph(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].strip() == ""


def _is_speech(inner: str) -> bool:
    words = inner.split()
    return len(words) >= MIN_QUOTE_WORDS or (len(words) >= 2 and inner.rstrip().endswith(SPOKEN_ENDS))


def _scare_quote(doc: "Doc", span: _Span) -> bool:
    """A few words in quotation marks inside a sentence that nobody is said to say: a borrowed or ironic term
    ("its “dynamic fares,” which …", "the “night mode,” that it uses"), not a quotation. One a verb right after it
    reports, right before or after it, makes it speech: "“…,” one reply began", "she called it “a disgrace”"."""
    inner = text_of(doc)[span.start + 1: span.end - 1]
    first = _token_at(doc, span.start)
    if len(inner.split()) >= MIN_QUOTE_WORDS or first is None:
        return False
    if not text_of(doc)[first.sent.start_char:span.start].strip():
        return False  # it opens its sentence: "“No comment,” she said."
    governors = _governors(first)
    sent = list(first.sent)
    near = [t for t in sent if t.idx >= span.end][:ADJACENT] + [t for t in sent if t.idx < span.start][-ADJACENT:]
    return not any(t.i in governors and t.pos_ in VERB_POS for t in near)


def _inside(i: int, spans: Sequence[_Span]) -> bool:
    """Whether offset ``i`` is within one of ``spans``, which quote_spans makes in text order and apart: only the
    last one opening at or before ``i`` can hold it."""
    k = bisect_right(spans, i, key=_START) - 1
    return k >= 0 and i < spans[k].end


# --- Attribution: small strategies, tried in the order of ATTRIBUTION_STRATEGIES ----------------------------------

# A sentence after a quotation this short or shorter can only attribute it: "“…” Kessler said so on Monday."
ATTRIBUTING_SENTENCE_TOKENS = 12
# How far before a quotation "in the words of X," is looked for, in characters.
IN_WORDS_OF_REACH = 80
IN_WORDS_OF = re.compile(r"[Ii]n (?:the words of (?P<a>[^,]+)|(?P<b>[^,]+?)[\u2019']s (?:own )?words),?\s*$")


def _verb_in_closing_sentence(ctx: QuoteContext) -> Optional[Attribution]:
    """The sentence the quotation closes in: "“…,” Kessler said." / "“…,” said Omar Haddad, a hydrologist"."""
    if not ctx.anchored:
        return None
    return _reported_in(ctx, ctx.sents[ctx.closing])


def _verb_in_opening_sentence(ctx: QuoteContext) -> Optional[Attribution]:
    """The sentence it opens in, when that is another: "Reyes said: “… . …”"."""
    if not ctx.anchored or ctx.opening == ctx.closing:
        return None
    return _reported_in(ctx, ctx.sents[ctx.opening])


def _verb_in_next_sentence(ctx: QuoteContext) -> Optional[Attribution]:
    """A short sentence just after that only attributes it: "“…” Kessler said so on Monday."."""
    if not ctx.anchored or ctx.closing + 1 >= len(ctx.sents):
        return None
    sent = ctx.sents[ctx.closing + 1]
    if len(sent) > ATTRIBUTING_SENTENCE_TOKENS or any(_inside(t.idx, ctx.spans) for t in sent):
        return None
    return _reported_in(ctx, sent)


def _reported_in(ctx: QuoteContext, sent: "Span") -> Optional[Attribution]:
    """A speech verb of ``sent`` outside quotation marks whose subject names someone, or "according to X"."""
    for verb in _speech_verbs(sent, span=ctx.span, first=ctx.first, spans=ctx.spans):
        name = _subject_name(verb, mentions=ctx.mentions, spans=ctx.spans)
        if name:
            return Attribution(name, verb.text)
        if any(c.dep_ == "nsubj" and c.lower_ in GENDERED_PRONOUNS for c in verb.children):
            return Attribution(None, verb.text)  # a pronoun no earlier actor agrees with: nobody, rather than a guess
    according = _according_to(sent, spans=ctx.spans, mentions=ctx.mentions)
    return Attribution(according, "according to") if according else None


def _verb_in_previous_sentence(ctx: QuoteContext) -> Optional[Attribution]:
    """A sentence of the same paragraph that introduces it: "She said:" / "Economist Lara Voss once summed up the
    risk with a metaphor. “…”". Not a verb that reported its own clause ("X announced that …. A firestorm erupted
    – “…,” one began")."""
    if not ctx.anchored or ctx.opening == 0:
        return None
    prev, text = ctx.sents[ctx.opening - 1], text_of(ctx.doc)
    if "\n\n" in text[prev.start_char:ctx.span.start] or any(_inside(t.idx, ctx.spans) for t in prev):
        return None
    verbs = [t for t in prev if t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB"]
    opens = not text[ctx.sents[ctx.opening].start_char:ctx.span.start].strip()
    introduces = prev.text.rstrip().endswith(":") or (opens and any(
        t.dep_ == "ROOT" and not any(c.dep_ == "ccomp" for c in t.children) for t in verbs))
    if not introduces:
        return None
    for verb in verbs:
        name = _subject_name(verb, mentions=ctx.mentions, spans=ctx.spans)
        if name:
            return Attribution(name, verb.text)
    return None


def _in_the_words_of(ctx: QuoteContext) -> Optional[Attribution]:
    """ "In Dr. Varga's words, “…”" and "in the words of X, “…”": a person named there."""
    if not ctx.anchored:
        return None
    lead = text_of(ctx.doc)[max(0, ctx.span.start - IN_WORDS_OF_REACH):ctx.span.start]
    m = IN_WORDS_OF.search(lead)
    if not m:
        return None
    named = m.group("a") or m.group("b")
    at = ctx.span.start - len(lead) + m.start("a" if m.group("a") else "b")
    name = next((x.text for x in ctx.mentions if at <= x.start < at + len(named) and x.type == "person"), None)
    return Attribution(name, "in the words of") if name else None


def _pull_quote_credit(ctx: QuoteContext) -> Optional[Attribution]:
    """ "“…” – Name" set apart in the layout: the name after the dash."""
    if ctx.paragraph is None or ctx.article.blocks[ctx.paragraph].kind != "pullquote":
        return None
    block, span = ctx.article.blocks[ctx.paragraph], ctx.span
    tail = text_of(ctx.doc)[span.end:block.end]
    if not re.match(rf"\s*[{DASHES}]", tail):
        return None
    credit = next((m.text for m in ctx.mentions if span.end <= m.start < block.end), None) or tail.strip(f" {DASHES}*")
    return Attribution(credit, "pull quote") if credit else None


def _continues_in_paragraph(ctx: QuoteContext) -> Optional[Attribution]:
    """An unattributed quotation continues the quotation just before it in its paragraph: "“…,” she said. “…”"."""
    if ctx.paragraph is None:
        return None
    block = ctx.article.blocks[ctx.paragraph]
    same = [q for q in ctx.found if q.kind == "direct" and block.start <= q.evidence[0].start < ctx.span.start]
    speaker = same[-1].speaker_name if same else None
    return Attribution(speaker, "continues") if speaker else None


def _named_in_next_sentence(ctx: QuoteContext) -> Optional[Attribution]:
    """A quotation that is a sentence of its own, named by the next sentence of its paragraph: "“…” That was how
    captain X summed it up." / "“…” X delivered that verdict before the vote." The next sentence's subject must
    be a person named there."""
    if not ctx.anchored:
        return None
    doc, span, sents = ctx.doc, ctx.span, ctx.sents
    this, after = sents[ctx.opening], ctx.closing + 1
    standalone = not text_of(doc)[this.start_char:span.start].strip() and \
        not text_of(doc)[span.end:sents[after - 1].end_char].strip(" .,\n")
    if not standalone or after >= len(sents) or ctx.paragraph is None or \
            sents[after].start_char >= ctx.article.blocks[ctx.paragraph].end:
        return None
    nxt = sents[after]
    for subj in (t for t in nxt if t.dep_ == "nsubj" and t.head.dep_ in CLAUSE_HEAD_DEPS):
        name = _name_for(subj, ctx.mentions)
        if name and any(m.text == name and m.type == "person" and m.start >= nxt.start_char for m in ctx.mentions):
            return Attribution(name, subj.head.text)
    return None


def _continues_from_paragraph_before(ctx: QuoteContext) -> Optional[Attribution]:
    """A quotation that opens its paragraph continues the paragraph before (wire style): its colon-introduced
    speaker ("Allen said:"), its last quotation's speaker, or the person it was about. Further back, newswire
    always re-attributes, so nothing is guessed."""
    if ctx.paragraph is None:
        return None
    speaker = _previous_paragraph_speaker(ctx)
    return Attribution(speaker, "continues") if speaker else None


def _previous_paragraph_speaker(ctx: QuoteContext) -> Optional[str]:
    doc, article, mentions = ctx.doc, ctx.article, ctx.mentions
    block = article.blocks[ctx.paragraph]
    if text_of(doc)[block.start:ctx.span.start].strip():
        return None
    # Photo captions and headings sit between a speaker's paragraphs on the web: read past them.
    prev_index = ctx.paragraph - 1
    while prev_index >= 0 and (article.blocks[prev_index].kind in LAYOUT_BLOCKS or
                               _caption_like(doc, article.blocks[prev_index])):
        prev_index -= 1
    if prev_index < 0:
        return None
    prev = article.blocks[prev_index]
    introduced = _colon_speaker(doc, prev, mentions=mentions)
    if introduced:
        return introduced  # "Allen said:" owns the quotation that follows
    earlier = [q for q in ctx.found if q.kind == "direct" and prev.start <= q.evidence[-1].start < prev.end]
    if earlier:
        return earlier[-1].speaker_name
    # No quotation before: the person the previous paragraph was about, when it names one as a subject, or a
    # main clause's subject that refers to one ("The president also admitted … he defended his decision").
    disc = speakers.discourse(doc, mentions)
    inside = [m for m in mentions if prev.start <= m.start < prev.end and
              (m.type == "person" or getattr(disc.entity_at(m.start), "kind", None) == "person")]
    subjects = [m for m in inside if _is_subject(doc, m)]
    if subjects:
        return subjects[-1].text
    prev_tokens = doc.char_span(prev.start, prev.end, alignment_mode="expand") or []
    for tok in reversed([t for t in prev_tokens if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]):
        if tok.lower_ in GENDERED_PRONOUNS or tok.lower_ == "the" or tok.pos_ == "NOUN":
            name = _name_for(tok, mentions)
            if name and any(m.text == name and m.type == "person" for m in mentions):
                return name
    # Or the one person it names at all ("But for Tessel and his family, the closure is personal.").
    people = {norm_name(m.text).split()[-1] for m in inside}
    return inside[-1].text if len(people) == 1 else None


# Tried in order; the first that answers wins, and an answer may name nobody ("…," she said, with no woman named
# before): that stops the search rather than borrowing someone else's name.
# Why this order: a verb that reports the quotation in its own sentences is the surest cue, and wire copy puts it
# after the words ("…," she said) more often than before them (She said: "…"); then a short sentence after it that
# only attributes, one before it that introduces it, and the rarer "in the words of X". The layout's own credit
# line (a pull quote's "– Name") comes before anything is carried over. Only then the quotations around it: with no
# cue of its own, a quotation continues the one before it in its paragraph, else is named by the next sentence,
# else (wire style) continues the paragraph before, as far back as news copy goes without naming the speaker again.
ATTRIBUTION_STRATEGIES: tuple[Callable[[QuoteContext], Optional[Attribution]], ...] = (
    _verb_in_closing_sentence,
    _verb_in_opening_sentence,
    _verb_in_next_sentence,
    _verb_in_previous_sentence,
    _in_the_words_of,
    _pull_quote_credit,
    _continues_in_paragraph,
    _named_in_next_sentence,
    _continues_from_paragraph_before,
)


def attribute(ctx: QuoteContext) -> Optional[Attribution]:
    """The first answer of :data:`ATTRIBUTION_STRATEGIES` for one direct quotation, or None when none answers."""
    for strategy in ATTRIBUTION_STRATEGIES:
        found = strategy(ctx)
        if found is not None:
            return found
    return None


# How many tokens may stand between a quotation's mark and the verb that attributes it ("…," Mr. Ng said).
ADJACENT = 5


def _speech_verbs(sent: "Span", *, span: _Span, first: "Token", spans: list[_Span]) -> list["Token"]:
    """The speech verbs of a sentence outside quotation marks, the quotation's own first: the verb right beside its
    marks ("…," X said / X said: "…"), then the verb it is the object of ("X said in a memo that “…”"), then the
    rest in text order, so that "the officials said, …, “…,” Mr. X said" gives the quotation to X."""
    verbs = [t for t in sent if t.pos_ in VERB_POS and _reports(t) and not _inside(t.idx, spans)]
    ancestors = _governors(first)

    def rank(verb: "Token") -> int:
        gap = verb.idx - span.end if verb.idx >= span.end else span.start - verb.idx
        near = len(text_of(verb.doc)[min(verb.idx, span.end):max(verb.idx, span.start)].split()) if gap >= 0 else 99
        if near <= ADJACENT:
            return 0
        return 1 if verb.i in ancestors or _as_clause(verb, first) else 2

    return [v for v in sorted(verbs, key=rank) if rank(v) < 2]


def _as_clause(verb: "Token", first: "Token") -> bool:
    """ "As the committee has pointed out, it would be used “…”": an as-clause vouches for its whole sentence."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and \
        verb.head.i in {a.i for a in first.ancestors}


def _nested_attributions(clause: "Token") -> set[int]:
    """Tokens of clauses inside a reported clause that report someone else: "X claimed the cuts would pay for
    themselves even as the budget office estimated that …" is not X's estimate."""
    out: set[int] = set()
    for t in clause.subtree:
        if t.i != clause.i and t.dep_ == "advcl" and _reports(t) and any(c.dep_ == "nsubj" for c in t.children):
            out.update(x.i for x in t.subtree)
    return out


def _reports(verb: "Token") -> bool:
    """A speech verb, or what a document does in its place: "the study found", "the audit showed"."""
    return verb.lemma_ in SPEECH_VERBS or (verb.lemma_ in speakers.DOCUMENT_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in speakers.DOCUMENT_NOUNS for c in verb.children))


def _governors(tok: "Token") -> set[int]:
    """The verbs a quotation's first token is reported by: each ancestor reached through a reported-speech
    dependency."""
    out, child = set(), tok
    for head in tok.ancestors:
        if child.dep_ in REPORTED_DEPS or child.i == tok.i:
            out.add(head.i)
        child = head
    return out


def _tokens_with(doc: "Doc", attr: str, values: frozenset[str]) -> list["Token"]:
    """The doc's tokens whose ``attr`` ("POS", "LOWER", …) is one of ``values``, in text order: one array read
    instead of a ``Token`` made for every word, which is most of the cost of a pass over a long article."""
    wanted = {doc.vocab.strings[v] for v in values}
    return [doc[i] for i, x in enumerate(doc.to_array(attr).tolist()) if x in wanted]


def _token_at(doc: "Doc", char: int) -> "Optional[Token]":
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _subject_name(verb: "Token", *, mentions: list[Mention], spans: Sequence[_Span] = ()) -> Optional[str]:
    """Who does the saying: the active subject, the agent of a passive ("was told by X"), or the subject of the
    speech verb this one continues ("…," Eng added, noting that …)."""
    # The subject nearest the verb first: "Green Basket co-founder and CEO Dana Pryor said" parses "co" as a
    # subject too.
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj" and not _inside(c.idx, spans)),
                      key=lambda c: abs(verb.i - c.i))
    for subj in subjects:
        name = _name_for(subj, mentions)
        if name:
            return name
    if subjects:
        return None
    age = speakers.age_subject(verb)
    if age is not None:
        return speakers.resolve(age, speakers.discourse(verb.doc, mentions), want="person")
    subj = None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is None and verb.dep_ == "conj" and verb.head.pos_ in VERB_POS:
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "X stepped in and tweeted: …"
    if subj is None and verb.dep_ in CONTINUING_DEPS and verb.head.lemma_ in SPEECH_VERBS:
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in QUOTED_AS_DEPS:
        # "X was quoted as saying …": the passive subject of "quoted".
        quoted = _quoted_as(verb)
        subj = next((c for c in quoted.children if c.dep_ == "nsubjpass"), None) if quoted is not None else None
    if subj is None and verb.dep_ == "acl" and verb.head.i < verb.i and (
            verb.head.pos_ == "PROPN" or (verb.head.pos_ == "NOUN" and speakers.is_people_noun(verb.head))):
        subj = verb.head  # "Mr. Lorne, the Ohio Democrat, called the bill …" parsed as a reduced relative
    if subj is None:
        return None
    return _name_for(subj, mentions)


def _name_for(tok: "Token", mentions: list[Mention]) -> Optional[str]:
    """A subject token as a name: the mention it is part of, its apposition ("Okafor's lawyer, Peter Szabo"), a
    pronoun's or a description's antecedent ("she", "the minister", "the company"), a document's author ("a
    statement from X"), or unnamed people as written ("a resident", "officials")."""
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m.text
    for child in tok.children:
        if child.dep_ == "appos":
            for m in mentions:
                if child.idx <= m.start < child.idx + len(child.text) + 1 or m.start <= child.idx < m.end:
                    return m.text
    disc = speakers.discourse(tok.doc, mentions)
    if tok.idx in disc.key_of:
        return disc.entities[disc.key_of[tok.idx]].name  # a name the NER missed but the article repeats
    if tok.pos_ == "PROPN" and norm_name(tok.text) in disc.entities:
        return disc.entities[norm_name(tok.text)].name  # one named before, that the NER labels otherwise here
    if tok.lower_ == "they":
        # "Elders say they are not heard when they tell …": a plural subject earlier in the sentence first.
        plural = [t for t in tok.sent if t.i < tok.i and t.dep_ == "nsubj" and t.tag_ in PLURAL_NOUN_TAGS]
        if plural:
            return _name_for(plural[-1], mentions)
    if tok.lower_ in PEOPLE_PRONOUNS:
        return speakers.resolve(tok, disc)
    if tok.lower_ == "it":
        # "it said": the organisation the text is about here; one the NER missed but the article repeats.
        return speakers.resolve(tok, disc) or _most_mentioned(_organisations_before(tok, disc, mentions=mentions))
    if tok.pos_ not in NOUN_POS:
        return None
    if tok.pos_ == "PROPN" and tok.ent_type_ in NAME_LABELS:
        return speakers.description(tok, owner=False)  # a name the actor list left out is still a name
    det = next((c.lower_ for c in tok.children if c.dep_ in DETERMINER_DEPS), None)
    lemma = tok.lemma_.lower()
    if lemma in speakers.DOCUMENT_NOUNS:
        return speakers.document_author(tok, mentions) or _earlier_author(tok, mentions) or speakers.description(tok)
    if det == "the" and speakers.is_person_description(tok):
        return _titled(tok, mentions) or speakers.resolve(
            tok, disc, want=speakers.description_gender(tok) or "person", nouns=[lemma])
    if det == "the" and lemma in speakers.ORG_NOUNS:
        return _refers_back(tok, mentions=mentions, disc=disc)
    if det == "the":
        return None
    if _unnamed(tok, det):
        return speakers.description(tok)
    return None


def _unnamed(tok: "Token", det: Optional[str]) -> bool:
    """ "a woman in the gallery", "one resident", "officials", "experts": people the text does not name."""
    if tok.pos_ != "NOUN" or not speakers.is_people_noun(tok):
        return False
    if det is not None:
        return det in UNNAMED_DETERMINERS or any(
            c.dep_ == "nummod" for c in tok.children)
    return tok.tag_ == "NNS" or any(c.dep_ == "nummod" for c in tok.children)


def _titled(tok: "Token", mentions: list[Mention]) -> Optional[str]:
    """ "the president said" after "President Ana Ruiz": the latest person with that title or role."""
    titled = [m for m in mentions if m.end <= tok.idx and m.type == "person" and
              tok.lower_ in ((m.title or "") + " " + " ".join((m.role or "").split()[:3])).lower().split()]
    return titled[-1].text if titled else None


def _earlier_author(tok: "Token", mentions: list[Mention]) -> Optional[str]:
    """ "the report states" after "a report released by X": the author given where the document came in."""
    for prev in reversed(tok.doc[max(0, tok.i - 400):tok.i]):
        if prev.lemma_.lower() == tok.lemma_.lower() and prev.pos_ == "NOUN":
            author = speakers.document_author(prev, mentions)
            if author:
                return author
    return None


def _refers_back(tok: "Token", *, mentions: list[Mention], disc: "speakers.Discourse") -> Optional[str]:
    """ "the company said": the organisation it refers back to, by its words ("the forecast center" → a name with
    "forecast"), by salience (a subject, recent, the last to speak), or, in a lead that names it only after, the
    organisation that speaks next ("…, the space agency said. X said in a statement …")."""
    words = [t.lower_ for t in tok.children if t.dep_ in DESCRIPTION_DEPS]
    if words:
        # "the forecast center" after "Front Range Forecast Center": a name with the description's words.
        named = [m for m in mentions if m.end <= tok.idx and m.type in ORG_TYPES and
                 set(words) | {tok.lower_} <= set(m.text.lower().split())]
        if named:
            return named[-1].text
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return speakers.description(tok)  # "the Halden government": named by its own words, nobody to refer back to
    if tok.lemma_.lower() in speakers.INSTITUTION_NOUNS:
        # "the police said": a police force named before, never whichever company the story is about.
        named = [m for m in mentions if m.end <= tok.idx and m.type in ORG_TYPES and
                 tok.lemma_.lower() in norm_name(m.text).split()]
        return named[-1].text if named else speakers.description(tok)
    found = speakers.resolve(tok, disc, want="org", nouns=words, head=tok.lower_, salient_only=True)
    if found:
        return found
    found = _speaks_next(tok, mentions)
    if found:
        return found
    before = _organisations_before(tok, disc, mentions=mentions)
    return _most_mentioned(before) if before else None


def _speaks_next(tok: "Token", mentions: list[Mention]) -> Optional[str]:
    sents = list(tok.doc.sents)
    n = sentence_index(tok.doc)[tok.i]
    for sent in sents[n + 1:n + 3]:
        for verb in sent:
            if verb.lemma_ in SPEECH_VERBS and verb.pos_ == "VERB":
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                m = next((m for m in mentions if subj is not None and m.start <= subj.idx < m.end), None)
                if m is not None and m.type == "organization":
                    return m.text
    return None


_ORGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _organisations(doc: "Doc", mentions: list[Mention]) -> list[Mention]:
    """Organisations an "it" or "the company" can refer back to: those the NER found, and proper nouns it missed
    that the article keeps repeating. Built once per doc."""
    found = _ORGS.get(doc)
    if found is None:
        extra = speakers.unlabelled_names(doc, mentions)
        found = _ORGS[doc] = sorted([m for m in mentions if m.type == "organization"] + extra, key=lambda m: m.start)
    return found


def _organisations_before(tok: "Token", disc: "speakers.Discourse", *, mentions: list[Mention]) -> list[Mention]:
    """The organisations named in the paragraphs a description or "it" at ``tok`` can reach back to."""
    start = speakers.window_start(disc, tok.idx)
    return [m for m in _organisations(tok.doc, mentions) if start <= m.end <= tok.idx]


def _most_mentioned(found: list[Mention]) -> Optional[str]:
    counts: dict[str, int] = {}
    for m in found:
        counts[m.text] = counts.get(m.text, 0) + 1
    return max(counts, key=lambda k: (counts[k], [m.text for m in found].index(k))) if counts else None


def _according_to(sent: "Span", *, spans: list[_Span], mentions: list[Mention]) -> Optional[str]:
    for tok in sent:
        if tok.lower_ == "according" and not _inside(tok.idx, spans):
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _name_for(obj, mentions)
    return None


def _paragraph_of(article: Article, char: int):
    for i, block in enumerate(article.blocks):
        if block.start <= char < block.end:
            return i
    return None


def _colon_speaker(doc: "Doc", block: Block, *, mentions: list[Mention]) -> Optional[str]:
    if not block.text.rstrip().endswith(":"):
        return None
    span = doc.char_span(block.start, block.end, alignment_mode="expand") or []
    verbs = [t for t in span if t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB"]
    return _subject_name(verbs[-1], mentions=mentions) if verbs else None


def _caption_like(doc: "Doc", block) -> bool:
    """An unmarked photo caption between paragraphs: a short line with no finite verb ("X at his farm, where …"
    still has one, so also short lines that do not end a sentence)."""
    span = doc.char_span(block.start, block.end, alignment_mode="expand")
    if span is None or len(span) > 30 or block.text.rstrip().endswith(":"):
        return False
    finite = any(t.tag_ in FINITE_AUX_TAGS for t in span)
    return not finite or not block.text.rstrip().endswith(SENTENCE_ENDS)


def _is_subject(doc: "Doc", m: Mention) -> bool:
    tok = _token_at(doc, m.end - 1)
    return tok is not None and tok.dep_ in NOMINAL_SUBJECT_DEPS


def _indirect(doc: "Doc", article: Article, *, spans: list[_Span], mentions: list[Mention]) -> list[Quote]:
    """Reported speech: "X said (that) …", "X believes …", and the clause of "…, according to X"."""
    sents, sent_of = sentences(doc), sentence_index(doc)
    out = []
    for tok in _tokens_with(doc, "POS", VERB_POS):
        if _inside(tok.idx, spans) or not (tok.lemma_ in COGNITION_VERBS or _reports(tok)):
            continue
        clause = _reported_clause(tok)
        if clause is None:
            continue
        name = _subject_name(tok, mentions=mentions, spans=spans)
        if not name or name.lower() in NOT_SPEAKERS:
            continue
        if tok.lemma_ in COGNITION_VERBS and not _named(name, tok.doc, mentions=mentions):
            continue  # "many people believe …" is an opinion poll of nobody, not a statement
        quoted = _quoted_as(tok)
        own = {t.i for t in (quoted if quoted is not None and clause.i < quoted.i else tok).subtree} \
            if tok.dep_ == "parataxis" or quoted is not None else set()
        own |= _nested_attributions(clause)
        toks = [t for t in clause.subtree if t.i not in own and (t.i < tok.i or not own or clause.i > tok.i)
                and not (t.dep_ == "mark" and t.head.i == clause.i and t.lower_ == "that")]
        toks.sort(key=lambda t: t.i)  # a subtree is in tree order, not text order, when the parse crosses
        if own and clause.i > tok.i:
            # The parenthetical "…, he noted, …" taken out: the clause reads as one sentence again.
            text = _runs(toks).strip().strip(" ,.") if toks else ""
        else:
            text = doc[toks[0].i: toks[-1].i + 1].text.strip().strip(" ,.") if toks else ""
        if len(text.split()) < 3 or sum(_inside(t.idx, spans) for t in toks) > len(toks) / 2:
            continue
        sent = sents[sent_of[tok.i]]
        out.append(Quote(id=stable_id("q", article.id, text), text=text, kind="indirect", speaker=None,
                         speaker_name=name, article=article.id, evidence=[evidence(article.id, sent)], cue=tok.text))
    out.extend(_according_clauses(doc, article, spans=spans, mentions=mentions))
    out.extend(_listed_statements(doc, article, spans=spans, mentions=mentions))
    return out


def _listed_statements(doc: "Doc", article: Article, *, spans: list[_Span], mentions: list[Mention]) -> list[Quote]:
    """ "In the interview, X also said:" followed by a bulleted list: each item is X's reported statement."""
    sents, sent_of = sentences(doc), sentence_index(doc)
    out = []
    for i, block in enumerate(article.blocks[:-1]):
        if not block.text.rstrip().endswith(":") or block.kind not in LIST_INTRO_BLOCKS:
            continue
        verb = next((t for t in reversed(list(doc.char_span(block.start, block.end, alignment_mode="expand") or []))
                     if t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB"), None)
        name = _subject_name(verb, mentions=mentions, spans=spans) if verb is not None else None
        if not name:
            continue
        for item in article.blocks[i + 1:]:
            if item.kind != "item":
                break
            n = sent_of.get(_token_at(doc, item.start).i) if _token_at(doc, item.start) is not None else None
            if n is None:
                continue
            text = item.text.strip()
            out.append(Quote(id=stable_id("q", article.id, text), text=text, kind="indirect", speaker=None,
                             speaker_name=name, article=article.id, evidence=[evidence(article.id, sents[n])],
                             cue=verb.text))
    return out


def _named(name: str, doc: "Doc", *, mentions: list[Mention]) -> bool:
    return norm_name(name) in speakers.discourse(doc, mentions).entities or any(m.text == name for m in mentions)


def _reported_clause(verb: "Token") -> "Optional[Token]":
    """The clause a speech verb reports: its ccomp after it ("said that …") or before it ("…, he said"), the clause
    it interrupts ("More storms were possible, the center said"), or a that-clause the parser hung on a nearby
    noun ("told analysts on a call that …")."""
    # Not a clause that is itself an attribution: "X reported …, Y was quoted as saying" reports nothing of X's.
    comps = sorted((c for c in verb.children if c.dep_ == "ccomp" and c.lemma_ != "quote"),
                   key=lambda c: (c.i < verb.i, c.i))
    if comps:
        return comps[0]
    quoted = _quoted_as(verb)
    if quoted is not None and quoted.dep_ in QUOTED_CLAUSE_DEPS and quoted.head.i < quoted.i:
        return quoted.head  # "…, the government was quoted as saying"
    if verb.dep_ == "parataxis" and verb.head.pos_ in VERB_POS and (
            verb.head.i < verb.i or _parenthetical(verb)):
        return verb.head  # "…, he said" or the clause it interrupts: "If …, he noted, they may …"
    for t in verb.subtree:
        if t.i > verb.i and t.pos_ in VERB_POS and _only_nouns_between(t, verb) and any(
                c.dep_ == "mark" and c.lower_ == "that" and c.pos_ == "SCONJ" for c in t.children):
            return t
    return None


def _quoted_as(verb: "Token") -> "Optional[Token]":
    """ "quoted" of "X was quoted as saying", for its "saying"."""
    if verb.dep_ not in QUOTED_AS_DEPS:
        return None
    return next((a for a in verb.ancestors if a.lemma_ == "quote"), None)


def _runs(toks: list["Token"]) -> str:
    """Tokens in text order as written, each gap closed with one space."""
    doc, out, start = toks[0].doc, [], 0
    for n in range(1, len(toks) + 1):
        if n == len(toks) or toks[n].i != toks[n - 1].i + 1:
            out.append(doc[toks[start].i: toks[n - 1].i + 1].text.strip().strip(" ,"))
            start = n
    return " ".join(p for p in out if p)


def _parenthetical(verb: "Token") -> bool:
    """ "The difference, Mr. X said, was …": the verb and its subject set off by commas inside its clause."""
    toks = list(verb.subtree)
    doc = verb.doc
    # A comma just before the verb's phrase sets it off; a phrase that opens with its own comma needs one after.
    comma_after = toks[-1].text == "," or (toks[-1].i + 1 < len(doc) and doc[toks[-1].i + 1].text == ",")
    return (toks[0].i > 0 and doc[toks[0].i - 1].text == ",") or (toks[0].text == "," and comma_after)


def _only_nouns_between(tok: "Token", verb: "Token") -> bool:
    tok = tok.head
    while tok.i != verb.i:
        if tok.pos_ in VERB_POS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _according_clauses(doc: "Doc", article: Article, *, spans: list[_Span], mentions: list[Mention]) -> list[Quote]:
    """ "…, according to X": the rest of the sentence is X's claim, when the phrase qualifies the whole of it."""
    sents, sent_of = sentences(doc), sentence_index(doc)
    out = []
    for tok in _tokens_with(doc, "LOWER", ACCORDING):
        if _inside(tok.idx, spans):
            continue
        sent = doc[tok.i].sent
        if any(_inside(t.idx, spans) for t in sent):
            continue
        name = _according_to(sent, spans=spans, mentions=mentions)
        if not name:
            continue
        phrase = list(tok.subtree)
        lo, hi = phrase[0].i, phrase[-1].i
        rest = [t for t in sent if not lo <= t.i <= hi and not t.is_space and not t.is_punct]
        text = doc[rest[0].i: rest[-1].i + 1].text.strip(" ,.") if rest else ""
        if hi < rest[-1].i and lo > rest[0].i:
            continue  # "according to X" in mid-sentence qualifies a detail, not the whole claim
        if len(text.split()) < 4:
            continue
        out.append(Quote(id=stable_id("q", article.id, text), text=text, kind="indirect", speaker=None,
                         speaker_name=name, article=article.id,
                         evidence=[evidence(article.id, sents[sent_of[tok.i]])], cue="according to"))
    return out


def _dedupe(found: list[Quote]) -> list[Quote]:
    """One quote per text: a pull quote set apart in the layout repeats a body quote and is dropped for it."""
    out, seen = [], {}
    for q in found:
        key = re.sub(r"\W+", " ", q.text.lower()).strip()
        if key in seen:
            continue
        if any(key in k or k in key for k in seen if len(key) > 30 and len(k) > 30):
            continue
        seen[key] = q
        out.append(q)
    return out
