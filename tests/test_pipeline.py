"""End to end through extraction: the contract's files, evidence that is the article's own sentence, stable bytes."""
from __future__ import annotations

import pytest

import re
import shutil
from pathlib import Path

import yaml

from conftest import COURT_ARTICLE, ROOT, SAMPLE_STORY, run
from generator.articles import read_story
from generator.pipeline import update_content

REQUIRED = {
    "story.yaml": {"id", "title", "summary", "articles"},
    "actors.yaml": {"id", "name", "type", "aliases", "role", "mentions", "articles", "evidence"},
    "quotes.yaml": {"id", "text", "kind", "speaker", "speaker_name", "article", "evidence"},
    "timeline.yaml": {"id", "date", "text", "event", "article", "evidence"},
    "questions.yaml": {"id", "question", "cue", "article", "evidence"},
    "conflicts.yaml": {"id", "kind", "summary", "evidence"},
}


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def all_evidence(folder: Path):
    for name in ("actors.yaml", "quotes.yaml", "timeline.yaml", "questions.yaml", "conflicts.yaml"):
        for item in load(folder / name):
            yield name, item, item["evidence"]


def test_the_sample_story_has_every_contract_file_with_its_required_fields(sample_content):
    folder = sample_content / SAMPLE_STORY
    for name, fields in REQUIRED.items():
        data = load(folder / name)
        items = [data] if name == "story.yaml" else data
        for item in items:
            assert fields <= set(item), f"{name} item lacks {fields - set(item)}"
    article_fields = {"id", "title", "source", "byline", "published", "url", "kind"}
    assert all(article_fields <= set(a) for a in load(folder / "story.yaml")["articles"])


def test_every_kind_is_found_in_the_sample(sample_content):
    folder = sample_content / SAMPLE_STORY
    for name in ("actors.yaml", "quotes.yaml", "timeline.yaml", "questions.yaml"):
        assert load(folder / name), f"{name} is empty"
    people = {a["name"] for a in load(folder / "actors.yaml") if a["type"] == "person"}
    assert len(people) >= 5


def test_every_evidence_text_is_exactly_the_sentence_in_the_article(sample_content):
    articles = {a.id: a for a in read_story(ROOT / "seeds" / SAMPLE_STORY)}
    count = 0
    for name, item, evidence in all_evidence(sample_content / SAMPLE_STORY):
        assert evidence, f"{name} {item['id']} has no evidence"
        for ev in evidence:
            article = articles[ev["article"]]
            assert article.body[ev["start"]:ev["end"]] == ev["text"], f"{name} {item['id']}"
            assert _unmarked(ev["text"]) in _unmarked(Path(article.path).read_text(encoding="utf-8"))
            count += 1
    assert count > 50


def _unmarked(text: str) -> str:
    """Text with Markdown emphasis and line breaks set aside: 'verbatim, markup aside'."""
    return " ".join(re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", text).split())


def test_the_same_input_gives_the_same_bytes_whatever_the_hash_seed(tmp_path, sample_content):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    # The gold articles as a second story: more names, aliases that differ only in case, more cross-article merging.
    shutil.copytree(ROOT / "tests" / "gold" / "articles", seeds / "gold")
    for seed in ("1", "987"):
        # Each run with its own cache: the parse itself must not depend on the seed either.
        (tmp_path / seed).mkdir()
        shutil.copytree(seeds, tmp_path / seed / "seeds")
        run("python", "-m", "generator", "extract", "--seeds", str(tmp_path / seed / "seeds"), "--content",
            str(tmp_path / seed / "content"), "--workers", "1", env={"PYTHONHASHSEED": seed})
    for path in sorted((sample_content / SAMPLE_STORY).glob("*.yaml")):
        for seed in ("1", "987"):
            assert (tmp_path / seed / "content" / SAMPLE_STORY / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted((tmp_path / "1" / "content" / "gold").glob("*.yaml")):
        assert (tmp_path / "987" / "content" / "gold" / path.name).read_bytes() == path.read_bytes(), path.name


def test_adding_an_unrelated_article_changes_no_existing_id(tmp_path, sample_content):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / SAMPLE_STORY / "court-report.md").write_text(COURT_ARTICLE, encoding="utf-8")
    update_content(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    for name in ("quotes.yaml", "timeline.yaml", "questions.yaml"):
        before = {i["id"] for i in load(sample_content / SAMPLE_STORY / name)}
        after = {i["id"] for i in load(tmp_path / "content" / SAMPLE_STORY / name)}
        assert before <= after, f"{name}: ids lost {before - after}"


@pytest.mark.slow
def test_an_article_from_another_beat_makes_a_story_of_its_own(tmp_path):
    story = tmp_path / "seeds" / "food-bank-embezzlement"
    story.mkdir(parents=True)
    (story / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    update_content(tmp_path / "seeds", tmp_path / "content", cache_dir=tmp_path / "cache")
    folder = tmp_path / "content" / "food-bank-embezzlement"
    people = {a["name"]: a for a in load(folder / "actors.yaml") if a["type"] == "person"}
    assert {"Gregory Tallis", "Helena Marsh", "Amir Haddad"} <= set(people)
    quotes = load(folder / "quotes.yaml")
    speakers = {q["speaker_name"] for q in quotes if q["kind"] == "direct"}
    assert {"Gregory Tallis", "Amir Haddad"} <= speakers
    dates = {t["date"] for t in load(folder / "timeline.yaml")}
    assert {"2025-03-13", "2024-11"} <= dates


@pytest.mark.slow
def test_an_unchanged_story_is_not_parsed_again(tmp_path):
    first = update_content(ROOT / "seeds", tmp_path / "content", cache_dir=tmp_path / "cache")
    again = update_content(ROOT / "seeds", tmp_path / "content", cache_dir=tmp_path / "cache")
    assert len(first.parsed) == 2 and again.parsed == [] and again.written == []


@pytest.mark.slow
def test_two_articles_that_disagree_on_a_count_are_a_conflict(tmp_path):
    story = tmp_path / "seeds" / "flood"
    story.mkdir(parents=True)
    (story / "first.md").write_text("---\npublished: 2026-03-02\n---\nRescue crews said 30 people were rescued "
                                    "from flooded homes on Sunday.\n", encoding="utf-8")
    (story / "second.md").write_text("---\npublished: 2026-03-03\n---\nOfficials said 45 people were rescued "
                                     "from flooded homes over the weekend.\n", encoding="utf-8")
    update_content(tmp_path / "seeds", tmp_path / "content", cache_dir=tmp_path / "cache")
    conflicts = load(tmp_path / "content" / "flood" / "conflicts.yaml")
    assert [c["kind"] for c in conflicts] == ["number"]
    assert {e["article"] for e in conflicts[0]["evidence"]} == {"first", "second"}


def test_the_editorials_two_dates_for_the_last_visit_are_a_conflict(sample_content):
    conflicts = load(sample_content / SAMPLE_STORY / "conflicts.yaml")
    dated = [c for c in conflicts if c["kind"] == "date"]
    assert dated and {"Two summers ago", "June 2019"} <= {w for c in dated for w in re.findall(r"'([^']+)'", c["summary"])}


def test_a_long_parse_shows_its_progress_on_a_terminal_and_nothing_in_a_pipe():
    import io

    from generator.pipeline import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        progress = Progress(40, stream=stream)
        for _ in range(40):
            progress.step()
        progress.done()
        assert ("40/40" in stream.getvalue()) is shown
    short = Terminal()
    Progress(3, stream=short).step()
    assert short.getvalue() == ""
