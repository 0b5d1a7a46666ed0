"""Open questions: each phrasing rule on plain invented sentences, and the ranking on a small invented story."""
from __future__ import annotations

import pytest

from generator.assemble import questions as story_questions
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
def test_a_pronoun_is_the_person_of_its_gender_not_the_nearest_name(ask):
    found = ask("Judge Helen Marsh heard the appeal on Monday. David Ortiz, the defence lawyer, asked for more time. "
                "She is expected to rule on the case next week.")
    assert "Will Helen Marsh rule on the case next week?" in found
    assert not any("David Ortiz rule" in q for q in found)


@pytest.mark.slow
def test_a_pronoun_no_one_named_agrees_with_gives_no_question(ask):
    found = ask("Anna Berg and Clara Holm opened a bakery in Leeds. He is expected to sell the shop.")
    assert not any("sell the shop" in q for q in found)


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
    merged = story_questions.merge(same + others)
    assert len(merged) == story_questions.PER_STORY
    first = merged[0]
    assert first.question == "Will Mayor Quill sign the harbour budget?"
    assert len(first.evidence) == 2 and first.articles == ["a", "b"]


# --- rules added with the actor mentions: pronouns, cues read with their negation, constructions of doubt -------

def test_cue_strength_reads_the_negation_and_the_inflection():
    assert questions.cue_strength("not clear that the fees cover the costs") == questions.STRONG
    assert questions.cue_strength("won't say what the fees cover") != questions.CONDITION
    assert questions.cue_strength("hopes to resume flights in May") == questions.INTENT
    assert questions.cue_strength("if the regulator approves the merger") == questions.PENDING


def test_a_caption_run_into_the_sentence_is_no_question():
    assert phrasing.finish("Will payments surpass the budget in 2023.CreditJane Roe?") is None


@pytest.mark.slow
def test_it_becomes_the_organisation_last_named_as_a_subject(ask):
    found = ask("Northwind Airlines reported a loss on Monday. It is rumored to be planning a new budget carrier.")
    assert "Is Northwind Airlines planning a new budget carrier?" in found


@pytest.mark.slow
def test_they_becomes_the_plural_subject_before_and_not_clear_how_is_asked_as_how(ask):
    found = ask("Critics say the new parking permits are confusing. It is also not clear how they work in winter.")
    assert "How do the new parking permits work in winter?" in found


@pytest.mark.slow
def test_a_hedged_subject_is_asked_without_its_hedge(ask):
    assert "Was the cause of the outage a faulty transformer?" in ask(
        "The likely cause of the outage was a faulty transformer.")


@pytest.mark.slow
def test_an_accusation_is_asked_about_the_accused(ask):
    assert "Did the landlord ignore repairs?" in ask("Tenants accused the landlord of ignoring repairs.")


@pytest.mark.slow
def test_a_link_somebody_draws_is_asked_as_a_link(ask):
    assert "Are the heat waves linked to air pollution?" in ask(
        "The heat waves that many doctors link to air pollution are getting longer.")


@pytest.mark.slow
def test_a_disputed_plan_is_asked_as_whether_it_goes_ahead(ask):
    assert "Will the plan to close the harbour ferry go ahead?" in ask(
        "The vote revived a long dispute over a plan to close the harbour ferry.")


@pytest.mark.slow
def test_what_observers_watch_for_is_asked_as_whether_it_comes(ask):
    assert "Will there be any hint of a rate cut in the minutes?" in ask(
        "Investors will be reading the minutes for any hint of a rate cut.")


@pytest.mark.slow
def test_how_much_under_a_word_of_ignorance_is_asked_directly(ask):
    assert "How much of the stolen art will the museum recover?" in ask(
        "It is unclear how much of the stolen art the museum will ever recover.")


@pytest.mark.slow
def test_a_demonstrative_that_doubts_the_sentence_before_asks_that_sentence(ask):
    found = ask("The lake has long been considered safe for swimming. A new water survey calls that into question.")
    assert "Has the lake long been considered safe for swimming?" in found


@pytest.mark.slow
def test_an_attempt_to_do_something_is_asked_as_whether_it_will(ask):
    assert "Will the merger reassure shareholders?" in ask(
        "The merger is partly an attempt to reassure shareholders.")


@pytest.mark.slow
def test_whether_to_takes_the_subject_of_the_verb_above(ask):
    assert "Will the board continue the buyback?" in ask(
        "The board will meet next week to consider whether to continue the buyback.")


@pytest.mark.slow
def test_a_leading_but_is_dropped_and_rhetorical_questions_are_left_out(ask):
    assert "What happens when the grant money runs out?" in ask("But what happens when the grant money runs out?")
    assert ask("Aren't those the costs every landlord complains about?") == []


@pytest.mark.slow
def test_a_first_person_phrase_is_dropped_rather_than_the_question(ask):
    found = ask("The researchers wondered whether this protein is also responsible for our sense of smell.")
    assert "Is this protein also responsible?" in found


def test_a_named_actor_after_the_auxiliary_outranks_names_listed_at_the_end():
    found = [
        _q(1, "a", "Will the ministers also discuss projects shared by Arlen, Brisco and Castell?", "could discuss"),
        _q(2, "a", "Will Arlen seek access to the harbour?", "could seek access", 1),
    ]
    ranked = questions.rank(found, weights={"arlen": 1.0, "brisco": 1.0, "castell": 1.0}, limit=8)
    assert [q.id for q in ranked] == ["oq-2", "oq-1"]


def test_a_modal_of_purpose_is_the_weakest_cue():
    assert questions.cue_strength("so that the depot could meet its targets") == questions.CONDITION


@pytest.mark.slow
def test_an_intention_told_by_a_participle_with_no_subject_is_background(ask):
    assert ask("Having the bank's support gives confidence when seeking to expand abroad.") == []


@pytest.mark.slow
def test_the_prospect_of_an_event_is_asked_as_whether_it_comes(ask):
    assert "Will there be a strike?" in ask("The talks collapsed, raising the prospect of a strike.")


@pytest.mark.slow
def test_what_prosecutors_say_is_a_charge_in_dispute(ask):
    assert "Has the clinic been billing patients twice?" in ask(
        "Prosecutors say the clinic has been billing patients twice.")


@pytest.mark.slow
def test_he_far_from_any_name_is_the_person_the_article_names_most(ask):
    text = ("Mayor Lena Ostrova opened the session. Lena Ostrova spoke about roads. Lena Ostrova spoke about "
            "parks. Lena Ostrova thanked Tom Birch. The hall was full. The chairs were new. The lights were dim. "
            "The doors were open. The air was cold. It leaves the impression that she has persuaded nobody.")
    assert "Has Lena Ostrova persuaded nobody?" in ask(text)


@pytest.mark.slow
def test_a_question_after_a_colon_is_asked_in_its_own_words(ask):
    assert "Is the slump a pause, or the end of a boom?" in ask(
        "Traders are left with the question the bank could not answer: is the slump a pause, or the end of a boom?")


@pytest.mark.slow
def test_a_relative_clause_whose_object_is_its_noun_gives_no_question(ask):
    assert ask("Riders pay the surcharges that the company seeks to create.") == []


@pytest.mark.slow
def test_a_passive_verb_of_intention_is_no_plan(ask):
    assert ask("The moment is considered to be the turning point of the season.") == []


@pytest.mark.slow
def test_what_an_actor_wants_done_to_a_thing_is_asked_about_the_thing(ask):
    assert "Will the zoning bill be passed before the summer recess?" in ask(
        "The council is alarmed by criticism of the zoning bill it wants passed before the summer recess.")


@pytest.mark.slow
def test_a_prosecutors_account_is_ranked_as_a_dispute():
    assert questions.cue_strength("prosecutors in two cities say the firm has been lying") == questions.DISPUTE


@pytest.mark.slow
def test_what_a_sentence_does_not_rule_out_is_asked(ask):
    assert "Will soaring repair costs catch up with the city?" in ask(
        "That doesn't mean soaring repair costs won't eventually catch up with the city.")


@pytest.mark.slow
def test_a_headline_after_a_colon_is_no_question_of_the_article(ask):
    assert ask("This article appears in print with the headline: What Will Replace the Old Pier?") == []
