"""Actors across the story: one actor per real-world entity, from every article's name mentions."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Optional

from generator.extract.actors import ORG_WORDS, PERSON_NOUNS, ROLE_NOUNS, given_name
from generator.extract.common import evidence, norm_name, slug
from generator.records import Actor, Mention, Sentence

# Standard short forms of names that news copy uses without defining them (AP Stylebook abbreviations); the
# first form of each group is the fullest.
STANDARD_FORMS: tuple[tuple[str, ...], ...] = (
    ("united states of america", "united states", "us", "u s", "usa", "u s a"),
    ("united kingdom", "uk", "u k", "britain", "great britain"),
    ("united nations", "un", "u n"),
    ("european union", "eu", "e u"),
    ("soviet union", "ussr"),
    ("united arab emirates", "uae"),
    ("federal reserve", "fed"),
)
# Words that end a company's full name and that copy drops ("Brightwave" for "Brightwave Holdings").
CORPORATE_SUFFIXES: frozenset[str] = frozenset("group inc corp co ltd llc plc holdings company corporation".split())
# Words an abbreviation leaves out of its initials ("CWA" for "Coastal Water Authority").
INITIALS_SKIP: frozenset[str] = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "de", "&"})
# Feature words a place's name may drop ("the Orinoco" for "the Orinoco River"): physical geography only, since
# "Mexico City" or "Kansas City" is not "Mexico" or "Kansas".
GEO_FEATURES: frozenset[str] = frozenset("""
river sea ocean lake mountain mountains mount island islands strait straits bay gulf peninsula valley desert
canal channel creek plateau basin delta glacier
""".split())
# Actor types whose other written forms join the fullest ("US" -> "United States"). A person's do not: "UN" is no
# form of "Park Min Un".
FORM_JOINED_TYPES: frozenset[str] = frozenset({"organization", "place"})
# Words that end a body's name and can lead it instead, with "of": "Fisheries Department" is the "Department of
# Fisheries".
DEPARTMENT_WORDS: frozenset[str] = frozenset({"department", "ministry"})
MAX_EVIDENCE = 8


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
        if types[key] != "person" and len(key.split()) == 1 and key in person_words and not _abbreviation(shown[key]):
            types[key] = "person"
    clusters = _cluster(by_name, types, same=_same_entities(by_name, shown, types))
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
    """Whether the text shows that this actor is one a reader would list.

    A nationality, party or religion word (spaCy's NORP: "Ruritanian", "Federalists") describes people; it is not an
    actor. A "person" needs evidence that a person is meant: a title, a role noun beside the name, a speech verb,
    or a known given name before the surname; without it the NER has usually taken a product, a law or a brand for
    a person ("Crispy Oaties", "Firefox"), and the name is left out rather than listed.
    """
    if types[keys[0]] == "group":
        return False
    if types[keys[0]] != "person":
        return True
    ms = [m for k in keys for _, m, _ in by_name[k]]
    if any(m.speaker or m.title or _role_evidence(m.role) for m in ms):
        return True
    return len(keys[0].split()) > 1 and given_name(keys[0].split()[0])


def _role_evidence(role: Optional[str]) -> bool:
    """A role that names what a person is ("a professor at …", "photographer"), not any phrase beside a name."""
    return bool(role) and any(w.strip(",.;()").lower() in ROLE_NOUNS | PERSON_NOUNS for w in role.split())


def _abbreviation(spelled: Counter) -> bool:
    text = spelled.most_common(1)[0][0]
    return text.isupper() and len(text.replace(".", "")) > 1


def _vote_type(ms: list[Mention]) -> str:
    if ms[0].text.split()[-1].lower() in ORG_WORDS:
        return "organization"
    if any(m.type == "person" and (m.title or _role_evidence(m.role)) for m in ms):
        return "person"  # a title or a person's role beside the name outweighs the NER's other guesses
    votes = Counter(m.type for m in ms)
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _order(by_name: dict) -> list[str]:
    """Name forms fullest first: a cluster's first form is its canonical name."""
    return sorted(by_name, key=lambda k: (-len(k.split()), -len(by_name[k]), k))


def _cluster(by_name: dict, types: dict, *, same: Optional[dict[str, str]] = None) -> list[list[str]]:
    """Group name forms: persons by contained words, organisations by a short form that begins the full name
    with one word less ("Green Basket" → "Green Basket Market", "Harlow" → "Harlow Group"), names that ``same``
    says are one entity together ("US" → "United States"), others as written.

    Clusters are found through their first (fullest) name's words, not by trying each one: an archive names
    thousands of people, and every name against every cluster would grow with the square of that.
    """
    same = same or {}
    clusters: list[list[str]] = []
    placed: dict[str, int] = {}  # a name form → its cluster
    org_heads: dict[tuple[str, ...], int] = {}  # an organisation's name minus its last word → its first cluster
    person_parts: dict[str, list[int]] = defaultdict(list)  # a word of a person's full name → clusters
    order = _order(by_name)
    # A form that stands for another comes after it, so that the fullest form is placed first.
    for key in [k for k in order if k not in same] + [k for k in order if k in same]:
        words = key.split()
        target = placed.get(same.get(key, key))
        if target is not None:
            clusters[target].append(key)
        elif types[key] == "organization":
            target = org_heads.get(tuple(words))
            if target is not None:
                clusters[target].append(key)
            else:
                org_heads.setdefault(tuple(words[:-1]), len(clusters))
        elif types[key] == "person":
            rarest = min((person_parts.get(w, []) for w in words), key=len)
            candidates = [i for i in rarest if _contains(clusters[i][0], words)]
            if candidates:
                target = max(candidates, key=lambda i: (sum(len(by_name[k]) for k in clusters[i]), -i))
                clusters[target].append(key)
            else:
                for part in _parts(words):
                    person_parts[part].append(len(clusters))
        if target is None:
            target = len(clusters)
            clusters.append([key])
        placed[key] = target
    return clusters


def _same_entities(by_name: dict, shown: dict, types: dict) -> dict[str, str]:
    """Organisations and places written in several forms, each form → the fullest: a standard short form ("US",
    "U.S." → "United States"), an abbreviation of the initials ("CWA" → "Coastal Water Authority", the way a
    text defines one in brackets), a name without its country ("Senate" → "Ruritania Senate", "Department of
    Fisheries" → "Ruritania Department of Fisheries"), "Fisheries Department" → "Department of Fisheries",
    and a river or sea named without its feature word ("Orinoco" → "Orinoco River").

    Persons are left out: "UN" is no form of "Park Min Un". Each rule looks names up in a dict, never pairs them.
    """
    keys = [k for k in _order(by_name) if types[k] in FORM_JOINED_TYPES]
    present = set(keys)
    forms: dict[str, set[str]] = defaultdict(set)  # a form another name could take → the names that take it
    for key in keys:
        words = key.split()
        for group in STANDARD_FORMS:
            if key in group:
                forms.update({f: forms[f] | {group[0]} for f in group})
        if len(words) > 1:
            initials = "".join(w[0] for w in words if w not in INITIALS_SKIP)
            if len(initials) > 1:
                forms[initials].add(key)
        if types[key] == "organization":
            if len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
                forms[" ".join(words[:-1])].add(key)  # "Brightwave" for "Brightwave Holdings", whatever its NER type
            for k in range(1, len(words) - 2):
                forms[" ".join(words[k:])].add(key)  # "Water Policy Center" for "Harlan-Ross Water Policy Center"
            for k in range(1, len(words)):
                if " ".join(words[:k]) in present and types[" ".join(words[:k])] == "place":
                    forms[" ".join(words[k:])].add(key)
        if types[key] == "place" and len(words) > 1 and words[-1] in GEO_FEATURES:
            forms[" ".join(words[:-1])].add(key)
    same: dict[str, str] = {}
    for key in keys:
        letters = key.replace(" ", "")
        targets = forms.get(key, set()) | (forms.get(letters, set()) if _abbreviation(shown[key]) else set())
        words = key.split()
        if types[key] == "organization" and len(words) > 1 and words[-1] in DEPARTMENT_WORDS:
            targets = targets | {" ".join([words[-1], "of", *words[:-1]])} & present  # "Fisheries Department"
        targets = {_standard(_root(t, same)) for t in targets if t != key and (t in present or t in forms)}
        targets.discard(key)
        if len(targets) == 1:
            same[key] = targets.pop()
    # The standard group's first form may be absent ("US" and "U.S." without "United States"): the fullest
    # present form stands for the group.
    for target in {t for t in same.values() if t not in present}:
        members = sorted((k for k in keys if same.get(k) == target), key=lambda k: -len(k.replace(" ", "")))
        for k in members[1:]:
            same[k] = members[0]
        same.pop(members[0], None)
    return {k: _root(v, same) for k, v in same.items()}


def _standard(key: str) -> str:
    return next((group[0] for group in STANDARD_FORMS if key in group), key)


def _root(key: str, same: dict[str, str]) -> str:
    while key in same:
        key = same[key]
    return key


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
        if m.title and types[keys[0]] == "person" and m.title.split()[-1][:1].isupper():
            # "President Roe", "Mr Roe": a title written as one; "party leader Lin Tao" is a description.
            aliases.add(f"{m.title.split()[-1]} {m.text}")
        if m.text != canonical:
            aliases.add(m.text)
    aliases.discard(canonical)
    roles = [" ".join(m.role.split()) for _, m, _ in ms if m.role and not m.role.startswith(("who ",))]
    # The first role that says what the person is ("a professor at …") before any other phrase beside the name.
    role = next((r for r in roles if _role_evidence(r)), roles[0] if roles else None)
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
