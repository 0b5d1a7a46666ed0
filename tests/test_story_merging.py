"""Cross-article steps find their matches through indexes, not by comparing every item with every other: these
tests pin that the indexed versions decide exactly what the plain pairwise rules say, on arbitrary inputs."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.assemble import actors, questions
from generator.records import Evidence, Question

WORDS = ["budget", "council", "mayor", "vote", "delay", "contract", "bridge", "court", "appeal", "ruling"]


def _question(n: int, words: list[str]) -> Question:
    article = f"a{n % 4}"
    return Question(id=f"q{n}", question="Will the " + " ".join(words) + "?", cue="will", article=article,
                    evidence=[Evidence(article=article, sentence=n, start=n, end=n + 1, text="x")],
                    articles=[article])


def _pairwise_groups(found: list[Question]) -> list[list[int]]:
    """The rule as stated: in the order given, a question joins the first group whose first question shares 70% of
    the shorter's content words."""
    groups: list[list[Question]] = []
    for q in found:
        words = questions._content(q.question)
        for g in groups:
            other = questions._content(g[0].question)
            if words and other and len(words & other) / min(len(words), len(other)) >= 0.7:
                g.append(q)
                break
        else:
            groups.append([q])
    return sorted(sorted(q.evidence[0].sentence for q in g) for g in groups)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=6), max_size=30))
def test_questions_are_grouped_as_the_pairwise_rule_groups_them(word_lists):
    found = [_question(n, words) for n, words in enumerate(word_lists)]
    merged = questions.group(found)
    assert sorted(sorted(e.sentence for e in q.evidence) for q in merged) == _pairwise_groups(found)


def _pairwise_clusters(by_name: dict, types: dict) -> list[list[str]]:
    order = sorted(by_name, key=lambda k: (-len(k.split()), -len(by_name[k]), k))
    clusters: list[list[str]] = []
    for key in order:
        words = key.split()
        if types[key] == "organization":
            full = next((c for c in clusters if types[c[0]] == "organization" and c[0].split()[:-1] == words), None)
            full.append(key) if full is not None else clusters.append([key])
        elif types[key] != "person":
            clusters.append([key])
        else:
            found = [i for i, c in enumerate(clusters) if types[c[0]] == "person" and actors._contains(c[0], words)]
            if found:
                clusters[max(found, key=lambda i: (sum(len(by_name[k]) for k in clusters[i]), -i))].append(key)
            else:
                clusters.append([key])
    return clusters


NAMES = ["ana", "ruiz", "ana ruiz", "maria ana ruiz", "ruiz-lopez", "ana ruiz-lopez", "lopez", "city", "city hall",
         "city hall trust", "hall", "bo", "bo ruiz"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), st.tuples(st.integers(1, 4), st.sampled_from(
    ["person", "organization", "place"])), max_size=len(NAMES)))
# "ana" fits two full names: it joins the one mentioned more.
@example({"maria ana ruiz": (1, "person"), "ana ruiz-lopez": (3, "person"), "ana": (1, "person")})
def test_name_forms_cluster_as_the_pairwise_rule_clusters_them(names):
    by_name = {name: [None] * count for name, (count, _) in names.items()}
    types = {name: kind for name, (_, kind) in names.items()}
    assert actors._cluster(by_name, types) == _pairwise_clusters(by_name, types)
