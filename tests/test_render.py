"""Rendering: YAML in, Markdown pages out, compared with committed golden pages.

After an intended change to templates or shaping, refresh the golden pages with `make golden` and review the diff.
"""
from __future__ import annotations

import os
import shutil

import yaml

from conftest import ROOT, SAMPLE_STORY, make_project, run
from generator.render import SPLIT_QUOTES, escape, nav, render, spell_date
from generator.store import yaml_text

GOLDEN = ROOT / "tests" / "golden"


def _refresh_golden_content(tmp_path) -> None:
    """`make golden`: the golden YAML is the sample story as the generator extracts it now."""
    from generator.pipeline import update_content

    fresh = tmp_path / "fresh"
    update_content(ROOT / "seeds", fresh, cache_dir=tmp_path / "cache")
    shutil.rmtree(GOLDEN / "content", ignore_errors=True)
    shutil.copytree(fresh, GOLDEN / "content", ignore=shutil.ignore_patterns(".generated", "*.md", "*.xml"))


def test_rendered_pages_match_the_golden_pages(tmp_path):
    if os.environ.get("UPDATE_GOLDEN"):
        _refresh_golden_content(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    render(content)
    pages = sorted(p.relative_to(content) for p in content.rglob("*.md"))
    expected_dir = GOLDEN / "pages"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel in pages:
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(content / rel, expected_dir / rel)
    expected = sorted(p.relative_to(expected_dir) for p in expected_dir.rglob("*.md"))
    assert pages == expected
    for rel in pages:
        assert (content / rel).read_text(encoding="utf-8") == (expected_dir / rel).read_text(encoding="utf-8"), \
            f"{rel} differs from the golden page: run `make golden` if the change is intended"


def test_rendering_twice_writes_nothing_the_second_time(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    assert render(content).written
    assert render(content).written == []


def test_rendering_hands_back_the_navigation_the_yaml_gives_rendered_or_not(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    first, again = render(content), render(content)  # the second renders nothing: its navigation is the cache's
    assert first.nav == again.nav == nav(content)
    titles = [yaml_text.read_file(path, "story").title for path in sorted(content.glob("*/story.yaml"))]
    assert [next(iter(item)) for item in first.nav] == ["Home", *titles]


def test_article_text_stays_text_on_the_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    quotes_file = next(content.glob("*/quotes.yaml"))
    quotes = yaml.safe_load(quotes_file.read_text(encoding="utf-8"))
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} {% if %} **bold** [x](javascript:alert(3))'
    quotes[0]["text"] = hostile
    quotes_file.write_text(yaml.safe_dump(quotes, allow_unicode=True, sort_keys=False), encoding="utf-8")
    render(content)
    page = (quotes_file.parent / "quotes.md").read_text(encoding="utf-8")
    for raw in ("<script", "<img", "{{", "{%", "**bold**", "](javascript:"):
        assert raw not in page
    assert escape(hostile).count("&#60;") == hostile.count("<")  # every '<' kept, as an entity the browser shows as '<'


def test_dates_are_spelled_out_at_their_precision():
    assert spell_date("2026-06-08") == "8 June 2026"
    assert spell_date("2026-06") == "June 2026"
    assert spell_date("2024") == "2024"
    assert spell_date("2026-06-08", "2026-06-09") == "8 June 2026 to 9 June 2026"


def test_a_story_with_hundreds_of_quotes_gives_each_speaker_a_page_and_builds_strictly(tmp_path, sample_content):
    project = make_project(tmp_path / "project", seeds=None)
    story = project / "content" / SAMPLE_STORY
    shutil.copytree(sample_content / SAMPLE_STORY, story)
    found = yaml.safe_load((story / "quotes.yaml").read_text(encoding="utf-8"))
    many = [dict(q, id=f"{q['id']}-{n}") for n in range(SPLIT_QUOTES // len(found) + 1) for q in found]
    (story / "quotes.yaml").write_text(yaml_text.dump_yaml(many, "quotes"), encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=project)  # every link and anchor resolves, no page outside the nav warns
    site = project / "site" / SAMPLE_STORY
    speakers = {q["speaker"] or "unattributed" for q in many}
    index = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "each on a page of their own" in index and "pull-quote" not in index
    for speaker in speakers:
        assert f'href="{speaker}/"' in index
        page = (site / "quotes" / speaker / "index.html").read_text(encoding="utf-8")
        assert 'href="../../sources/' in page and ("pull-quote" in page or "reported" in page)
    quoted = next(q["speaker"] for q in found if q["speaker"])
    assert f'href="../quotes/{quoted}/"' in (site / "actors" / "index.html").read_text(encoding="utf-8")


def test_the_actor_graphs_links_land_on_profiles_whatever_id_an_editor_typed(tmp_path):
    import re

    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    for path in content.glob("*/*.yaml"):  # an editor renames an actor's id everywhere it is used
        path.write_text(path.read_text(encoding="utf-8").replace("xi-jinping", "Xi Jinping (president)"),
                        encoding="utf-8")
    render(content)
    page = next(content.glob("*/actors.md")).read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r"\]\(#([^)\s]*)\)", page)
    assert "Xi-Jinping-president" in targets
    assert targets and all(t in anchors for t in targets)
