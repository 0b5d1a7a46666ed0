"""Editors in control: corrections made in content/ survive every later run, and mistakes in them are named."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import COURT_ARTICLE, make_project, run
from generator.pipeline import update_content
from generator.store import merge
from generator.store.merge import MISSING, Notes, merge_items, merge_value

APPEAL = '\n"We will appeal," said defence lawyer Rosa Imbert.\n'
HADDAD_QUOTE = "q-120515c1"  # "Families went without meals ...", said Haddad


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path: Path, data) -> None:
    """Write as an editor's YAML tool would: valid YAML, not the generator's layout, no schema line."""
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


@pytest.fixture
def court(tmp_path) -> tuple[Path, Path, Path]:
    """seeds/ with the court article, content/ extracted from it, and the findings cache."""
    seeds = tmp_path / "seeds"
    (seeds / "food-bank").mkdir(parents=True)
    (seeds / "food-bank" / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    update_content(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    return seeds / "food-bank" / "sentencing.md", tmp_path / "content" / "food-bank", tmp_path / "cache"


# --- the merge rules on plain data -------------------------------------------------------------------------------

def test_an_untouched_field_takes_the_machine_value_and_an_edited_one_is_kept():
    notes = Notes()
    base = {"id": "q", "speaker": "a", "text": "old"}
    mine = {"id": "q", "speaker": "b", "text": "old"}
    new = {"id": "q", "speaker": "a", "text": "new"}
    assert merge_value(base, mine, new, "q", notes) == {"id": "q", "speaker": "b", "text": "new"}
    assert notes.kept == ["q.speaker"] and not notes.conflicts


def test_on_conflict_the_editor_wins_and_the_conflict_is_reported():
    notes = Notes()
    assert merge_value({"role": "x"}, {"role": "editor"}, {"role": "machine"}, "a", notes) == {"role": "editor"}
    assert notes.conflicts == ["a.role"]


def test_deletions_stick_additions_are_kept_and_new_findings_added():
    notes = Notes()
    base = [{"id": "a"}, {"id": "b"}, {"id": "gone"}]
    mine = [{"id": "b"}, {"id": "mine"}, {"id": "gone"}]  # the editor deleted "a" and added "mine"
    new = [{"id": "a"}, {"id": "b"}, {"id": "c"}]  # the machine no longer finds "gone", and finds "c"
    assert [i["id"] for i in merge_items(base, mine, new, "", notes)] == ["b", "mine", "c"]
    assert (notes.deleted, notes.added_by_editor, notes.added) == (["a"], ["mine"], ["c"])


def test_an_item_the_machine_no_longer_finds_is_kept_if_the_editor_edited_it():
    notes = Notes()
    out = merge_items([{"id": "x", "v": 1}], [{"id": "x", "v": 2}], [], "", notes)
    assert out == [{"id": "x", "v": 2}] and notes.conflicts == ["x (no longer found in the articles)"]


def test_nested_items_with_ids_merge_one_level_down():
    # story.yaml: an editor fixes one article's byline; a new article must still appear.
    base = {"articles": [{"id": "a", "byline": None}]}
    mine = {"articles": [{"id": "a", "byline": "Dana Whitfield"}]}
    new = {"articles": [{"id": "a", "byline": None}, {"id": "b", "byline": "X"}]}
    assert merge_value(base, mine, new, "", Notes()) == {
        "articles": [{"id": "a", "byline": "Dana Whitfield"}, {"id": "b", "byline": "X"}]}


def test_nothing_edited_gives_exactly_the_machine_output():
    base = [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    new = [{"id": "b", "n": 3}, {"id": "a", "n": 1}, {"id": "c", "n": 0}]
    assert merge_value(base, base, new, "", Notes()) == new
    assert merge_value(MISSING, MISSING, new, "", Notes()) == new


# --- the whole run -----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_an_editors_corrections_survive_a_changed_article_and_a_rebuild(tmp_path):
    """Acceptance 2: speaker changed, actor deleted, question added and one deleted; article grows; site rebuilt."""
    project = make_project(tmp_path / "project", seeds=None)
    article = project / "seeds" / "food-bank" / "sentencing.md"
    article.parent.mkdir()
    article.write_text(COURT_ARTICLE, encoding="utf-8")
    run("python", "-m", "generator", "extract", cwd=project)
    folder = project / "content" / "food-bank"

    quotes = load(folder / "quotes.yaml")
    by_id(quotes)[HADDAD_QUOTE].update(speaker="helena-marsh", speaker_name="Helena Marsh")
    save(folder / "quotes.yaml", quotes)
    actors = [a for a in load(folder / "actors.yaml") if a["id"] != "riverside-community-food-bank"]
    by_id(actors)["gregory-tallis"]["role"] = "former treasurer"
    save(folder / "actors.yaml", actors)
    questions = load(folder / "questions.yaml")
    bogus = next(q["id"] for q in questions if "vacations" in q["question"])
    questions = [q for q in questions if q["id"] != bogus]
    questions.append({"id": "oq-editor-repayment", "question": "How much of the money will Tallis repay?",
                      "cue": "restitution hearing", "article": "sentencing", "evidence": []})
    save(folder / "questions.yaml", questions)

    article.write_text(COURT_ARTICLE + APPEAL, encoding="utf-8")
    proc = run("mkdocs", "build", "--strict", cwd=project)

    quotes, actors, questions = (by_id(load(folder / f"{k}.yaml")) for k in ("quotes", "actors", "questions"))
    assert quotes[HADDAD_QUOTE]["speaker"] == "helena-marsh"
    assert "riverside-community-food-bank" not in actors
    assert actors["gregory-tallis"]["role"] == "former treasurer"
    assert bogus not in questions and "oq-editor-repayment" in questions
    # The new paragraph's finding is added.
    assert any(q["speaker_name"] == "Rosa Imbert" for q in quotes.values())
    assert "rosa-imbert" in actors
    assert "kept your edit" in proc.stderr and "added new finding" in proc.stderr
    html = (project / "site" / "food-bank" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "How much of the money will Tallis repay?" in html
    # The merge base stays out of the published site.
    assert not list((project / "site").rglob(".generated"))


def test_merging_two_actors_by_moving_an_alias_survives(court):
    article, folder, cache = court
    actors = load(folder / "actors.yaml")
    haddad = by_id(actors)["amir-haddad"]
    marsh = by_id(actors)["helena-marsh"]
    marsh["aliases"] = sorted({*marsh["aliases"], haddad["name"], *haddad["aliases"]})
    save(folder / "actors.yaml", [a for a in actors if a["id"] != "amir-haddad"])
    quotes = load(folder / "quotes.yaml")
    for q in quotes:  # the editor re-points the quotes they know of...
        if q["speaker"] == "amir-haddad":
            q.update(speaker="helena-marsh", speaker_name="Helena Marsh")
    save(folder / "quotes.yaml", quotes)
    # ...and the article grows a new quote by the merged actor, which the machine attributes to amir-haddad.
    article.write_text(COURT_ARTICLE + '\n"The sentence is just," Haddad said after the hearing.\n', encoding="utf-8")
    result = update_content(article.parent.parent, folder.parent, cache_dir=cache)

    assert "amir-haddad" not in by_id(load(folder / "actors.yaml"))
    quotes = load(folder / "quotes.yaml")
    assert not [q for q in quotes if q["speaker"] == "amir-haddad"]
    new_quote = next(q for q in quotes if "sentence is just" in q["text"])
    assert new_quote["speaker"] == "helena-marsh"
    assert any("followed your change to actors" in line for line in result.report)
    assert not [line for line in result.report if "could not merge" in line]


def test_a_run_with_nothing_new_keeps_the_editors_file_byte_for_byte(court):
    article, folder, cache = court
    path = folder / "actors.yaml"
    text = path.read_text(encoding="utf-8").replace("  role: null", "  role: null  # checked with the court", 1)
    path.write_text(text, encoding="utf-8")
    result = update_content(article.parent.parent, folder.parent, cache_dir=cache)
    assert path.read_text(encoding="utf-8") == text and result.written == []


def test_a_deleted_file_is_taken_whole_from_the_machine(court):
    article, folder, cache = court
    before = (folder / "quotes.yaml").read_bytes()
    save(folder / "quotes.yaml", [])
    update_content(article.parent.parent, folder.parent, cache_dir=cache)
    assert load(folder / "quotes.yaml") == []  # emptied by the editor: every quote deleted, and it sticks
    (folder / "quotes.yaml").unlink()
    update_content(article.parent.parent, folder.parent, cache_dir=cache)
    assert (folder / "quotes.yaml").read_bytes() == before


def test_content_without_a_merge_base_keeps_every_difference(court):
    article, folder, cache = court
    shutil.rmtree(folder / merge.BASE_DIR)
    quotes = load(folder / "quotes.yaml")
    by_id(quotes)[HADDAD_QUOTE]["speaker"] = None
    save(folder / "quotes.yaml", quotes)
    result = update_content(article.parent.parent, folder.parent, cache_dir=cache)
    assert by_id(load(folder / "quotes.yaml"))[HADDAD_QUOTE]["speaker"] is None
    assert any("no last machine output recorded" in line for line in result.report)
    assert (folder / merge.BASE_DIR / "quotes.yaml").exists()


def test_an_editors_summary_and_key_points_win_and_survive_a_changed_article(court):
    article, folder, cache = court
    story = load(folder / "story.yaml")
    assert story["summary"] is None and 3 <= len(story["key_points"]) <= 5  # the machine writes no summary
    story["summary"] = "A treasurer stole from a food bank."
    story["key_points"] = story["key_points"][:1]
    story["key_points"][0]["text"] = "The treasurer took $310,000."
    save(folder / "story.yaml", story)
    article.write_text(COURT_ARTICLE + APPEAL, encoding="utf-8")
    update_content(article.parent.parent, folder.parent, cache_dir=cache)
    story = load(folder / "story.yaml")
    assert story["summary"] == "A treasurer stole from a food bank."
    assert [k["text"] for k in story["key_points"]] == ["The treasurer took $310,000."]


# --- mistakes in an editor's YAML: file, line, key, what is allowed ----------------------------------------------

def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new,expect", [
    ("speaker: amir-haddad", "speaker: amir-hadad", ["speaker", "'amir-hadad' is not the id of an actor",
                                                     "allowed: null or", "amir-haddad"]),
    ("kind: direct", "kind: shouted", ["kind", "allowed:", "'direct'"]),
    ("speaker_name: Amir Haddad", "speaker_nam: Amir Haddad", ["speaker_nam", "not a known key", "spelling"]),
])
@pytest.mark.slow
def test_check_and_mkdocs_build_report_an_editors_mistake_at_its_line(tmp_path, old, new, expect):
    project = make_project(tmp_path / "project", seeds=None)
    story = project / "seeds" / "food-bank"
    story.mkdir()
    (story / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    run("python", "-m", "generator", "extract", cwd=project)
    quotes = project / "content" / "food-bank" / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    line = _line_of(quotes, new)
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    for command in (("python", "-m", "generator", "check"), ("mkdocs", "build")):
        proc = run(*command, cwd=project, check=False)
        assert proc.returncode != 0, command
        assert f"quotes.yaml:{line}" in proc.stderr, proc.stderr
        assert all(e in proc.stderr for e in expect), proc.stderr
        assert "Traceback" not in proc.stderr
    assert {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()} == before


def test_check_reports_a_date_that_does_not_exist_and_a_duplicate_id(court):
    _, folder, _ = court
    timeline = load(folder / "timeline.yaml")
    timeline[0]["date"] = "2025-02-30"
    save(folder / "timeline.yaml", timeline)
    questions = load(folder / "questions.yaml")
    questions.append(dict(questions[0]))
    save(folder / "questions.yaml", questions)
    proc = run("python", "-m", "generator", "check", "--content", str(folder.parent), check=False)
    assert proc.returncode == 2
    assert f"timeline.yaml:{_line_of(folder / 'timeline.yaml', '2025-02-30')}" in proc.stderr
    assert "YYYY-MM-DD" in proc.stderr
    assert "questions.yaml" in proc.stderr and "already the id of item 0" in proc.stderr
