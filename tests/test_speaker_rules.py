"""Who a pronoun or description refers to, on docs parsed by hand over `spacy.blank("en")` (see test_quote_rules):
no model, so these run in `make test-fast`. The people and organisations are invented."""
from __future__ import annotations

from generator.extract import speakers
from tests.test_quote_rules import mention, parse


def resolved(doc, word: str, *mentions, **options) -> str | None:
    tok = next(t for t in doc if t.text == word)
    return speakers.resolve(tok, speakers.discourse(doc, list(mentions)), **options)


def test_a_given_name_says_the_gender():
    assert speakers.name_gender("Margaret Lind") == "f"
    assert speakers.name_gender("Thomas Lind") == "m"
    assert speakers.name_gender("Lind") is None  # a surname alone says nothing


def _a_man_then_a_woman_as_subjects():
    return parse("Daniel Whitford met the press. Laura Benson sent off two players. He left.", """
        Daniel    PROPN  compound  Whitford
        Whitford  PROPN  nsubj     met
        met       VERB   ROOT      -         lemma=meet
        the       DET    det       press
        press     NOUN   dobj      met
        .         PUNCT  punct     met
        Laura     PROPN  compound  Benson
        Benson    PROPN  nsubj     sent
        sent      VERB   ROOT      -         lemma=send
        off       ADP    prt       sent
        two       NUM    nummod    players
        players   NOUN   dobj      sent
        .         PUNCT  punct     sent
        He        PRON   nsubj     left
        left      VERB   ROOT      -         lemma=leave
        .         PUNCT  punct     left
    """)


def test_he_goes_to_the_man_even_when_a_woman_was_the_subject_since():
    doc = _a_man_then_a_woman_as_subjects()
    people = mention(doc, "Daniel Whitford"), mention(doc, "Laura Benson")
    assert resolved(doc, "He", *people) == "Daniel Whitford"
    assert resolved(doc, "He", *people, want="person") == "Laura Benson"  # the nearer subject, gender aside


def test_the_discourse_model_follows_the_mentions_it_is_given_not_the_first_caller_s():
    doc = _a_man_then_a_woman_as_subjects()
    assert resolved(doc, "He") is None  # asked first with no mentions: nobody to refer to
    assert resolved(doc, "He", mention(doc, "Daniel Whitford"), mention(doc, "Laura Benson")) == "Daniel Whitford"


def test_a_title_outweighs_what_the_given_name_suggests():
    doc = parse("Ms. Jordan Vale chairs the board. She left.", """
        Ms.     PROPN  compound  Vale
        Jordan  PROPN  compound  Vale
        Vale    PROPN  nsubj     chairs
        chairs  VERB   ROOT      -       lemma=chair
        the     DET    det       board
        board   NOUN   dobj      chairs
        .       PUNCT  punct     chairs
        She     PRON   nsubj     left
        left    VERB   ROOT      -       lemma=leave
        .       PUNCT  punct     left
    """)
    assert resolved(doc, "She", mention(doc, "Jordan Vale", title="Ms.")) == "Jordan Vale"


def test_it_is_the_organisation_and_not_a_person():
    doc = parse("Brightwater Energy hired Tom Reese. It said so.", """
        Brightwater  PROPN  compound  Energy
        Energy       PROPN  nsubj     hired
        hired        VERB   ROOT      -       lemma=hire
        Tom          PROPN  compound  Reese
        Reese        PROPN  dobj      hired
        .            PUNCT  punct     hired
        It           PRON   nsubj     said
        said         VERB   ROOT      -       lemma=say
        so           ADV    advmod    said
        .            PUNCT  punct     said
    """)
    found = mention(doc, "Brightwater Energy", "organization"), mention(doc, "Tom Reese")
    assert resolved(doc, "It", *found) == "Brightwater Energy"


def test_a_name_the_ner_left_unlabelled_but_the_article_repeats_is_an_organisation():
    doc = parse("Riders love Zipcart. Drivers hate Zipcart. Regulators watch Zipcart.", """
        Riders      NOUN   nsubj  love
        love        VERB   ROOT   -
        Zipcart     PROPN  dobj   love
        .           PUNCT  punct  love
        Drivers     NOUN   nsubj  hate
        hate        VERB   ROOT   -
        Zipcart     PROPN  dobj   hate
        .           PUNCT  punct  hate
        Regulators  NOUN   nsubj  watch
        watch       VERB   ROOT   -
        Zipcart     PROPN  dobj   watch
        .           PUNCT  punct  watch
    """)
    assert [(m.text, m.type) for m in speakers.unlabelled_names(doc, [])] == [("Zipcart", "organization")] * 3


def test_a_document_speaks_for_whoever_wrote_or_released_it():
    doc = parse("A report released on Monday by the Coastal Fisheries Institute", """
        A          DET    det       report
        report     NOUN   ROOT      -
        released   VERB   acl       report   lemma=release
        on         ADP    prep      released
        Monday     PROPN  pobj      on
        by         ADP    agent     released
        the        DET    det       Institute
        Coastal    PROPN  compound  Institute
        Fisheries  PROPN  compound  Institute
        Institute  PROPN  pobj      by
    """)
    institute = mention(doc, "Coastal Fisheries Institute", "organization")
    assert speakers.document_author(doc[1], [institute]) == "Coastal Fisheries Institute"


def test_a_description_is_the_speaker_as_written_without_its_article_or_clauses():
    doc = parse("the spokeswoman for the union, who asked not to be named", """
        the          DET    det    spokeswoman
        spokeswoman  NOUN   ROOT   -
        for          ADP    prep   spokeswoman
        the          DET    det    union
        union        NOUN   pobj   for
        ,            PUNCT  punct  spokeswoman
        who          PRON   nsubj  asked
        asked        VERB   relcl  spokeswoman  lemma=ask
        not          PART   neg    named
        to           PART   aux    named
        be           AUX    auxpass named
        named        VERB   xcomp  asked        lemma=name
    """)
    head = doc[1]
    assert speakers.description(head) == "spokeswoman for the union"
    assert speakers.description_gender(head) == "f"
    assert speakers.is_person_description(head) and speakers.is_people_noun(head)
