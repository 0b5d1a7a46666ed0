"""Open questions: what the articles say is not yet known, asked as a reader would ask it."""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING, Optional

from generator.extract.common import evidence, sentences, stable_id
from generator.records import PROSE_BLOCKS, Article, Question

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Phrases that say outright that something is unresolved (hedging and evidentiality literature: Hyland 1998,
# "Hedging in Scientific Research Articles"; plus newsroom formulas such as "remains to be seen").
UNKNOWN_PHRASES: tuple[str, ...] = (
    "remains to be seen", "remain to be seen", "unclear", "not clear", "not known", "unknown", "uncertain",
    "no word on", "open question", "bigger question", "into question", "yet to be decided", "has not been decided",
    "have not decided", "has not said", "did not say", "declined to", "would not say", "would not immediately",
    "refused to say", "won't tell", "will not tell", "did not give a direct answer", "not yet", "has yet to",
    "have yet to", "has not taken up", "failed to act", "unanswered", "elusive", "no guarantee", "wonder",
    "possibility", "whether",
)
# Words that mark a matter as contested rather than settled (reporting verbs of challenge and dispute nouns).
DISPUTE_PHRASES: tuple[str, ...] = (
    "dispute", "debate", "controvers", "challenged", "accus", "adamant", "is concerned", "are concerned",
    "lying", "critics", "doubt", "skeptic", "sceptic", "opposed", "at odds",
)
# Verbs of intention or expectation whose complement has not happened yet ("plans to", "hopes to").
INTENT_VERBS: frozenset[str] = frozenset({"plan", "hope", "want", "intend", "aim", "seek", "expect", "schedule",
                                          "promise", "vow", "pledge", "threaten"})
# Verbs of belief that report an opinion, not a fact ("scientists think", "X believes the city will").
BELIEF_VERBS: frozenset[str] = frozenset({"think", "believe", "suspect", "fear", "predict", "link", "blame"})
# Modal verbs that put the main clause in doubt; "could" and "may" in news prose mark possibilities.
HEDGE_MODALS: frozenset[str] = frozenset({"may", "might", "could"})
# Predicates that report an expectation rather than a fact ("is expected to", "is likely to").
EXPECTATION_WORDS: frozenset[str] = frozenset({"expected", "likely", "unlikely", "poised", "set", "due"})
MAX_QUESTION_WORDS = 24


def questions(doc: "Doc", article: Article) -> list[Question]:
    """One question per sentence that signals something unresolved, with the span that signals it."""
    sents = sentences(doc)
    prose = [(b.start, b.end) for b in article.blocks if b.kind in PROSE_BLOCKS]
    out = []
    for n, sent in enumerate(doc.sents):
        s = sents[n]
        if not any(a <= s.start < b for a, b in prose):
            continue
        found = _signal(sent)
        if found is None:
            continue
        cue, clause = found
        question = _ask(clause) if clause is not None else None
        if question is None:
            question = _fallback(sent)
        out.append(Question(id=stable_id("oq", article.id, s.text), question=question, cue=cue.strip(),
                            article=article.id, evidence=[evidence(article.id, s)], articles=[article.id]))
    return out


def _signal(sent: "Span") -> Optional[tuple[str, "Optional[Token]"]]:
    """The cue of an unresolved matter in the sentence and the clause it puts in doubt."""
    text = sent.text
    lower = text.lower()
    for tok in sent:
        if tok.lower_ in ("whether", "if") and tok.dep_ == "mark":
            clause = tok.head
            if tok.lower_ == "if" and clause.dep_ != "advcl":
                continue
            end = max(t.i for t in clause.subtree)
            return sent.doc[tok.i: min(end + 1, tok.i + 12)].text, clause
    for phrase in UNKNOWN_PHRASES:
        at = lower.find(phrase)
        if at >= 0:
            clause = next((t for t in sent if t.dep_ in ("ccomp", "csubj") and t.pos_ in ("VERB", "AUX")), None)
            return text[at: at + len(phrase)], clause or sent.root
    if text.rstrip().endswith("?") and not text.lstrip().startswith(("\u201c", '"')):
        return text.strip(), None
    for phrase in DISPUTE_PHRASES:
        m = re.search(rf"\b{re.escape(phrase)}", lower)
        if m:
            return text[m.start(): m.start() + 40].split(",")[0], sent.root
    for tok in sent:
        if tok.lower_ in HEDGE_MODALS | {"will", "would", "wo"} and tok.dep_ == "aux" and tok.head.pos_ in ("VERB", "AUX"):
            return sent.doc[tok.i: min(tok.i + 6, sent.end)].text, tok.head
        if tok.lower_ in ("likely", "probably", "possibly", "perhaps") and tok.head.pos_ in ("VERB", "AUX"):
            return sent.doc[tok.i: min(tok.i + 6, sent.end)].text, tok.head
        if (tok.lower_ in EXPECTATION_WORDS or tok.lemma_ in INTENT_VERBS) and tok.pos_ in ("VERB", "ADJ") and \
                any(c.dep_ == "xcomp" for c in tok.children):
            verb = next(c for c in tok.children if c.dep_ == "xcomp")
            return sent.doc[max(tok.i - 1, sent.start): min(tok.i + 4, sent.end)].text, verb
        if tok.lemma_ in BELIEF_VERBS and tok.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in tok.children):
            verb = next(c for c in tok.children if c.dep_ == "ccomp")
            return sent.doc[max(tok.i - 2, sent.start): min(tok.i + 2, sent.end)].text, verb
    return None


def _ask(verb: "Token") -> Optional[str]:
    """ "X will/could/may do Y" → "Will X do Y?"; the reader's question, neutral about the answer."""
    subj = _subject(verb)
    if subj is None:
        return None
    subj_toks = list(subj.subtree)
    subj_text = _lower_first(subj.doc[subj_toks[0].i: subj_toks[-1].i + 1].text)
    if subj_text.lower() in ("it", "this", "that", "there"):
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    head = "be " + verb.text if passive else _base(verb)
    # The words after the verb as written, up to the first side clause: a contiguous run, so nothing is reordered.
    subtree = {t.i for t in verb.subtree}
    rest = []
    for t in verb.doc[verb.i + 1: verb.sent.end]:
        if t.i not in subtree or _under(t, verb, ("advcl", "relcl", "parataxis")):
            break
        rest.append(t)
    rest_words = _trim_words(rest)
    question = f"Will {subj_text} {head}{(' ' + rest_words) if rest_words else ''}"
    return re.sub(r"\s+", " ", question).strip(" ,;:—-") + "?"


def _subject(verb: "Token") -> "Optional[Token]":
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is not None:
            return subj if subj.dep_ != "expl" else None
        if tok.dep_ in ("xcomp", "conj", "acomp") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return None


def _base(verb: "Token") -> str:
    if verb.lemma_ == "be" or verb.pos_ == "AUX":
        return "be"
    return verb.lemma_


def _under(tok: "Token", verb: "Token", deps: tuple) -> bool:
    while tok.head.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in deps


def _trim_words(toks: list) -> str:
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return ""
    kept = toks[:MAX_QUESTION_WORDS]
    text = kept[0].doc[kept[0].i: kept[-1].i + 1].text.strip()
    text = text.rstrip(" .,;:!?\u201d\"")
    return text + ("…" if len(toks) > MAX_QUESTION_WORDS else "")


def _lower_first(text: str) -> str:
    # Keep capitals of names ("Okafor", "Canada"), lower an article or common noun that began the sentence.
    first = text.split(" ", 1)[0]
    if first in ("The", "A", "An", "Some", "Many", "Its", "Their", "His", "Her", "This", "That", "These", "Those"):
        return first.lower() + text[len(first):]
    return text


def _fallback(sent: "Span") -> str:
    """When the clause cannot be turned around, ask about the sentence's topic."""
    text = sent.text.strip()
    if text.endswith("?"):
        return "Open: " + text
    root = sent.root
    subj = _subject(root)
    topic = subj.doc[min(t.i for t in subj.subtree): max(t.i for t in subj.subtree) + 1].text if subj is not None else None
    if topic and topic.lower() not in ("it", "this", "that", "there"):
        return f"What is still unknown about {_lower_first(topic)}?"
    return f"What is still unknown here: {text.rstrip('.')}?"


def merge(found: list[Question]) -> list[Question]:
    """Questions asked by several articles appear once, with every article's evidence, most discussed first.

    A question joins the first group whose first question shares 70% of the content words of the shorter of the
    two. Two sets of two words or more that close share a pair of words, and a one-word set shares its word: so
    groups are looked up by their word pairs and words, not compared one by one with every group of the story.
    """
    groups: list[list[Question]] = []
    heads: list[set[str]] = []
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)  # groups whose first question has both words
    by_word: dict[str, list[int]] = defaultdict(list)  # groups whose first question has the word
    single: dict[str, list[int]] = defaultdict(list)  # groups whose first question has that one word only
    for q in sorted(found, key=lambda q: (q.article, q.evidence[0].start)):
        words = _content(q.question)
        if len(words) == 1:
            candidates = set(by_word[next(iter(words))])
        else:
            candidates = {i for pair in combinations(sorted(words), 2) for i in by_pair.get(pair, ())}
            candidates.update(i for w in words for i in single.get(w, ()))
        match = min((i for i in candidates
                     if len(words & heads[i]) / min(len(words), len(heads[i])) >= 0.7), default=None)
        if match is not None:
            groups[match].append(q)
            continue
        if words:
            for pair in combinations(sorted(words), 2):
                by_pair[pair].append(len(groups))
            for w in words:
                by_word[w].append(len(groups))
            if len(words) == 1:
                single[next(iter(words))].append(len(groups))
        groups.append([q])
        heads.append(words)
    out = []
    for g in groups:
        first = g[0]
        ev = [e for q in g for e in q.evidence]
        out.append(Question(id=first.id, question=first.question, cue=first.cue, article=first.article,
                            evidence=ev, articles=sorted({q.article for q in g})))
    out.sort(key=lambda q: (-len(q.evidence), q.article, q.evidence[0].start))
    return out


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())} - {"will", "what", "still", "unknown", "about", "whether"}
