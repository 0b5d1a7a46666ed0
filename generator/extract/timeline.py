"""Time expressions in one article with the clause each dates, as a caption; :mod:`generator.assemble.timeline`
resolves them to dates and merges them across the story."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Optional

from generator import temporal
from generator.extract import compress, speakers
from generator.extract.common import (AUX_DEPS, COGNITION_VERBS, NOMINAL_SUBJECT_DEPS, NOUN_POS, PLURAL_NOUN_TAGS,
                                      PAST_TAGS, PRESENT_TAGS, SPEECH_VERBS, VERB_POS, sentence_index, sentence_span,
                                      sentences, text_of)
from generator.records import Article, Mention, TimeMention
from generator.records import PROSE_BLOCKS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Any anchor will do to tell a date ("in March") from a duration ("six weeks"), which names none.
_ANY_DAY = date(2000, 1, 1)
# Modal and semi-modal cues of a scheduled or expected event ("will", "is set to", "is scheduled for").
FUTURE_CUES: frozenset[str] = frozenset({"will", "shall", "'ll", "scheduled", "set", "expected", "due", "plan",
                                         "plans", "planned", "going"})
# Verbs whose "to" infinitive tells what is to come ("expected to", "scheduled to", "due to"), by lemma.
SCHEDULING_VERBS: frozenset[str] = frozenset({"expect", "schedule", "plan", "set", "due"})
# Verbs of a background state when they are the main verb in the present (TimeML's STATE), by lemma.
STATE_VERBS: frozenset[str] = frozenset({"be", "have"})
# Words around a date that make it something else: the end of a span ("until 2025"), a point of comparison
# ("more than in 2017", "like 2008") or the baseline of a change ("up from 6.6 percent").
UNTIL_WORDS: frozenset[str] = frozenset({"until", "till"})
COMPARISON_WORDS: frozenset[str] = frozenset({"than", "like"})
CHANGE_WORDS: frozenset[str] = frozenset({"up", "down"})
# Parts of a day after a weekday ("Monday night"): still that day, not a recurring "Sunday hours".
DAY_PART_WORDS: frozenset[str] = frozenset(temporal.DAY_PARTS)
# Pronouns: the first person's possessives ("my" -> "Jane Roe's"), the third person's, and those that stand for a
# body ("it" an organisation or a country, "they" a group).
FIRST_PERSON_POSSESSIVES: frozenset[str] = frozenset({"my", "mine"})
THIRD_PERSON_POSSESSIVES: frozenset[str] = frozenset({"his", "hers"})
BODY_PRONOUNS: frozenset[str] = frozenset({"it", "they"})
# OntoNotes labels of a named reporter whose words a pronoun can repeat, and of those "it" stands for.
REPORTER_LABELS: frozenset[str] = frozenset({"ORG", "GPE", "NORP", "PERSON"})
IT_LABELS: frozenset[str] = frozenset({"ORG", "GPE"})
# ClearNLP labels: a date as a clause's subject, object or attribute; a noun hung on a date as its conjunct or
# apposition; the object of a preposition; words that introduce a date as a preposition would ("since", tagged a
# conjunction); a clause that depends on another; a date word inside a name.
ARGUMENT_DEPS: frozenset[str] = frozenset({"nsubj", "dobj", "attr"})
ATTACHED_NOUN_DEPS: frozenset[str] = frozenset({"conj", "appos"})
PREPOSITION_OBJECT_DEPS: frozenset[str] = frozenset({"pobj", "pcomp"})
PREPOSITION_LIKE_DEPS: frozenset[str] = frozenset({"prep", "mark", "advmod"})
DEPENDENT_CLAUSE_DEPS: frozenset[str] = frozenset({"advcl", "conj"})
NAME_PART_DEPS: frozenset[str] = frozenset({"compound", "poss"})
# Penn Treebank tags: a verb in the present or a gerund (the past's are common.PAST_TAGS); a figure or money.
NON_PAST_TAGS: frozenset[str] = PRESENT_TAGS | {"VBG"}
FIGURE_TAGS: frozenset[str] = frozenset({"$", "CD"})
# A byline as a name: "By Jane Roe", words of letters, full stops, apostrophes and hyphens.
BYLINE_BY = re.compile(r"^by\s+", re.I)
BYLINE_WORD = re.compile(r"[A-Za-z][A-Za-z.'\u2019-]*")


def time_mentions(doc: "Doc", article: Article, mentions: list[Mention]) -> list[TimeMention]:
    """Every temporal expression in the article's prose that dates a clause, with its tense and a caption of that
    clause: one short sentence, the date phrase taken out."""
    sents = sentences(doc)
    sent_of = sentence_index(doc)
    prose = [(b.start, b.end) for b in article.blocks if b.kind in PROSE_BLOCKS]
    disc = speakers.discourse(doc, mentions)
    author = _author(article)
    found = []
    for start, end in _expression_spans(doc):
        if not any(a <= start < b for a, b in prose):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if _recurring(span) or _part_of_name(span):
            continue
        found.append((start, end, span, _carriers(span)))
    # "Payments will overtake Medicaid in 2020 and the defence budget in 2023": no caption keeps a sibling's date
    # (a date, that is: "missed six weeks in March" keeps its six weeks)
    by_anchor: dict[int, set[int]] = defaultdict(set)
    for _, _, span, carriers in found:
        if temporal.normalize(text_of(doc)[span.start_char:span.end_char], _ANY_DAY, tense=None) is None:
            continue
        for c in carriers:
            by_anchor[c.head.i] |= {t.i for t in c.subtree}
    people_in: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type == "person":
            people_in[m.sentence].add(m.text)
    out = []
    for start, end, span, carriers in found:
        event = _caption(span, carriers, siblings=by_anchor, disc=disc, author=author)
        if not event:
            # No clause around the date can stand as a sentence (a dateline, a headline fragment): nothing to tell.
            continue
        sent = sents[sent_of[span.root.i]]
        actors = people_in[sent.n]
        out.append(TimeMention(text=text_of(doc)[start:end], sentence=sent.n, start=start, end=end,
                               tense=_tense(_anchor(carriers[0]) if carriers[0].head.i != carriers[0].i
                                            else _governor(span)),
                               event=event, actors=sorted(set(actors))))
    return out


def _caption(span: "Span", carriers: list["Token"], *, siblings: dict[int, set[int]], disc: speakers.Discourse,
             author: Optional[str]) -> str:
    """The clause the date belongs to, compressed to a sentence without the date phrase; "" when there is none."""
    carrier = carriers[0]
    if _no_event(span, carrier):
        return ""
    # "In 2009, when Congress passed a stimulus bill, he called it …": the when-clause tells what the date was
    sent = sentence_span(span.doc, span.start)  # ``span.sent``
    when = _when_clause(span) if carrier.left_edge.i == sent.start else None
    anchor = when if when is not None else _anchor(carrier)
    drop, date_subject = _date_phrase(span, carriers, anchor, siblings=siblings)
    if when is not None:
        drop -= {t.i for t in when.subtree}  # parsed as a relative clause of the date, it went with the date
    dateline = _dateline(sent)
    drop |= dateline
    clause = compress.Clause(root=anchor) if date_subject else compress.clause_for(anchor)
    stray = _subject_in_date(span, carrier) if date_subject and carrier.dep_ not in ARGUMENT_DEPS else None
    if stray is not None:
        # "The day after Easter, Bassi and his crew loaded up …", the crew parsed as the date's conjuncts
        phrase = compress.noun_phrase(stray)
        clause, date_subject = compress.Clause(root=anchor, subject=tuple(phrase)), False
        drop = ({t.i for c in carriers for t in c.subtree} | {t.i for t in span}) - {t.i for t in stray.subtree}
    if clause is not None and dateline:
        clause = _past_dateline(clause, dateline)
    if clause is None or (_dates_state(anchor, clause.root) and not _ahead(span)):
        return ""
    speaker = _speaker(clause.root) if _quoted(clause.root) else None
    budget = compress.MAX_WORDS - (len(speaker[0]) + 1 if speaker else 0)
    keep = [anchor.i, carrier.i] if date_subject else [anchor.i]
    pieces = compress.compress(clause, keep=keep, drop=drop, max_words=budget)
    if pieces is None or not (date_subject or _has_subject(pieces, clause)):
        return ""
    replace = _pronouns(pieces, disc=disc, author=author)
    if replace is None:
        # "“We exported a crisis,” said Gale": the words stay the speaker's, in quotation marks, after their name
        return _quoted_caption(pieces, speaker, disc=disc, author=author) if speaker else ""
    text = compress.render(pieces, replace=replace)
    return "" if not text or text.split()[0].lower() in BAD_OPENERS else text


def _anchor(carrier: "Token") -> "Token":
    """The word the date phrase hangs on. "X said on Monday it would close …": a date before the reported clause's
    subject is the saying's, whatever the parser attached it to."""
    head = carrier.head
    if head.dep_ == "ccomp" and head.head.lemma_ in SPEECH_VERBS and head.head.i < carrier.i:
        subj = next((c for c in head.children if c.dep_ in compress.SUBJECT_DEPS), None)
        if subj is not None and carrier.i < subj.left_edge.i:
            return head.head
    return head


def _subject_in_date(span: "Span", carrier: "Token") -> "Optional[Token]":
    """A name or noun the parser hung on a fronted date as its conjunct or apposition: the clause's lost subject."""
    for tok in carrier.subtree:
        if not (span.start <= tok.i < span.end) and span.start <= tok.head.i < span.end \
                and tok.dep_ in ATTACHED_NOUN_DEPS and tok.pos_ in NOUN_POS and tok.ent_type_ != "DATE":
            return tok
    return None


def _no_event(span: "Span", carrier: "Token") -> bool:
    """No caption for a date that dates nothing: no clause around it; a point of comparison ("50 percent more than
    in 2017"); a state at a time ("as of July"); a date the parser made the subject of a clause it is not."""
    if carrier.head.i == carrier.i or _baseline(carrier):
        return True
    if carrier.lower_ == "as" and any(c.lower_ == "of" for c in carrier.children):
        return True
    return carrier.dep_ in compress.SUBJECT_DEPS and carrier.left_edge.i != sentence_span(span.doc, span.start).start


def _date_phrase(span: "Span", carriers: list["Token"], anchor: "Token", *,
                 siblings: dict[int, set[int]]) -> tuple[set[int], bool]:
    """The tokens the caption leaves out, and whether the date stays as the clause's subject."""
    carrier = carriers[0]
    if carrier.lower_ in UNTIL_WORDS:
        # "runs until 2025", "not finished until 2031": without its end the clause says something else
        return set(), False
    if carrier.left_edge.i == sentence_span(span.doc, span.start).start and anchor.pos_ in VERB_POS and (
            carrier.dep_ in ARGUMENT_DEPS
            or not any(c.dep_ in compress.SUBJECT_DEPS for c in anchor.children)):
        # "November marked the start of the season": the date is the clause's subject, and the clause needs it
        return set(), True
    drop = {t.i for c in carriers for t in c.subtree} | {t.i for t in span} | siblings.get(anchor.i, set())
    return drop, False


def _quoted_caption(pieces: list, speaker: "tuple[list, Token]", *, disc: speakers.Discourse,
                    author: Optional[str]) -> str:
    who, verb = speaker
    named = _pronouns(who, disc=disc, author=author)
    inner = compress.render(pieces, inner=True)
    if named is None or not inner:
        return ""
    said = "said" if verb.lemma_ == "tell" else verb.text  # "told" wants an object the caption does not have
    return f"{compress.render(who, replace=named)} {said} \u201c{inner[:1].upper() + inner[1:]}\u201d"


def _when_clause(span: "Span") -> "Optional[Token]":
    """The verb of a "when" clause set right after the date: "Two summers ago, when Xi last visited, …"."""
    doc = span.doc
    i = span.end
    if not (i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "when"):
        return None
    # the clause's own verb, whatever "when" was attached to: the first verb with a subject before the next comma
    for tok in doc[i + 2: sentence_span(doc, span.start).end]:
        if tok.text == ",":
            break
        if tok.pos_ in VERB_POS and any(c.dep_ in compress.SUBJECT_DEPS for c in tok.children):
            return tok
    return None


# Words that put a time expression ahead of the writer's now: a state then is something scheduled.
AHEAD_WORDS: frozenset[str] = frozenset({"next", "tomorrow", "coming", "upcoming", "later"})


def _ahead(span: "Span") -> bool:
    return any(t.lower_ in AHEAD_WORDS for t in span)


def _baseline(carrier: "Token") -> bool:
    """A date given as a point of comparison: "more than in 2017", "up from 6.6 percent in 2017", "like 2008"."""
    tok = carrier
    for _ in range(3):
        if tok.lower_ in COMPARISON_WORDS or (tok.lower_ == "from" and tok.i != carrier.i and _from_a_figure(tok)):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _from_a_figure(prep: "Token") -> bool:
    """ "up from 6.6 percent", "from $29.2 million": the earlier figure a change is measured against."""
    return prep.head.lower_ in CHANGE_WORDS or any(
        c.dep_ == "pobj" and (c.like_num or any(g.tag_ in FIGURE_TAGS for g in c.children)) for c in prep.children)


def _dates_state(anchor: "Token", verb: "Token") -> bool:
    """The date tells when a state held: it hangs on the stative verb, or on its subject ("its business today")."""
    if not _state(verb):
        return False
    subject = {t.i for c in verb.children if c.dep_ in compress.SUBJECT_DEPS for t in c.subtree}
    return anchor.i == verb.i or anchor.i in subject


def _state(verb: "Token") -> bool:
    """A background state rather than an event (TimeML's STATE): "be" or "have" as the main verb in the present
    ("its main business is cloud computing"), or what generally can happen ("that number can reach 60")."""
    aux = {c.lower_ for c in verb.children if c.dep_ in AUX_DEPS}
    if "can" in aux:
        return True
    return verb.lemma_ in STATE_VERBS and verb.tag_ in PRESENT_TAGS and not aux


def _speaker(tok: "Token") -> "Optional[tuple[list, Token]]":
    """Who says the quoted words ``tok`` belongs to: the subject of the speech verb above it, outside the quotes."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_ in SPEECH_VERBS and not _quoted(tok):
            subj = next((c for c in tok.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
            if subj is not None and not _quoted(subj):
                return compress.noun_phrase(subj), tok
            return None
    return None


# Words a caption cannot open on: it would be a subordinate clause or a fragment, not a sentence.
BAD_OPENERS: frozenset[str] = frozenset({"which", "that", "who", "to", "and", "but", "or", "because", "while", "when"})
# Pronouns that point at someone outside the caption; first and second person speak for the writer or reader.
THIRD_PERSON: frozenset[str] = frozenset({"he", "she", "him", "her", "his", "hers"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "my", "mine", "myself"})
PLURAL_FIRST_SECOND: frozenset[str] = frozenset({"we", "us", "our", "ours", "ourselves", "you", "your", "yours"})


def _carriers(span: "Span") -> list["Token"]:
    """The phrases that carry the date, the one of its root first: "on Thursday Dec. 1" may hang on the verb by two."""
    out = [_carrier(span, span.root)]
    for tok in span:
        if tok.i != span.root.i and not (span.start <= tok.head.i < span.end):
            c = _carrier(span, tok)
            if c.i not in {o.i for o in out}:
                out.append(c)
    return out


def _carrier(span: "Span", tok: "Token") -> "Token":
    """The phrase that carries the date: "in 2018 and 2019", "since 1924", "last week" (itself)."""
    while tok.head.i != tok.i:
        head = tok.head
        if span.start <= head.i < span.end:
            tok = head
        elif (tok.dep_ == "conj" and head.ent_type_ == "DATE") or (tok.dep_ == "pobj" and head.pos_ == "ADP"):
            tok = head
        elif tok.dep_ in PREPOSITION_OBJECT_DEPS and head.dep_ in PREPOSITION_LIKE_DEPS:
            tok = head  # "since 1924", where "since" is tagged a conjunction
        elif tok.lower_ == "as" and any(c.lower_ == "as" and c.i < head.i for c in head.children):
            tok = head  # "(possibly) as soon as November": the frame goes with the date
        elif _only_child(tok) and head.dep_ in LINK_DEPS and (head.pos_ != "VERB" or head.lemma_ in LINK_VERBS) \
                and not any(c.dep_ in compress.SUBJECT_DEPS for c in head.children):
            # "starting in December", "more than in 2017": a word there only to hold the date goes with it
            tok = head
        else:
            break
    return tok


# Dependencies of a word that can go with the date phrase it holds, when it holds nothing else.
LINK_DEPS: frozenset[str] = frozenset({"prep", "pcomp", "advmod", "amod", "npadvmod", "mark", "advcl", "pobj",
                                       "quantmod"})


# Verbs that only tie a date to a clause ("starting in December", "beginning in 1999", "dating from 1840").
LINK_VERBS: frozenset[str] = frozenset({"start", "begin", "end", "date", "run", "last", "effective"})


def _only_child(tok: "Token") -> bool:
    return all(c.i == tok.i or c.is_punct for c in tok.head.children)


def _has_subject(pieces: list, clause: "compress.Clause") -> bool:
    if clause.subject or clause.relative is not None:
        return True
    return any(not isinstance(p, str) and p.head.i == clause.root.i and p.dep_ in compress.SUBJECT_DEPS
               for p in pieces)


def _pronouns(pieces: list, *, disc: speakers.Discourse, author: Optional[str]) -> Optional[dict[int, str]]:
    """Names for the pronouns a caption cannot keep: "he" or "she" the most salient earlier person of that gender
    (:func:`speakers.resolve`), "I" the byline's author; None when one cannot be named (the caption would speak for
    someone the reader cannot see)."""
    replace: dict[int, str] = {}
    named = False
    kept = {p.i for p in pieces if not isinstance(p, str)}
    # "In his address, Tallis hailed …": a possessive before the name it points to
    names_person = any(not isinstance(p, str) and p.ent_type_ == "PERSON" and p.dep_ in compress.SUBJECT_DEPS
                       for p in pieces)
    for p in pieces:
        if isinstance(p, str):
            continue
        low = p.lower_
        if p.ent_type_ == "PERSON":
            named = True
        if p.pos_ != "PRON" or (_quoted(p) and _kept_quotes(pieces, p)):
            continue
        if low in PLURAL_FIRST_SECOND or (low in FIRST_PERSON and _quoted(p)):
            return None  # a quote's "I" is its speaker, not the article's author
        if low in FIRST_PERSON:
            if author is None:
                return None
            replace[p.i] = author + ("'s" if low in FIRST_PERSON_POSSESSIVES else "")
            named = True
        elif low in BODY_PRONOUNS and p.dep_ in NOMINAL_SUBJECT_DEPS and p.head.head.i not in kept and (
                who := _reporter(p) or _matrix_subject(p)) is not None:
            replace[p.i] = who  # "Skyway Regional said it would cut routes": the company would cut routes
        elif low in THIRD_PERSON and not named and not (p.tag_ == "PRP$" and names_person):
            name = speakers.resolve(p, disc, want="m" if low in speakers.MALE_PRONOUNS else "f")
            if name is None:
                return None
            replace[p.i] = name + ("'s" if p.tag_ == "PRP$" or low in THIRD_PERSON_POSSESSIVES else "")
            named = True
    return replace


def _reporter(pronoun: "Token") -> Optional[str]:
    """The named subject of the speech verb whose reported clause ``pronoun`` is the subject of."""
    verb = pronoun.head
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in SPEECH_VERBS:
        return None
    dateline = _dateline(sentence_span(verb.doc, verb.i))
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i not in dateline), None) or next(
        (c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.i in dateline:
        subj = next((c for c in subj.children if c.dep_ == "appos" and c.i not in dateline), None)
    if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ not in REPORTER_LABELS:
        return None
    if (pronoun.lower_ == "it") != (subj.ent_type_ in IT_LABELS):
        return None  # "it" for an organisation or a country, "they" for a group
    return compress.render(compress.noun_phrase(subj))


def _matrix_subject(pronoun: "Token") -> Optional[str]:
    """ "the agency had ignored its rules when it approved 40 permits": the subject of the clause a subordinate or
    coordinated clause hangs on, when it is a noun of the pronoun's number."""
    verb = pronoun.head
    if verb.dep_ not in DEPENDENT_CLAUSE_DEPS or verb.head.pos_ not in VERB_POS:
        return None
    subj = next((c for c in verb.head.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
    if subj is None or subj.pos_ not in NOUN_POS:
        return None
    if (pronoun.lower_ == "they") != (subj.tag_ in PLURAL_NOUN_TAGS):
        return None
    phrase = compress.noun_phrase(subj)
    text = compress.render(phrase, inner=True)
    return text[:1].lower() + text[1:] if phrase[0].pos_ == "DET" else text


def _kept_quotes(pieces: list, tok: "Token") -> bool:
    """The caption keeps the quotation marks around ``tok``: the words stay the speaker's."""
    marks = [p.i for p in pieces if not isinstance(p, str) and p.text in compress.QUOTE_MARKS]
    framed = not (isinstance(pieces[0], str) or pieces[0].text in compress.QUOTE_MARKS)  # a speaker outside it
    return framed and any(i < tok.i for i in marks) and any(i > tok.i for i in marks)


def _quoted(tok: "Token") -> bool:
    """Inside quotation marks: an odd number of them between the sentence's start and the token."""
    sent = sentence_span(tok.doc, tok.i)
    marks = sum(1 for t in tok.doc[sent.start:tok.i] if t.text in compress.QUOTE_MARKS)
    return marks % 2 == 1


# Words of a byline that credits a desk, a publication or several writers rather than one person.
CREDIT_WORDS: frozenset[str] = frozenset({"and", "staff", "news", "desk", "editors", "editorial", "board", "wire",
                                          "reports", "agencies", "correspondent"})


def _author(article: Article) -> Optional[str]:
    """The byline's one person ("By Jane Roe"), who is the "I" of a first-person piece; None for a desk or
    publication credit, a date line, or several names."""
    byline = (article.byline or "").strip()
    byline = BYLINE_BY.sub("", byline)
    words = byline.split()
    if not 2 <= len(words) <= 4 or not all(BYLINE_WORD.fullmatch(w) for w in words):
        return None
    acronym = not byline.isupper() and any(w.isupper() and len(w) <= 3 for w in words)
    if acronym or any(w.lower() in CREDIT_WORDS for w in words):
        return None  # "BBC News", "AP staff", "Jane Roe and John Doe"
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _dateline(sent: "Span") -> set[int]:
    """ "MOSCOW (AP) —": a place in capitals, perhaps an agency, then a dash, before the story's first sentence."""
    for tok in sent:
        if tok.text in compress.DASHES:
            lead = sent.doc[sent.start:tok.i]
            if lead and lead[0].is_alpha and lead[0].is_upper and len(lead[0]) > 1 and len(lead) <= 8 and all(
                    t.is_upper or t.is_punct or t.is_space or t.like_num or t.pos_ == "PROPN" for t in lead):
                return set(range(sent.start, tok.i + 1))
            return set()
        if tok.i - sent.start > 8:
            return set()
    return set()


def _past_dateline(clause: "compress.Clause", dateline: set[int]) -> "compress.Clause":
    """ "DAYTON, Ohio — The council voted": parsed as the dateline's apposition, the council is the subject."""
    subj = next((c for c in clause.root.children if c.dep_ in compress.SUBJECT_DEPS), None)
    if subj is None or subj.i not in dateline:
        return clause
    real = next((c for c in subj.children if c.dep_ == "appos" and c.i not in dateline), None)
    if real is None:
        return clause
    return compress.Clause(root=clause.root, subject=tuple(compress.noun_phrase(real)))


def _part_of_name(span: "Span") -> bool:
    """ "Sunday Business section", "Today's Paper": a date word inside a proper name."""
    root = span.root
    return (root.dep_ in NAME_PART_DEPS and root.head.pos_ == "PROPN"
            and not (span.start <= root.head.i < span.end))


def _expression_spans(doc: "Doc") -> list[tuple[int, int]]:
    """spaCy's DATE entities and the date grammar's matches, overlapping ones merged to the longest."""
    # The date grammar's spans are exact; spaCy's DATE entities add what the grammar lacks, but often run on
    # ("Tuesday to six years"), so they count only where the grammar found nothing.
    grammar = temporal.find_expressions(text_of(doc))
    spans = list(grammar) + [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"
                             and not any(s < e.end_char and e.start_char < t for s, t in grammar)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e - s > merged[-1][1] - merged[-1][0]:
                merged[-1] = (s, e)
            continue
        merged.append((s, e))
    return merged


def _recurring(span: "Span") -> bool:
    """ "on Sundays", "Sunday hours": a day that recurs, not a day on which something happened."""
    last = span[-1]
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return last.tag_ == "NNPS" or (last.text.endswith("s") and last.text[:-1] in WEEKDAYS) or (
        len(span) == 1 and last.text in WEEKDAYS and after is not None and after.pos_ == "NOUN"
        and after.lower_ not in DAY_PART_WORDS)


WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _governor(span: "Span") -> "Optional[Token]":
    tok = span.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in VERB_POS:
            return tok
    return tok if tok.pos_ in VERB_POS else None


def _main_tense(verb: "Token") -> Optional[str]:
    """The tense of the nearest clause above ``verb`` that has one."""
    tok = verb
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in VERB_POS and (tense := _tense(tok)) is not None:
            return tense
    return None


def _tense(verb: "Optional[Token]") -> Optional[str]:
    if verb is None:
        return None
    aux = [c for c in verb.children if c.dep_ in AUX_DEPS]
    words = {c.lower_ for c in aux} | {verb.lower_}
    if "would" in words and verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH_VERBS | COGNITION_VERBS:
        return "future"  # "said it would close in January": the future as seen when it was said
    if words & FUTURE_CUES or (any(c.lower_ == "to" for c in aux)
                               and verb.head.lemma_ in SCHEDULING_VERBS):
        return "future"
    if verb.tag_ in PAST_TAGS or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ in NON_PAST_TAGS or any(c.tag_ in PRESENT_TAGS for c in aux):
        if verb.dep_ == "advcl" and _main_tense(verb) == "future":
            return "future"  # "… will address the Union when he travels on Sunday": the present of a future time
        return "present"
    return None
