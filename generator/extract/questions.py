"""Open questions: what the articles mark as not known or not decided, asked as a reader would ask it.

Over-generate, then rank (Heilman & Smith 2010): every clause a cue puts in doubt becomes a candidate question,
phrased from the parse by :mod:`generator.extract.phrasing`; candidates that cannot be phrased well are left out,
the rest are scored (strength of the cue, how central the named actors are, specificity, support) and only the
best are kept: :data:`PER_ARTICLE` per article, most important first (and across the story, by
:mod:`generator.assemble.questions`).
"""
from __future__ import annotations

import bisect
import functools
import math
import re
import weakref
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from generator.extract import phrasing, speakers
from generator.extract.common import (NOMINAL_SUBJECT_DEPS, NOUN_POS, SPEECH_VERBS, VERB_POS, WH_PRONOUN_TAGS,
                                      evidence, norm_name, sentence_index, sentence_span, sentences, stable_id,
                                      text_of, tokens_where)
from generator.records import PROSE_BLOCKS, Article, Mention, Question

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PER_ARTICLE = 8
# A candidate below this score is a routine statement with a weak hedge; no list is better than a padded one.
MIN_SCORE = 1.2
SUBJECT_BONUS = 0.3

# Cue strengths. The order follows the CoNLL-2010 hedge-cue annotation (Farkas et al. 2010): explicit statements
# of ignorance and embedded questions are certain cues; epistemic modals and expectation predicates are
# speculation cues whose scope is the clause they govern; conditionals are the weakest.
STRONG, ASKED, PENDING, HEDGED, INTENT, DISPUTE, BELIEF, CONDITION = 3.0, 2.6, 2.5, 2.0, 1.8, 1.6, 1.3, 1.0

# Predicates whose complement is not known ("it is unclear whether", "remains to be seen", "the question of
# how"): newsroom formulas and the ignorance cues of the CoNLL-2010 hedge annotation.
UNKNOWN_WORDS: frozenset[str] = frozenset({"unclear", "uncertain", "unknown", "elusive", "question", "mystery",
                                           "wonder", "see", "guarantee", "debate", "open", "unresolved",
                                           "undecided", "unanswered", "doubt"})
# Nouns that introduce a clause as a possibility, not a fact ("the risk is that the government would …").
RISK_NOUNS: frozenset[str] = frozenset({"risk", "danger", "fear", "concern", "worry", "question", "issue",
                                        "possibility", "chance", "prospect", "threat", "hope", "expectation"})
# Words whose that-clause is not known to be true ("it is not clear that", "no guarantee that").
UNCERTAIN_THAT: frozenset[str] = frozenset({"unclear", "uncertain", "clear", "unknown", "unproven", "doubtful"})
# Verbs of knowing or telling whose complement is unknown when negated ("do not yet know when", "would not say
# whether"), or which ask by themselves ("ask whether", "decide whether").
KNOWING_VERBS: frozenset[str] = frozenset({"know", "say", "tell", "explain", "disclose", "reveal", "confirm",
                                           "describe", "clear", "sure", "certain", "determine", "specify", "answer"})
ASKING_VERBS: frozenset[str] = frozenset({"ask", "decide", "wonder", "question", "consider", "weigh", "investigate",
                                          "study", "examine", "debate", "discuss", "assess", "review",
                                          "surprised", "shocked", "amazed"})
# Decisions and acts whose negated perfect says they are still pending ("Congress has not taken up the plan").
PENDING_VERBS: frozenset[str] = frozenset({"decide", "agree", "approve", "announce", "take", "act", "respond", "rule",
                                           "vote", "sign", "accept", "confirm", "determine", "settle", "resolve",
                                           "finalize", "finalise", "commit", "release", "reach", "choose", "name"})
# Epistemic modals: the outcome they tell is possible, not stated (could/may/might in news prose).
HEDGE_MODALS: frozenset[str] = frozenset({"may", "might", "could"})
# Predicates of expectation with an infinitive ("is expected to", "is likely to"). "set to", "due to" and
# "scheduled to" are left out: they restate a timetable, which is not an open question.
EXPECTATION_WORDS: frozenset[str] = frozenset({"expected", "likely", "unlikely", "poised", "rumored", "rumoured",
                                               "tipped", "predicted", "projected", "forecast"})
# Verbs of intention whose infinitive has not happened yet ("hopes to resume", "wants to make").
# "try" is left out: "tried to stop", "trying to escape" tell an attempt under way, not an outcome in doubt.
INTENT_VERBS: frozenset[str] = frozenset({"plan", "hope", "want", "intend", "aim", "seek", "vow", "pledge",
                                          "threaten", "push", "propose", "consider"})
# Speakers whose claims the other side contests: a prosecutor's or a critic's account is a charge, not a fact.
ADVERSARIES: frozenset[str] = frozenset({"prosecutor", "critic", "opponent", "plaintiff", "detractor", "skeptic",
                                         "sceptic", "lawsuit", "complaint", "indictment", "accuser"})
# Words that mark a claim as contested: the clause they govern is in dispute (reporting verbs of challenge and
# attitude adjectives of concern).
DISPUTE_WORDS: frozenset[str] = frozenset({"adamant", "concerned", "worried", "fear", "warn", "challenge", "dispute",
                                           "accuse",
                                           "doubt", "question", "insist", "allege", "claim", "deny", "argue",
                                           "contend", "suggest", "skeptical", "sceptical"})
# Verbs of accusing and the preposition of what the accused did ("accused her of lying", "charged with fraud").
ACCUSING_VERBS: dict[str, str] = {"accuse": "of", "suspect": "of", "charge": "with"}
# Verbs that draw a causal link ("researchers link X to Y"): the link is a claim, not a fact.
LINK_VERBS: frozenset[str] = frozenset({"link", "tie", "connect", "attribute"})
# Nouns of a contest and of what a contest can be over: a disputed plan is a decision still to come.
CONTEST_NOUNS: frozenset[str] = frozenset({"dispute", "debate", "fight", "battle", "row", "controversy", "standoff",
                                           "feud", "wrangle", "argument"})
PLAN_NOUNS: frozenset[str] = frozenset({"plan", "proposal", "bill", "project", "scheme", "measure", "deal",
                                        "merger", "policy", "budget", "expansion", "development"})
# Nouns of a possibility whose "of" names an event ("the prospect of a strike", "the risk of a recession").
POSSIBILITY_NOUNS: frozenset[str] = frozenset({"possibility", "prospect", "prospects", "chance", "risk", "threat",
                                               "danger", "likelihood", "spectre", "specter"})
# Verbs of watching out for something ("markets will watch for any sign of …").
WATCH_VERBS: frozenset[str] = frozenset({"watch", "read", "scan", "look", "monitor", "scour", "search", "comb"})
# Nouns that present an act as aimed at an outcome not yet reached ("the visit is an attempt to …").
ATTEMPT_NOUNS: frozenset[str] = frozenset({"attempt", "effort", "bid", "bet", "gamble", "gambit", "push", "drive",
                                           "ploy", "move"})
# Nouns that present their clause as somebody's belief ("the impression that he has persuaded nobody").
BELIEF_NOUNS: frozenset[str] = frozenset({"impression", "belief", "suspicion", "assumption", "theory",
                                          "hypothesis", "speculation", "allegation", "notion", "sense"})
# Verbs of belief: the clause they govern is an opinion ("scientists think", "researchers link").
BELIEF_VERBS: frozenset[str] = frozenset({"think", "believe", "suspect", "predict", "speculate", "link",
                                          "suppose", "assume", "estimate", "expect"})
# Adverbs of probability that hedge the verb they modify ("will probably sit", "possibly a substantial one"): a
# cue of doubt; a few of phrasing.HEDGE_ADVERBS, which also has adverbs of time and emphasis a question leaves out.
PROBABILITY_ADVERBS: frozenset[str] = frozenset({"probably", "possibly", "perhaps", "likely", "maybe"})
# Subjects that name nobody in particular: a question about them says nothing a reader can follow.
GENERIC_SUBJECTS: frozenset[str] = frozenset({"anyone", "someone", "everyone", "anybody", "somebody", "everybody",
                                              "nobody", "one", "people", "anything", "something", "everything",
                                              "nothing", "all", "some", "many", "few", "most", "others", "which",
                                              "who", "what", "that", "this", "these", "those"})
# Entity labels that name an actor or a concrete thing a question can be about.
NAMED_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT",
                                          "WORK_OF_ART"})
# Conjunctions that tie a question to the sentence before it: it does not stand alone.
LEADING_LINKS: frozenset[str] = frozenset({"and", "but", "so", "or", "then", "yet", "because"})
# Words that point back to the sentence before: a question holding one does not stand alone.
ANAPHORS: frozenset[str] = frozenset({"it", "this", "that", "these", "those", "they", "them", "he", "she", "him",
                                      "her", "then", "there", "so"})
DEMONSTRATIVES: frozenset[str] = frozenset({"this", "that", "these", "those"})
QUOTE_MARKS = "\"\u201c\u201d"
# Words the rules test a cue's neighbours by: the wh-words of an embedded question; forms of "have" (a negated
# perfect is pending) and of "be" ("the risk is that"); the words that make "if" no question ("as if", "even if",
# "only if"); "will" as the parser splits it ("wo" of "won't", "'ll"); "much" and "many" after "how"; the
# prepositions of what a dispute is over; determiners of an event still to come ("a strike", "another vote"); the
# markers of a yes/no question, of a condition and of a purpose ("so that", "in order to"); "he" and "she".
WH_WORDS: frozenset[str] = frozenset({"what", "when", "why", "how", "who", "where", "which"})
HAVE_FORMS: frozenset[str] = frozenset({"has", "have", "had"})
COPULA_FORMS: frozenset[str] = frozenset({"is", "was"})
IF_QUALIFIERS: frozenset[str] = frozenset({"as", "even", "only"})
WILL_FORMS: frozenset[str] = frozenset({"will", "wo", "'ll"})
AMOUNT_WORDS: frozenset[str] = frozenset({"much", "many"})
TOPIC_PREPOSITIONS: frozenset[str] = frozenset({"over", "about", "on"})
INDEFINITE_ARTICLES: frozenset[str] = frozenset({"a", "an"})
EVENT_DETERMINERS: frozenset[str] = INDEFINITE_ARTICLES | {"another", "further", "more"}
SINGULAR_DEMONSTRATIVES: frozenset[str] = frozenset({"that", "this"})
QUESTION_MARKERS: frozenset[str] = frozenset({"whether", "if"})
CONDITION_MARKERS: frozenset[str] = frozenset({"if", "unless", "when", "once"})
PURPOSE_MARKERS: frozenset[str] = frozenset({"so", "order"})
HE_SHE: frozenset[str] = frozenset({"he", "she"})
# Modals of a clause still to come: the future's (phrasing.FUTURE_MODALS) and "can" ("ca" of "can't").
FUTURE_OR_ABLE_MODALS: frozenset[str] = phrasing.FUTURE_MODALS | {"can", "ca"}
# Actor types of a body "it" can stand for; the OntoNotes labels a name a "he" or "she" agrees with may carry (a
# person's, or none).
BODY_TYPES: frozenset[str] = frozenset({"organization", "group"})
PERSON_OR_NO_LABEL: frozenset[str] = frozenset({"", "PERSON"})
# Universal POS tags of a cue word: an adjective or a verb ("expected", "disputed"); an adjective, noun or verb
# of uncertainty ("unclear", "doubt", "wonder"). Penn Treebank tags of a participle, and of a possessive pronoun.
PREDICATE_POS: frozenset[str] = frozenset({"VERB", "ADJ"})
UNCERTAINTY_POS: frozenset[str] = frozenset({"ADJ", "NOUN", "VERB"})
PARTICIPLE_TAGS: frozenset[str] = frozenset({"VBG", "VBN"})
POSSESSIVE_PRONOUN_TAGS: frozenset[str] = frozenset({"PRP$"})
# ClearNLP labels of the clause a cue governs and of the paths the rules climb to find it: a clausal complement of
# a noun or verb; a predicate's complement ("is unclear"); a clause as argument ("it is unclear whether", "what
# happens is unclear"); the clause after "the risk is"; a passive; a side clause ("…, scientists think"); what
# completes a participle ("the possibility left open"); what a want takes ("wants it passed"); a subject or an
# expletive "there"; the relations an embedded question's verb has; the words between a question and the word of
# ignorance that governs it; the relations that pass a subject or a negation down a chain of verbs.
CLAUSE_COMPLEMENT_DEPS: frozenset[str] = frozenset({"ccomp", "acl"})
PREDICATE_DEPS: frozenset[str] = frozenset({"acomp", "attr"})
CLAUSAL_ARGUMENT_DEPS: frozenset[str] = frozenset({"ccomp", "csubj"})
RISK_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "attr"})
PASSIVE_DEPS: frozenset[str] = frozenset({"auxpass", "nsubjpass"})
SIDE_CLAUSE_DEPS: frozenset[str] = frozenset({"parataxis", "advcl"})
PARTICIPLE_COMPLEMENT_DEPS: frozenset[str] = frozenset({"oprd", "acomp"})
WANTED_OBJECT_DEPS: frozenset[str] = frozenset({"dobj", "xcomp", "ccomp"})
EMBEDDED_QUESTION_DEPS: frozenset[str] = frozenset({"ccomp", "pcomp", "csubj", "advcl", "xcomp", "dobj"})
GOVERNOR_PATH_DEPS: frozenset[str] = frozenset({"acomp", "attr", "pobj", "prep"})
MATRIX_PATH_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "advcl", "conj", "attr"})
COMPLETING_DEPS: frozenset[str] = frozenset({"acomp", "xcomp"})
CHAINED_VERB_DEPS: frozenset[str] = frozenset({"xcomp", "conj"})
# A cue's words, read back into a strength; a purpose clause in them; a word of a question, capitalised or not.
CUE_WORD = re.compile(r"[A-Za-z']+")
PURPOSE_CLAUSE = re.compile(r"\b(so that|in order)\b")
PROPER_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
# Endings an inflected cue word may have, with what its base form has instead ("hopes" -> "hope", "decided" ->
# "decide", "studies" -> "study"): the forms cue_strength reads a cue's words back to.
INFLECTIONS: tuple[tuple[str, str], ...] = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                                            ("ing", "e"), ("ies", "y"), ("ied", "y"))
# Verbs whose relative clause with a participle tells what somebody wants done ("the bill it wants passed").
WANTING_VERBS: frozenset[str] = frozenset({"want", "need", "expect", "hope"})
# Words a cue rule tests a token by, exactly or by ``_is``, beyond the sets above.
MARKER_WORDS: frozenset[str] = frozenset({"whether", "if", "how", "would", "guarantee", "yet", "fail", "mean", "call"})
# Every word any rule of ``_at`` or of the special cues tests a token by (its lemma, its form, or ``_is``'s forms of
# either): a token that is none of them and has no wh-tag cues nothing, so ``_candidates`` skips it before the rules.
CUE_WORDS: frozenset[str] = frozenset().union(
    MARKER_WORDS, HEDGE_MODALS, EXPECTATION_WORDS, PROBABILITY_ADVERBS, UNCERTAIN_THAT, PENDING_VERBS, RISK_NOUNS,
    ATTEMPT_NOUNS, BELIEF_NOUNS, INTENT_VERBS, SPEECH_VERBS, DISPUTE_WORDS, phrasing.HEDGING_MODIFIERS, BELIEF_VERBS,
    ACCUSING_VERBS, LINK_VERBS, CONTEST_NOUNS, WATCH_VERBS, POSSIBILITY_NOUNS, WANTING_VERBS)
# Endings the lemmatizer may leave on a word ("hopes" -> "hop"), with what the base form has instead: ``_is``
# also tries the form with each one undone.
SLIPS: tuple[tuple[str, str], ...] = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                                      ("ies", "y"))
# Every form ``_is`` accepts as one of CUE_WORDS: each word, and each with an ending of SLIPS in place of what that
# ending replaces ("decide" -> "decided", "study" -> "studies").
CUE_FORMS: frozenset[str] = CUE_WORDS | {w[: len(w) - len(add)] + end for w in CUE_WORDS for end, add in SLIPS
                                         if w.endswith(add)}


_CUES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _cue_tokens(doc: "Doc") -> list[int]:
    """The tokens any cue rule may fire on, in order: a wh-word, or a word that ``_is`` one of :data:`CUE_WORDS`
    (its lemma is one, or its form one of :data:`CUE_FORMS`). Found once per doc."""
    found = _CUES.get(doc)
    if found is None:
        found = _CUES[doc] = tokens_where(doc, lower=CUE_FORMS, lemma=CUE_WORDS, tag=phrasing.WH_TAGS)
    return found


@dataclass(frozen=True)
class Context:
    """What a sentence's candidates may look at beyond the sentence: the article's people and named actors as
    (character offset, name), to put the actor a pronoun stands for in its place; the article's discourse model
    (:mod:`generator.extract.speakers`), which says who a "he" or "she" is; photo credits, whom no pronoun means."""

    persons: tuple[tuple[int, str], ...] = ()
    named: tuple[tuple[int, str], ...] = ()
    discourse: "Optional[speakers.Discourse]" = None
    credits: frozenset[str] = frozenset()


# spaCy's entity labels as actor types, for an article read without its actor mentions.
ENTITY_TYPES: dict[str, str] = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place"}


def context(doc: "Doc", mentions: Iterable[Mention] = ()) -> Context:
    """The article's actors as :class:`Context`; without ``mentions``, spaCy's entities stand in for them."""
    mentions = list(mentions)
    if not mentions:
        sent_of = sentence_index(doc)
        mentions = [Mention(text=e.text, type=ENTITY_TYPES[e.label_], sentence=sent_of[e.start], start=e.start_char,
                            end=e.end_char) for e in doc.ents if e.label_ in ENTITY_TYPES]
    # The discourse model is built once per doc, from every mention (quotes asks first): a photo credit among them
    # is left out of what a pronoun may stand for below.
    disc = speakers.discourse(doc, mentions)
    credits = frozenset(m.text for m in mentions if m.role == "photographer")
    mentions = [m for m in mentions if m.role != "photographer"]
    persons = tuple((m.start, m.text) for m in mentions if m.type == "person")
    named = tuple((m.start, m.text) for m in mentions if m.type in BODY_TYPES)
    return Context(persons=persons, named=named, discourse=disc, credits=credits)


def questions(doc: "Doc", article: Article, *, mentions: Iterable[Mention] = ()) -> list[Question]:
    """The article's open questions, best first, at most :data:`PER_ARTICLE`: one candidate a sentence, the best
    one the sentence gives, phrased from the parse; sentences whose clause cannot be asked well give none.
    ``mentions`` (the article's named actors) let a pronoun be asked as the actor it stands for."""
    sents = sentences(doc)
    prose = [(b.start, b.end) for b in article.blocks if b.kind in PROSE_BLOCKS]
    ctx = context(doc, mentions)
    weights = name_weights(e.text for e in doc.ents if e.label_ in NAMED_LABELS)
    out = []
    for n, sent in enumerate(doc.sents):
        s = sents[n]
        if not any(a <= s.start < b for a, b in prose):
            continue
        best = _best(sent, ctx)
        if best is None:
            continue
        _, cue, question = best
        out.append(Question(id=stable_id("oq", article.id, s.text), question=question, cue=cue.strip(),
                            article=article.id, evidence=[evidence(article.id, s)], articles=[article.id]))
    return rank(out, weights=weights, limit=PER_ARTICLE)


def rank(found: list[Question], *, weights: dict[str, float], limit: int) -> list[Question]:
    """The questions worth a reader's time, most important first: :func:`score` at least :data:`MIN_SCORE`, at
    most ``limit``; ties keep the articles' order."""
    scored = [(score(q, weights=weights), i, q) for i, q in enumerate(found)]
    kept = sorted((x for x in scored if x[0] >= MIN_SCORE), key=lambda x: (-x[0], x[1]))
    return [q for _, _, q in kept[:limit]]


def score(q: Question, *, weights: dict[str, float]) -> float:
    """Cue strength, plus how central its named actors are (``weights``: name word -> share of mentions), plus
    specificity (names in the question), plus support (sentences that ask it), minus a short or quoted question."""
    names = proper_words(q.question)
    centrality = max((weights.get(w.lower(), 0.0) for w in names), default=0.0)
    words = len(q.question.split())
    support = len({(e.article, e.sentence) for e in q.evidence})
    value = cue_strength(q.cue) + 0.8 * centrality + 0.25 * min(len(set(names)), 2) + 0.4 * math.log2(support)
    # the actor right after the auxiliary is the one the question is about ("Will China seek …"): a named one
    # makes the question more specific than a name in a list at its end
    if proper_words(" ".join(q.question.split()[:4])):
        value += SUBJECT_BONUS
    if words < 6:
        value -= 0.4
    if any(m in q.question for m in QUOTE_MARKS):
        value -= 0.3
    return value


# Words of a cue read back into a strength (see :func:`cue_strength`), by base form.
STRONG_CUES: frozenset[str] = frozenset({"whether", "unclear", "uncertain", "unknown", "elusive", "guarantee", "seen",
                                         "wonder", "question", "investigate", "investigation", "ask", "decide",
                                         "surprise", "shock"})
PENDING_CUES: frozenset[str] = frozenset({"yet", "fail"})
NEGATIONS: frozenset[str] = frozenset({"not", "n't", "never", "no"})


@functools.lru_cache(maxsize=1 << 14)  # pure; the story's ranking asks again for every article's cues
def cue_strength(cue: str) -> float:
    """How surely the cue marks something as open; read from the cue's own words (each cue starts at the word
    that signals it, or at its negation) so that a story can re-rank its articles' questions without a parse."""
    raw = CUE_WORD.findall(cue.replace("\u2019", "'"))
    # "in May" is a month, not the modal: a capital inside the cue keeps it out
    words = [w.lower() for k, w in enumerate(raw) if not (k and w == "May")]
    has = set(words) | {"n't" for w in words if w.endswith("n't")}
    forms = {f for w in words for f in _forms(w)}
    if cue.rstrip().endswith("?"):
        return ASKED
    if forms & STRONG_CUES or ("clear" in has and has & NEGATIONS) or (
            has & NEGATIONS and forms & KNOWING_VERBS
            and has & WH_WORDS):
        return STRONG
    if forms & PENDING_CUES or (has & NEGATIONS and has & HAVE_FORMS):
        return PENDING
    if ("if" in has and forms & PENDING_VERBS) or (forms & RISK_NOUNS and "that" in has and has & COPULA_FORMS) \
            or (has & NEGATIONS and "mean" in forms):
        # "if the board approves": a pending decision; "the risk is that …": the danger it names; "that doesn't
        # mean X won't …": the writer says outright that it is not settled
        return PENDING
    if PURPOSE_CLAUSE.search(" ".join(words)):
        return CONDITION  # a clause of purpose: its "could" is no hedge
    if forms & (HEDGE_MODALS | EXPECTATION_WORDS | PROBABILITY_ADVERBS | RISK_NOUNS - INTENT_VERBS) \
            or (forms & WATCH_VERBS and "any" in has):
        return HEDGED
    if forms & INTENT_VERBS:
        return INTENT
    if "would" in has:
        return BELIEF  # "said it would …": a reported plan or forecast, most often no open matter
    if forms & (DISPUTE_WORDS | ADVERSARIES):
        return DISPUTE
    if forms & BELIEF_VERBS:
        return BELIEF
    return CONDITION


def _forms(word: str) -> set[str]:
    """The word and the base forms its inflection may hide ("hopes" -> "hope", "decided" -> "decide")."""
    out = {word}
    for end, add in INFLECTIONS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            out.add(word[: len(word) - len(end)] + add)
    return out


# --- candidates --------------------------------------------------------------------------------------------------

def _candidates(sent: "Span", ctx: Context) -> Iterator[tuple[float, str, str]]:
    """(strength, cue, question) for each way the sentence marks something open that can be asked well."""
    for strength, phrased in _cues(sent, ctx):
        found = phrased()
        if found is not None:
            yield strength, *found


def _best(sent: "Span", ctx: Context) -> Optional[tuple[float, str, str]]:
    """What ``max(_candidates(sent, ctx), key=strength)`` gives, the first of the strongest, phrasing only the
    candidates it takes: the cues strongest first, in the sentence's order within a strength, until one phrases
    well (phrasing is most of the work, and most sentences with a cue have one that does)."""
    for strength, phrased in sorted(_cues(sent, ctx), key=lambda cue: -cue[0]):
        found = phrased()
        if found is not None:
            return strength, *found
    return None


Phrased = Callable[[], Optional[tuple[str, str]]]  # the (cue, question) a candidate phrases to, or None


def _cues(sent: "Span", ctx: Context) -> Iterator[tuple[float, Phrased]]:
    """The sentence's candidates in order, each as its strength and how to phrase it, unphrased as yet."""
    asked = _asked(sent)
    if asked is not None:
        yield ASKED, lambda: (sent.text.strip(), asked)
    doc = sent.doc
    cues = _cue_tokens(doc)
    # No rule below fires on a token outside CUE_WORDS: the others are never looked at.
    for i in cues[bisect.bisect_left(cues, sent.start): bisect.bisect_left(cues, sent.end)]:
        tok = doc[i]
        special = _accused(tok, ctx) or _linked(tok) or _how_much(tok, ctx) or _disputed_plan(tok) \
            or _watched_for(tok) or _possibility_of(tok) or _wanted_done(tok)
        if special is not None:
            strength, first, question = special
            start = min(first.i, tok.i)
            cue = " ".join(sent.doc[start: min(max(start + 8, tok.i + 2), sent.end)].text.split())
            yield strength, lambda cue=cue, question=question: (cue, question)  # phrased already
            continue
        found = _at(tok, sent)
        if found is not None:
            yield found[0], functools.partial(_phrased, tok, sent, found, ctx=ctx)


def _phrased(tok: "Token", sent: "Span", found: tuple[float, "Token", "Token", bool, "Optional[Token]"], *,
             ctx: Context) -> Optional[tuple[str, str]]:
    """The cue and the question of what ``_at`` found at ``tok``; None when the clause cannot be asked well."""
    _, cue_start, clause, future, wh = found
    if _first_person_clause(clause) or _object_gap(clause):
        return None
    question = _phrase(clause, wh, future=future, ctx=ctx)
    if question is None:
        return None
    end = min(max(cue_start.i + 8, tok.i + 2), sent.end)
    start = min(cue_start.i, tok.i)
    neg = _negation(cue_start) or _negation(tok)
    if neg is not None and start - 6 <= neg.i < start:
        start = neg.i  # "not clear that", "won't tell what": the negation is what makes the cue
    return " ".join(sent.doc[start: end].text.split()), question


def _at(tok: "Token", sent: "Span") -> Optional[tuple[float, "Token", "Token", bool, "Optional[Token]"]]:
    """When ``tok`` cues an open matter: its strength, where the cue starts, the clause in doubt, whether that
    clause tells something still to come, and the wh-word when the clause is an embedded question."""
    low, lemma = tok.lower_, tok.lemma_
    if (low == "whether" and tok.dep_ == "mark") or (low == "if" and tok.dep_ == "mark" and _asks(tok.head.head)):
        if tok.i > sent.start and sent.doc[tok.i - 1].lower_ in IF_QUALIFIERS:
            return None
        return STRONG, tok, tok.head, True, None
    if tok.tag_ in phrasing.WH_TAGS and tok.dep_ != "relcl":
        clause = _wh_clause(tok)
        if clause is not None and _governs_unknown(clause):
            gov = clause.head.head if clause.dep_ == "pcomp" else clause.head
            return STRONG, gov if gov.i < tok.i else tok, clause, _future(clause), tok
        return None
    if low == "if" and tok.dep_ == "mark" and tok.head.dep_ == "advcl" and _future(tok.head.head):
        if tok.i > sent.start and sent.doc[tok.i - 1].lower_ in IF_QUALIFIERS:
            return None
        return CONDITION, tok, tok.head, True, None
    if low in HEDGE_MODALS and tok.dep_ == "aux" and tok.head.pos_ in VERB_POS and not _conditional(tok.head):
        mark = _purpose(tok.head)
        if mark is not None:  # "so that he could pay": what an act was for, the weakest of cues
            return CONDITION, mark, tok.head, True, None
        return HEDGED, tok, tok.head, True, None
    if low in EXPECTATION_WORDS and tok.pos_ in PREDICATE_POS:
        verb = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS), None)
        if verb is not None:
            return HEDGED, tok, verb, True, None
    if low in PROBABILITY_ADVERBS and tok.dep_ == "advmod" and tok.head.pos_ in VERB_POS \
            and any(c.dep_ == "aux" and c.lower_ in WILL_FORMS for c in tok.head.children):
        return HEDGED, tok, tok.head, True, None
    if lemma in PENDING_CUES and tok.head.pos_ in VERB_POS:
        verb = tok.head if lemma == "yet" else next((c for c in tok.children if c.dep_ == "xcomp"), None)
        if lemma == "yet" and any(c.dep_ == "xcomp" for c in verb.children) and verb.lemma_ == "have":
            verb = next(c for c in verb.children if c.dep_ == "xcomp")  # "has yet to decide"
        if verb is not None and (lemma == "fail" or _negated(verb) or verb.lemma_ != tok.head.lemma_):
            return PENDING, tok, verb, True, None
    if tok.pos_ in UNCERTAINTY_POS and (
            (_is(tok, UNCERTAIN_THAT) and (low != "clear" or _negated(tok)))
            or (low == "guarantee" and any(c.lower_ == "no" for c in tok.children))):
        verb = next((c for c in tok.children if c.dep_ in CLAUSE_COMPLEMENT_DEPS and phrasing.subject_of_own(c)
                     and not _embedded_question(c)), None)
        if verb is None and tok.dep_ in PREDICATE_DEPS:
            verb = next((c for c in tok.head.children if c.dep_ in CLAUSAL_ARGUMENT_DEPS and phrasing.subject_of_own(c)
                         and not _embedded_question(c)), None)
        if verb is not None:
            return STRONG, tok, verb, _future(verb), None
    if tok.pos_ == "VERB" and _is(tok, PENDING_VERBS) and _negated(tok) and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return PENDING, min((c for c in tok.children if c.dep_ == "aux"), key=lambda c: c.i), tok, False, None
    if tok.pos_ == "NOUN" and _is(tok, RISK_NOUNS) and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        verb = next((c for c in tok.head.children if c.dep_ in RISK_CLAUSE_DEPS and c.pos_ in VERB_POS
                     and phrasing.subject_of_own(c)), None)
        if verb is not None:
            return HEDGED, tok, verb, _future(verb), None
    if tok.pos_ == "NOUN" and _is(tok, ATTEMPT_NOUNS) and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        verb = next((c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB"
                     and any(a.lower_ == "to" for a in c.children)), None)
        if verb is not None:  # "the visit is an attempt to remind X that …": will it?
            return INTENT, tok, verb, True, None
    if tok.pos_ == "NOUN" and _is(tok, BELIEF_NOUNS):
        verb = next((c for c in tok.children if c.dep_ in CLAUSE_COMPLEMENT_DEPS and c.pos_ in VERB_POS
                     and phrasing.subject_of_own(c) and any(m.lower_ == "that" for m in c.children)), None)
        if verb is not None:
            return BELIEF, tok, verb, _future(verb), None
    if low == "would" and tok.dep_ == "aux" and tok.head.dep_ == "ccomp" and _is(tok.head.head, SPEECH_VERBS) \
            and not _negated(tok.head):
        return INTENT, tok, tok.head, True, None
    if _is(tok, INTENT_VERBS) and tok.pos_ == "VERB" and not _negated(tok) \
            and not any(c.dep_ in PASSIVE_DEPS for c in tok.children) \
            and not (tok.tag_ in PARTICIPLE_TAGS and not phrasing.subject_of_own(tok) and tok.dep_ != "xcomp"):
        # a participle with no subject of its own ("when seeking to improve ties") leaves the one who intends
        # to a guess, and is background to its clause rather than a plan the story turns on
        verb = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS
                     and not phrasing.subject_of_own(c)), None)
        if verb is not None:
            return INTENT, tok, verb, True, None
    accuser = next((c for c in tok.children if c.dep_ == "nsubj" and _is(c, ADVERSARIES)), None) \
        if tok.pos_ == "VERB" and _is(tok, SPEECH_VERBS) and not _negated(tok) else None
    if accuser is not None:
        verb = next((c for c in tok.children if c.dep_ == "ccomp" and phrasing.subject_of_own(c)), None)
        if verb is not None:  # "prosecutors say the firm lied": a charge the other side disputes
            return DISPUTE, accuser if tok.i - accuser.i <= 8 else tok, verb, _future(verb), None
    if _is(tok, DISPUTE_WORDS) and tok.pos_ in PREDICATE_POS and not _negated(tok):
        verb = next((c for c in tok.children if c.dep_ == "ccomp" and phrasing.subject_of_own(c)), None)
        if verb is None:  # "challenged the idea that …"
            verb = next((a for c in tok.children if c.dep_ == "dobj" for a in c.children
                         if a.dep_ in CLAUSE_COMPLEMENT_DEPS and phrasing.subject_of_own(a)), None)
        if verb is not None:
            return DISPUTE, tok, verb, _future(verb), None
    if lemma == "mean" and tok.pos_ == "VERB" and _negated(tok):
        # "That doesn't mean costs won't catch up": what is not ruled out
        verb = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in VERB_POS), None)
        if verb is None and tok.dep_ == "parataxis" and tok.head.pos_ in VERB_POS:
            verb = tok.head
        if verb is not None and phrasing.subject_of(verb) is not None:
            return HEDGED, tok, verb, True, None
    if low in phrasing.HEDGING_MODIFIERS and tok.dep_ == "amod" and tok.head.dep_ in NOMINAL_SUBJECT_DEPS \
            and tok.head.head.lemma_ == "be" and tok.head.head.pos_ == "AUX":
        return HEDGED, tok, tok.head.head, False, None  # "the likely cause was a leak" -> "Was the cause a leak?"
    if tok.pos_ == "VERB" and _doubts_previous(tok) and sent.start > 0:
        before = sentence_span(sent.doc, sent.start - 1).root
        if before.pos_ in VERB_POS and phrasing.subject_of_own(before):
            return DISPUTE, tok, before, _future(before), None
    if _is(tok, BELIEF_VERBS) and tok.pos_ == "VERB" and not _negated(tok):
        verb = next((c for c in tok.children if c.dep_ == "ccomp" and phrasing.subject_of_own(c)), None)
        if verb is None and tok.dep_ in SIDE_CLAUSE_DEPS and phrasing.subject_of_own(tok.head):
            verb = tok.head  # "Climate change is to blame, scientists think"
        if verb is not None and not any(c.lower_ in phrasing.FIRST_SECOND_PERSON for c in tok.children):
            return BELIEF, tok, verb, _future(verb), None
    return None


def _accused(verb: "Token", ctx: Context) -> Optional[tuple[float, "Token", str]]:
    """ "accusing her of desecrating the flag" -> "Did Jane Roe desecrate the flag?": an accusation is a claim in
    dispute, asked about the accused."""
    prep_word = ACCUSING_VERBS.get(verb.lemma_)
    if prep_word is None or verb.pos_ != "VERB" or _negated(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    # "of ignoring …" hangs on the verb or, as the parser often has it, on the accused
    act = next((p for c in [*verb.children, *obj.children] if c.dep_ == "prep" and c.lower_ == prep_word
                for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"), None)
    if act is None:
        return None
    if obj.pos_ == "PRON":
        who = _antecedent(obj, ctx) if obj.tag_ == "PRP" else None
    else:
        who = phrasing.display_subject(obj, drop=[act.head])
    if who is None:
        return None
    rest = phrasing.words_after(act)
    if rest is None:
        return None
    question = phrasing.finish(phrasing.render(["Did", who, act.lemma_, *rest]))
    return (DISPUTE, verb, question) if question else None


def _how_much(how: "Token", ctx: Context) -> Optional[tuple[float, "Token", str]]:
    """ "unclear how much of the money the charity will recover": the parser makes the clause a relative clause
    of "money"; asked as "How much of the money will the charity recover?"."""
    amount = how.head
    if how.lower_ != "how" or how.dep_ != "advmod" or amount.lower_ not in AMOUNT_WORDS \
            or not _governs_unknown(amount):
        return None
    of = next((c for c in amount.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    verb = next((c for c in noun.children if c.dep_ == "relcl" and phrasing.subject_of_own(c)
                 and not any(w.tag_ in phrasing.WH_TAGS for w in c.children)), None) if noun is not None else None
    if verb is None:
        return None
    subj = phrasing.subject_of(verb)
    subject = _subject_text(subj, verb, ctx) if subj is not None else None
    body = phrasing.yes_no(verb, subject=subject, future=_future(verb)) if subject else None
    if body is None:
        return None
    head = phrasing.render(["How", amount, *phrasing.phrase(of)])
    question = phrasing.finish(head + " " + body[0].lower() + body[1:])
    gov = amount.head
    cue = next((c for c in gov.children if c.dep_ in PREDICATE_DEPS and c.i < how.i), gov)
    return (STRONG, cue, question) if question else None


def _disputed_plan(noun: "Token") -> Optional[tuple[float, "Token", str]]:
    """ "a long-running dispute over a plan to widen the road" -> "Will the plan to widen the road go ahead?": a
    plan in dispute is a decision still pending."""
    if noun.pos_ != "NOUN" or not _is(noun, CONTEST_NOUNS):
        return None
    plan = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS
                 for p in c.children if p.dep_ == "pobj" and _is(p, PLAN_NOUNS)), None)
    if plan is None:
        return None
    toks = phrasing.phrase(plan)
    if not toks or any(t.lower_ in phrasing.FIRST_SECOND_PERSON for t in toks):
        return None
    words = [t.text for t in toks]
    if toks[0].lower_ in INDEFINITE_ARTICLES:
        words[0] = "the"  # the plan the dispute is about is a known one
    elif (toks[0].pos_ == "DET" and toks[0].lower_ != "the") or toks[0].tag_ in POSSESSIVE_PRONOUN_TAGS:
        return None
    question = phrasing.finish(phrasing.render(["Will", " ".join(words), "go ahead"]))
    return (DISPUTE, noun, question) if question else None


def _watched_for(verb: "Token") -> Optional[tuple[float, "Token", str]]:
    """ "will be reading the statement for any softening of language" -> "Will there be any softening of language
    in the statement?": what observers watch for, with "any", may or may not come."""
    if verb.pos_ != "VERB" or not _is(verb, WATCH_VERBS) or _negated(verb):
        return None
    sought = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
                   if p.dep_ == "pobj" and any(d.lower_ == "any" and d.dep_ == "det" for d in p.children)), None)
    if sought is None:
        return None
    where = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    pieces = ["Will there be", *phrasing.phrase(sought)]
    if where is not None:
        pieces += ["in", *phrasing.phrase(where)]
    if any(not isinstance(t, str) and t.lower_ in phrasing.FIRST_SECOND_PERSON for t in pieces):
        return None
    question = phrasing.finish(phrasing.render(pieces))
    return (HEDGED, verb, question) if question else None


def _possibility_of(noun: "Token") -> Optional[tuple[float, "Token", str]]:
    """ "raising the prospect of a strike" -> "Will there be a strike?": a possibility of a thing, asked as whether
    it comes."""
    if noun.pos_ != "NOUN" or noun.lower_ not in POSSIBILITY_NOUNS:
        return None
    # "the possibility left open of a repair": the "of" may hang on a participle after the noun
    holders = [noun] + [a for a in noun.children if a.dep_ == "acl"]
    holders += [o for a in holders[1:] for o in a.children if o.dep_ in PARTICIPLE_COMPLEMENT_DEPS]
    thing = next((p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.tag_ != "VBG"), None)
    if thing is None or (not any(d.dep_ == "det" and d.lower_ in EVENT_DETERMINERS
                                for d in thing.children) and thing.tag_ != "NNS"):
        return None  # "the risk of it", "the chance of success": no event to ask about
    toks = phrasing.phrase(thing)
    if any(t.lower_ in phrasing.FIRST_SECOND_PERSON for t in toks):
        return None
    question = phrasing.finish(phrasing.render(["Will there be", *toks]))
    return (HEDGED, noun, question) if question else None


def _wanted_done(verb: "Token") -> Optional[tuple[float, "Token", str]]:
    """ "the bill it wants passed before the recess" -> "Will the bill be passed before the recess?": what an
    actor wants done to a thing is still to happen. The participle is read from the word after the verb, since
    the parser often hangs it elsewhere."""
    if verb.dep_ != "relcl" or verb.pos_ != "VERB" or verb.lemma_ not in WANTING_VERBS \
            or _negated(verb) or verb.head.pos_ not in NOUN_POS or verb.i + 1 >= len(verb.doc):
        return None
    done = verb.doc[verb.i + 1]
    if done.tag_ != "VBN" or any(c.dep_ in WANTED_OBJECT_DEPS for c in verb.children):
        return None
    thing = phrasing.display_subject(verb.head)
    rest = phrasing.words_after(done)
    if thing is None or rest is None:
        return None
    question = phrasing.finish(phrasing.render(["Will", thing, "be", done, *rest]))
    return (INTENT, verb, question) if question else None


def _linked(verb: "Token") -> Optional[tuple[float, "Token", str]]:
    """ "swings that researchers link to climate change" -> "Are the swings linked to climate change?": a link
    somebody draws is a belief, asked as whether the link holds."""
    if verb.lemma_ not in LINK_VERBS or verb.pos_ != "VERB" or verb.tag_ == "VBN" or _negated(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
               and any(p.dep_ == "pobj" for p in c.children)), None)
    if obj is None or to is None:
        return None
    if obj.tag_ in WH_PRONOUN_TAGS and verb.dep_ == "relcl" and verb.head.pos_ in NOUN_POS:
        obj = verb.head
    elif obj.pos_ not in NOUN_POS:
        return None
    thing = phrasing.display_subject(obj)
    if thing is None:
        return None
    done = verb.lemma_ + ("d" if verb.lemma_.endswith("e") else "ed")
    be = "Are" if phrasing.plural(obj) else "Is"
    question = phrasing.finish(phrasing.render([be, thing, done, *phrasing.phrase(to)]))
    return (BELIEF, verb, question) if question else None


def _doubts_previous(verb: "Token") -> bool:
    """The verb puts the previous sentence in doubt through a demonstrative ("calls that into question",
    "disputes this")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ not in SINGULAR_DEMONSTRATIVES or any(True for _ in obj.children):
        return False
    if verb.lemma_ == "call":
        return any(c.dep_ == "prep" and c.lower_ == "into" and any(p.lower_ == "question" for p in c.children)
                   for c in verb.children)
    return _is(verb, DISPUTE_WORDS)


def _embedded_question(verb: "Token") -> bool:
    """The clause is a whether- or wh-question ("not clear how they work"): asked by its own rule, as such."""
    return any(m.lower_ in QUESTION_MARKERS or m.tag_ in phrasing.WH_TAGS for m in verb.children)


def _is(tok: "Token", words: frozenset[str]) -> bool:
    """The token is one of ``words`` by lemma or, where the lemmatizer slips ("hopes" -> "hop"), by its form."""
    return _word_in(tok.lemma_, tok.lower_, words)


@functools.lru_cache(maxsize=1 << 16)
def _word_in(lemma: str, low: str, words: frozenset[str]) -> bool:
    # Asked for every token of every candidate sentence: the same few thousand words, again and again.
    return lemma in words or low in words or any(
        low.endswith(end) and low[: len(low) - len(end)] + add in words for end, add in SLIPS)


def _asked(sent: "Span") -> Optional[str]:
    """A question the article itself asks, kept in its own words when it stands alone: not inside a quotation,
    about somebody named, not the writer or reader. A leading "But"/"And" is dropped when what follows does not
    lean on the sentence before (no pronoun or "then" pointing back: "And what happens then?" gives none)."""
    whole = text_of(sent.doc)
    text = whole[sent.start_char:sent.end_char].strip()  # ``sent.text``, without joining its tokens again
    if not text.endswith("?") or any(m in text for m in QUOTE_MARKS):
        return None
    toks = [t for t in sent if not t.is_space]
    colon = max((k for k, t in enumerate(toks) if t.text == ":"), default=None)
    after = [t for t in toks[colon + 1:] if t.is_alpha] if colon is not None else []
    title_case = sum(t.text[0].isupper() for t in after) > 0.6 * len(after)  # "headline: What May Soon …?"
    if colon is not None and 0 < colon < len(toks) - 3 and not title_case and (
            toks[colon + 1].tag_ in phrasing.WH_TAGS or toks[colon + 1].pos_ == "AUX"):
        # "… left with the question nobody could answer: is the slowdown a pause?": the question after the colon
        toks = toks[colon + 1:]
        text = whole[toks[0].idx: sent.end_char].strip()
        text = text[0].upper() + text[1:]
    if toks and toks[0].lower_ in LEADING_LINKS and len(toks) > 1:
        rest = toks[1:]
        if len([t for t in rest if not t.is_punct]) < 5 or any(
                t.lower_ in ANAPHORS and t.tag_ not in phrasing.WH_TAGS for t in rest):
            return None
        toks = rest
        text = whole[toks[0].idx: sent.end_char].strip()
        text = text[0].upper() + text[1:]
    if not toks or toks[0].is_punct:
        return None
    if toks[0].tag_ not in phrasing.WH_TAGS and toks[0].pos_ != "AUX":
        return None
    if any(t.dep_ == "neg" for t in toks[:3]) or any(t.lower_ in DEMONSTRATIVES for t in toks):
        return None  # "Aren't those …?", "Where would this kind of … leave us?": rhetorical, or leaning on context
    subj = next((t for t in toks if t.dep_ in NOMINAL_SUBJECT_DEPS), None)
    if subj is not None and subj.pos_ == "PRON" and subj.tag_ not in phrasing.WH_TAGS:
        return None
    return phrasing.finish(text)


def _phrase(clause: "Token", wh: "Optional[Token]", *, future: bool, ctx: Context) -> Optional[str]:
    subj = phrasing.subject_of(clause)
    if subj is None and any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children):
        subj = _matrix_subject(clause)  # "the board will meet to consider whether to continue": the board
        if subj is not None and subj.dep_ == "expl":
            subj = None
    subject = _subject_text(subj, clause, ctx) if subj is not None else None
    if wh is not None:
        return phrasing.wh_question(clause, wh, subject=subject, future=future)
    if subject is None:
        return None
    return phrasing.yes_no(clause, subject=subject, future=future)


def _subject_text(subj: "Token", clause: "Token", ctx: Context) -> Optional[str]:
    """The subject as the question names it; a pronoun becomes the actor it stands for when that is clear (the
    subject of the verb the clause depends on, or the actor last named as a subject), otherwise ``None``."""
    low = subj.lower_
    if subj.tag_ in WH_PRONOUN_TAGS and clause.dep_ == "relcl" and clause.head.pos_ in NOUN_POS:
        return phrasing.display_subject(clause.head)  # "a deal that could collapse" -> "Will a deal collapse"
    if low in phrasing.FIRST_SECOND_PERSON or (low in GENERIC_SUBJECTS and subj.pos_ != "PROPN"):
        return None
    if subj.dep_ == "expl":
        return "there" if low == "there" else None
    if subj.pos_ != "PRON":
        return phrasing.display_subject(subj)
    matrix = _matrix_subject(clause)
    if matrix is not None and matrix.pos_ != "PRON" and _agrees(subj, matrix):
        return phrasing.display_subject(matrix)
    return _antecedent(subj, ctx)


def _antecedent(pron: "Token", ctx: Context) -> Optional[str]:
    """The actor a third-person pronoun stands for: "he/she" the most salient earlier person of that gender, by
    the article's discourse model (:func:`speakers.resolve`), else the article's protagonist if one stands out; "it"
    the organisation last named as a subject, "they" the last plural noun that is a subject, back to the start of
    the sentence before last (Hobbs 1978 prefers the nearest subject)."""
    doc, low = pron.doc, pron.lower_
    if low in phrasing.PRONOUNS_HE_SHE:
        return _person(pron, ctx)
    first = sentence_span(doc, pron.i).start
    for _ in range(2):
        if first > 0:
            first = sentence_span(doc, first - 1).start
    since = doc[first].idx
    if low == "it":
        return _named_before(pron, ctx.named, since, subject_only=True, full=ctx.named)
    if low == "they":
        subj = next((t for t in reversed(doc[first: pron.i]) if t.dep_ in NOMINAL_SUBJECT_DEPS
                     and t.head.dep_ != "relcl"  # a relative clause's subject is a side remark, not the topic
                     and t.pos_ == "NOUN" and t.tag_ == "NNS" and not any(c.dep_ == "poss" and c.pos_ == "PRON"
                                                                           for c in t.children)), None)
        return phrasing.display_subject(subj) if subj is not None else None
    return None


def _person(pron: "Token", ctx: Context) -> Optional[str]:
    """Who "he" or "she" (or "him", "her") is, in the fullest form the article names them."""
    gender = "m" if pron.lower_ in speakers.MALE_PRONOUNS else "f"
    disc = ctx.discourse
    found = speakers.resolve(pron, disc, want=gender) if disc is not None else None
    if found is not None and found not in ctx.credits:
        return _fullest(found, ctx.persons)
    # Nobody of that gender in the paragraphs before: a feature's subject, the one it names most, if one stands out
    # and the text has not given them the other gender.
    counts = Counter(name.split()[-1] for _, name in ctx.persons)
    ranked = [w for w, _ in counts.most_common()]
    top = ranked[0] if ranked else None
    if top is None or counts[top] < 3 or (len(ranked) > 1 and counts[top] < 2 * counts[ranked[1]]):
        return None
    name = max((n for _, n in ctx.persons if n.split()[-1] == top), key=len)
    ent = disc.entities.get(norm_name(name)) if disc is not None else None
    return name if ent is None or ent.gender in (gender, None) else None


def _fullest(name: str, persons: tuple[tuple[int, str], ...]) -> str:
    """The fullest form the article gives the same actor ("Hicks" -> "Kayla Hicks")."""
    last = name.split()[-1]
    return max((n for _, n in persons if n.split()[-1] == last), key=len, default=name)


def _named_before(pron: "Token", names: tuple[tuple[int, str], ...], since: int, *, full: tuple[tuple[int, str], ...],
                  subject_only: bool = False) -> Optional[str]:
    doc = pron.doc
    window = [(start, name) for start, name in names if since <= start < pron.idx]
    if not window:
        return None

    def is_subject(start: int) -> bool:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        tok = span.root if span is not None and len(span) else None
        while tok is not None and tok.dep_ == "compound":
            tok = tok.head
        return tok is not None and tok.dep_ in NOMINAL_SUBJECT_DEPS

    subjects = [(start, name) for start, name in window if is_subject(start)]
    if subject_only and not subjects:
        return None
    _, name = (subjects or window)[-1]
    return _fullest(name, full)


def _matrix_subject(clause: "Token") -> "Optional[Token]":
    tok = clause
    if tok.dep_ == "acl" and tok.head.dep_ == "attr":
        tok = tok.head  # "the visit is an attempt to remind": the subject of "is"
    while tok.dep_ in MATRIX_PATH_DEPS and tok.head.i != tok.i:
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ in phrasing.SUBJECT_OR_EXPLETIVE_DEPS), None)
        if subj is not None and subj.dep_ == "expl":  # "while they may not …, there are some steps": the steps
            subj = next((c for c in tok.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if subj is not None:
            return subj
    return None


def _agrees(pronoun: "Token", noun: "Token") -> bool:
    low = pronoun.lower_
    if low in HE_SHE:
        return noun.ent_type_ == "PERSON" or (noun.tag_ == "NNP" and noun.ent_type_ in PERSON_OR_NO_LABEL)
    if low == "they":
        return phrasing.plural(noun) or noun.ent_type_ == "NORP"
    if low == "it":
        return not phrasing.plural(noun) and noun.ent_type_ != "PERSON"
    return False


def _wh_clause(wh: "Token") -> "Optional[Token]":
    """The verb of the embedded question ``wh`` opens ("wonders when the cuts will be broader" -> "be")."""
    tok = wh
    while tok.pos_ not in VERB_POS and tok.head.i != tok.i:
        tok = tok.head
    if tok.pos_ not in VERB_POS or tok.dep_ not in EMBEDDED_QUESTION_DEPS:
        return None
    if min(t.i for t in tok.subtree) != wh.i and not (wh.i > 0 and wh.doc[wh.i - 1].lower_ == "how"):
        if min(t.i for t in tok.subtree) != wh.i - 1 or wh.doc[wh.i - 1].lower_ != "how":
            return None
    return tok


def _governs_unknown(clause: "Token") -> bool:
    """The embedded question is one nobody answers: under a word of ignorance or asking, or a negated verb of
    knowing ("do not yet know when", "won't tell what")."""
    gov = clause.head
    if clause.dep_ == "pcomp":
        gov = gov.head
    for cand in (gov, gov.head):
        if cand.lemma_ == "see" and not any(c.dep_ == "auxpass" for c in cand.children):
            return False  # "to see what happens" is no question; "remains to be seen what happens" is
        if cand.lemma_ in UNKNOWN_WORDS or cand.lower_ in UNKNOWN_WORDS or cand.lemma_ in ASKING_VERBS:
            return True
        if (cand.lemma_ in KNOWING_VERBS or cand.lower_ in KNOWING_VERBS) and _negated(cand):
            return True
        if any(c.dep_ in PREDICATE_DEPS
               and (c.lower_ in UNKNOWN_WORDS or (c.lower_ in KNOWING_VERBS and _negated(c))) for c in cand.children):
            return True  # "it is not clear how …": the parse hangs the clause on "is", beside "clear"
        if cand.dep_ not in GOVERNOR_PATH_DEPS:
            break
    return False


def _asks(tok: "Token") -> bool:
    """The word governs an indirect yes/no question ("asked if", "not clear if", "wonder if")."""
    return _is(tok, ASKING_VERBS) or tok.lemma_ in UNKNOWN_WORDS or (
        tok.lemma_ in KNOWING_VERBS and _negated(tok))


def _negated(tok: "Token") -> bool:
    return _negation(tok) is not None


def _negation(tok: "Token") -> "Optional[Token]":
    """The word that negates ``tok``, on it or on the verb it completes ("is not clear", "does not know")."""
    own = next((c for c in tok.children if c.dep_ == "neg"), None)
    if own is None and tok.dep_ in COMPLETING_DEPS:
        own = next((c for c in tok.head.children if c.dep_ == "neg"), None)
    return own


def _future(verb: "Token") -> bool:
    """The clause tells something still to come: a modal of the future or possibility, or "going to"."""
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_OR_ABLE_MODALS for c in verb.children) or \
        (verb.head.lemma_ == "go" and verb.dep_ == "xcomp")


def _conditional(verb: "Token") -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS
                                        for c in verb.children)


def _object_gap(verb: "Token") -> bool:
    """The clause is a relative clause whose object is the noun it hangs on ("the surges that X seeks to create"):
    asked alone it would lack its object ("Will X create?")."""
    tok = verb
    while tok.dep_ in CHAINED_VERB_DEPS and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "relcl":
        return False
    rel = next((c for c in tok.children if c.tag_ in WH_PRONOUN_TAGS or c.lower_ == "that"), None)
    return rel is None or rel.dep_ not in NOMINAL_SUBJECT_DEPS


def _purpose(verb: "Token") -> "Optional[Token]":
    """The "so" of a clause of purpose ("so that he could pay"): its modal tells what an act was for, not a
    possibility."""
    if verb.dep_ != "advcl":
        return None
    return next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in PURPOSE_MARKERS), None)


def _first_person_clause(clause: "Token") -> bool:
    """An aside about the writer or the reader ("if you look at…", "we may never know"), not about the story."""
    subj = phrasing.subject_of(clause)
    return subj is not None and subj.lower_ in phrasing.FIRST_SECOND_PERSON


def name_weights(names: Iterable[str], *, counts: Optional[list[int]] = None) -> dict[str, float]:
    """Each capitalised word of a name -> its share of the most mentioned name's mentions (0..1)."""
    tally: Counter = Counter()
    for i, name in enumerate(names):
        for w in set(proper_words(name, first=True)):
            tally[w.lower()] += counts[i] if counts is not None else 1
    top = max(tally.values(), default=0)
    return {w: n / top for w, n in tally.items()} if top else {}


def proper_words(text: str, *, first: bool = False) -> list[str]:
    """Capitalised words after the first (the first is capitalised as the question's opening)."""
    words = PROPER_WORD.findall(text)
    words = words if first else words[1:]
    return [w.split("'")[0].split("\u2019")[0] for w in words if w[0].isupper() and len(w) > 1 and w.lower() != "i"]
