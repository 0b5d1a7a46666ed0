"""Actors: names in each article (``mentions``), then one actor per real-world entity across the story
(``assemble``)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, Optional

from generator.extract.common import (PERSON_PRONOUNS, SPEECH_VERBS, evidence, norm_name, sentence_index,
                                      sentences, slug)
from generator.records import Actor, Article, Mention, Sentence

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
# Words that end the names of organisations, not people ("Riverside Community Food Bank", "Acme Corp").
ORG_WORDS: frozenset[str] = frozenset("""
inc inc. corp corp. co co. ltd llc plc group company bank council committee commission center centre institute
university college school association foundation agency department ministry office service services club fc
union party board court police authority administration network news times post journal press airlines
cooperative alliance fund trust society federation league team hospital church
""".split())
MAX_EVIDENCE = 8
# Blocks that are not the article's own account of the story: a byline names the reporter, not an actor.
SKIP_BLOCKS: frozenset[str] = frozenset({"byline", "links", "heading"})
# Photo credits as web pages print them ("…underground.CreditChang W. Lee/The New York Times", "(Thomas Coex/AFP)",
# "Photo: Ana Ruiz for Reuters"): the name is a photographer's, whatever the NER makes of the run-on text.
CREDIT = re.compile(r"(?:Credit:?\s*|Photo(?:graph)?:\s*|\()+"
                    r"(?P<name>[A-Z][\w.\u2019'-]+(?: [A-Z][\w.\u2019'-]+){1,3})(?=/| for )")


def mentions(doc: "Doc", article: Article) -> list[Mention]:
    """Every named actor mentioned in the article, with the role or title written beside it.

    spaCy's entities first, corrected where syntax knows better (a labelled or speaking name is a person); then
    names the NER missed that syntax shows to be people: the subject of a speech verb, a name after a role noun.
    """
    sents = sentences(doc)
    sent_of = sentence_index(doc)
    skip = [(b.start, b.end) for b in article.blocks if b.kind in SKIP_BLOCKS]
    out, taken = [], set()
    candidates = [(ent, ENTITY_TYPES.get(ent.label_)) for ent in doc.ents] + \
        [(span, "person") for span in _syntactic_people(doc)]
    for span, kind in candidates:
        if any(a <= span.start_char < b for a, b in skip) or any(t.i in taken for t in span):
            continue
        span = _trim(span)
        if span is None:
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
        role = _apposition(span) or _relative_role(span)
        if kind == "organization" and role and _role_head(span) in ROLE_NOUNS:
            kind = "person"  # "Curtis Ng, director of the state office": an organisation has no job title
        if kind == "person" and title and not role and title.split()[-1].lower().strip(".") not in HONORIFICS:
            role = title
        speaker = _is_speaker(span)
        sent = sents[sent_of[span.root.i]]
        taken.update(t.i for t in span)
        out.append(Mention(text=name, type=kind,
                           sentence=sent.n, start=span.start_char, end=span.end_char, role=role if kind != "place" else None,
                           title=title, speaker=speaker))
    out.extend(_credits(doc, article, sents, sent_of, taken))
    out.sort(key=lambda m: m.start)
    return out


def _credits(doc: "Doc", article: Article, sents, sent_of, taken: set[int]) -> list[Mention]:
    out = []
    for block in article.blocks:
        if block.kind not in ("caption", "paragraph"):
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
    return tok.dep_ in ("compound", "nmod") and tok.head.pos_ == "NOUN" or (
        following is not None and following.lower_ in ROLE_NOUNS and following.text.islower())


def _syntactic_people(doc: "Doc") -> "list[Span]":
    """Capitalised names the NER did not see as people: speech-verb subjects, names after a role noun, and a
    surname alone where the article named that person in full ("Siddiqui said" after "Farah Siddiqui")."""
    full, single = [], []
    for tok in doc:
        # Names inside entities of actor types are handled above; PRODUCT or WORK_OF_ART is the NER erring.
        if not tok.text[:1].isupper() or tok.dep_ == "compound" or tok.ent_type_ in ENTITY_TYPES:
            continue
        chain = _name_chain(tok) if tok.pos_ == "PROPN" else doc[tok.i: tok.i + 1]
        if chain is None or chain.text.isupper() or chain[-1].lower_ in ORG_WORDS or \
                any(t.ent_type_ in ("GPE", "NORP", "DATE") for t in chain):
            continue
        first = doc[chain.start - 1] if chain.start else None
        speaks = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SPEECH_VERBS
        labelled = first is not None and first.lower_ in ROLE_NOUNS
        if tok.pos_ == "PROPN" and (labelled or speaks and len(chain) > 1):
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
    while i > 0 and (doc[i - 1].dep_ == "compound" and doc[i - 1].head.i >= i - 1 and doc[i - 1].text[:1].isupper()
                     and doc[i - 1].lower_ not in ROLE_NOUNS or doc[i - 1].text == "-" and i > 1):
        i -= 1
    span = doc[i: head.i + 1]
    return span if 1 <= len(span) <= 4 else None


def _labelled_person(span: "Span", title: Optional[str]) -> bool:
    # "Sol goalkeeper Jess Thornbury" tagged ORG: a role word before a two-word name settles it.
    if len(span) < 2 or span[-1].lower_ in ORG_WORDS:
        return False
    before = span.doc[span.start - 1] if span.start else None
    return before is not None and before.lower_ in ROLE_NOUNS and all(t.text[:1].isupper() for t in span)


def _trim(ent: "Span") -> "Optional[Span]":
    """Drop a leading article and a trailing possessive or punctuation: "the BBC's" → "BBC"; a title swallowed into
    the entity ("Golden Mayor Annette Fairweather") is left outside the name."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(end - 2, start - 1, -1):
        if doc[i].lower_.strip(".") in HONORIFICS | ROLE_NOUNS and doc[i + 1].text[:1].isupper():
            start = i + 1
            break
    return doc[start:end] if end > start else None


def _name_text(span: "Span") -> str:
    # Web copy glues photo credits to names ("CreditChang W. Lee", "Thomas Coex/AFP") and hides soft hyphens.
    text = re.sub(r"\s+", " ", span.text.replace("\u00ad", "")).strip()
    text = re.sub(r"^(?:Credit)+(?=[A-Z])", "", text).split("/")[0].strip()
    return re.sub(r"[\u2019']s$", "", text)


def _plausible(name: str, kind: str) -> bool:
    if not name or not name[0].isupper() and not name[0].isdigit():
        return False
    if any(ch.isdigit() for ch in name) and kind == "person":
        return False
    if name.lower() in PERSON_PRONOUNS or len(name) < 2:
        return False
    if all(w.lower().strip(".") in ROLE_NOUNS | HONORIFICS for w in name.split()):
        return False  # "Prime Minister" alone is a title, not a name
    if kind == "person" and name.isupper() and len(name) > 3:
        return False  # a dateline ("DENVER (AP) —") or a byline in capitals, not a person in the story
    if kind == "person" and any(re.search(r"[a-z][A-Z]", w) and not re.match(r"(Mc|Mac|O'|D'|De|Di|La|Le)", w)
                                for w in name.split()):
        return False  # "CNNMoney", "CreditChang": brand names and glued layout text
    return len(name.split()) <= 6


def _title_before(span: "Span") -> Optional[str]:
    """Title words written before the name and attached to it: "U.S. Senator Jane Roe" → "U.S. Senator"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 4:
        tok = doc[i]
        attached = span.start <= tok.head.i < span.end or i < tok.head.i < span.start
        titled = tok.text[:1].isupper() or tok.lower_.strip(".") in HONORIFICS | ROLE_NOUNS
        if not attached or not titled or tok.tag_ == "POS":
            break
        i -= 1
    words = list(doc[i + 1: span.start])
    # Keep the chain from the first title noun, or a capitalised qualifier just before one ("Foreign Minister").
    while words and words[0].lower_.strip(".") not in ROLE_NOUNS | HONORIFICS and not _is_title_chain(words):
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
            if toks and toks[0].lower_ == "who" and len(toks) <= 16 and child.lemma_ in ("lead", "head", "run", "chair",
                                                                                          "direct", "manage", "own",
                                                                                          "found", "represent",
                                                                                          "coach", "be"):
                return span.doc[toks[1].i: toks[-1].i + 1].text.strip(" ,")
    return None


def _is_speaker(span: "Span") -> bool:
    """The subject of a speech verb is someone who speaks: a person or a body, never a place."""
    head = span.root
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in SPEECH_VERBS or (
        head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according")


# --- across the story ---------------------------------------------------------------------------------------------

def assemble(found: Iterable[tuple[str, list[Mention], list[Sentence]]]) -> tuple[list[Actor], dict[str, str]]:
    """One actor per entity across the story's articles, and a map from every name form to its actor id.

    Short forms join the fullest name whose words contain theirs ("Obama" → "Barack Obama", "Olsen" →
    "Mary-Kate Olsen"); a name's type is the one most of its mentions support, and a speaker is a person.
    """
    by_name: dict[str, list[tuple[str, Mention, Sentence]]] = defaultdict(list)
    shown: dict[str, Counter] = defaultdict(Counter)
    for article, ments, sents in found:
        for m in ments:
            key = norm_name(m.text)
            if key:
                by_name[key].append((article, m, sents[m.sentence]))
                shown[key][m.text] += 1
    types = {key: _vote_type([m for _, m, _ in ms]) for key, ms in by_name.items()}
    places = {k for k, t in types.items() if t == "place"}
    for key in list(types):
        # "Sacramento Sol", "Portland Tidewater": a place's name leading a name is a team or firm, not a person.
        if types[key] == "person" and len(key.split()) > 1 and key.split()[0] in places and \
                not any(m.speaker for _, m, _ in by_name[key]):
            types[key] = "organization"
    person_words = {w for k, t in types.items() if t == "person" for w in k.split()}
    # A single word seen as a person's name elsewhere is that person, whatever NER said of it here.
    for key in list(types):
        if types[key] != "person" and len(key.split()) == 1 and key in person_words:
            types[key] = "person"
    clusters = _cluster(by_name, types)
    actors, ids = [], {}
    used: set[str] = set()
    for keys in clusters:
        if not _supported(keys, by_name, types):
            continue
        actor = _actor(keys, by_name, shown, types, used)
        actors.append(actor)
        for key in keys:
            ids[key] = actor.id
        for alias in actor.aliases + [actor.name]:
            ids.setdefault(norm_name(alias), actor.id)
    actors.sort(key=lambda a: (-a.mentions, a.name))
    return actors, ids


def _supported(keys: list[str], by_name: dict, types: dict) -> bool:
    """A one-word "person" that never speaks, has no title or role and no fuller name is usually the NER taking
    a product or a brand for a person ("Firefox", "Chrome"): such a name is left out rather than listed."""
    if types[keys[0]] != "person" or len(keys[0].split()) > 1:
        return True
    ms = [m for k in keys for _, m, _ in by_name[k]]
    return any(m.speaker or m.title or m.role for m in ms)


def _vote_type(ms: list[Mention]) -> str:
    if ms[0].text.split()[-1].lower() in ORG_WORDS:
        return "organization"
    votes = Counter(m.type for m in ms)
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _cluster(by_name: dict, types: dict) -> list[list[str]]:
    """Group name forms: persons by contained words, organisations by a short form that begins the full name
    with one word less ("Whole Foods" → "Whole Foods Market", "Alibaba" → "Alibaba Group"), others as written.

    Clusters are found through their first (fullest) name's words, not by trying each one: an archive names
    thousands of people, and every name against every cluster would grow with the square of that.
    """
    order = sorted(by_name, key=lambda k: (-len(k.split()), -len(by_name[k]), k))
    clusters: list[list[str]] = []
    org_heads: dict[tuple[str, ...], int] = {}  # an organisation's name minus its last word → its first cluster
    person_parts: dict[str, list[int]] = defaultdict(list)  # a word of a person's full name → clusters
    for key in order:
        words = key.split()
        if types[key] == "organization":
            full = org_heads.get(tuple(words))
            if full is not None:
                clusters[full].append(key)
            else:
                org_heads.setdefault(tuple(words[:-1]), len(clusters))
                clusters.append([key])
            continue
        if types[key] != "person":
            clusters.append([key])
            continue
        rarest = min((person_parts.get(w, []) for w in words), key=len)
        candidates = [i for i in rarest if _contains(clusters[i][0], words)]
        if candidates:
            best = max(candidates, key=lambda i: (sum(len(by_name[k]) for k in clusters[i]), -i))
            clusters[best].append(key)
        else:
            for part in _parts(words):
                person_parts[part].append(len(clusters))
            clusters.append([key])
    return clusters


def _parts(words: list[str]) -> set[str]:
    return set(words) | {p for w in words for p in w.split("-")}


def _contains(full: str, words: list[str]) -> bool:
    full_words = full.split()
    return len(words) < len(full_words) and all(w in _parts(full_words) for w in words) or full == " ".join(words)


def _actor(keys: list[str], by_name: dict, shown: dict, types: dict, used: set[str]) -> Actor:
    spelled = {k: shown[k].most_common(1)[0][0] for k in keys}
    canonical = spelled[keys[0]]
    ms = [x for k in keys for x in by_name[k]]
    ms.sort(key=lambda x: (x[0], x[1].start))
    aliases = {spelled[k] for k in keys[1:]}
    for _, m, _ in ms:
        if m.title and types[keys[0]] == "person":
            aliases.add(f"{m.title.split()[-1]} {m.text}")
        if m.text != canonical:
            aliases.add(m.text)
    aliases.discard(canonical)
    role = next((m.role for _, m, _ in ms if m.role and not m.role.startswith(("who ",))), None)
    ident = slug(canonical)
    while ident in used:
        ident += "-2"
    used.add(ident)
    seen, ev = set(), []
    for article, _, sent in ms:
        if (article, sent.n) not in seen and len(ev) < MAX_EVIDENCE:
            seen.add((article, sent.n))
            ev.append(evidence(article, sent))
    return Actor(id=ident, name=canonical, type=types[keys[0]], aliases=sorted(aliases, key=lambda a: (a.lower(), a)), role=role,
                 mentions=len(ms), articles=sorted({a for a, _, _ in ms}), evidence=ev)
