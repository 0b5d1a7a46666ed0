"""The real MkDocs build, as editors run it: plain `mkdocs build` regenerates what it needs and nothing more."""
from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import COURT_ARTICLE, SAMPLE_STORY, make_project, run

PAGES = ("index", "timeline", "actors", "quotes", "questions", "perspectives")


def test_a_strict_build_makes_every_story_page(built_project):
    site = built_project / "site"
    assert (site / "index.html").exists()
    for page in PAGES:
        path = site / SAMPLE_STORY / ("index.html" if page == "index" else f"{page}/index.html")
        assert path.exists(), path
    for article in ("wire-report", "desk-editorial"):
        html = (site / SAMPLE_STORY / "sources" / article / "index.html").read_text(encoding="utf-8")
        assert 'id="s-1"' in html
    # The data is published with the site.
    assert (site / SAMPLE_STORY / "quotes.yaml").exists()


def test_every_page_is_named_by_its_title_in_the_browser_tab_and_the_footer(built_project):
    site = built_project / "site"
    story = yaml.safe_load((built_project / "content" / SAMPLE_STORY / "story.yaml").read_text(encoding="utf-8"))
    home = (site / SAMPLE_STORY / "index.html").read_text(encoding="utf-8")
    assert html.unescape(re.search(r"<title>(.*?)</title>", home).group(1)) == f"{story['title']} - Explainer"
    timeline = (site / SAMPLE_STORY / "timeline" / "index.html").read_text(encoding="utf-8")
    assert html.unescape(re.search(r'aria-label="Previous: ([^"]*)"', timeline).group(1)) == story["title"]
    for page in site.rglob("index.html"):
        found = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"))
        assert not found.group(1).startswith("Index - "), page  # MkDocs' last resort: the file's name


def test_evidence_links_point_at_sentence_anchors_that_exist(built_project):
    html = (built_project / "site" / SAMPLE_STORY / "quotes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../sources/wire-report/#s-' in html


def test_a_deleted_page_is_restored_by_plain_mkdocs_build(built_project):
    page = built_project / "content" / SAMPLE_STORY / "timeline.md"
    page.unlink()
    run("mkdocs", "build", cwd=built_project)
    assert page.exists()


def test_a_build_with_nothing_changed_does_not_load_spacy(built_project):
    probe = ("import sys; from generator.site import build_site; build_site('mkdocs.yml'); "
             "print('spacy-loaded' if 'spacy' in sys.modules else 'spacy-not-loaded')")
    proc = run("python", "-c", probe, cwd=built_project)
    assert "spacy-not-loaded" in proc.stdout


@pytest.mark.slow
def test_a_changed_article_is_parsed_again_and_shows_on_the_site(tmp_path):
    project = make_project(tmp_path)
    story = project / "seeds" / "food-bank"
    story.mkdir()
    (story / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    run("python", "-m", "generator", "build", "--strict", cwd=project)
    (story / "sentencing.md").write_text(COURT_ARTICLE + '\n"We will appeal," said defence lawyer Rosa Imbert.\n',
                                         encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=project)
    html = (project / "site" / "food-bank" / "actors" / "index.html").read_text(encoding="utf-8")
    assert "Rosa Imbert" in html


def test_bad_input_stops_the_build_with_the_file_and_line(tmp_path):
    project = make_project(tmp_path, seeds=None)
    story = project / "seeds" / "broken"
    story.mkdir()
    (story / "a.md").write_text("---\ntitle: x\npublished: not-a-date\n---\nSome text here.\n", encoding="utf-8")
    proc = run("mkdocs", "build", cwd=project, check=False)
    assert proc.returncode != 0
    assert "a.md:3" in proc.stderr and "published" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (project / "content" / "broken").exists()
