"""Quotation rules on docs parsed by hand over `spacy.blank("en")`: no model, so they run in `make test-fast`.

Each doc's parse is written out as the model would give it, one row a token, so a test pins down what a rule does
with a parse rather than what the model happens to parse. The people and places are invented.
"""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.tokens import Doc

from generator.extract import quotes
from generator.extract.common import sentence_index
from generator.records import Article, Block, Mention

BLANK = spacy.blank("en")


def parse(text: str, table: str) -> Doc:
    """``text`` with its parse written by hand: one row a token, ``word POS dep head``, then ``lemma=…`` and
    ``tag=…`` where a rule reads them (the lemma is the lowercase word otherwise). ``head`` is the head's word, its
    first occurrence or ``word#2`` for the second; a ROOT's head is ``-``. The whitespace between paragraphs
    becomes a token of its own, hung on the token before it, as spaCy's tokenizer makes it."""
    words, spaces, pos, deps, heads, lemmas, tags = [], [], [], [], [], [], []
    at = 0
    for row in table.strip().splitlines():
        word, tag_pos, dep, head, *extra = row.split()
        found = text.index(word, at)
        gap = text[at:found]
        assert not gap.strip(), f"{word!r} is not the next word: {gap!r} comes first"
        if words and gap.startswith(" "):
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap), spaces.append(False), pos.append("SPACE"), deps.append("dep")
            heads.append(len(words) - 2), lemmas.append(gap), tags.append("_SP")
        options = dict(e.split("=", 1) for e in extra)
        words.append(word), spaces.append(False), pos.append(tag_pos), deps.append(dep), heads.append(head)
        lemmas.append(options.get("lemma", word.lower())), tags.append(options.get("tag", ""))
        at = found + len(word)
    assert at == len(text), f"no row for {text[at:]!r}"
    heads = [n if isinstance(h, int) else _index(words, h, n) for n, h in enumerate(heads)]
    doc = Doc(BLANK.vocab, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemmas, tags=tags)
    assert doc.text == text
    return doc


def _index(words: list[str], head: str, n: int) -> int:
    if head == "-":
        return n
    word, _, nth = head.partition("#")
    return [i for i, w in enumerate(words) if w == word][int(nth or 1) - 1]


def article(text: str, *kinds: str) -> Article:
    """An article of ``text``, a paragraph a block unless ``kinds`` says otherwise."""
    blocks, start = [], 0
    for n, para in enumerate(text.split("\n\n")):
        kind = kinds[n] if n < len(kinds) else "paragraph"
        blocks.append(Block(kind=kind, start=start, end=start + len(para), text=para, line=n + 1))
        start += len(para) + 2
    return Article(id="a", path="a.md", title=None, source=None, byline=None, published=None, url=None,
                   kind=None, body=text, blocks=tuple(blocks), links=(), source_map=((0, 0),))


def mention(doc: Doc, name: str, kind: str = "person", **fields) -> Mention:
    """The actor extractor's mention of ``name`` (its first occurrence) in ``doc``."""
    start = doc.text.index(name)
    first = doc.char_span(start, start + 1, alignment_mode="expand")[0]
    return Mention(text=name, type=kind, sentence=sentence_index(doc)[first.i], start=start, end=start + len(name),
                   **fields)


def said(doc: Doc, *mentions: Mention, kinds: tuple[str, ...] = ()) -> list[tuple[str, str | None, str, str]]:
    """Every quote of the doc as (text, speaker, kind, cue)."""
    found = quotes.quotes(doc, article(doc.text, *kinds), mentions=list(mentions))
    return [(q.text, q.speaker_name, q.kind, q.cue) for q in found]


# --- quotation marks: string logic alone --------------------------------------------------------------------

def test_curly_and_straight_quotations_are_found_by_their_marks():
    text = 'He said “we will win,” and she said "so will we." Then “nothing more.”'
    found = [text[s.start + 1: s.end - 1] for s in quotes.quote_spans(text)]
    assert found == ["we will win,", "so will we.", "nothing more."]


def test_a_quotation_left_open_at_a_paragraphs_end_continues_in_the_next():
    text = '“The first paragraph of the quote.\n\n“The second one ends it,” she said.'
    (span,) = quotes.quote_spans(text)
    assert text[span.start:span.end].endswith("ends it,”") and span.start == 0


def test_an_apostrophe_or_inch_mark_inside_a_word_does_not_open_a_quotation():
    text = 'It\'s a 6" pipe, they said: "replace it today."'
    found = [text[s.start + 1: s.end - 1] for s in quotes.quote_spans(text)]
    assert found[-1] == "replace it today."


def test_quotations_come_in_text_order_and_apart_whatever_the_marks():
    # What finding an offset inside a quotation by bisection relies on.
    rng = random.Random(14)
    pieces = ["a", " ", '"', "\u201c", "\u201d", "\n\n", ".", ",", "b c"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        spans = quotes.quote_spans(text)
        assert all(s.start < s.end for s in spans) and all(a.end <= b.start for a, b in zip(spans, spans[1:]))


# --- attribution, one strategy at a time, in ATTRIBUTION_STRATEGIES' order ----------------------------------

def test_the_verb_after_the_quotation_names_its_speaker():
    doc = parse("“The ferry will run again by spring,” Farrant said.", """
        “        PUNCT  punct  said
        The      DET    det    ferry
        ferry    NOUN   nsubj  run
        will     AUX    aux    run
        run      VERB   ccomp  said
        again    ADV    advmod run
        by       ADP    prep   run
        spring   NOUN   pobj   by
        ,        PUNCT  punct  run
        ”        PUNCT  punct  said
        Farrant  PROPN  nsubj  said
        said     VERB   ROOT   -      lemma=say
        .        PUNCT  punct  said
    """)
    assert said(doc, mention(doc, "Farrant")) == [
        ("The ferry will run again by spring,", "Farrant", "direct", "said")]


def test_a_quotation_running_over_two_sentences_is_named_where_it_opens():
    doc = parse("Bram Tessel said: “We defended well. Then we stopped.”", """
        Bram      PROPN  compound  Tessel
        Tessel    PROPN  nsubj     said
        said      VERB   ROOT      -        lemma=say
        :         PUNCT  punct     said
        “         PUNCT  punct     said
        We        PRON   nsubj     defended
        defended  VERB   ccomp     said
        well      ADV    advmod    defended
        .         PUNCT  punct     said
        Then      ADV    advmod    stopped
        we        PRON   nsubj     stopped
        stopped   VERB   ROOT      -        lemma=stop
        .         PUNCT  punct     stopped
        ”         PUNCT  punct     stopped
    """)
    assert said(doc, mention(doc, "Bram Tessel")) == [
        ("We defended well. Then we stopped.", "Bram Tessel", "direct", "said")]


def test_a_short_sentence_after_the_quotation_attributes_it_even_to_someone_unnamed():
    doc = parse("“Nobody asked the fishermen before the vote.” One trawler captain said so on Monday.", """
        “          PUNCT  punct     asked
        Nobody     PRON   nsubj     asked
        asked      VERB   ROOT      -          lemma=ask
        the        DET    det       fishermen
        fishermen  NOUN   dobj      asked
        before     ADP    prep      asked
        the        DET    det       vote
        vote       NOUN   pobj      before
        .          PUNCT  punct     asked
        ”          PUNCT  punct     asked
        One        NUM    nummod    captain
        trawler    NOUN   compound  captain
        captain    NOUN   nsubj     said
        said       VERB   ROOT      -          lemma=say
        so         ADV    advmod    said
        on         ADP    prep      said
        Monday     PROPN  pobj      on
        .          PUNCT  punct     said
    """)
    # "asked" reports nothing: it is inside the quotation marks.
    assert said(doc) == [("Nobody asked the fishermen before the vote.", "One trawler captain", "direct", "said")]


def test_the_sentence_before_introduces_a_quotation_that_opens_its_own():
    doc = parse("Economist Lara Voss once summed up the risk with a metaphor. "
                "“It is not the wolf at the door but the termites.”", """
        Economist  NOUN   compound  Voss
        Lara       PROPN  compound  Voss
        Voss       PROPN  nsubj     summed
        once       ADV    advmod    summed
        summed     VERB   ROOT      -         lemma=sum
        up         ADP    prt       summed
        the        DET    det       risk
        risk       NOUN   dobj      summed
        with       ADP    prep      summed
        a          DET    det       metaphor
        metaphor   NOUN   pobj      with
        .          PUNCT  punct     summed
        “          PUNCT  punct     is
        It         PRON   nsubj     is
        is         AUX    ROOT      -         lemma=be
        not        PART   neg       is
        the        DET    det       wolf
        wolf       NOUN   attr      is
        at         ADP    prep      wolf
        the        DET    det       door
        door       NOUN   pobj      at
        but        CCONJ  cc        wolf
        the        DET    det       termites
        termites   NOUN   conj      wolf
        .          PUNCT  punct     is
        ”          PUNCT  punct     is
    """)
    assert said(doc, mention(doc, "Lara Voss")) == [
        ("It is not the wolf at the door but the termites.", "Lara Voss", "direct", "summed")]


def test_in_the_words_of_a_person_names_the_speaker():
    doc = parse("In the words of Mara Quint, “the harbour is our only road to the world.”", """
        In       ADP    prep      is
        the      DET    det       words
        words    NOUN   pobj      In
        of       ADP    prep      words
        Mara     PROPN  compound  Quint
        Quint    PROPN  pobj      of
        ,        PUNCT  punct     is
        “        PUNCT  punct     is
        the      DET    det       harbour
        harbour  NOUN   nsubj     is
        is       AUX    ROOT      -        lemma=be
        our      PRON   poss      road
        only     ADJ    amod      road
        road     NOUN   attr      is
        to       ADP    prep      road
        the      DET    det       world
        world    NOUN   pobj      to
        .        PUNCT  punct     is
        ”        PUNCT  punct     is
    """)
    assert said(doc, mention(doc, "Mara Quint")) == [
        ("the harbour is our only road to the world.", "Mara Quint", "direct", "in the words of")]


def test_a_pull_quote_is_credited_to_the_name_after_its_dash():
    doc = parse("“We will not sell the harbour.” – Ines Marlow", """
        “        PUNCT  punct     sell
        We       PRON   nsubj     sell
        will     AUX    aux       sell
        not      PART   neg       sell
        sell     VERB   ROOT      -
        the      DET    det       harbour
        harbour  NOUN   dobj      sell
        .        PUNCT  punct     sell
        ”        PUNCT  punct     sell
        –        PUNCT  punct     sell
        Ines     PROPN  compound  Marlow
        Marlow   PROPN  npadvmod  sell
    """)
    assert said(doc, mention(doc, "Ines Marlow"), kinds=("pullquote",)) == [
        ("We will not sell the harbour.", "Ines Marlow", "direct", "pull quote")]


def test_an_unattributed_quotation_continues_the_one_before_it_in_its_paragraph():
    doc = parse("“Cases doubled in a week,” Varga said. “We expect them to double again.”", """
        “        PUNCT  punct  said
        Cases    NOUN   nsubj  doubled
        doubled  VERB   ccomp  said
        in       ADP    prep   doubled
        a        DET    det    week
        week     NOUN   pobj   in
        ,        PUNCT  punct  doubled
        ”        PUNCT  punct  said
        Varga    PROPN  nsubj  said
        said     VERB   ROOT   -        lemma=say
        .        PUNCT  punct  said
        “        PUNCT  punct  expect
        We       PRON   nsubj  expect
        expect   VERB   ROOT   -
        them     PRON   nsubj  double
        to       PART   aux    double
        double   VERB   xcomp  expect
        again    ADV    advmod double
        .        PUNCT  punct  expect
        ”        PUNCT  punct  expect
    """)
    assert said(doc, mention(doc, "Varga")) == [
        ("Cases doubled in a week,", "Varga", "direct", "said"),
        ("We expect them to double again.", "Varga", "direct", "continues")]


def test_a_quotation_standing_alone_is_named_by_the_subject_of_the_next_sentence():
    doc = parse("“This budget hurts the people who can least afford it.” Councillor Aino Halme made that argument "
                "before the vote.", """
        “           PUNCT  punct     hurts
        This        DET    det       budget
        budget      NOUN   nsubj     hurts
        hurts       VERB   ROOT      -         lemma=hurt
        the         DET    det       people
        people      NOUN   dobj      hurts
        who         PRON   nsubj     afford
        can         AUX    aux       afford
        least       ADV    advmod    afford
        afford      VERB   relcl     people
        it          PRON   dobj      afford
        .           PUNCT  punct     hurts
        ”           PUNCT  punct     hurts
        Councillor  PROPN  compound  Halme
        Aino        PROPN  compound  Halme
        Halme       PROPN  nsubj     made
        made        VERB   ROOT      -         lemma=make
        that        DET    det       argument
        argument    NOUN   dobj      made
        before      ADP    prep      made
        the         DET    det       vote
        vote        NOUN   pobj      before
        .           PUNCT  punct     made
    """)
    assert said(doc, mention(doc, "Aino Halme")) == [
        ("This budget hurts the people who can least afford it.", "Aino Halme", "direct", "made")]


def test_a_speaker_introduced_with_a_colon_owns_the_quotation_of_the_next_paragraph():
    doc = parse("At the hearing, Commissioner Edda Lorne said:\n\n“This agency will not approve a rise of that size.”", """
        At            ADP    prep      said
        the           DET    det       hearing
        hearing       NOUN   pobj      At
        ,             PUNCT  punct     said
        Commissioner  PROPN  compound  Lorne
        Edda          PROPN  compound  Lorne
        Lorne         PROPN  nsubj     said
        said          VERB   ROOT      -        lemma=say
        :             PUNCT  punct     said
        “             PUNCT  punct     approve
        This          DET    det       agency
        agency        NOUN   nsubj     approve
        will          AUX    aux       approve
        not           PART   neg       approve
        approve       VERB   ROOT      -
        a             DET    det       rise
        rise          NOUN   dobj      approve
        of            ADP    prep      rise
        that          DET    det       size
        size          NOUN   pobj      of
        .             PUNCT  punct     approve
        ”             PUNCT  punct     approve
    """)
    assert said(doc, mention(doc, "Edda Lorne")) == [
        ("This agency will not approve a rise of that size.", "Edda Lorne", "direct", "continues")]


def bakery(pronoun: str) -> Doc:
    return parse(f"Mr. Harlan Pike owns the bakery.\n\n“We sold out by nine every morning,” {pronoun} said.", f"""
        Mr.        PROPN  compound  Pike
        Harlan     PROPN  compound  Pike
        Pike       PROPN  nsubj     owns
        owns       VERB   ROOT      -        lemma=own
        the        DET    det       bakery
        bakery     NOUN   dobj      owns
        .          PUNCT  punct     owns
        “          PUNCT  punct     said
        We         PRON   nsubj     sold
        sold       VERB   ccomp     said
        out        ADP    prt       sold
        by         ADP    prep      sold
        nine       NUM    pobj      by
        every      DET    det       morning
        morning    NOUN   npadvmod  sold
        ,          PUNCT  punct     sold
        ”          PUNCT  punct     said
        {pronoun}  PRON   nsubj     said
        said       VERB   ROOT      -        lemma=say
        .          PUNCT  punct     said
    """)


@pytest.mark.parametrize("pronoun,speaker", [("he", "Harlan Pike"), ("she", None)])
def test_a_pronoun_nobody_agrees_with_ends_the_search_rather_than_carrying_a_speaker_over(pronoun, speaker):
    doc = bakery(pronoun)
    # With "she", the paragraph before would give the quotation to its subject, Mr. Pike, were it asked.
    assert said(doc, mention(doc, "Harlan Pike", title="Mr.")) == [
        ("We sold out by nine every morning,", speaker, "direct", "said")]


# --- scare quotes --------------------------------------------------------------------------------------------

def test_a_few_words_in_quotation_marks_that_no_verb_beside_them_reports_are_a_borrowed_term():
    doc = parse("The app's “dynamic fares,” as it calls them, bring drivers out at night.", """
        The      DET    det     app
        app      NOUN   poss    fares
        's       PART   case    app
        “        PUNCT  punct   fares
        dynamic  ADJ    amod    fares
        fares    NOUN   nsubj   bring
        ,        PUNCT  punct   fares
        ”        PUNCT  punct   fares
        as       SCONJ  mark    calls
        it       PRON   nsubj   calls
        calls    VERB   advcl   bring   lemma=call
        them     PRON   dobj    calls
        ,        PUNCT  punct   bring
        bring    VERB   ROOT    -
        drivers  NOUN   dobj    bring
        out      ADP    prt     bring
        at       ADP    prep    bring
        night    NOUN   pobj    at
        .        PUNCT  punct   bring
    """)
    assert said(doc) == []


def test_a_few_words_in_quotation_marks_that_a_verb_beside_them_reports_are_speech():
    doc = parse("Critics called the rule “a poor tax,” and left.", """
        Critics  NOUN   nsubj   called  lemma=critic  tag=NNS
        called   VERB   ROOT    -       lemma=call
        the      DET    det     rule
        rule     NOUN   dobj    called
        “        PUNCT  punct   tax
        a        DET    det     tax
        poor     ADJ    amod    tax
        tax      NOUN   oprd    called
        ,        PUNCT  punct   tax
        ”        PUNCT  punct   tax
        and      CCONJ  cc      called
        left     VERB   conj    called  lemma=leave
        .        PUNCT  punct   called
    """)
    assert said(doc) == [("a poor tax,", "Critics", "direct", "called")]


# --- reported speech -----------------------------------------------------------------------------------------

def test_said_that_reports_the_clause_and_unnamed_people_speak_as_written():
    doc = parse("Officials said that repairs would take a month.", """
        Officials  NOUN   nsubj  said   lemma=official  tag=NNS
        said       VERB   ROOT   -      lemma=say
        that       SCONJ  mark   take
        repairs    NOUN   nsubj  take
        would      AUX    aux    take
        take       VERB   ccomp  said
        a          DET    det    month
        month      NOUN   dobj   take
        .          PUNCT  punct  said
    """)
    assert said(doc) == [("repairs would take a month", "Officials", "indirect", "said")]


def test_according_to_at_the_end_reports_the_rest_of_the_sentence():
    doc = parse("Rents will double within a year, according to the Harbour Tenants Union.", """
        Rents      NOUN   nsubj     double
        will       AUX    aux       double
        double     VERB   ROOT      -
        within     ADP    prep      double
        a          DET    det       year
        year       NOUN   pobj      within
        ,          PUNCT  punct     double
        according  VERB   prep      double
        to         ADP    prep      according
        the        DET    det       Union
        Harbour    PROPN  compound  Union
        Tenants    PROPN  compound  Union
        Union      PROPN  pobj      to
        .          PUNCT  punct     double
    """)
    union = mention(doc, "Harbour Tenants Union", "organization")
    assert said(doc, union) == [("Rents will double within a year", "Harbour Tenants Union", "indirect", "according to")]


def test_a_belief_is_reported_only_for_someone_named():
    doc = parse("Many people believe that the bridge will close.", """
        Many     ADJ    amod   people
        people   NOUN   nsubj  believe  lemma=people  tag=NNS
        believe  VERB   ROOT   -
        that     SCONJ  mark   close
        the      DET    det    bridge
        bridge   NOUN   nsubj  close
        will     AUX    aux    close
        close    VERB   ccomp  believe
        .        PUNCT  punct  believe
    """)
    assert said(doc) == []
