"""Actors in one article: its names of people, organisations, places and groups, with titles and roles
(``mentions``); :mod:`generator.assemble.actors` makes one actor per entity across the story."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

from generator.extract.common import (NOMINAL_SUBJECT_DEPS, PERSON_PRONOUNS, SPEECH_VERBS, capitalised,
                                      given_name_gender, norm_name, sentence_index, sentence_span, sentences,
                                      text_of, tokens_where)
from generator.records import Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# spaCy's OntoNotes labels that name actors, and the actor type each becomes.
ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group",
}
# Courtesy titles: they make an alias ("Mr Obama") but say nothing of the role.
HONORIFICS: frozenset[str] = frozenset("mr mrs ms miss dr prof sir dame lord lady rev fr".split())
# Role nouns that stand before a name as a title ("President X", "Foreign Minister X", "Judge X"): general
# English news usage (AP Stylebook "titles" entry, plus common civic, military, judicial and sports titles).
TITLE_NOUNS: frozenset[str] = frozenset("""
president vice prime minister secretary chancellor premier governor gov mayor senator sen representative rep
congressman congresswoman councilman councilwoman councillor councilor commissioner judge justice magistrate
attorney prosecutor sheriff chief officer detective inspector sergeant sgt lieutenant lt captain capt colonel
col general gen admiral major maj corporal private commander king queen prince princess emperor pope bishop
archbishop cardinal rabbi imam pastor reverend coach manager director chairman chairwoman chair ceo founder
professor ambassador envoy spokesman spokeswoman spokesperson leader speaker deputy assistant ayatollah
sultan sheikh chairperson superintendent trustee dean provost principal president-elect
""".split())
# Occupations and positions written before a name as a label ("goalkeeper Jess Thornbury", "budget director
# Owen Pritchard"): a word from this list or TITLE_NOUNS directly before capitalised words makes them a person.
ROLE_NOUNS: frozenset[str] = frozenset("""
councilmember councilwoman councilman alderman lawmaker legislator official spokesperson analyst economist
strategist meteorologist forecaster scientist researcher engineer lawyer attorney counsel prosecutor defendant
witness resident owner executive chief director founder cofounder co-founder chairman president partner
editor reporter journalist columnist author writer photographer historian teacher student doctor physician
nurse surgeon pharmacist farmer fisherman skipper pilot driver officer trooper firefighter soldier veteran
goalkeeper keeper forward striker midfielder defender winger captain coach manager player pitcher quarterback
guard center batter bowler rider driver singer actor actress artist musician rapper activist organizer
volunteer treasurer secretary clerk administrator superintendent principal professor lecturer fellow
""".split()) | TITLE_NOUNS
# Verbs of a relative clause that tells what a person does ("X, who heads the agency,"): holding a post, working
# for a body, representing or advising someone.
ROLE_VERBS: frozenset[str] = frozenset("""
lead head run chair direct manage own found represent coach be advise work serve oversee teach cover edit
""".split())
# Words that end the names of organisations, not people ("Riverside Community Food Bank", "Acme Corp").
ORG_WORDS: frozenset[str] = frozenset("""
inc inc. corp corp. co co. ltd llc plc group company bank council committee commission center centre institute
university college school association foundation agency department ministry office service services club fc
union party board court police authority administration network news times post journal press airlines
cooperative alliance fund trust society federation league team hospital church
""".split())
# Nouns that only name people (kinship, generic person words), beside ROLE_NOUNS: a role phrase built on one
# ("the widow of a retired firefighter") shows that a person is meant.
PERSON_NOUNS: frozenset[str] = frozenset("""
man woman boy girl child son daughter wife husband mother father brother sister grandmother grandfather uncle
aunt cousin widow widower friend neighbour neighbor member head supervisor worker employee staffer aide adviser
advisor consultant expert specialist democrat republican candidate politician diplomat minister developer
programmer designer entrepreneur investor banker trader broker buyer seller customer patient victim survivor
suspect inmate prisoner refugee migrant immigrant citizen voter fan parent elder chief ranger welder plumber
carpenter mechanic electrician labourer laborer cook chef waiter waitress cashier janitor miner sailor guide
""".split())
# Nouns that show a person is meant (a role or a person word), and with the courtesy titles, the words a title before
# a name may hold; unions made once, not at each word tested.
PERSON_WORDS: frozenset[str] = ROLE_NOUNS | PERSON_NOUNS
TITLE_WORDS: frozenset[str] = HONORIFICS | ROLE_NOUNS
TITLE_OR_PERSON_WORDS: frozenset[str] = HONORIFICS | ROLE_NOUNS | PERSON_NOUNS
# Dashes that web layout puts between a pull quote and its speaker's name.
DASHES: frozenset[str] = frozenset({"-", "\u2013", "\u2014"})
# Compass words: "the North" or "the West" alone is a shorthand for a place the text names in full.
COMPASS_WORDS: frozenset[str] = frozenset("north south east west northeast northwest southeast southwest".split())
# Common nouns that say what kind of thing the name before them is ("the Kyodo news agency", "his Ashford
# farm"): there the name is spoken of, not used to describe something else.
CLASSIFIER_NOUNS: frozenset[str] = frozenset("""
agency company firm group network newspaper paper magazine channel station broadcaster publisher studio label
brokerage bank lender insurer retailer chain carrier airline outlet team band tribe farm ranch estate site plant
factory mine port airport base camp club brand archipelago chain range region province state county district
""".split())
# Last words of the names of laws and agreements (spaCy tags "the Clean Air Act" LAW or ORG): documents do
# not act in a story; the people and bodies that pass them do.
LAW_WORDS: frozenset[str] = frozenset("act bill law amendment treaty accord accords convention protocol".split())
# Academic degrees written after a name ("Jane Roe, Ph.D."), which the NER takes for places or bodies.
DEGREES: frozenset[str] = frozenset({"ph d", "phd", "m d", "d phil", "m b a", "j d", "ll m", "ed d"})
# A match score the NER runs into a team's name ("Rovers 3-0").
SCORE = re.compile(r"\d{1,3}[-\u2013]\d{1,3}")
# Prepositions and conjunctions (closed classes of English grammar): no name ends in one, so a capitalised one
# at an entity's end is a title-case heading running on.
FUNCTION_WORDS: frozenset[str] = frozenset("""
about above across after against along amid among around as at before behind below beneath beside between beyond
by despite during for from in inside into like near of off on onto over past since than through throughout to
toward towards under until upon via while when where whether with within without and or but nor if because
""".split())
# OntoNotes entity labels as the rules below group them: countries, cities and states (GPE) with other regions
# (LOC); bodies and buildings, whose names may run on into where they are ("the Arts Centre in Dunmore"); regions
# and buildings, which before a role noun name a beat ("Midtown reporter"); the labels of a person's possessor
# ("Brazil's Maria Fernandes"); and labels no person's name holds.
REGION_LABELS: frozenset[str] = frozenset({"GPE", "LOC"})
SITED_LABELS: frozenset[str] = frozenset({"ORG", "FAC"})
BEAT_LABELS: frozenset[str] = frozenset({"LOC", "FAC"})
POSSESSOR_LABELS: frozenset[str] = frozenset({"GPE", "ORG"})
NOT_IN_NAMES_LABELS: frozenset[str] = frozenset({"GPE", "NORP", "DATE"})
# ClearNLP dependency labels of a noun that modifies another noun: as a word of a name ("Jane Roe" before
# "said"), and with an adverbial noun phrase, as a name describing its head ("Treasury bills").
NAME_MODIFIER_DEPS: frozenset[str] = frozenset({"compound", "nmod"})
NOUN_MODIFIER_DEPS: frozenset[str] = NAME_MODIFIER_DEPS | {"npadvmod"}
# Coordinating conjunctions that join two names into one entity ("Grainhouse and Freshmart").
NAME_JOINERS: frozenset[str] = frozenset({"and", "or"})
# English articles, left out at the start of a name ("the BBC").
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
# Penn Treebank tags of the word after a hyphen that makes the name before it a modifier ("Denver-based").
HYPHENATED_MODIFIER_TAGS: frozenset[str] = frozenset({"VBN", "VBD", "VBG", "JJ"})
# Blocks where web pages print photo credits.
CREDIT_BLOCKS: frozenset[str] = frozenset({"caption", "paragraph"})
# A name as web copy glues it: photo credits run into it ("CreditChang W. Lee"), a possessive ends it; runs of
# whitespace inside it become one space.
WHITESPACE = re.compile(r"\s+")
CREDIT_GLUED = re.compile(r"^(?:Credit)+(?=[A-Z\u00c0-\u00d6\u00d8-\u00de])")
POSSESSIVE_END = re.compile(r"[\u2019']s$")
# A capital inside a word ("CNNMoney", "CreditChang"), unless after a surname prefix of its own ("McDonald").
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
CAPITALISED_PREFIX = re.compile(r"(Mc|Mac|O'|D'|De|Di|La|Le)")
# Blocks that are not the article's own account of the story: a byline names the reporter, not an actor.
SKIP_BLOCKS: frozenset[str] = frozenset({"byline", "links", "heading"})
# A newspaper site's note on the printed edition and its reader menu ("A version of this article appears in print
# on …, Page A1 of the national edition with the headline: … Order Reprints | Today's Paper"): page furniture,
# whose names and headline words are nobody in the story.
PRINT_NOTE = re.compile(r"\bversion of this (?:article|story|report) appear(?:s|ed) in print\b|\bOrder Reprints\b",
                        re.IGNORECASE)
# A dateline opening a paragraph ("DENVER (AP) —", "LAGOS, Nigeria (Reuters) - ", "TULSA, Okla. — "): where the copy
# was filed and by which agency, article metadata rather than a place or body in the story.
DATELINE = re.compile(r"[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?\s*"
                      r"(?:\([A-Z][\w ]{1,20}\)\s*)?[\u2014\u2013-]\s")
# Photo credits as web pages print them ("…underground.CreditChang W. Lee/The New York Times", "(Thomas Coex/AFP)",
# "Photo: Ana Ruiz for Reuters"): the name is a photographer's, whatever the NER makes of the run-on text.
CREDIT = re.compile(r"(?:Credit:?\s*|Photo(?:graph)?:\s*|\()+"
                    r"(?P<name>[A-Z\u00c0-\u00d6\u00d8-\u00de][\w.\u2019'-]+(?: [A-Z][\w.\u2019'-]+){1,3})(?=/| for )")


def mentions(doc: "Doc", article: Article) -> list[Mention]:
    """Every named actor mentioned in the article, with the role or title written beside it.

    spaCy's entities first, corrected where syntax knows better (a labelled or speaking name is a person); then
    names the NER missed that syntax shows to be people: the subject of a speech verb, a name after a role noun.
    """
    sents = sentences(doc)
    sent_of = sentence_index(doc)
    skip = [(b.start, b.end) for b in article.blocks if b.kind in SKIP_BLOCKS or PRINT_NOTE.search(b.text)]
    skip += [(b.start, b.start + m.end()) for b in article.blocks if (m := _dateline(doc, b))]
    out, taken = [], set()
    whole = text_of(doc)
    named = {whole[ent.start_char:ent.end_char] for ent in doc.ents}  # ``ent.text``, not joined token by token
    terms = _defined_terms(doc)
    # The NER's names are checked for what it often takes for one; the parse's own people (a speech verb's
    # subject, a name after a role noun, the surname of someone named in full) already carry their evidence.
    candidates = [(part, ENTITY_TYPES.get(label), True) for ent, label in _joined(doc)
                  for part in _parts_of(ent, label, named) if whole[part.start_char:part.end_char] not in terms] + \
        [(span, "person", False) for span in _syntactic_people(doc)]
    for span, kind, from_ner in candidates:
        if any(a <= span.start_char < b for a, b in skip) or any(i in taken for i in range(span.start, span.end)):
            continue
        span = _trim(span)
        if span is None or (from_ner and _not_a_name(span, kind)):
            continue
        title = _title_before(span)
        if kind in (None, "organization", "place") and _labelled_person(span, title):
            kind = "person"
        if kind is None:
            continue
        name = _name_text(span)
        if not _plausible(name, kind):
            continue
        if kind == "person" and len(span) == 1 and _modifier(span[0]):
            kind = "organization"  # "Tidewater coach", "the Westwood branch": a name used as a modifier
        role = _apposition(span) or _relative_role(span) or _role_before(span) or (
            _possessor(span) if kind == "person" else None)
        if kind == "organization" and role and _role_head(span) in PERSON_WORDS:
            kind = "person"  # "Curtis Ng, director of the state office": an organisation has no job title
        if kind == "person" and title and not role and title.split()[-1].lower().strip(".") not in HONORIFICS:
            role = title
        speaker = _is_speaker(span)
        sent = sents[sent_of[span.root.i]]
        taken.update(range(span.start, span.end))
        out.append(Mention(text=name, type=kind, sentence=sent.n, start=span.start_char, end=span.end_char,
                           role=role if kind != "place" else None, title=title, speaker=speaker))
    out.extend(_credits(doc, article, sents=sents, sent_of=sent_of, taken=taken))
    out.sort(key=lambda m: m.start)
    return out


# Entity labels of names the NER may split in two: not people ("Jane Roe" is never two names) nor NORP ("a Nevada
# Democrat" is a place and a party).
JOINABLE = frozenset({"ORG", "GPE", "LOC", "FAC"})


def _dateline(doc: "Doc", block) -> "Optional[re.Match[str]]":
    """The dateline opening a block: a place in capitals with its state or agency, or one the NER takes for a
    place ("NASA — the agency said" opens with a body, not a dateline)."""
    m = DATELINE.match(block.text)
    if m is None or "," in m.group() or "(" in m.group():
        return m
    first = doc.char_span(block.start, block.start + 1, alignment_mode="expand")
    return m if first is not None and first[0].ent_type_ in REGION_LABELS else None


def _joined(doc: "Doc") -> "Iterable[tuple[Span, str]]":
    """The doc's entities, where the NER split one name in two ("Oxford" + "Metrics") joined again: the
    first ends in a compound word whose head begins the second, right after it."""
    ents = list(doc.ents)
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end + 1 and doc[ent.end].dep_ == "cc" and nxt.root.dep_ == "conj" \
                and ent.start <= nxt.root.head.i < ent.end and nxt.root.head.i != ent.root.i and \
                {ent.label_, nxt.label_} <= JOINABLE:
            # "the Institute for Housing and Transport": the second word is coordinated inside the first name
            yield doc[ent.start:nxt.end], ent.label_
            i += 2
            continue
        if nxt is not None and nxt.start == ent.end and ent[-1].dep_ == "compound" and \
                nxt.start <= ent[-1].head.i < nxt.end and {ent.label_, nxt.label_} <= JOINABLE:
            yield doc[ent.start:nxt.end], nxt.label_
            i += 2
            continue
        yield _completed(ent)
        i += 1


def _completed(ent: "Span") -> "tuple[Span, str]":
    """An organisation or place entity with the name words the NER left out beside it: a capitalised compound
    word before that attaches into it, or the name word after that its last word modifies ("Oxford" in
    "Oxford Metrics said" → the firm, no longer the city)."""
    doc, label = ent.doc, ent.label_
    if label not in JOINABLE:
        return ent, label
    start, end = ent.start, ent.end
    while start > 0 and _free_name_word(doc[start - 1]) and doc[start - 1].dep_ == "compound" and \
            start <= doc[start - 1].head.i < end:
        start -= 1
    while end < len(doc) and _free_name_word(doc[end]) and doc[end - 1].dep_ == "compound" and \
            doc[end - 1].head.i == end and not _title_case(sentence_span(doc, ent.start)):
        end += 1
        label = "ORG" if label in REGION_LABELS else label
    return doc[start:end], label


def _title_case(sent: "Span") -> bool:
    """A headline in title case, where every word is capitalised and capitals show no name."""
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) > 2 and sum(t.text[:1].isupper() for t in words) > 0.7 * len(words)


def _free_name_word(tok: "Token") -> bool:
    return tok.pos_ == "PROPN" and tok.ent_iob_ == "O" and tok.text[:1].isupper() and tok.lower_ not in ROLE_NOUNS


OPENING_BRACKET: frozenset[str] = frozenset({"("})


def _defined_terms(doc: "Doc") -> set[str]:
    """Abbreviations the text defines from common words ("personal location data" (PLD)): terms,
    not names of anything that acts."""
    out = set()
    for i in tokens_where(doc, lower=OPENING_BRACKET):
        tok = doc[i + 1] if i + 1 < len(doc) else None  # the word after each "(", the others never match
        if tok is None or tok.i < 2 or not tok.is_alpha or not tok.is_upper or len(tok) > 6:
            continue
        words = [t for t in doc[max(0, tok.i - 12): tok.i - 1] if not t.is_punct][-len(tok):]
        if len(words) == len(tok) and all(w.is_lower for w in words) and \
                "".join(w.text[0] for w in words) == tok.lower_:
            out.add(tok.text)
    return out


def _parts_of(ent: "Span", label: str, named: set[str]) -> "list[Span]":
    """The names inside one entity span: the NER runs a pull quote's dash attribution into the name before it
    ("France - Jane Roe"), joins two coordinated names ("Grainhouse and Freshmart") and takes a possessor
    with what it owns ("Acme's Widgetco"); each of these is cut back to the name it is about."""
    doc = ent.doc
    start, end = ent.start, ent.end
    for tok in ent:
        if tok.text in DASHES and tok.i > start and doc[tok.i - 1].whitespace_ and tok.whitespace_:
            end = tok.i  # layout: what follows a spaced dash is a credit line, not part of the name
            break
    for tok in doc[start:end]:
        if tok.tag_ == "POS" and start < tok.i < end - 1 and doc[start:tok.i].text in named:
            # "Lisbon's Old Market" names the market; "Miller's Crossing", whose possessor is named nowhere on
            # its own, is one name.
            start = tok.i + 1
    for tok in doc[start:end]:
        if tok.lower_ == "in" and start < tok.i < end - 1 and doc[tok.i + 1].pos_ == "PROPN" and \
                label in SITED_LABELS:
            end = tok.i  # "the Riverside Arts Centre in Dunmore": where it is, not part of its name
            break
    for tok in doc[start:end]:
        if tok.dep_ == "cc" and tok.lower_ in NAME_JOINERS and start < tok.i < end - 1:
            left, right = doc[start:tok.i], doc[tok.i + 1:end]
            if right.root.dep_ == "conj" and right.root.head.i == left.root.i:
                return [left, right]
    return [doc[start:end]] if end > start else []


def _not_a_name(span: "Span", kind: Optional[str]) -> bool:
    """Capitalised words the NER took for a name that a reader would not list as an actor."""
    if not any(t.pos_ == "PROPN" or t.text.isupper() for t in span):
        return True  # a sentence-initial common noun ("Geology tells us", "Budget hawks")
    if (span[-1].lower_ in LAW_WORDS and len(span) > 1) or norm_name(span.text) in DEGREES:
        return True  # "the Clean Water Act", "Ph.D.": a document or a degree acts in no story
    if _modifier_name(span, kind):
        return True
    if len(span) > 1:
        return False
    tok = span[0]
    if any(c.tag_ == "PRP$" for c in tok.children):
        return True  # "our Platform", "their Company": a defined term of a contract, not a name
    head = tok.head
    if tok.dep_ == "compound" and head.i == tok.i + 1 and head.lower_ in ROLE_NOUNS and head.text[:1].isupper() \
            and head.dep_ == "compound" and head.head.pos_ == "PROPN":
        return True  # "Transport Minister Jane Roe": the portfolio is part of her title
    before = tok.doc[tok.i - 1] if tok.i else None
    if tok.text.isupper() and before is not None and before.like_num:
        return True  # a time zone after a clock time ("0930 GMT")
    return kind == "place" and tok.lower_ in COMPASS_WORDS  # "the North": a shorthand, not a name of its own


def _modifier_name(span: "Span", kind: Optional[str]) -> bool:
    """A name modifying a common noun describes that noun ("Treasury bills", "Baltic allies", "a Falcon-X rocket",
    "the Reagan administration"): the entity itself is not spoken of. A country or city stays a place ("a Denver
    firm"); a noun saying what the name is keeps it ("the Kyodo news agency"); before a role noun a body is an
    affiliation ("Tidewater coach", handled by the caller), while a region or a building is a beat ("Midtown
    reporter", "Europe editor"). A person's full name before a noun is left to the caller."""
    root = span.root
    if (len(span) > 1 and (kind == "person" or {span[-1].lower_, root.lower_} & ORG_WORDS)) or root.ent_type_ == "GPE":
        return False  # "Valley Power Cooperative customers": a body's full name is spoken of wherever it stands
    if root.dep_ not in NOUN_MODIFIER_DEPS or root.head.i < span.end or root.head.pos_ != "NOUN":
        return False
    head = root.head.lower_
    return head not in CLASSIFIER_NOUNS and (head not in ROLE_NOUNS or root.ent_type_ in BEAT_LABELS)


def _possessor(span: "Span") -> Optional[str]:
    """ "Brazil's Maria Fernandes", "Acme's Jane Roe": the country or body written as the person's possessor."""
    for child in span.root.children:
        if child.dep_ == "poss" and child.i < span.start and child.ent_type_ in POSSESSOR_LABELS:
            words = [t for t in child.subtree if t.tag_ != "POS"]
            if words and len(words) <= 5:
                return span.doc[words[0].i: words[-1].i + 1].text
    return None


def _credits(doc: "Doc", article: Article, *, sents: list, sent_of: dict[int, int], taken: set[int]) -> list[Mention]:
    out = []
    for block in article.blocks:
        if block.kind not in CREDIT_BLOCKS:
            continue
        for match in CREDIT.finditer(block.text):
            start = block.start + match.start("name")
            span = doc.char_span(start, start + len(match.group("name")), alignment_mode="expand")
            if span is None:
                continue
            taken.update(t.i for t in span)
            out.append(Mention(text=match.group("name"), type="person", sentence=sents[sent_of[span[0].i]].n,
                               start=start, end=start + len(match.group("name")), role="photographer"))
    return out


def _modifier(tok: "Token") -> bool:
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (tok.dep_ in NAME_MODIFIER_DEPS and tok.head.pos_ == "NOUN") or (
        following is not None and following.lower_ in ROLE_NOUNS and following.text.islower())


def _syntactic_people(doc: "Doc") -> "list[Span]":
    """Capitalised names the NER did not see as people: speech-verb subjects, names after a role noun, and a
    surname alone where the article named that person in full ("Siddiqui said" after "Farah Siddiqui")."""
    full, single = [], []
    for i in capitalised(doc):
        tok = doc[i]
        # Names inside entities of actor types are handled above; PRODUCT or WORK_OF_ART is the NER erring.
        if tok.dep_ == "compound" or tok.ent_type_ in ENTITY_TYPES:
            continue
        chain = _name_chain(tok) if tok.pos_ == "PROPN" else doc[tok.i: tok.i + 1]
        if chain is None or chain.text.isupper() or chain[-1].lower_ in ORG_WORDS or \
                any(t.ent_type_ in NOT_IN_NAMES_LABELS for t in chain):
            continue
        first = doc[chain.start - 1] if chain.start else None
        speaks = tok.dep_ in NOMINAL_SUBJECT_DEPS and tok.head.lemma_ in SPEECH_VERBS
        labelled = first is not None and first.lower_ in ROLE_NOUNS
        if tok.pos_ == "PROPN" and (labelled or (speaks and len(chain) > 1)):
            full.append(chain)
        elif len(chain) == 1:
            single.append(chain)
    # One capitalised word alone may be a sentence-initial noun ("Neuroscience tells us"): it counts only as the
    # surname of someone the article names in full.
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1} | {c[-1].text for c in full}
    return full + [c for c in single if c.text in surnames]


def _name_chain(head: "Token") -> "Optional[Span]":
    """The capitalised compound words ending at ``head``: "Mary-Kate Olsen", "Owen Pritchard"."""
    doc = head.doc
    i = head.i
    while i > 0 and ((doc[i - 1].dep_ == "compound" and doc[i - 1].head.i >= i - 1 and doc[i - 1].text[:1].isupper()
                     and doc[i - 1].lower_ not in ROLE_NOUNS) or (doc[i - 1].text == "-" and i > 1)):
        i -= 1
    span = doc[i: head.i + 1]
    return span if 1 <= len(span) <= 4 else None


def _labelled_person(span: "Span", title: Optional[str]) -> bool:
    # "Sol goalkeeper Jess Thornbury" tagged ORG: a role word before a two-word name settles it.
    if len(span) < 2 or span[-1].lower_ in ORG_WORDS:
        return False
    before = span.doc[span.start - 1] if span.start else None
    return before is not None and before.lower_ in PERSON_WORDS and all(t.text[:1].isupper() for t in span)


def _trim(ent: "Span") -> "Optional[Span]":
    """Drop a leading article and a trailing possessive or punctuation: "the BBC's" → "BBC"; a title swallowed into
    the entity ("Golden Mayor Annette Fairweather") is left outside the name."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(start + 1, end - 1):
        if doc[i].text == "-" and doc[i + 1].tag_ in HYPHENATED_MODIFIER_TAGS and ent.label_ != "PERSON":
            end = i  # "Costway-owned", "Denver-based": the name is before the hyphen
            break
    while end - start > 1 and (doc[end - 1].lower_ in FUNCTION_WORDS or SCORE.fullmatch(doc[end - 1].text)):
        end -= 1  # a title-case heading runs on into the next word ("Kenya During")
    for i in range(end - 2, start - 1, -1):
        if doc[i].lower_.strip(".") in TITLE_WORDS and doc[i + 1].text[:1].isupper() and (
                ent.label_ == "PERSON" or given_name(doc[i + 1].text)):
            start = i + 1  # "Golden Mayor Annette Fairweather", but "the Ohio General Assembly" is one name
            break
    return doc[start:end] if end > start else None


def _name_text(span: "Span") -> str:
    # Web copy glues photo credits to names ("CreditChang W. Lee", "Thomas Coex/AFP") and hides soft hyphens.
    text = WHITESPACE.sub(" ", span.text.replace("\u00ad", "")).strip()
    text = CREDIT_GLUED.sub("", text).split("/")[0].strip()
    return POSSESSIVE_END.sub("", text)


def _plausible(name: str, kind: str) -> bool:
    if not name or (not name[0].isupper() and not name[0].isdigit()):
        return False
    if any(ch.isdigit() for ch in name) and kind == "person":
        return False
    if name.lower() in PERSON_PRONOUNS or len(name) < 2:
        return False
    if all(w.lower().strip(".") in TITLE_WORDS for w in name.split()):
        return False  # "Prime Minister" alone is a title, not a name
    if kind == "person" and name.isupper() and len(name) > 3:
        return False  # a dateline ("DENVER (AP) —") or a byline in capitals, not a person in the story
    if kind == "person" and any(CAMEL_CASE.search(w) and not CAPITALISED_PREFIX.match(w)
                                for w in name.split()):
        return False  # "CNNMoney", "CreditChang": brand names and glued layout text
    return len(name.split()) <= (6 if kind == "person" else 8)


def _title_before(span: "Span") -> Optional[str]:
    """Title words written before the name and attached to it: "U.S. Senator Jane Roe" → "U.S. Senator"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 4:
        tok = doc[i]
        attached = span.start <= tok.head.i < span.end or i < tok.head.i < span.start
        titled = tok.text[:1].isupper() or tok.lower_.strip(".") in TITLE_OR_PERSON_WORDS or (
            tok.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_)  # "Attorney-General"
        if not attached or not titled or tok.tag_ == "POS":
            break
        i -= 1
    words = list(doc[i + 1: span.start])
    # Keep the chain from the first title noun, or a capitalised qualifier just before one ("Foreign Minister").
    while words and words[0].lower_.strip(".") not in TITLE_OR_PERSON_WORDS and \
            not _is_title_chain(words):
        words.pop(0)
    if not words:
        return None
    return doc[words[0].i: span.start].text.strip()


def _is_title_chain(words: "list[Token]") -> bool:
    return any(w.lower_.strip(".") in ROLE_NOUNS for w in words[1:]) and words[0].text[0].isupper()


def _apposition(span: "Span") -> Optional[str]:
    """ "X, a professor at Y," → "a professor at Y"."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            toks = [t for t in child.subtree if t.i >= span.end]
            text = span.doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")
            if (text.strip("()").isupper() and " " not in text) or all(t.like_num or t.is_punct for t in toks):
                continue  # "the Maritime Tribunal (IMT)", "Jane Roe, 71,": an abbreviation or an age, not a role
            if 1 <= len(toks) <= 25 and not any(t.ent_type_ == "PERSON" for t in toks[:1]):
                return text
    return None


def _role_head(span: "Span") -> Optional[str]:
    appos = next((c for c in span.root.children if c.dep_ == "appos" and c.i >= span.end), None)
    return appos.lemma_.lower() if appos is not None else None


def _relative_role(span: "Span") -> Optional[str]:
    """ "X, who leads Y," → "leads Y"."""
    for child in span.root.children:
        if child.dep_ == "relcl" and child.i >= span.end:
            toks = list(child.subtree)
            if toks and toks[0].lower_ == "who" and len(toks) <= 16 and child.lemma_ in ROLE_VERBS:
                return span.doc[toks[1].i: toks[-1].i + 1].text.strip(" ,")
            for prep in child.children if toks and toks[0].lower_ == "who" else ():
                # "X, who follows the firm as a managing director at Y," → "a managing director at Y"
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "as" else None
                if obj is not None and obj.lower_ in PERSON_WORDS:
                    toks = list(obj.subtree)
                    if len(toks) <= 14:
                        return span.doc[toks[0].i: toks[-1].i + 1].text.strip(" ,")
    return None


def _role_before(span: "Span") -> Optional[str]:
    """ "Acme's chief executive, Jane Roe," → "Acme's chief executive": the name in apposition to a role noun
    written before it."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ != "NOUN" or \
            head.lower_ not in PERSON_WORDS:
        return None
    doc = span.doc
    start, end = head.left_edge.i, head.i + 1
    while start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2  # "a co-worker": the parser hangs the prefix elsewhere
    if end - start > 12 or span.start - end > 1:
        return None
    return doc[start:end].text.strip(" ,")


def _is_speaker(span: "Span") -> bool:
    """The subject of a speech verb is someone who speaks: a person or a body, never a place."""
    head = span.root
    return (head.dep_ in NOMINAL_SUBJECT_DEPS and head.head.lemma_ in SPEECH_VERBS) or (
        head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according")


def given_name(word: str) -> bool:
    """Whether ``word`` is a given name in gender-guesser's offline lexicon (40,000 first names from many
    countries), whatever gender it gives."""
    return given_name_gender(word) != "unknown"
