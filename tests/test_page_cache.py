"""The page cache: a plain `mkdocs build` reuses the HTML of unchanged pages and makes the same site, byte for byte.

Every build here is a real `mkdocs build` of a project copy; the cache's own count ("N page(s) built, M reused")
says what was rebuilt, and a build with ``EXPLAINER_PAGE_CACHE=false`` is the reference each site is compared with.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import COURT_ARTICLE, SAMPLE_STORY, make_project, run
from generator.cache import Cache
from generator.page_cache import RENDERED

pytestmark = pytest.mark.slow

# A fixed build date: the sitemap prints it, and two builds on either side of midnight would differ.
ENV = {"SOURCE_DATE_EPOCH": "1767225600"}
COUNT = re.compile(r"explainer: (\d+) page\(s\) built(?: \((\d+) of them from cached Markdown\))?, (\d+) reused")


def build(project: Path, *args: str, cache: bool = True, check: bool = True):
    return run("mkdocs", "build", *args, cwd=project, check=check,
               env={**ENV, "EXPLAINER_PAGE_CACHE": "true" if cache else "false"})


def counts(proc) -> tuple[int, int, int]:
    """(built, built from cached Markdown, reused) as the build reported them."""
    found = COUNT.findall(proc.stderr)
    assert len(found) == 1, proc.stderr
    built, rethemed, reused = found[0]
    return int(built), int(rethemed or 0), int(reused)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages(project: Path) -> dict[str, bytes]:
    """The Markdown pages MkDocs builds (dot-folders such as .generated/ are not part of the site)."""
    content = project / "content"
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*.md"))
            if not any(part.startswith(".") for part in p.relative_to(content).parts)}


def entries(project: Path) -> list[Path]:
    return sorted(Cache.of_project(project).html.glob("*.page"))


def warnings(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]


def assert_same_site_as_without_the_cache(project: Path) -> None:
    cached = tree(project / "site")
    before = {p.name: p.stat().st_mtime_ns for p in entries(project)}
    proc = build(project, cache=False)
    assert "page(s) built" not in proc.stderr
    assert {p.name: p.stat().st_mtime_ns for p in entries(project)} == before, "the switched-off build used the cache"
    reference = tree(project / "site")
    assert cached.keys() == reference.keys()
    assert [name for name in reference if cached[name] != reference[name]] == []


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> Path:
    """A project built once with an empty cache: every page built and stored."""
    project = make_project(tmp_path_factory.mktemp("page-cache"))
    proc = build(project, "--strict")
    assert counts(proc) == (len(pages(project)), 0, 0)
    assert len(entries(project)) == len(pages(project))
    return project


@pytest.fixture
def project(cold, tmp_path) -> Path:
    """A copy of the cold-built project, cache included (its keys hold no path of the project)."""
    return shutil.copytree(cold, tmp_path / "project", symlinks=True)


def test_a_warm_build_reuses_every_page_and_makes_the_same_site_as_no_cache(project):
    proc = build(project, "--strict")
    assert counts(proc) == (0, 0, len(pages(project)))
    assert_same_site_as_without_the_cache(project)


def test_an_edited_item_rebuilds_only_the_pages_whose_markdown_changed(project):
    before = pages(project)
    questions = project / "content" / SAMPLE_STORY / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^(  question: )", r"\1Edited, ", text, count=1)
    assert edited != text
    questions.write_text(edited, encoding="utf-8")

    proc = build(project, "--strict")

    after = pages(project)
    changed = [name for name in after if after[name] != before.get(name)]
    assert 1 <= len(changed) < len(after)
    assert counts(proc) == (len(changed), 0, len(after) - len(changed))
    html = (project / "site" / SAMPLE_STORY / "questions" / "index.html").read_text(encoding="utf-8")
    assert "Edited, " in html
    # The entries of the pages as they were are pruned: one entry a page.
    assert len(entries(project)) == len(after)
    assert_same_site_as_without_the_cache(project)


def test_a_new_article_changes_the_navigation_and_rebuilds_every_page(project):
    (project / "seeds" / SAMPLE_STORY / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    proc = build(project, "--strict")
    assert (project / "content" / SAMPLE_STORY / "sources" / "sentencing.md").exists()
    assert counts(proc) == (len(pages(project)), 0, 0)
    assert_same_site_as_without_the_cache(project)


def test_a_renamed_article_goes_through_the_theme_again_with_its_markdown_from_the_cache(project):
    before = pages(project)
    story = project / "content" / SAMPLE_STORY / "story.yaml"
    text = story.read_text(encoding="utf-8")
    # An article's title, which the navigation prints (the story's would be in every page's Markdown too).
    edited = re.sub(r"(?m)^  title: (.*)$", r"  title: Renamed, \1", text, count=1)
    assert edited != text
    story.write_text(edited, encoding="utf-8")

    proc = build(project, "--strict")

    after = pages(project)
    unchanged = [name for name in after if after[name] == before.get(name)]
    assert unchanged, "every page printed the title: this test needs one that does not"
    # The article's title is in every page's navigation: no page's output is reused, but the Markdown of the pages
    # that do not print the title is.
    assert counts(proc) == (len(after), len(unchanged), 0)
    assert "Renamed, " in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert counts(build(project)) == (0, 0, len(after))
    assert_same_site_as_without_the_cache(project)


def test_a_damaged_entry_is_rebuilt_not_trusted(project):
    total = len(pages(project))
    flipped, truncated, emptied = entries(project)[:3]
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated.write_bytes(truncated.read_bytes()[:200])
    emptied.write_bytes(b"")

    assert counts(build(project, "--strict")) == (3, 0, total - 3)
    assert_same_site_as_without_the_cache(project)
    # Written again, whole: the next build trusts them.
    assert counts(build(project)) == (0, 0, total)


def _point_first_evidence_at(project: Path, sentence: int) -> None:
    questions = project / "content" / SAMPLE_STORY / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^(    sentence: )\d+$", rf"\g<1>{sentence}", text, count=1)
    assert edited != text
    questions.write_text(edited, encoding="utf-8")


def test_strict_anchor_checks_see_the_anchors_of_cached_pages(project):
    total = len(pages(project))
    # A changed page links to a sentence the (cached) source page does not have.
    _point_first_evidence_at(project, 9999)
    proc = build(project, "--strict", check=False)
    assert proc.returncode != 0
    broken = [line for line in warnings(proc) if "does not contain an anchor" in line]
    assert broken and all("/sources/" in line for line in broken), proc.stderr
    built, _, reused = counts(proc)
    assert built < total and reused == total - built  # the source pages linked to were not rendered again

    # Unchanged, every page cached: the broken links are still reported, from the cached pages' links.
    again = build(project)
    assert counts(again) == (0, 0, total)
    assert [line for line in warnings(again) if "does not contain an anchor" in line] == broken

    # A sentence the source page has: no warning, valid anchors of cached pages are known.
    _point_first_evidence_at(project, 1)
    fixed = build(project, "--strict")
    assert warnings(fixed) == []
    assert counts(fixed)[2] > 0


def test_what_a_page_render_logged_is_logged_again_when_the_page_is_reused(tmp_path):
    project = make_project(tmp_path, seeds=None)
    (project / "content" / "notes.md").write_text(
        "# Notes\n\nSee [the minutes](minutes.md) and [the summary](index.md#nowhere).\n", encoding="utf-8")
    # A quiet build shows no warning, but the cache keeps what the render said.
    quiet = build(project, "--quiet")
    assert warnings(quiet) == []
    warm = build(project)
    assert counts(warm) == (0, 0, 2)
    reference = build(project, cache=False)
    assert any("'minutes.md'" in line for line in warnings(reference)), reference.stderr
    assert warnings(warm) == warnings(reference)


def test_the_cache_restores_every_attribute_a_page_render_sets(tmp_path):
    """The MkDocs internal the cache depends on most: an upgrade that makes render set more fails here."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Title\n\n## Part\n\n[here](#part) and [there](other.md#top)\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other {#top}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("index.md", "other.md")])
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    before = dict(vars(page))
    page.render(config, files)
    missing = object()
    assert {name for name, value in vars(page).items() if before.get(name, missing) is not value} == RENDERED
