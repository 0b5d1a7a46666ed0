"""Open questions: each phrasing rule on plain invented sentences, and the ranking on a small invented story."""
from __future__ import annotations

import pytest

from generator.extract import phrasing, questions
from generator.records import Evidence, Question


@pytest.fixture(scope="module")
def ask():
    from generator.nlp import load

    nlp = load()

    def run(text: str) -> list[str]:
        doc = nlp(text)
        ctx = questions.context(doc)
        return [q for sent in doc.sents for _, _, q in questions._candidates(sent, ctx)]
    return run


@pytest.mark.slow
def test_whether_clause_inverts_with_will_and_base_form(ask):
    assert "Will the mayor veto the budget or quietly sign it?" in ask(
        "The open question is whether the mayor vetoes the budget or quietly signs it.")


@pytest.mark.slow
def test_the_auxiliary_agrees_with_a_plural_subject(ask):
    assert "Have the trustees approved the merger?" in ask("The trustees have not yet approved the merger.")


@pytest.mark.slow
def test_an_embedded_wh_question_gets_do_support_in_its_tense(ask):
    assert "How does the league plan to pay for the stadium?" in ask(
        "The commissioner wonders how the league plans to pay for the stadium.")


@pytest.mark.slow
def test_a_pronoun_subject_becomes_the_person_it_stands_for(ask):
    found = ask("Coach Dana Whitfield met the board on Monday. She is expected to announce her resignation.")
    assert "Will Dana Whitfield announce her resignation?" in found


@pytest.mark.slow
def test_a_pronoun_with_no_clear_actor_gives_no_question(ask):
    assert ask("It could take years.") == []


@pytest.mark.slow
def test_attribution_is_dropped(ask):
    assert "Will the refinery close by spring?" in ask("The refinery could close by spring, analysts say.")


@pytest.mark.slow
def test_first_and_second_person_asides_are_left_out(ask):
    assert ask("We may never know if you were right.") == []
    assert ask("If you visit the museum, you might see the painting.") == []


@pytest.mark.slow
def test_appositive_and_relative_clause_are_dropped(ask):
    found = ask("Harlow Mills, the town's largest employer, could close the plant, which opened in 1952.")
    assert "Will Harlow Mills close the plant?" in found


@pytest.mark.slow
def test_a_routine_prediction_is_no_question(ask):
    assert ask("Local radio will broadcast the parade.") == []


@pytest.mark.slow
def test_a_question_the_article_asks_is_kept_in_its_words(ask):
    assert "Where does the orchestra go from here?" in ask("Where does the orchestra go from here?")
    assert ask("And what happens then?") == []


def test_no_question_is_cut_with_an_ellipsis_or_left_dangling():
    assert phrasing.finish("Will the council approve the plan and") is None
    assert phrasing.finish("Will the council approve the plan \u2026") is None
    assert phrasing.finish(" ".join(["Will the council"] + ["approve"] * 30)) is None
    assert phrasing.finish("Will the council approve the plan") == "Will the council approve the plan?"


def _q(n: int, article: str, text: str, cue: str, sentence: int = 0) -> Question:
    ev = Evidence(article=article, sentence=sentence, start=0, end=10, text=text)
    return Question(id=f"oq-{n}", question=text, cue=cue, article=article, evidence=[ev], articles=[article])


def test_ranking_puts_strong_cues_and_central_actors_first():
    found = [
        _q(1, "a", "Will the ferry run on time?", "if the ferry runs"),
        _q(2, "a", "Will Mayor Quill sign the harbour budget?", "whether Mayor Quill signs", 1),
        _q(3, "a", "Will rents rise next year?", "could rise next year", 2),
    ]
    ranked = questions.rank(found, weights={"quill": 1.0}, limit=8)
    assert [q.id for q in ranked][:2] == ["oq-2", "oq-3"]
    assert "oq-1" not in [q.id for q in ranked]  # a bare condition about nobody named is below the bar


def test_merge_makes_one_item_of_the_same_question_and_keeps_at_most_twelve():
    same = [_q(1, "a", "Will Mayor Quill sign the harbour budget?", "whether Mayor Quill signs"),
            _q(2, "b", "Will Mayor Quill sign the harbour budget?", "whether Mayor Quill signs", 3)]
    topics = ["ferry timetable", "library hours", "parking fees", "school roof", "bridge tolls", "park lighting",
              "water rates", "bus lanes", "market stalls", "harbour dredging", "tram depot", "museum wing",
              "cycle paths"]
    others = [_q(10 + i, "c", f"Could officials change the {t}?", "could change", i) for i, t in enumerate(topics)]
    merged = questions.merge(same + others)
    assert len(merged) == questions.PER_STORY
    first = merged[0]
    assert first.question == "Will Mayor Quill sign the harbour budget?"
    assert len(first.evidence) == 2 and first.articles == ["a", "b"]
