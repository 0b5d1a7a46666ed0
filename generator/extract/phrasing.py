"""Turning a clause of a parsed sentence into the question a reader would ask about it.

Heilman & Smith (2010), "Good Question!": simplify the clause (drop appositives, relative clauses, attribution and
side clauses), then move the auxiliary in front of the subject, adding "do" or "will" where the clause has none,
with the verb in its base form and the auxiliary agreeing with the subject. Everything is read from the
dependency parse; when a clause cannot be turned into a question that reads well, the answer is ``None``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

from generator.extract.common import AUX_DEPS, NOMINAL_SUBJECT_DEPS, VERB_POS
from generator.extract.compress import FINITE_TAGS, VERB_GROUP_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_WORDS = 25
# Dependents that add a side remark to a phrase rather than its content (appositive, relative clause, parenthetical,
# a clause of its own after a dash): Filippova & Strube (2008) delete exactly these subtrees to compress a sentence.
SIDE_DEPS: frozenset[str] = frozenset({"appos", "relcl", "parataxis", "advcl", "meta", "dep", "intj", "punct_side"})
# Dependents of the verb that frame the clause rather than state its content, dropped before the subject.
FRAME_DEPS: frozenset[str] = frozenset({"prep", "npadvmod", "advcl", "advmod", "ccomp", "dep", "intj", "parataxis"})
# Adverbs that hedge or time the claim: a neutral question leaves them out ("will probably sit" -> "Will X sit").
HEDGE_ADVERBS: frozenset[str] = frozenset({"probably", "possibly", "perhaps", "likely", "maybe", "yet", "still",
                                           "ever", "eventually", "ultimately", "really", "actually", "certainly",
                                           "surely", "undoubtedly", "ideally", "necessarily", "even"})
# Adjectives that hedge the noun they modify, making it a guess ("the likely cause", "the probable source"): the
# question asks whether it is so, so it leaves them out; questions.py takes them for a cue of doubt.
HEDGING_MODIFIERS: frozenset[str] = frozenset({"likely", "probable", "possible", "suspected", "presumed",
                                               "apparent", "alleged"})
# Modal verbs asked as "Will": in a reader's question the outcome, not the writer's degree of doubt, is at issue.
FUTURE_MODALS: frozenset[str] = frozenset({"will", "would", "could", "may", "might", "must", "shall", "wo", "'ll"})
# Modals kept as they are: they ask about ability or obligation, not only the outcome.
KEPT_MODALS: dict[str, str] = {"can": "can", "ca": "can", "should": "should"}
PRONOUNS_HE_SHE: frozenset[str] = frozenset({"he", "she", "him", "her"})
FIRST_SECOND_PERSON: frozenset[str] = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your",
                                                 "yours", "myself", "ourselves", "yourself", "yourselves"})
# Words that cannot end a question: a conjunction, article or preposition left hanging means a cut phrase.
DANGLING: frozenset[str] = frozenset({"but", "or", "and", "that", "the", "a", "an", "of", "to", "with", "for",
                                      "because", "if", "whether", "in", "on", "at", "by", "from", "as", "than"})
# Two words run together across a full stop with no space ("2023.Credit"): text the page glued, not a sentence.
GLUED = re.compile(r"[a-z0-9][.][A-Z][a-z]")
WH_TAGS: frozenset[str] = frozenset({"WDT", "WP", "WP$", "WRB"})
QUOTES = "\"\u201c\u201d"
# Pronouns that take a plural verb ("they are", "you were"), whatever the noun they stand for.
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "we", "you", "these", "those"})
# Auxiliaries as contractions ("could've gone"): one left behind the fronted auxiliary no longer has the word it
# leaned on, so it is written as its lemma ("Will X have gone").
CONTRACTED_AUXES: frozenset[str] = frozenset({"'s", "'re", "'m", "'ve"})
# "not", written out or contracted: a question asked with the wh-word as subject leaves it out of the auxiliaries
# ("who has not paid" -> "Who has paid?"), as a yes/no question does.
NEGATIONS: frozenset[str] = frozenset({"not", "n't"})
# Speech verbs (a few of common.SPEECH_VERBS) that trail the clause they report ("…, analysts say", "…, she
# added"): the parser may hang one on that clause as its complement, which is attribution, not content.
TRAILING_ATTRIBUTION_VERBS: frozenset[str] = frozenset({"say", "tell", "add", "note", "argue"})
# Marks that set off a parenthetical: dashes, a colon, a semicolon; brackets that open and close one.
ASIDE_MARKS: frozenset[str] = frozenset({"\u2013", "\u2014", "--", ":", ";"})
OPENING_BRACKETS: frozenset[str] = frozenset({"(", "["})
CLOSING_BRACKETS: frozenset[str] = frozenset({")", "]"})
# ClearNLP dependency labels, as en_core_web_sm emits them.
# A verb's subject, or the expletive "there" or "it" standing in its place.
SUBJECT_OR_EXPLETIVE_DEPS: frozenset[str] = NOMINAL_SUBJECT_DEPS | {"expl"}
# A verb's auxiliaries and negation (compress.VERB_GROUP_DEPS); with its adverbs, the words between a subject and
# its verb ("fares could not rise").
BEFORE_VERB_DEPS: frozenset[str] = VERB_GROUP_DEPS | {"advmod"}
# A verb that takes its subject from its head: an open or adjectival complement ("wants to go"), a coordinated verb.
SUBJECT_SHARING_DEPS: frozenset[str] = frozenset({"xcomp", "conj", "acomp"})
# Phrases that set a verb's circumstances: a preposition's, a noun phrase as adverb ("last week"), an adverbial clause.
CIRCUMSTANCE_DEPS: frozenset[str] = frozenset({"prep", "npadvmod", "advcl"})
# Dependents of the verb that a question does not carry over with the words after it: it moves the subject and
# the auxiliaries, drops the negation, and leaves out a "that" or "whether" (mark) and punctuation.
REBUILT_DEPS: frozenset[str] = VERB_GROUP_DEPS | SUBJECT_OR_EXPLETIVE_DEPS | {"mark", "punct"}
# Modifiers of the verb a question too long loses from its end, last first: time, place, manner, a passive's
# agent, a second verb phrase; and what goes with a dropped verb phrase (its "and", its comma).
TRIMMABLE_DEPS: frozenset[str] = frozenset({"prep", "npadvmod", "advmod", "agent", "advcl", "conj"})
CONJUNCT_COMPANION_DEPS: frozenset[str] = frozenset({"cc", "punct"})
# Penn Treebank tags of a verb a question fronts "do", "did" or "will" for (finite, present or past, as
# compress.FINITE_TAGS; or bare as in "insist that X drop"); of a proper noun.
FINITE_OR_BARE_TAGS: frozenset[str] = FINITE_TAGS | {"VB"}
PROPER_NOUN_TAGS: frozenset[str] = frozenset({"NNP", "NNPS"})
# Universal POS tags of a word whose capital at the start of a sentence is the sentence's, not its own.
COMMON_WORD_POS: frozenset[str] = frozenset({"DET", "PRON", "ADJ", "NOUN", "NUM", "ADV"})


def subject_of(verb: "Token") -> "Optional[Token]":
    """The verb's subject, climbing from an infinitive or a coordinated verb to the verb that has one."""
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_OR_EXPLETIVE_DEPS), None)
        if subj is not None:
            return subj
        # "That means fares could rise": the parser takes "fares" for the object of "means" and the clause for its
        # complement, or "means" for a side clause of "rise"; the object just before a clause without a subject
        # is that clause's subject
        first = min([tok.i] + [c.i for c in tok.children if c.dep_ in BEFORE_VERB_DEPS and c.i < tok.i])
        if tok.dep_ == "ccomp" and tok.head.i != tok.i:
            return next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < first
                         and max(t.i for t in c.subtree) == first - 1), None)
        side = [c for c in tok.children if c.dep_ == "parataxis" and c.i < tok.i]
        obj = next((o for c in side for o in c.children if o.dep_ == "dobj"
                    and max(t.i for t in o.subtree) == first - 1), None)
        if obj is not None:
            return obj
        if tok.dep_ in SUBJECT_SHARING_DEPS and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def plural(subj: "Token") -> bool:
    """Whether the subject phrase takes a plural verb ("the leaders", "Kim and Xi", "they")."""
    if any(c.dep_ == "conj" for c in subj.children):
        return True
    # A proper noun is one actor ("Green Basket", "the United States") whatever its last letter.
    return subj.tag_ == "NNS" or subj.lower_ in PLURAL_PRONOUNS


def phrase(head: "Token", *, drop: Iterable["Token"] = ()) -> list["Token"]:
    """The head's subtree without side remarks (appositives, relative clauses, parentheticals) and ``drop``."""
    skip = {t.i for d in drop for t in d.subtree}
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        if tok.i in skip:
            continue
        out.append(tok)
        for child in tok.children:
            if child.dep_ in SIDE_DEPS or (child.dep_ == "acl" and _after_comma(child)):
                continue
            stack.append(child)
    out.sort(key=lambda t: t.i)
    return _trim_edges(_drop_bracketed(out))


def yes_no(verb: "Token", *, subject: str, future: bool, drop: Iterable["Token"] = ()) -> Optional[str]:
    """ "X could seek Y" -> "Will X seek Y?"; "X has not taken up Y" -> "Has X taken up Y?".

    ``future``: the clause tells an outcome still to come (a whether- or if-clause, a hope or an expectation), so
    a present-tense verb is asked with "will" ("whether Xi delivers" -> "Will Xi deliver").
    """
    subj = subject_of(verb)
    auxes = [c for c in verb.children if c.dep_ in AUX_DEPS and c.i < verb.i and c.lower_ != "to"]
    number_plural = plural(subj) if subj is not None else False
    rest_aux: list[str] = []
    main = verb.text
    if auxes:
        first = auxes[0]
        front = _front_aux(first, plural_subject=number_plural)
        if front is None:
            return None
        rest_aux = [a.text if a.lower_ not in CONTRACTED_AUXES else a.lemma_ for a in auxes[1:]]
        if first.tag_ == "MD" or first.lemma_ == "do":
            if verb.tag_ in FINITE_TAGS and not rest_aux:
                main = verb.lemma_
    elif verb.lemma_ == "be" and verb.dep_ != "xcomp" and verb.tag_ != "VB":
        front = _be_form(verb, plural_subject=number_plural)
        main = ""
    elif verb.tag_ == "VBD" and not future:
        front, main = "did", verb.lemma_
    elif verb.tag_ in FINITE_OR_BARE_TAGS or future:
        if future or verb.tag_ == "VB":  # a bare subjunctive ("insist that X drop") asks what X will do
            front = "will"
        else:
            front = "do" if number_plural else "does"
        main = verb.lemma_
    else:
        return None
    rest = _rest(verb, subj, extra_drop=drop)
    if rest is None:
        return None
    conj = _conj_forms(verb) if main == verb.lemma_ else {}
    before = [t for t in rest if t.i < verb.i]  # "will also press" -> "Will X also press"
    after = [t for t in rest if t.i > verb.i]
    return finish(render([front.capitalize(), subject, *before, *rest_aux, main, *after], replace=conj))


def wh_question(verb: "Token", wh: "Token", *, subject: Optional[str], future: bool) -> Optional[str]:
    """An embedded wh-clause asked directly: "when the cuts will be broader" -> "When will the cuts be broader?";
    "why whales strand" -> "Why do whales strand?"; "what happens next" -> "What happens next?"."""
    wh_phrase = _wh_phrase(wh, verb)
    if wh_phrase is None:
        return None
    wh_text = " ".join(t.text for t in wh_phrase)
    subj = subject_of(verb)
    if subj is not None and subj.i in {t.i for t in wh_phrase} and subj.dep_ in NOMINAL_SUBJECT_DEPS:
        rest = _rest(verb, None, extra_drop=[], skip={t.i for t in wh_phrase})
        if rest is None:
            return None
        auxes = [c.text for c in verb.children if c.dep_ in VERB_GROUP_DEPS and c.lower_ != "to"
                 and c.lower_ not in NEGATIONS]
        return finish(render([wh_text[0].upper() + wh_text[1:], *auxes, verb.text, *rest]))
    if subject is None:
        return None
    body = yes_no(verb, subject=subject, future=future, drop=[t for t in wh_phrase if t.head.i == verb.i])
    if body is None:
        return None
    return finish(wh_text[0].upper() + wh_text[1:] + " " + body[0].lower() + body[1:])


def finish(text: str) -> Optional[str]:
    """The question as printed: spaces before punctuation closed, one "?" at the end; ``None`` when it would not
    read as a whole question (too long or short, a dangling last word, unbalanced quotation marks)."""
    text = re.sub(r"\s+([,.;:!?%)\u2019]|'s\b|n't\b)", r"\1", text)
    text = re.sub(r"([($\u2018])\s+", r"\1", text)
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:\u2014-.")
    text = text.rstrip("?").rstrip(" ,;:\u2014-.") + "?"
    words = re.findall(r"[\w'\u2019-]+", text)
    if not 3 <= len(words) <= MAX_WORDS:
        return None
    if words[-1].lower() in DANGLING or "\u2026" in text or "..." in text:
        return None
    if sum(text.count(q) for q in '"') % 2 or text.count("\u201c") != text.count("\u201d"):
        return None
    if {w.lower() for w in words} & FIRST_SECOND_PERSON:
        return None
    if GLUED.search(text):
        return None  # "in 2023.CreditJane Doe": a caption or credit run into the sentence, not prose
    return text


def display_subject(subj: "Token", *, drop: Iterable["Token"] = ()) -> Optional[str]:
    """The subject phrase as it reads after the auxiliary: without side remarks, ``drop`` or a hedging adjective
    ("the likely cause" -> "the cause"), a common first word lowered."""
    hedges = [c for c in subj.children if c.dep_ == "amod" and c.lower_ in HEDGING_MODIFIERS]
    toks = phrase(subj, drop=[*hedges, *drop])
    if not toks or any(t.text in ASIDE_MARKS and t.is_punct for t in toks):
        return None  # a dash or colon inside the subject: a parenthetical the parse did not mark
    text = _text(toks)
    first = toks[0]
    # Lower the capital the sentence gave a common word ("The company" -> "the company"), never a name's.
    if not first.ent_type_ and first.tag_ not in PROPER_NOUN_TAGS and not first.text.isupper() \
            and first.pos_ in COMMON_WORD_POS:
        text = text[0].lower() + text[1:]
    return text


def _front_aux(aux: "Token", *, plural_subject: bool) -> Optional[str]:
    low = aux.lower_
    if low in FUTURE_MODALS:
        return "will"
    if low in KEPT_MODALS:
        return KEPT_MODALS[low]
    if aux.lemma_ == "be":
        return _be_form(aux, plural_subject=plural_subject)
    if aux.lemma_ == "have":
        if aux.tag_ == "VBD":
            return "had"
        return "have" if plural_subject else "has"
    if aux.lemma_ == "do":
        if aux.tag_ == "VBD":
            return "did"
        return "do" if plural_subject else "does"
    return None


def _be_form(tok: "Token", *, plural_subject: bool) -> str:
    if tok.tag_ == "VBD" and tok.lower_ != "were":
        return "were" if plural_subject else "was"
    return "are" if plural_subject else "is"


def _rest(verb: "Token", subj: "Optional[Token]", *, extra_drop: Iterable["Token"],
          skip: Optional[set[int]] = None) -> Optional[list["Token"]]:
    """The words of the clause after the verb (and adverbs between subject and verb), side remarks left out."""
    skip = set(skip or ())
    for d in extra_drop:
        skip.update(t.i for t in d.subtree)
    if subj is not None:
        skip.update(t.i for t in subj.subtree)
    out: list["Token"] = []
    for child in verb.children:
        if child.i in skip or child.dep_ in REBUILT_DEPS:
            continue
        if child.dep_ in SIDE_DEPS or child.dep_ == "cc" and not _has_conj_verb(verb):
            continue
        if child.lower_ in HEDGE_ADVERBS:
            continue
        if child.i < verb.i and (subj is None or child.i < subj.i) and child.dep_ in FRAME_DEPS:
            continue  # "In exchange, China could seek" -> "Will China seek"
        if child.i < verb.i and child.dep_ in CIRCUMSTANCE_DEPS:
            continue  # "Kim at some point will use" -> "Will Kim use"
        if child.dep_ == "conj" and subject_of_own(child):
            continue  # a second clause with its own subject is a second statement
        if child.dep_ == "cc" and not any(c.dep_ == "conj" and not subject_of_own(c) for c in verb.children):
            continue
        if child.dep_ == "ccomp" and child.i > verb.i and _is_attribution(child, verb):
            continue
        if child.dep_ in CIRCUMSTANCE_DEPS and any(t.lower_ in FIRST_SECOND_PERSON for t in child.subtree):
            continue  # "catch up with us": the writer's aside, the question stands without it
        asides = [t for t in child.subtree if t.dep_ == "prep" and t.i != child.i
                  and any(x.lower_ in FIRST_SECOND_PERSON for x in t.subtree)]
        out.extend(t for t in phrase(child, drop=asides) if t.i not in skip and t.lower_ not in HEDGE_ADVERBS
                   and t.dep_ != "neg")
    out.sort(key=lambda t: t.i)
    toks = [t for t in out if t.i > verb.i or t.dep_ == "advmod"]
    return _shorten(verb, toks)


def words_after(verb: "Token") -> Optional[list["Token"]]:
    """The words of the verb's clause after it, side remarks and hedges left out, shortened to fit a question."""
    return _rest(verb, None, extra_drop=[])


def subject_of_own(verb: "Token") -> bool:
    return any(c.dep_ in SUBJECT_OR_EXPLETIVE_DEPS for c in verb.children)


def _has_conj_verb(verb: "Token") -> bool:
    return any(c.dep_ == "conj" and c.pos_ in VERB_POS for c in verb.children)


def _is_attribution(ccomp: "Token", verb: "Token") -> bool:
    # "…, analysts say" parsed as the clause's own ccomp: a speech verb whose subject follows the main clause
    return ccomp.lemma_ in TRAILING_ATTRIBUTION_VERBS and ccomp.i > verb.i


def _conj_forms(verb: "Token") -> dict[int, str]:
    """A verb coordinated with the asked one takes the same form: "delivers ... or drops" -> "deliver ... or drop"."""
    return {c.i: c.lemma_ for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
            and c.tag_ in FINITE_TAGS and not subject_of_own(c)}


def render(pieces: list, *, replace: Optional[dict[int, str]] = None) -> str:
    """Words and tokens as one line: tokens that were neighbours keep the spacing they had in the article."""
    out = ""
    prev = None
    for piece in pieces:
        if not piece:
            continue
        if isinstance(piece, str):
            out += (" " if out else "") + piece
            prev = None
            continue
        text = (replace or {}).get(piece.i, piece.text)
        glued = prev is not None and prev.i + 1 == piece.i and not prev.whitespace_
        out += ("" if glued or not out else " ") + text
        prev = piece
    return out


def _shorten(verb: "Token", toks: list["Token"]) -> Optional[list["Token"]]:
    """Drop trailing modifiers of the verb (time, place, manner phrases) until the question fits ``MAX_WORDS``."""
    budget = MAX_WORDS - 6
    while len([t for t in toks if not t.is_punct]) > budget:
        mods = [c for c in verb.children if c.dep_ in TRIMMABLE_DEPS and c.i > verb.i
                and any(t.i == c.i for t in toks)]
        if not mods:
            return None
        last = mods[-1]
        gone = {t.i for t in last.subtree}
        if last.dep_ == "conj":  # a second verb phrase goes with its "and"
            gone |= {c.i for c in verb.children if c.dep_ in CONJUNCT_COMPANION_DEPS and c.i < last.i
                     and not any(o.i < c.i < last.i for o in mods[:-1])}
        toks = [t for t in toks if t.i not in gone]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in DANGLING):
        toks = toks[:-1]
    return toks


def _wh_phrase(wh: "Token", verb: "Token") -> Optional[list["Token"]]:
    tok = wh
    while tok.head.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
    if tok.head.i != verb.i:
        return None
    return list(tok.subtree)


DASHES = ("\u2013", "\u2014", "--")


def _drop_bracketed(toks: list["Token"]) -> list["Token"]:
    """Leave out what stands between parentheses or dashes (a parenthetical remark), and what follows a lone dash
    after the phrase's words ("offers things — proximity, scale and …": a list that illustrates)."""
    out, depth = [], 0
    dashes = [k for k, t in enumerate(toks) if t.text in DASHES and t.is_punct]
    if dashes and dashes[0] > 0:
        pairs = dashes[1::2] if len(dashes) % 2 == 0 else None
        if pairs is None:
            toks = [t for k, t in enumerate(toks) if k < dashes[-1]
                    and not any(a <= k <= b for a, b in zip(dashes[:-1:2], dashes[1:-1:2]))]
        else:
            toks = [t for k, t in enumerate(toks) if not any(a <= k <= b for a, b in zip(dashes[::2], dashes[1::2]))]
    for t in toks:
        if t.text in OPENING_BRACKETS:
            depth += 1
            continue
        if t.text in CLOSING_BRACKETS:
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            out.append(t)
    return out


def _trim_edges(toks: list["Token"]) -> list["Token"]:
    while toks and (toks[0].is_punct and toks[0].text not in QUOTES or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in QUOTES or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _after_comma(tok: "Token") -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    first = min(t.i for t in tok.subtree)
    before = tok.doc[first - 1] if first > 0 else None
    return bool((prev is not None and prev.text == ",") or (before is not None and before.text == ","))


def _text(toks: list["Token"]) -> str:
    out = ""
    for i, t in enumerate(toks):
        out += t.text
        if i + 1 < len(toks):
            out += t.whitespace_ if toks[i + 1].i == t.i + 1 else " "
    return out
