"""Speakers: who "he", "she", "it", "they", "the minister" or "the company" in a speech verb's subject refers to.

A small discourse model of one article, built once per ``Doc`` from its name mentions: each named actor with the
gender the text gives it (titles, role nouns, pronouns already tied to it, a given-name lexicon) and its salience
(subject position, recency, who spoke last). A pronoun or description resolves to the most salient earlier actor
that agrees with it; when none agrees, to nobody, never to the nearest name by default.
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

from generator.extract.common import (NOMINAL_SUBJECT_DEPS, QUOTE_CLOSE, QUOTE_OPEN, given_name_gender, norm_name,
                                      sentence_index, text_of)
from generator.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Honorifics that state a person's gender (English news usage; AP and Guardian style both write them).
MALE_TITLES: frozenset[str] = frozenset({"mr", "sir", "lord", "king", "prince", "duke", "baron", "father", "brother"})
FEMALE_TITLES: frozenset[str] = frozenset({"ms", "mrs", "miss", "madam", "dame", "lady", "queen", "princess",
                                           "duchess", "baroness", "sister", "mother"})
# Role and kinship nouns with a grammatical gender: what an apposition or a description ("the spokeswoman") says.
MALE_NOUNS: frozenset[str] = frozenset("""man boy father husband son brother uncle nephew grandfather grandson king
prince spokesman chairman congressman businessman councilman alderman sportsman widower actor boyfriend""".split())
FEMALE_NOUNS: frozenset[str] = frozenset("""woman girl mother wife daughter sister aunt niece grandmother
granddaughter queen princess spokeswoman chairwoman congresswoman businesswoman councilwoman alderwoman
sportswoman widow actress girlfriend""".split())
# Nouns a definite description uses for a person already named ("the minister said", "the mother said"): job
# titles and kinship words of news copy, beside the gendered ones above.
PERSON_NOUNS: frozenset[str] = MALE_NOUNS | FEMALE_NOUNS | frozenset("""president minister secretary senator
governor mayor judge chancellor premier leader chief director executive officer founder spokesperson
official lawyer attorney prosecutor coach manager captain professor doctor researcher scientist economist analyst
author writer owner chair commissioner superintendent sheriff representative candidate ambassador general
parent child teenager victim resident driver farmer worker activist""".split())
# Plural or collective nouns for people a story does not name ("officials said", "experts say", "residents told
# the council"): the groups wire copy quotes, by lemma.
GROUP_NOUNS: frozenset[str] = frozenset("""official expert resident analyst critic economist scientist researcher
witness neighbour neighbor voter parent teacher nurse authority source observer people person citizen protester
protestor activist lawmaker legislator investigator prosecutor advocate supporter opponent member fan user
customer worker employee staff student local villager farmer owner leader diplomat officer firefighter paramedic
rescuer survivor relative family friend colleague aide adviser advisor organizer organiser organizers spokespeople
historian lawyer doctor physician engineer specialist consultant executive manager director trader investor
shopkeeper passenger commuter patient victim veteran soldier player fisherman elder mourner bystander onlooker
homeowner tenant landlord shopper motorist pilot crew""".split())
# Nouns for an organisation already named ("the company said", "the ministry said").
ORG_NOUNS: frozenset[str] = frozenset("""company firm utility agency department ministry government council
board committee center centre office service authority union group bank retailer carrier airline club team
league school university hospital court police cooperative organization organisation charity institute
commission administration network newspaper paper campaign party regulator operator manufacturer startup
corporation giant broadcaster parliament senate house cabinet embassy army military automaker carmaker insurer
chain brand developer publisher studio lab laboratory foundation association federation nonprofit coalition
regime junta watchdog""".split())
# Of those, the public institutions a story rarely names in full ("the police said", "the court ruled"): they refer
# back only to a name with the same word, else they speak as written.
INSTITUTION_NOUNS: frozenset[str] = frozenset("""police government court army military parliament senate cabinet
embassy ministry council administration regime junta""".split())
# Written sources that speak in news copy ("the report found", "according to a statement from X"), after the
# source types of PARC 3.0 (Pareti 2016): documents, statements, studies and posts.
DOCUMENT_NOUNS: frozenset[str] = frozenset("""report study statement survey analysis paper letter memo memorandum
filing document documents note notes release complaint lawsuit ruling judgment judgement audit review poll
research article post tweet email editorial book affidavit indictment transcript minutes guidance forecast
assessment investigation inquiry decision order""".split())
# What a document does in news copy besides saying: "the study found", "the audit showed".
DOCUMENT_VERBS: frozenset[str] = frozenset({"find", "show", "conclude", "indicate", "suggest", "state", "say",
                                            "note", "estimate", "warn", "recommend", "describe", "claim", "allege",
                                            "argue", "read", "predict", "reveal"})

# The forms of "he" and "she" whose gender a name can take on (English personal pronouns: subject, object,
# possessive, reflexive).
MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
# What a subject pronoun can refer to: "m"/"f" a person of that gender, "org" an organisation, "plural" a group.
PRONOUN_KINDS: dict[str, str] = {"he": "m", "she": "f", "it": "org", "they": "plural"}
# The subject pronouns of a person whose gender the text gives: "…," she said.
GENDERED_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
# The genders agreement can ask for (``resolve``'s ``want``), beside "person", "org" and "plural".
GENDERS: frozenset[str] = frozenset({"m", "f"})
# gender-guesser's answers for a given name that say a gender; "andy" (androgynous) and "unknown" say none.
GIVEN_NAME_GENDERS: dict[str, str] = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
# The mention types a document's author can have (``records.ActorType``: all of them).
AUTHOR_TYPES: frozenset[str] = frozenset({"organization", "person", "group", "place"})
# Mention types that can be a plural "they" or an organisation's "the company".
ORG_TYPES: frozenset[str] = frozenset({"organization", "group"})
# The prepositions that name a document's author: "a report by X", "a statement from X", "the findings of X".
AUTHOR_PREPOSITIONS: frozenset[str] = frozenset({"by", "from", "of"})
# "the 43-year-old": the noun under "old" in en_core_web_sm's parse of an age.
YEAR_WORDS: frozenset[str] = frozenset({"year", "years"})
# The quotation marks an article's text uses, curly and straight (common.QUOTE_OPEN and QUOTE_CLOSE).
QUOTE_MARKS: frozenset[str] = frozenset(QUOTE_OPEN + QUOTE_CLOSE)

# Dependency labels are ClearNLP's, which spaCy's English pipelines parse with.
# A name inside a subject phrase rather than its head: "Summit Electric customers", "Summit's customers", "its
# supplier, Summit".
SUBJECT_PHRASE_DEPS: frozenset[str] = frozenset({"compound", "poss", "appos"})
# What a description leaves out of an unnamed speaker's words: relative and participle clauses, appositions.
CLAUSE_DEPS: frozenset[str] = frozenset({"relcl", "acl", "appos", "punct"})
# And its possessor, when the owner is not wanted: "Lakeport's Finance Committee" → "Finance Committee".
OWNER_DEPS: frozenset[str] = frozenset({"poss", "case"})
# How far back a pronoun or description reaches: this paragraph and the three before (news copy re-names a
# speaker after that; a heading or photo caption between paragraphs counts as one).
PARAGRAPHS_BACK = 3


@dataclass
class _Entity:
    name: str  # the fullest form named so far
    kind: str  # person, organization, group, place
    gender: Optional[str] = None  # "m", "f" or None when the text does not say
    votes: dict = field(default_factory=lambda: {"m": 0, "f": 0})
    strong: Optional[str] = None  # from a title or a gendered role noun: outweighs the name and pronouns
    types: dict = field(default_factory=dict)  # how often each mention type was given


@dataclass(frozen=True)
class _Ref:
    """One mention of an entity: where, and whether it was a clause's subject."""

    entity: str  # key into the entities
    start: int
    sentence: int
    subject: bool
    speaker: bool


@dataclass
class Discourse:
    """The named actors of one article, each mention in order, and who spoke when."""

    entities: dict[str, _Entity]
    refs: list[_Ref]  # in text order
    key_of: dict[int, str]  # mention start → entity key
    paragraph_starts: list[int]
    sent_of: dict[int, int]  # token index → sentence number
    starts: list[int] = field(default_factory=list)  # each ref's start, for bisecting a window

    def __post_init__(self) -> None:
        self.starts = [r.start for r in self.refs]

    def entity_at(self, char: int) -> Optional[_Entity]:
        key = self.key_of.get(char)
        return self.entities.get(key) if key else None


_DISCOURSE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def discourse(doc: "Doc", mentions: list[Mention]) -> Discourse:
    """The article's discourse model, built once per ``Doc`` and mentions in one pass over them and its tokens
    (every extractor of an article asks with the same mentions; another list builds another model)."""
    given = tuple(mentions)
    found = _DISCOURSE.get(doc)
    if found is None or found[0] != given:
        found = _DISCOURSE[doc] = (given, _build(doc, mentions))
    return found[1]


def name_gender(name: str) -> Optional[str]:
    """The gender a given name usually has ("m", "f"), or None when the lexicon is unsure or does not know it."""
    words = [w for w in norm_name(name).split() if w.isalpha()]
    if len(words) < 2:
        return None  # a surname alone says nothing
    guess = given_name_gender(words[0].capitalize())
    return GIVEN_NAME_GENDERS.get(guess)


def _title_gender(title: Optional[str], role: Optional[str]) -> Optional[str]:
    words = [w.strip(".,").lower() for w in f"{title or ''} {' '.join((role or '').split()[:4])}".split()]
    for w in words:
        # A title counts only first ("Mr. X"); a role noun anywhere in the first words ("the bank's chairman").
        if (w in MALE_TITLES and w == words[0]) or w in MALE_NOUNS:
            return "m"
        if (w in FEMALE_TITLES and w == words[0]) or w in FEMALE_NOUNS:
            return "f"
    return None


def _key(m: Mention, last_full: dict[str, str]) -> str:
    """A short form ("Pike", "Mr. Pike") belongs to the latest fuller name that ends the same way."""
    norm = norm_name(m.text)
    words = norm.split()
    if len(words) == 1 and words[0] in last_full:
        return last_full[words[0]]
    if len(words) > 1:
        last_full[words[-1]] = norm
    return norm


# A capitalised word the NER never labels but the article repeats this often is a name it missed ("Zipcart").
FREQUENT_NAME = 3


@dataclass
class _Scan:
    """What one pass over a doc's tokens collects for the discourse model."""

    quoted: set  # start offsets of tokens inside quotation marks
    pronouns: list  # (token index, offset, word) of he/she and their forms outside quotation marks
    names: list  # unlabelled proper-noun mentions (see unlabelled_names)


_SCANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _scan(doc: "Doc", mentions: list[Mention]) -> _Scan:
    found = _SCANS.get(doc)
    if found is not None:
        return found
    people = {w for m in mentions if m.type == "person" for w in m.text.split()}
    quoted, pronouns, counts, inside = set(), [], {}, False
    for tok in doc:
        text = tok.text
        if text in QUOTE_MARKS:
            inside = text == "\u201c" or (text == '"' and not inside)
            continue
        if tok.is_space and "\n\n" in text:
            inside = False  # a paragraph starts outside quotation marks unless it opens one
            continue
        if inside:
            quoted.add(tok.idx)
            continue
        low = tok.lower_
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            pronouns.append((tok.i, tok.idx, low))
        elif tok.pos_ == "PROPN" and not tok.ent_type_ and text[:1].isupper() and text not in people \
                and tok.dep_ != "compound" and not tok.is_sent_start:
            counts.setdefault(text, []).append(tok)
    sent_of = sentence_index(doc)
    names = [Mention(text=name, type="organization", sentence=sent_of[t.i], start=t.idx, end=t.idx + len(t.text))
             for name, toks in counts.items() if len(toks) >= FREQUENT_NAME for t in toks]
    found = _SCANS[doc] = _Scan(quoted=quoted, pronouns=pronouns, names=names)
    return found


def unlabelled_names(doc: "Doc", mentions: list[Mention]) -> list[Mention]:
    """Proper nouns the NER left unlabelled that the article keeps repeating (outside quotation marks), as
    organisation mentions: a company or app named in every other sentence is rarely tagged ("Zipcart stepped in and
    tweeted …")."""
    return _scan(doc, mentions).names


def _build(doc: "Doc", mentions: list[Mention]) -> Discourse:
    text = text_of(doc)
    scan = _scan(doc, mentions)
    mentions = mentions + scan.names
    entities: dict[str, _Entity] = {}
    refs: list[_Ref] = []
    key_of: dict[int, str] = {}
    last_full: dict[str, str] = {}
    sent_of = sentence_index(doc)
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start in scan.quoted:
            continue  # a name inside someone's words is not someone the narrative is about here
        key = _key(m, last_full)
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = _Entity(name=m.text, kind=m.type)
        ent.types[m.type] = ent.types.get(m.type, 0) + 1
        # The label most of its mentions got: the NER labels one name differently from sentence to sentence.
        ent.kind = max(ent.types, key=lambda k: (ent.types[k], k == "person"))
        strong = _title_gender(m.title, m.role)
        if strong:
            ent.strong = ent.strong or strong
        guess = name_gender(m.text)
        if guess:
            ent.votes[guess] += 2
        key_of[m.start] = key
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        # Within the subject phrase counts as a subject: "Summit Electric customers were …" makes the utility salient.
        # A name the parser made the root ("Mr. X, the Democrat, called …" read as a reduced relative) is the
        # sentence's topic too.
        subject = head is not None and (
            head.dep_ in NOMINAL_SUBJECT_DEPS
            or (head.dep_ == "ROOT" and head.pos_ == "PROPN")
            or (head.dep_ in SUBJECT_PHRASE_DEPS and head.head.dep_ in NOMINAL_SUBJECT_DEPS
                and doc[max(head.i - 1, 0)].text != "("))  # "LAKEPORT (AP)" is a credit
        refs.append(_Ref(entity=key, start=m.start, sentence=m.sentence, subject=subject, speaker=m.speaker))
    _tie_pronouns(scan.pronouns, refs=refs, entities=entities, sent_of=sent_of)
    for ent in entities.values():
        ent.gender = ent.strong or (("m" if ent.votes["m"] > ent.votes["f"] else "f")
                                    if ent.votes["m"] != ent.votes["f"] else None)
        if ent.kind != "person" and (ent.strong or ent.votes["m"] + ent.votes["f"] >= 1) and \
                any(r.speaker for r in refs if entities[r.entity] is ent):
            ent.kind = "person"  # a speaker with a gendered title, name or pronouns is a person, whatever the NER said
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    return Discourse(entities=entities, refs=refs, key_of=key_of, paragraph_starts=starts, sent_of=sent_of)


def _tie_pronouns(pronouns: list, *, refs: list[_Ref], entities: dict[str, _Entity], sent_of: dict[int, int]) -> None:
    """A sentence that names one candidate and then says "he" or "she" (outside quotation marks) ties the
    pronoun's gender to it: "Vale said she would appeal"."""
    by_sentence: dict[int, set[str]] = {}
    first_at: dict[int, int] = {}
    for r in refs:
        by_sentence.setdefault(r.sentence, set()).add(r.entity)
        first_at.setdefault(r.sentence, r.start)
    for i, idx, low in pronouns:
        n = sent_of[i]
        names = by_sentence.get(n, set())
        if len(names) == 1 and first_at[n] < idx:
            entities[next(iter(names))].votes["m" if low in MALE_PRONOUNS else "f"] += 1


def pronoun_kind(word: str) -> Optional[str]:
    """What a subject pronoun can refer to: "m"/"f" a person of that gender, "org" an organisation, "plural"."""
    return PRONOUN_KINDS.get(word.lower())


def resolve(tok: "Token", disc: Discourse, *, want: Optional[str] = None, nouns: Iterable[str] = (),
            head: Optional[str] = None, salient_only: bool = False) -> Optional[str]:
    """The name the subject ``tok`` refers to, or None when no earlier actor agrees with it.

    ``want`` is what agreement asks for ("m", "f", "person", "org", "plural"); ``nouns`` are the description's words
    ("the finance minister" → finance), matched against a candidate's name; ``head`` its noun, which counts for less
    ("the company" is not "Orchard Company" when another company was the subject just before).
    ``salient_only`` keeps to actors that were a subject or spoke: what a description like "the agency" takes up.
    """
    want = want or pronoun_kind(tok.lower_)
    if want is None:
        return None
    here = disc.sent_of[tok.i]
    end = bisect_left(disc.starts, tok.idx)
    window = disc.refs[bisect_left(disc.starts, window_start(disc, tok.idx)):end]
    if salient_only:
        window = [r for r in window if r.subject or r.speaker]
    best = _best(window, disc, here=here, want=want, nouns=nouns, head=head)
    if best is None and want in GENDERS:
        # Past the window only an actor the text has tied to that gender, who spoke or was a subject, will do:
        # a feature's "he said" many paragraphs after its subject was last named.
        far = [r for r in disc.refs[:end] if r.subject or r.speaker]
        best = _best(far, disc, here=here, want=want, nouns=nouns, head=head, strict=True)
    return disc.entities[best].name if best else None


def _best(refs: list[_Ref], disc: Discourse, *, here: int, want: str, nouns: Iterable[str], head: Optional[str],
          strict: bool = False) -> Optional[str]:
    """The most salient entity among ``refs`` that agrees with ``want``: recent, a subject, the last to speak."""
    scores: dict[str, tuple[float, int]] = {}
    last_speaker = None
    for r in refs:
        ent = disc.entities[r.entity]
        agrees = _agrees(ent, want) and not (strict and ent.gender != want)
        if r.speaker:
            last_speaker = r.entity
        elif r.subject and agrees and r.entity != last_speaker:
            last_speaker = None  # the text has moved on to someone else since the last speaker spoke
        if not agrees:
            continue
        distance = here - r.sentence
        score = -min(distance, 10) * 1.0 + (1.5 if r.subject else 0) + (0.5 if r.speaker else 0)
        if want in GENDERS and ent.gender == want:
            score += 0.5
        scores[r.entity] = max(scores.get(r.entity, (-99.0, 0)), (score, r.start))
    if not scores:
        return None
    final = {}
    for key, (score, start) in scores.items():
        if key == last_speaker:
            score += 1.0  # "who spoke last": news copy follows a quotation's speaker with "he said"
        words = set(norm_name(disc.entities[key].name).split())
        if set(nouns) & words:
            score += 3.0
        if head and head in words:
            score += 1.0
        final[key] = (score, start)
    return max(final, key=lambda k: final[k])


def _agrees(ent: _Entity, want: str) -> bool:
    if want in GENDERS:
        return ent.kind == "person" and ent.gender in (want, None)
    if want == "person":
        return ent.kind == "person"
    gendered = bool(ent.strong or any(ent.votes.values()))  # a title, a given name or "he"/"she" tied to it
    if want == "org":
        # A one-word name the NER called a person but the text never gave a title, role noun or pronoun of a
        # person: as likely a company or agency ("Velora said …; it said …").
        return not gendered and (ent.kind == "organization" or (ent.kind == "person" and len(ent.name.split()) == 1))
    if want == "plural":
        return not gendered and ent.kind in ORG_TYPES and "person" not in ent.types
    return False


def window_start(disc: Discourse, char: int) -> int:
    starts = [s for s in disc.paragraph_starts if s <= char]
    return starts[max(0, len(starts) - 1 - PARAGRAPHS_BACK)] if starts else 0


def description_gender(head: "Token") -> Optional[str]:
    """ "the spokeswoman" → "f"; "the minister" → None (any person)."""
    low = head.lemma_.lower()
    return "m" if low in MALE_NOUNS else "f" if low in FEMALE_NOUNS else None


AGE_NOUN = re.compile(r"^\d+-year-old$")


def age_subject(verb: "Token") -> "Optional[Token]":
    """ "the 43-year-old said", which the parser reads as an adjective of the verb: its "old"."""
    for c in verb.children:
        if c.i < verb.i and c.lower_ == "old" and any(g.lower_ in YEAR_WORDS for g in c.children):
            return c
    return None


def is_people_noun(head: "Token") -> bool:
    """A noun for a person or a group of people ("a resident", "officials"), not a thing ("an attempt")."""
    low = head.lemma_.lower()
    return low in PERSON_NOUNS or low in GROUP_NOUNS


def is_person_description(head: "Token") -> bool:
    """ "the minister", "the mother", "the 43-year-old": the noun of a definite description of a person."""
    return (head.lemma_.lower() in PERSON_NOUNS or bool(AGE_NOUN.match(head.lower_))
            or (head.lower_ == "old" and any(g.lower_ in YEAR_WORDS for g in head.children)))


def document_author(head: "Token", mentions: list[Mention]) -> Optional[str]:
    """Who wrote a document: "a statement from X", "a report by X", "X's report", "a report released by X"."""
    for tok in head.subtree:
        if tok.i == head.i:
            continue
        via = tok.head
        # Its possessor, or the object of its "by"/"from"/"of": hung on the noun, or an agent anywhere below it
        # ("a report released on Monday by X").
        possessor = tok.dep_ == "poss" and via.i == head.i
        by = tok.dep_ == "pobj" and via.lower_ in AUTHOR_PREPOSITIONS and (via.head.i == head.i or via.dep_ == "agent")
        if possessor or by:
            name = _mention_over(tok, mentions)
            if name:
                return name
    return None


def _mention_over(tok: "Token", mentions: list[Mention]) -> Optional[str]:
    for m in mentions:
        if m.start <= tok.idx < m.end and m.type in AUTHOR_TYPES:
            return m.text
    return None


def description(head: "Token", *, owner: bool = True) -> str:
    """The words of an unnamed speaker as written, without a leading "the": "a citizen", "officials",
    "explanatory notes of the harbour bill"; without its possessor when ``owner`` is false ("Lakeport's
    Finance Committee" → "Finance Committee")."""
    cut = CLAUSE_DEPS if owner else CLAUSE_DEPS | OWNER_DEPS
    clauses = {t.i for c in head.children if c.dep_ in cut for t in c.subtree}
    toks = [t for t in head.subtree if t.i not in clauses and not t.is_punct]
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    if not toks:
        return head.text
    doc = head.doc
    return doc[toks[0].i: toks[-1].i + 1].text.strip(" ,.")
