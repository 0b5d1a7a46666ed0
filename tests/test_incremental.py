"""Incremental runs: a changed article is parsed alone, unchanged pages are not rewritten, caches survive code
changes that do not touch extraction."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import COURT_ARTICLE
from generator import cache, parallel, pipeline
from generator import render as rendering
from generator.pipeline import _EXTRACTION_ROOTS, update_content
from generator.render import render
from generator.store import story_content, yaml_text
from test_parallel import ARTICLES

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path) -> Path:
    story = tmp_path / "seeds" / "valley"
    story.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (story / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def _run(project: Path, content: str = "content"):
    result = update_content(project / "seeds", project / content, cache_dir=project / "cache")
    return result, render(project / content, cache_dir=project / "cache").written


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# Each input of the pipeline, how a test changes it, and what must be done again: (articles parsed, stories
# assembled, stories rendered). Code is "changed" by changing the digest its stage's keys are made of.
INPUTS = {
    "nothing": (lambda project, mp: None, ([], [], [])),
    "an article's text": (lambda project, mp: _append(project / "seeds" / "valley" / "storm.md",
                                                      '\n"We stayed," said farmer Ada Quill.\n'),
                          (["storm"], ["valley"], ["valley"])),
    # The findings change nowhere, so neither does the YAML, and no page is rendered again.
    "the extraction code": (lambda project, mp: mp.setattr(pipeline, "extraction_key", lambda: "changed"),
                            (sorted(ARTICLES), ["valley"], [])),
    "the assembly code": (lambda project, mp: mp.setattr(pipeline, "story_code_key", lambda: "changed"),
                          ([], ["valley"], [])),
    "an editor's correction": (lambda project, mp: _append(project / "content" / "valley" / "questions.yaml",
                                                           "# checked by the desk\n"),
                               ([], ["valley"], ["valley"])),
    "the rendering code": (lambda project, mp: mp.setattr(rendering, "_render_code", lambda: "changed"),
                           ([], [], ["valley"])),
}


@pytest.mark.parametrize("what", INPUTS)
def test_changing_each_input_redoes_exactly_the_stages_that_depend_on_it(project, monkeypatch, what):
    _run(project)
    assembled, rendered = [], []
    real_assemble, real_shape = pipeline.assemble, rendering.shape
    monkeypatch.setattr(pipeline, "assemble", lambda sid, *a, **k: assembled.append(sid) or real_assemble(sid, *a, **k))
    monkeypatch.setattr(rendering, "shape", lambda c, **k: rendered.append(c.story.id) or real_shape(c, **k))
    change, expected = INPUTS[what]
    change(project, monkeypatch)
    result, _ = _run(project)
    assert (sorted(Path(p).stem for p in result.parsed), assembled, rendered) == expected


def test_changed_reading_code_reads_every_file_again_and_parses_none(project, monkeypatch):
    _run(project)
    read, real_read = [], pipeline.read_article
    monkeypatch.setattr(pipeline, "read_article", lambda path: read.append(path.stem) or real_read(path))
    _run(project)
    assert read == []  # the articles as the last run read them
    monkeypatch.setattr(pipeline, "reading_key", lambda: "changed")
    result, _ = _run(project)
    assert sorted(read) == sorted(ARTICLES) and result.parsed == []  # the same records, so the same findings


def test_an_article_page_follows_the_story_title_an_editor_changed(project):
    _run(project)
    story = project / "content" / "valley" / "story.yaml"
    title = story_content.read_content(story.parent).story.title
    story.write_text(story.read_text(encoding="utf-8").replace(title, "The valley after the storm", 1), encoding="utf-8")
    _run(project)
    assert "The valley after the storm" in (story.parent / "sources" / "storm.md").read_text(encoding="utf-8")


def test_the_findings_cache_keeps_one_entry_per_article_not_its_history(project):
    _run(project)
    _append(project / "seeds" / "valley" / "storm.md", '\n"We stayed," said farmer Ada Quill.\n')
    (project / "seeds" / "valley" / "earnings.md").unlink()
    _run(project)
    assert len(list((project / "cache" / "findings").iterdir())) == len(ARTICLES) - 1


def test_changing_one_article_parses_that_article_alone(project, monkeypatch):
    _run(project)
    parsed_chunks = []
    real = parallel.analyze_chunk
    monkeypatch.setattr(parallel, "analyze_chunk", lambda chunk: parsed_chunks.append(chunk) or real(chunk))
    changed = project / "seeds" / "valley" / "sentencing.md"
    changed.write_text(COURT_ARTICLE + '\n"We will appeal," said defence lawyer Rosa Imbert.\n', encoding="utf-8")
    result, pages = _run(project)
    assert result.parsed == [str(changed)]
    assert [[a.id for a in chunk] for chunk in parsed_chunks] == [["sentencing"]]
    # The other articles' source pages are the same bytes, so they are not written again.
    assert project / "content" / "valley" / "sources" / "sentencing.md" in pages
    for other in ("council-vote", "storm", "earnings"):
        assert project / "content" / "valley" / "sources" / f"{other}.md" not in pages


def test_an_unchanged_run_writes_nothing_and_parses_nothing(project):
    _run(project)
    content = project / "content"
    stamps = {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()}
    result, pages = _run(project)
    assert result.parsed == [] and result.written == [] and pages == []
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()} == stamps


def test_cached_findings_give_the_same_bytes_as_a_fresh_parse(project):
    _run(project, "cold")
    result, _ = _run(project, "warm")  # a new content folder, every article from the cache
    assert result.parsed == []
    cold = {p.relative_to(project / "cold"): p.read_bytes() for p in (project / "cold").rglob("*") if p.is_file()}
    warm = {p.relative_to(project / "warm"): p.read_bytes() for p in (project / "warm").rglob("*") if p.is_file()}
    assert warm == cold


def test_a_damaged_cache_entry_is_parsed_again_not_trusted(project):
    _run(project)
    kept = cache.Cache(project / "cache")
    entry = sorted(kept.findings.glob("*.json"))[0]
    entry.write_text('{"article": "storm", "source": 3}', encoding="utf-8")
    shutil.rmtree(kept.articles.parent)  # the story must be assembled again, so its findings are read
    result, _ = _run(project)
    assert len(result.parsed) == 1


def test_an_unchanged_story_is_not_assembled_again_but_an_editors_change_is_merged(project):
    _run(project)
    result, _ = _run(project)
    assert result.written == []
    quotes = next((project / "content").glob("*/quotes.yaml"))
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result, _ = _run(project)
    assert result.parsed == [] and quotes.read_text(encoding="utf-8").endswith("\n")


def test_the_cache_key_covers_extraction_code_and_nothing_downstream():
    names = {p.relative_to(cache.PACKAGE).as_posix() for p in cache.modules(*_EXTRACTION_ROOTS)}
    assert {"nlp.py", "articles.py", "temporal.py", "records.py", "extract/quotes.py", "extract/common.py"} <= names
    # Changing how the story is assembled, stored, rendered or run re-parses nothing: of the store, only the schema
    # that validates cached findings counts.
    assert not names & {"assemble/__init__.py", "assemble/actors.py", "assemble/timeline.py", "render.py",
                        "pipeline.py", "parallel.py", "site.py"}
    assert {name for name in names if name.startswith("store/")} == {"store/schema.py"}


def test_the_run_hands_rendering_the_story_its_yaml_says_and_rendering_alone_reads_the_yaml(project):
    content = project / "content"
    result = update_content(project / "seeds", content)
    folder = next(content.glob("*/story.yaml")).parent
    assert result.contents == {folder.name: story_content.read_content(folder)}
    render(content, stories=result.contents)
    quotes = folder / "quotes.yaml"
    first = result.contents[folder.name].quotes[0].text
    quotes.write_text(quotes.read_text(encoding="utf-8").replace(first, "Corrected by the desk", 1), encoding="utf-8")
    render(content)  # no run in between: the pages follow the editor's YAML
    assert "Corrected by the desk" in (folder / "quotes.md").read_text(encoding="utf-8")
    # The next run merges the correction and hands rendering the story as corrected, not the machine's.
    result = update_content(project / "seeds", content)
    assert result.contents[folder.name] == story_content.read_content(folder)
    assert result.contents[folder.name].quotes[0].text == "Corrected by the desk"


def test_a_yaml_file_the_editor_did_not_touch_is_not_read_back(project, monkeypatch):
    update_content(project / "seeds", project / "content")
    read = []
    real = yaml_text.load_yaml
    monkeypatch.setattr(yaml_text, "load_yaml", lambda path: read.append(path.name) or real(path))
    quotes = next((project / "content").glob("*/quotes.yaml"))
    quotes.write_text(quotes.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
    changed = project / "seeds" / "valley" / "sentencing.md"
    changed.write_text(COURT_ARTICLE + '\n"We will appeal," said defence lawyer Rosa Imbert.\n', encoding="utf-8")
    update_content(project / "seeds", project / "content")
    # The edited file and its merge base are read; every file that is the last machine output as written is not.
    assert sorted(read) == ["quotes.yaml", "quotes.yaml"]
    assert quotes.read_text(encoding="utf-8").count("Rosa Imbert") >= 1


def test_an_article_taken_out_of_the_story_takes_its_page_with_it(project):
    _run(project)
    page = project / "content" / "valley" / "sources" / "storm.md"
    assert page.exists()
    (project / "seeds" / "valley" / "storm.md").unlink()
    _, pages = _run(project)
    assert not page.exists() and page in pages
    assert (project / "content" / "valley" / "sources" / "sentencing.md").exists()
