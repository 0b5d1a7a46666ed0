"""The story in brief and over time: key points, an updates log made from the content, feeds, link previews."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import COURT_ARTICLE, SAMPLE_STORY, make_project, run
from generator import updates
from generator.assemble.keypoints import key_points
from generator.records import ArticleRef, Sentence, Source, SourceBlock, Story


def _source(article: str, *sentences: str) -> Source:
    sents, at = [], 0
    for n, text in enumerate(sentences):
        sents.append(Sentence(n=n, start=at, end=at + len(text), text=text))
        at += len(text) + 1
    return Source(id=article, title=None, blocks=[SourceBlock(kind="paragraph", line=1, sentences=sents)])


def _ref(article: str, kind: str = "news", published: str | None = "2025-03-14", title: str | None = None):
    return ArticleRef(id=article, title=title or article.title(), source=None, byline=None, published=published,
                      url=None, kind=kind)


# --- key points ---------------------------------------------------------------------------------------------------

BRIDGE_NEWS = [
    "The county council voted on Tuesday to close the Mill Street bridge after inspectors found deep cracks in its supports.",
    "Engineers said repairs to the bridge supports would take at least eight months and cost about $4 million.",
    "Commuters will be diverted over the river by the Harbor Road crossing, adding twenty minutes to many trips.",
    "The bridge carried about 12,000 vehicles a day before the council ordered the closure on Tuesday evening.",
    "A spokeswoman for the county declined to say when the inspection report would be published in full.",
]
BRIDGE_OPINION = [
    "The council should have closed the Mill Street bridge years ago, when the first cracks in its supports appeared.",
    "Drivers who cross the river every day deserve better than a county that waits for concrete to crumble.",
]


def test_key_points_are_the_central_sentences_news_first_and_none_says_what_another_says():
    sources = [_source("news", *BRIDGE_NEWS), _source("column", *BRIDGE_OPINION)]
    refs = {"news": _ref("news"), "column": _ref("column", kind="opinion")}
    points = key_points(sources, refs)
    assert 3 <= len(points) <= 5
    assert points[0].evidence[0].article == "news"
    assert "bridge" in points[0].text.lower()
    for point in points:
        ev = point.evidence[0]
        assert point.text == ev.text
        assert ev.text in BRIDGE_NEWS + BRIDGE_OPINION
    assert len({p.text for p in points}) == len(points)


def test_a_quotation_a_question_and_a_first_person_aside_are_not_key_points():
    sources = [_source("a", '"We will rebuild the bridge before the winter comes, whatever it costs us," the mayor said.',
                       "Will the county ever publish the full inspection report on the Mill Street bridge?",
                       "I have crossed the Mill Street bridge every morning for twenty years without a worry.",
                       "The county council voted on Tuesday to close the Mill Street bridge after finding cracks.")]
    points = key_points(sources, {"a": _ref("a")})
    assert [p.text for p in points] == ["The county council voted on Tuesday to close the Mill Street bridge after "
                                        "finding cracks."]


# --- the updates log, from the content ----------------------------------------------------------------------------

def _index(articles: dict[str, str], **kinds) -> dict:
    return {"articles": articles, **{k: kinds.get(k, []) for k in updates.KINDS}}


def _story(*refs: ArticleRef) -> Story:
    return Story(id="s", title="S", articles=list(refs))


def test_nothing_changed_makes_no_entry():
    same = _index({"a": "1"}, quotes=["q-1"])
    assert updates.entry(same, same, _story(_ref("a"))) is None


def test_an_added_article_makes_one_entry_dated_by_that_article_with_what_it_added():
    before = _index({"a": "1"}, quotes=["q-1"], questions=["oq-1", "oq-2"])
    now = _index({"a": "1", "b": "2"}, quotes=["q-1", "q-2"], actors=["jane-roe"], questions=["oq-1"])
    story = _story(_ref("a", published="2025-01-02"), _ref("b", published="2025-03-04", title="Court rules"))
    u = updates.entry(before, now, story)
    assert (u.date, u.articles, u.quotes, u.actors, u.questions_closed) == (
        "2025-03-04", ["b"], ["q-2"], ["jane-roe"], ["oq-2"])
    assert u.summary == "Added “Court rules”: new 1 person, organisation or place and 1 quote; 1 question no longer open."


def test_a_changed_article_is_named_and_the_date_is_never_the_clock():
    story = _story(_ref("a", published="2024-12-31"))
    u = updates.entry(_index({"a": "1"}), _index({"a": "2"}), story)
    assert (u.articles, u.date) == (["a"], "2024-12-31")
    assert u.summary.startswith("Updated “A”")


# --- a real story, built twice, then with an article added -------------------------------------------------------

@pytest.fixture(scope="module")
def living(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("living"))
    run("mkdocs", "build", "--strict", cwd=project)
    return project


def _snapshot(project: Path) -> dict[str, bytes]:
    out = {}
    for top in ("content", "site"):
        for p in (project / top).rglob("*"):
            if p.is_file() and not p.name.startswith("sitemap.xml"):
                out[str(p.relative_to(project))] = p.read_bytes()
    return out


@pytest.mark.slow
def test_the_sample_story_has_key_points_found_in_its_articles_shown_first(living):
    story = yaml.safe_load((living / "content" / SAMPLE_STORY / "story.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((living / "content" / SAMPLE_STORY / "sources.yaml").read_text(encoding="utf-8"))
    sentences = {(s["id"], x["n"]): x["text"] for s in sources for b in s["blocks"] for x in b["sentences"]}
    assert 3 <= len(story["key_points"]) <= 5
    for point in story["key_points"]:
        ev = point["evidence"][0]
        assert sentences[(ev["article"], ev["sentence"])] == ev["text"] == point["text"]
    home = (living / "site" / SAMPLE_STORY / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):]
    assert article.index('class="key-points"') < article.index("What we know")


@pytest.mark.slow
def test_a_second_build_changes_no_byte_and_adds_no_update(living):
    before = _snapshot(living)
    run("mkdocs", "build", "--strict", cwd=living)
    assert _snapshot(living) == before


@pytest.mark.slow
def test_an_added_article_is_one_update_on_its_page_and_in_both_feeds(living):
    import feedparser

    log = living / "content" / SAMPLE_STORY / "updates.yaml"
    first = yaml.safe_load(log.read_text(encoding="utf-8"))
    (living / "seeds" / SAMPLE_STORY / "court.md").write_text(COURT_ARTICLE, encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=living)
    entries = yaml.safe_load(log.read_text(encoding="utf-8"))
    assert len(entries) == len(first) + 1 and entries[1:] == first
    new = entries[0]
    assert new["articles"] == ["court"] and new["date"] == "2025-03-14"
    assert "Former treasurer sentenced" in new["summary"] and new["quotes"]
    page = (living / "site" / SAMPLE_STORY / "updates" / "index.html").read_text(encoding="utf-8")
    assert page.index(new["id"]) < page.index(first[0]["id"])
    for feed in (living / "site" / SAMPLE_STORY / "feed.xml", living / "site" / "feed.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        (entry,) = [e for e in parsed.entries if e.id.endswith(":" + new["id"])]
        assert entry.updated.startswith("2025-03-14") and entry.title.endswith(new["summary"])
    quotes = (living / "site" / SAMPLE_STORY / "quotes" / "index.html").read_text(encoding="utf-8")
    assert 'class="badge-new"' in quotes
    again = _snapshot(living)
    run("mkdocs", "build", "--strict", cwd=living)
    assert _snapshot(living) == again


@pytest.mark.slow
def test_every_story_page_has_link_previews_feeds_and_one_json_ld_record(living):
    import extruct

    pages = [p for p in (living / "site" / SAMPLE_STORY).rglob("index.html")]
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        data = extruct.extract(html, syntaxes=["opengraph", "json-ld"], uniform=True)
        og = data["opengraph"][0]
        assert og["og:title"] and og["og:description"] and og["@type"] == "article", path  # uniform: og:type is @type
        assert len(data["json-ld"]) == 1 and data["json-ld"][0]["@context"].startswith("https://schema.org"), path
        assert html.count('type="application/atom+xml"') == 2, path
        json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])


@pytest.mark.slow
def test_an_editors_summary_replaces_the_key_points_and_survives_a_rebuild(tmp_path):
    project = make_project(tmp_path / "p")
    run("mkdocs", "build", "--strict", cwd=project)
    path = project / "content" / SAMPLE_STORY / "story.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: null", "summary: The desk's own summary.", 1),
                    encoding="utf-8")
    shutil.copy(project / "seeds" / SAMPLE_STORY / "wire-report.txt", project / "seeds" / SAMPLE_STORY / "again.txt")
    run("mkdocs", "build", "--strict", cwd=project)
    assert "summary: The desk's own summary." in path.read_text(encoding="utf-8")
    home = (project / "site" / SAMPLE_STORY / "index.html").read_text(encoding="utf-8")
    assert "The desk&#39;s own summary." in home or "The desk&#x27;s own summary." in home or \
        "The desk's own summary." in home
    assert 'class="key-points"' not in home
