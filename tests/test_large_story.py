"""A story of many articles keeps every page a page: its long lists are cut into pages, never printed everywhere."""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, make_project, run
from generator import paging
from generator.render import LIST_PAGE, NAV_ARTICLES, nav

sys.path.insert(0, str(ROOT / "bench"))
from story import STORY, write_story  # noqa: E402


def test_items_go_one_page_per_month_in_their_order():
    items = ["2024-05-02", "2024-05-20", "2024-07-01", "2024", ""]
    parts = paging.by_month(items, lambda d: d[:7], limit=10)
    assert [(p.slug, p.label, p.items) for p in parts] == [
        ("2024-05", "May 2024", ["2024-05-02", "2024-05-20"]),
        ("2024-07", "July 2024", ["2024-07-01"]),
        ("2024", "2024, month not given", ["2024"]),
        ("undated", "Date not given", [""]),
    ]


def test_a_month_longer_than_a_page_goes_on_over_pages_of_its_own():
    parts = paging.by_month([f"2024-05-{d:02d}" for d in range(1, 26)], lambda d: d[:7], limit=10)
    assert [(p.slug, len(p.items)) for p in parts] == [("2024-05", 10), ("2024-05-2", 10), ("2024-05-3", 5)]
    assert parts[1].label == "May 2024, part 2"


def test_pages_by_count_keep_their_names_when_items_are_added_at_the_end():
    before = paging.by_count(list(range(25)), "jane-roe", limit=10)
    after = paging.by_count(list(range(31)), "jane-roe", limit=10)
    assert [p.slug for p in before] == ["jane-roe", "jane-roe.p2", "jane-roe.p3"]
    assert [p.items for p in after[:2]] == [p.items for p in before[:2]]
    assert paging.by_count([], "nobody", limit=10)[0].items == []


@pytest.fixture(scope="module")
def large_project(tmp_path_factory):
    """A generated story of a few more articles than the navigation lists, built with plain ``mkdocs build``."""
    project = make_project(tmp_path_factory.mktemp("large"), seeds=None)
    write_story(project / "seeds", NAV_ARTICLES + 10)
    run("mkdocs", "build", "--strict", cwd=project)
    return project


@pytest.mark.slow
def test_a_long_story_lists_its_articles_on_a_sources_page_not_in_every_sidebar(large_project):
    story_nav = next(v for item in nav(large_project / "content") for k, v in item.items() if k != "Home")
    assert {"Sources": f"{STORY}/articles/index.md"} in story_nav
    site = large_project / "site" / STORY
    article_page = next((site / "sources").iterdir()) / "index.html"
    links_to_articles = re.findall(r'class="md-nav__link[^"]*"[^>]*href="[^"]*sources/', article_page.read_text())
    assert links_to_articles == []
    months = (site / "articles" / "index.html").read_text(encoding="utf-8")
    month_pages = [p for p in (site / "articles").iterdir() if p.is_dir()]
    assert month_pages and all(f'href="{p.name}/"' in months for p in month_pages)
    listed = sum(p.joinpath("index.html").read_text(encoding="utf-8").count('class="voice"') for p in month_pages)
    assert listed == NAV_ARTICLES + 10


@pytest.mark.slow
def test_a_long_timeline_is_a_page_per_month_and_every_event_link_finds_its_page(large_project):
    import yaml

    events = yaml.safe_load((large_project / "content" / STORY / "timeline.yaml").read_text(encoding="utf-8"))
    assert len(events) > LIST_PAGE, "the generated story should have more events than one page holds"
    site = large_project / "site" / STORY
    parts = sorted(p for p in (site / "timeline").iterdir() if p.is_dir())
    assert parts
    shown = sum(p.joinpath("index.html").read_text(encoding="utf-8").count('class="timeline__item') for p in parts)
    assert shown == len(events)
    assert max(p.joinpath("index.html").read_text(encoding="utf-8").count('class="timeline__item')
               for p in parts) <= LIST_PAGE
    home = (site / "index.html").read_text(encoding="utf-8")
    for href, anchor in re.findall(r'href="timeline/([^"#]+)/#([^"]+)"', home):
        assert f'id="{anchor}"' in (site / "timeline" / href / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_long_story_leaves_article_text_out_of_search_but_keeps_titles(large_project):
    import json

    index = json.loads((large_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert not any(loc.startswith(f"{STORY}/sources/") for loc in locations)
    assert any(loc.startswith(f"{STORY}/articles/") for loc in locations)


@pytest.mark.slow
def test_a_correction_renders_again_the_month_page_that_shows_it_and_no_other(tmp_path):
    from generator.pipeline import update_content
    from generator.render import render

    write_story(tmp_path / "seeds", NAV_ARTICLES + 10)
    content, kept = tmp_path / "content", tmp_path / "cache"
    render(content, cache_dir=kept, stories=update_content(tmp_path / "seeds", content, cache_dir=kept).contents)
    months = sorted((content / STORY / "timeline").glob("*.md"))
    assert len(months) > 2
    before = {p: p.stat().st_mtime_ns for p in months}
    timeline = content / STORY / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    caption = re.search(r"(?m)^  event: (.+)$", text).group(1)
    timeline.write_text(text.replace(f"event: {caption}", "event: Corrected by the desk", 1), encoding="utf-8")

    render(content, cache_dir=kept, stories=update_content(tmp_path / "seeds", content, cache_dir=kept).contents)

    changed = [p for p in months if p.stat().st_mtime_ns != before[p]]
    assert len(changed) == 1 and "Corrected by the desk" in changed[0].read_text(encoding="utf-8")
