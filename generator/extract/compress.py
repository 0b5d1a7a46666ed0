"""Sentence compression on the dependency parse: one dated clause down to a caption that reads as a sentence.

After Filippova & Strube (2008), "Dependency Tree Based Sentence Compression": keep the clause's subject, verb and
essential arguments, keep the path from the clause to a token that must stay (the word a date attaches to), and
delete whole subtrees that a sentence can lose and stay grammatical (appositions, relative and adverbial clauses,
parentheticals, coordinated clauses, discourse adverbs, attribution). Nothing is cut mid-phrase: a caption that
cannot be made short enough this way is not made at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Union

from generator.extract.common import AUX_DEPS, NOUN_POS, PLURAL_NOUN_TAGS, VERB_POS, WH_PRONOUN_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Longest caption, in words: a line a reader takes in at a glance (the scorer allows 30; we leave room).
MAX_WORDS = 25

SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Dependents a clause cannot lose (ClearNLP labels, as en_core_web_sm emits them): its subject, auxiliaries and
# negation, objects and complements, particles, the agent of a passive, and the inside of a noun phrase.
CORE_DEPS: frozenset[str] = SUBJECT_DEPS | frozenset({
    "aux", "auxpass", "neg", "dobj", "iobj", "dative", "attr", "acomp", "oprd", "prt", "agent", "xcomp", "ccomp",
    "pobj", "pcomp", "det", "poss", "case", "compound", "amod", "nummod", "quantmod", "nmod", "predet", "nn"})
# Subtrees deleted whole wherever they hang: clauses that add to a sentence without being needed by it.
DELETED_DEPS: frozenset[str] = frozenset({
    "relcl", "appos", "advcl", "parataxis", "intj", "discourse", "meta", "dep", "preconj", "punct"})
# Modifiers a too-long caption loses first, the largest first: they add to the event without being it.
OPTIONAL_DEPS: frozenset[str] = frozenset({"prep", "acl", "advmod", "conj", "advcl"})
# Sentence adverbs that link to the text around (Quirk et al.'s conjuncts and stance adverbials): out of context
# they dangle.
DISCOURSE_ADVERBS: frozenset[str] = frozenset({
    "also", "however", "meanwhile", "still", "already", "instead", "though", "then", "thus", "therefore", "moreover",
    "furthermore", "nevertheless", "nonetheless", "indeed", "meantime", "now", "so", "too", "yet", "again",
    "consequently", "additionally", "likewise", "otherwise", "accordingly", "hence", "first", "finally", "later",
    "earlier", "recently", "previously", "subsequently", "eventually", "ultimately", "reportedly", "apparently",
    "allegedly", "notably", "similarly", "even", "as", "when", "where", "while", "why", "how"})
# Prepositions that introduce a source or a frame rather than a participant ("according to the agency").
FRAME_PREPS: frozenset[str] = frozenset({"according", "despite", "amid", "unlike", "including"})
# Relative pronouns that stand for the noun a relative clause modifies.
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"which", "who", "that", "whom"})
# Participles that look forward: "the visit scheduled for June" is still to come.
FORWARD_PARTICIPLES: frozenset[str] = frozenset({"schedule", "plan", "set", "expect", "due", "slate", "propose"})
# Verbs whose participle after a noun is active, not passive ("the quarter ended June 30", "the year begun").
INTRANSITIVE_PARTICIPLES: frozenset[str] = frozenset({"end", "close", "start", "finish", "expire", "lapse"})
# "In this photo taken on Tuesday, …": a wire photo caption dates the picture; what it shows is the main clause.
PICTURE_NOUNS: frozenset[str] = frozenset({"photo", "picture", "image", "photograph", "video", "footage", "file"})
DASHES = frozenset({"\u2014", "\u2013", "--", "-"})
# Penn Treebank tags of a finite verb, and of a finite auxiliary (a modal too).
FINITE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP"})
FINITE_AUX_TAGS: frozenset[str] = FINITE_TAGS | {"MD"}
# ClearNLP labels of a verb that is part of another clause, not one of its own (an auxiliary, a modifier, a
# complement or the object of a preposition); of a verb's objects and complements; of its auxiliaries and negation;
# of a preposition (or a passive's "by"); of coordination.
NOT_A_CLAUSE_DEPS: frozenset[str] = frozenset({"aux", "auxpass", "amod", "xcomp", "pcomp"})
OBJECT_DEPS: frozenset[str] = frozenset({"dobj", "ccomp", "xcomp", "attr"})
VERB_GROUP_DEPS: frozenset[str] = AUX_DEPS | {"neg"}
PREPOSITION_DEPS: frozenset[str] = frozenset({"prep", "agent"})
COORDINATION_DEPS: frozenset[str] = frozenset({"conj", "cc"})
# Universal POS tags of a preposition or subordinating conjunction ("since"), and of a determiner or pronoun.
PREPOSITION_POS: frozenset[str] = frozenset({"ADP", "SCONJ"})
DETERMINER_POS: frozenset[str] = frozenset({"DET", "PRON"})
# Punctuation: marks that join two words when nothing separates them ("Kroger-owned", "and/or"); marks that run a
# second clause into a sentence; what may follow a phrase set off by a comma (the end of the text too); the
# separators a caption puts in itself; marks that attach to the word before, the space before them dropped.
JOINING_MARKS: frozenset[str] = frozenset({"-", "/"})
CLAUSE_BREAKS: frozenset[str] = frozenset({";", ":"})
AFTER_AN_ASIDE: frozenset[str] = frozenset({",", "", ".", ";"})
SEPARATORS: frozenset[str] = frozenset({",", ";"})
ATTACHED_MARKS: tuple[str, ...] = (" ,", " .", " ;", " :", " 's", " \u2019s", " n't", " n\u2019t")
SPACE_AFTER_OPENING_QUOTE = re.compile(r"\u201c\s+")
SPACE_BEFORE_CLOSING_QUOTE = re.compile(r"\s+\u201d")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``"})

Piece = Union["Token", str]


@dataclass(frozen=True)
class Clause:
    """The verb a caption is built around, and how its subject is found when the verb has none of its own."""

    root: "Token"
    subject: tuple[Piece, ...] = ()  # pieces put in front when the subject is borrowed
    relative: Optional["Token"] = None  # the relative pronoun to stand the antecedent in for
    copula: str = ""  # "was"/"is" put between a participle's noun and the participle
    after_verb: bool = False  # the antecedent of an object relative pronoun goes after the verb


def clause_for(anchor: "Token") -> Optional[Clause]:
    """The lowest clause above ``anchor`` that can stand as a sentence, climbing through infinitives, gerunds,
    prepositions and nouns; a coordinated verb borrows its subject, a relative clause its antecedent, a participle
    its noun."""
    tok = anchor
    while True:
        clause = _as_clause(tok)
        if clause is not None:
            return clause
        if tok.head.i == tok.i:
            return None
        tok = tok.head


def _as_clause(tok: "Token") -> Optional[Clause]:
    if tok.pos_ not in VERB_POS or tok.dep_ in NOT_A_CLAUSE_DEPS:
        return None
    if tok.tag_ == "VB" and tok.dep_ != "ROOT" and not any(c.dep_ in AUX_DEPS for c in tok.children):
        return None  # "saw water come up": a bare infinitive is no clause of its own
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None:
        return _with_subject(tok, subj)
    if tok.dep_ == "conj" and (tok.tag_ in FINITE_TAGS or _has_finite_aux(tok)):
        return _coordinated(tok)
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBG" and tok.head.dep_ == "ROOT")
    if tok.dep_ == "acl" and participle and tok.head.pos_ in NOUN_POS and (
            tok.head.lemma_ not in PICTURE_NOUNS):
        return _participle(tok)
    return None


def _with_subject(tok: "Token", subj: "Token") -> Optional[Clause]:
    """A verb with its own subject; in a relative clause the antecedent stands in for the relative pronoun."""
    if tok.dep_ == "relcl" and subj.lower_ in RELATIVE_PRONOUNS:
        return Clause(root=tok, relative=subj)
    if subj.lower_ in RELATIVE_PRONOUNS and subj.tag_ in WH_PRONOUN_TAGS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS), None)
    if tok.dep_ == "relcl" and obj is not None:
        # "the report that the agency released": the agency released the report
        return Clause(root=tok, relative=obj, after_verb=True)
    if tok.dep_ == "relcl" and tok.head.i < tok.i and not any(
            c.dep_ in OBJECT_DEPS and c.i > tok.i for c in tok.children):
        # "the $1.75 billion it forecast in July": the noun is the verb's missing object
        return Clause(root=tok, relative=tok, after_verb=True)
    return Clause(root=tok)


def _coordinated(tok: "Token") -> Optional[Clause]:
    """ "… and in 1999 began to stock fish": a finite coordinated verb borrows the first verb's subject."""
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.lower_ in RELATIVE_PRONOUNS:
        return None
    return Clause(root=tok, subject=tuple(noun_phrase(subj)))


def _participle(tok: "Token") -> Clause:
    """ "a bill approved in February": a bill was approved; a photo caption's "A worker repairing cables": a worker
    was repairing cables; "the visit scheduled for June": the visit is scheduled."""
    noun = tok.head
    plural = noun.tag_ in PLURAL_NOUN_TAGS
    if tok.lemma_ in INTRANSITIVE_PARTICIPLES and tok.text.endswith("ed"):
        copula = ""  # "the quarter ended Sept. 30": the quarter ended
    elif tok.lemma_ in FORWARD_PARTICIPLES:
        copula = "are" if plural else "is"
    else:
        copula = "were" if plural else "was"
    return Clause(root=tok, subject=tuple(noun_phrase(noun, without=tok)), copula=copula)


def _has_finite_aux(tok: "Token") -> bool:
    return any(c.dep_ in AUX_DEPS and c.tag_ in FINITE_AUX_TAGS for c in tok.children)


def noun_phrase(noun: "Token", *, without: Optional["Token"] = None) -> list["Token"]:
    """A noun with its determiners, modifiers and complements, less its clauses and appositions."""
    out: list["Token"] = []
    _collect(noun, keep=set(), drop={without.i} if without is not None else set(), out=out)
    return sorted(out, key=lambda t: t.i)


def compress(clause: Clause, *, keep: Iterable[int] = (), drop: Iterable[int] = (),
             max_words: int = MAX_WORDS) -> Optional[list[Piece]]:
    """The clause as a short sentence: pieces (tokens, and words put in) in reading order, ``keep`` and the path to
    it kept, ``drop`` left out; None when even its essential parts are longer than ``max_words``."""
    root = clause.root
    path: set[int] = set()
    for i in keep:
        tok = root.doc[i]
        while tok.i != root.i and tok.head.i != tok.i:
            path.add(tok.i)
            tok = tok.head
    dropped = set(drop)
    while True:
        toks: list["Token"] = []
        _collect(root, keep=path, drop=dropped, out=toks, top=True)
        toks = _prune(sorted(toks, key=lambda t: t.i), root)
        pieces = _assemble(clause, toks)
        if _words(pieces) <= max_words:
            return pieces
        # Too long: lose the largest optional modifier left, whole, and try again.
        optional = [t for t in toks if t.i not in path and t.i != root.i and t.dep_ in OPTIONAL_DEPS]
        if not optional:
            return None
        biggest = max(optional, key=lambda t: (len(list(t.subtree)), t.i))
        dropped |= {t.i for t in biggest.subtree}
        if biggest.dep_ == "conj":
            dropped |= {c.i for c in biggest.head.children if c.dep_ == "cc"}


def _prune(toks: list["Token"], root: "Token") -> list["Token"]:
    """Words left holding nothing once the date went: a preposition without its object ("since")."""
    kept = {t.i for t in toks}
    while True:
        children = {t.head.i for t in toks if t.i != root.i and not t.is_punct}
        bare = {t.i for t in toks if t.i != root.i and t.i not in children and t.dep_ in PREPOSITION_DEPS
                and t.pos_ in PREPOSITION_POS}
        if not bare:
            return toks
        kept -= bare
        toks = [t for t in toks if t.i in kept]


def _collect(tok: "Token", *, keep: set[int], drop: set[int], out: list["Token"], top: bool = False) -> None:
    out.append(tok)
    children = list(tok.children)
    kept_conj = any(c.i in keep and c.dep_ == "conj" for c in children)
    for child in children:
        if child.i in drop:
            continue
        if child.i in keep or not _deletable(child, top=top) or (kept_conj and child.dep_ == "cc"):
            _collect(child, keep=keep, drop=drop, out=out)


def _deletable(child: "Token", *, top: bool) -> bool:
    dep = child.dep_
    if dep == "punct":
        # hyphens inside a word ("Kroger-owned") and quotation marks stay; the rest of punctuation goes
        return not (child.text in QUOTE_MARKS or _glued(child))
    edges = (child.left_edge.i, child.right_edge.i)
    if _hyphenated(child, edges=edges):
        return False
    if _parenthetical(child, edges=edges):
        return True
    head = child.head
    if dep == "advcl" and child.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children) \
            and child.i > head.i:
        return False  # "voted to advance the budget": the purpose is part of what was done
    if dep in DELETED_DEPS:
        return True
    if dep == "npadvmod" and child.i < head.i:
        return True  # "This season, …" goes; "rose 5 percent", "spent four seasons" stay
    if dep in COORDINATION_DEPS and head.pos_ in VERB_POS:
        return True
    if dep == "mark" and top:
        return True
    if dep == "advmod" and top and (child.lower_ in DISCOURSE_ADVERBS or child.tag_ == "WRB"):
        return True
    if dep == "prep" and child.lower_ in FRAME_PREPS:
        return True
    if dep == "acl" and child.tag_ == "VBG" and _comma_before(child):
        return True
    return False


def _glued(tok: "Token") -> bool:
    """A hyphen or slash inside a word: no space on either side, a word on both."""
    doc = tok.doc
    return (tok.text in JOINING_MARKS and 0 < tok.i < len(doc) - 1 and not doc[tok.i - 1].whitespace_
            and not tok.whitespace_ and doc[tok.i + 1].is_alpha | doc[tok.i + 1].like_num)


def _hyphenated(child: "Token", *, edges: tuple[int, int]) -> bool:
    """ "Seattle-based", "water-main": half of a hyphenated word is no separable phrase. ``edges``: the indices of
    the first and last token of the child's subtree."""
    doc = child.doc
    left, right = edges
    return (right + 1 < len(doc) and _glued(doc[right + 1])) or (left > 0 and _glued(doc[left - 1]))


def _comma_before(tok: "Token") -> bool:
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text == ","


def _parenthetical(child: "Token", *, edges: tuple[int, int]) -> bool:
    """A subtree set off by brackets or dashes, or by commas when it is no core part of its head. ``edges``: the
    indices of the first and last token of the child's subtree."""
    doc = child.doc
    left, right = edges
    before = doc[left - 1].text if left > 0 else ""
    after = doc[right + 1].text if right + 1 < len(doc) else ""
    if before == "(":
        return True
    if child.dep_ in SUBJECT_DEPS:
        return False
    # a clause set off from its head by a colon, semicolon or dash is a second sentence run into the first
    gap = doc[right + 1] if child.i < child.head.i and right + 1 < len(doc) else doc[left - 1] if left > 0 else None
    if gap is not None and (gap.text in CLAUSE_BREAKS or (gap.text in DASHES and gap.whitespace_)):
        return True
    if child.dep_ == "dobj" and before == "," and any(
            c.dep_ == "dobj" and c.i < child.i for c in child.head.children):
        return True  # "bought Green Basket for $2.1 billion, its largest acquisition": an apposition to the deal
    if child.dep_ in CORE_DEPS:
        return False
    if before in DASHES and doc[left - 1].whitespace_:
        return True
    return (before == "," and after in AFTER_AN_ASIDE) or (before == "" and after == ",")


def _assemble(clause: Clause, toks: list["Token"]) -> list[Piece]:
    pieces: list[Piece] = []
    if clause.subject:
        pieces += list(clause.subject)
        if clause.copula:
            pieces.append(clause.copula)
    subject = next((t for t in toks if t.head.i == clause.root.i and t.dep_ in SUBJECT_DEPS), None)
    fronted = subject is not None and any(t.i < subject.left_edge.i and t.dep_ not in VERB_GROUP_DEPS
                                          and not t.is_punct and t.head.i == clause.root.i for t in toks)
    for tok in toks:
        if fronted and tok.i == subject.left_edge.i and pieces:
            pieces.append(",")  # "In his address, Tallis hailed …": the fronted phrase keeps its comma
        if clause.relative is not None and tok.i == clause.relative.i and tok.i != clause.root.i:
            if not clause.after_verb:
                pieces += antecedent(clause.root)
            continue
        pieces.append(tok)
        if clause.after_verb and tok.i == clause.root.i:
            np: list[Piece] = list(antecedent(clause.root))
            if np and np[0].is_sent_start and np[0].pos_ in DETERMINER_POS:
                np[0] = np[0].lower_  # "The plan, which the mayor proposed": the mayor proposed the plan
            pieces += np
    return pieces


def antecedent(relcl: "Token") -> list["Token"]:
    """The noun phrase a relative clause is about: its head, or, when the verb disagrees with that head in number,
    the noun above an "of" ("a shortage of pilots that has dogged …")."""
    noun = relcl.head
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ in NOUN_POS and _disagrees(relcl, noun):
        return noun_phrase(of.head, without=relcl)
    return noun_phrase(noun, without=relcl)


def _disagrees(verb: "Token", noun: "Token") -> bool:
    finite = [verb] + [c for c in verb.children if c.dep_ in AUX_DEPS]
    singular_verb = any(t.tag_ == "VBZ" for t in finite)
    plural_verb = any(t.tag_ == "VBP" for t in finite)
    plural_noun = noun.tag_ in PLURAL_NOUN_TAGS
    return (singular_verb and plural_noun) or (plural_verb and not plural_noun)


def _paired_quotes(text: str) -> bool:
    """Straight quotation marks in pairs; curly ones opening, then closing, in turn."""
    if text.count('"') % 2:
        return False
    curly = [c for c in text if c in "\u201c\u201d"]
    return all(c == ("\u201c" if n % 2 == 0 else "\u201d") for n, c in enumerate(curly)) and len(curly) % 2 == 0


def _words(pieces: list[Piece]) -> int:
    return sum(1 for p in pieces if (p not in SEPARATORS if isinstance(p, str) else not (p.is_punct or p.is_space)))


def render(pieces: list[Piece], *, replace: Optional[dict[int, str]] = None, inner: bool = False) -> str:
    """Pieces back to text: tokens as written, one space where words between them were left out, ``replace``
    standing in for the tokens it names; capital first, no edge punctuation, quotation marks only in pairs.
    ``inner`` words go inside another sentence: no capital, no quotation marks of their own."""
    replace = replace or {}
    out: list[str] = []
    prev: Optional["Token"] = None
    for p in pieces:
        if isinstance(p, str):
            out.append(p if p in SEPARATORS else " " + p)
            prev = None
            continue
        text = replace.get(p.i, p.text)
        glue = prev is not None and p.i == prev.i + 1 and not prev.whitespace_
        out.append(("" if glue or not out else " ") + text)
        prev = p
    text = "".join(out).strip()
    if inner or not _paired_quotes(text):
        text = text.replace('"', "").replace("\u201c", "").replace("\u201d", "")
    text = SPACE_BEFORE_CLOSING_QUOTE.sub("\u201d", SPACE_AFTER_OPENING_QUOTE.sub("\u201c", text))
    text = " ".join(text.split()).strip(" ,;:\u2014\u2013-")
    for mark in ATTACHED_MARKS:
        text = text.replace(mark, mark[1:])
    if inner:
        return text
    return text[:1].upper() + text[1:] if text else ""
