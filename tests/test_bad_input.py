"""Bad input is refused with one message naming file, line (or byte) and the fix; a failed run changes nothing."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import COURT_ARTICLE, ROOT, SAMPLE_STORY, make_project, run
from generator.articles import MAX_CHARS
from generator.errors import ExplainerError
from generator.pipeline import update_content
from generator.store import atomic, yaml_text

# name → (files of seeds/story/, what the message must hold). Each is a mistake seen in newsrooms' folders.
CASES = {
    "binary": ({"photo.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"}, ["photo.md", "byte 8", "UTF-8"]),
    "not-utf8": ({"a.md": "Café au lait.\n".encode("cp1252")}, ["a.md:1", "byte 3", "save the file as UTF-8"]),
    "front-matter-unclosed": ({"a.md": b"---\ntitle: x\n\nSome text here.\n"}, ["a.md:1", "not closed", "---"]),
    "front-matter-broken": ({"a.md": b"---\ntitle: [x\n---\nSome text.\n"}, ["a.md:3", "not valid YAML", "quote"]),
    "not-a-date": ({"a.md": b"---\ntitle: x\npublished: not-a-date\n---\nSome text.\n"},
                   ["a.md:3", "published", "YYYY-MM-DD"]),
    "empty": ({"a.md": b"---\ntitle: x\n---\n# Only a heading\n"}, ["a.md", "empty article", "add the article's text"]),
    "duplicate-id": ({"a.md": b"Some text.\n", "a.txt": b"Other text.\n"}, ["a.md and a.txt", "rename"]),
    "no-articles": ({"notes.docx": b"PK\x03\x04"}, ["no articles", "add .md or .txt"]),
    "huge": ({"a.md": b"a" * (10 * 2**20)}, ["a.md", "MB", "limit"]),
    "front-matter-huge": ({"a.md": b"---\n" + b"key: value\n" * 5_000 + b"---\nText.\n"},
                          ["a.md:1", "front matter", "keep only the keys"]),
    "too-long-to-parse": ({"a.md": b"word " * (MAX_CHARS // 5 + 1)}, ["a.md", "characters", "split"]),
}


def _seeds(root: Path, files: dict[str, bytes]) -> Path:
    story = root / "seeds" / "story"
    story.mkdir(parents=True)
    for name, data in files.items():
        (story / name).write_bytes(data)
    return root / "seeds"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_one_clear_message_through_the_cli(tmp_path, case):
    files, expect = CASES[case]
    seeds = _seeds(tmp_path, files)
    proc = run("python", "-m", "generator", "extract", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
               check=False)
    assert "parsing" not in proc.stderr, "bad input should be refused before any article is parsed"
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "fix:" in proc.stderr, proc.stderr
    assert all(e in proc.stderr for e in expect), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "content").exists()


@pytest.mark.slow
@pytest.mark.parametrize("case", ["not-utf8", "not-a-date", "duplicate-id", "no-articles"])
def test_bad_input_stops_mkdocs_build_with_the_same_message_and_leaves_content_as_it_was(tmp_path, case):
    files, expect = CASES[case]
    project = make_project(tmp_path / "project", seeds=None)
    good = project / "seeds" / "food-bank"
    good.mkdir()
    (good / "sentencing.md").write_text(COURT_ARTICLE, encoding="utf-8")
    run("mkdocs", "build", cwd=project)
    before, site = snapshot(project / "content"), snapshot(project / "site")
    _seeds(project, files)
    proc = run("mkdocs", "build", cwd=project, check=False)
    assert proc.returncode != 0
    assert all(e in proc.stderr for e in expect), proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(project / "content") == before and snapshot(project / "site") == site


@pytest.mark.slow
def test_unknown_front_matter_keys_warn_and_the_run_goes_on(tmp_path):
    seeds = _seeds(tmp_path, {"a.md": b"---\ntitle: x\nheadline: y\n---\nThe council met on Monday.\n"})
    proc = run("python", "-m", "generator", "extract", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
               check=False)
    assert proc.returncode == 0
    assert "a.md: unknown front matter key 'headline' ignored" in proc.stderr


@pytest.mark.slow
def test_yaml_special_front_matter_values_are_kept_as_written(tmp_path):
    seeds = _seeds(tmp_path, {"a.md": b"---\ntitle: no\nsource: 1e3\nbyline: 1984\npublished: 2026-01-02\n---\n"
                                      b"The council met on Monday.\n"})
    update_content(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    story = yaml_text.read_file(tmp_path / "content" / "story" / "story.yaml", "story")
    ref = story.articles[0]
    assert (ref.title, ref.source, ref.byline) == ("no", "1e3", "1984")
    # And every YAML reader, YAML 1.2 ones included, reads them as text: they are quoted.
    text = (tmp_path / "content" / "story" / "story.yaml").read_text(encoding="utf-8")
    assert "title: 'no'" in text and "source: '1e3'" in text and "byline: '1984'" in text


# --- all or nothing ----------------------------------------------------------------------------------------------

def extracted_then_changed(tmp_path):
    """A story extracted once, then its article changed: the state in which a run is interrupted."""
    seeds = tmp_path / "seeds"
    (seeds / "food-bank").mkdir(parents=True)
    article = seeds / "food-bank" / "sentencing.md"
    article.write_text(COURT_ARTICLE, encoding="utf-8")
    content = tmp_path / "content"
    update_content(seeds, content, cache_dir=tmp_path / "cache")
    before = snapshot(content)
    article.write_text(COURT_ARTICLE + '\n"We will appeal," said defence lawyer Rosa Imbert.\n', encoding="utf-8")
    return seeds, content, before


@pytest.mark.slow
def test_an_interrupted_write_leaves_content_byte_identical(tmp_path, monkeypatch):
    """Acceptance 3: Ctrl-C (or a failing disk) after the first file was replaced; content/ is as it was."""
    seeds, content, before = extracted_then_changed(tmp_path)
    (seeds / "second-story").mkdir()  # a new story too: its folder must not be left behind
    (seeds / "second-story" / "a.md").write_text("The council met on Monday to vote.\n", encoding="utf-8")

    real_replace, calls = os.replace, []

    def interrupted(src, dst):
        if content in Path(dst).parents:  # not the findings cache
            calls.append(dst)
        if len(calls) == 3 and content in Path(dst).parents:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        update_content(seeds, content, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert len(calls) > 3  # it was interrupted midway, then put things back
    assert snapshot(content) == before
    assert not [p for p in content.rglob("*") if p.name.endswith((".tmp", ".old"))]
    assert not (content / "second-story").exists()


@pytest.mark.slow
def test_an_error_in_one_story_writes_nothing_for_the_others(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    content = tmp_path / "content"
    update_content(seeds, content, cache_dir=tmp_path / "cache")
    before = snapshot(content)
    (seeds / SAMPLE_STORY / "wire-report.txt").write_text("Changed text that would change the YAML.\n")
    (seeds / "zz-broken").mkdir()
    (seeds / "zz-broken" / "a.md").write_bytes(b"\xff\xfe")
    with pytest.raises(ExplainerError):
        update_content(seeds, content, cache_dir=tmp_path / "cache")
    assert snapshot(content) == before


@pytest.mark.slow
def test_ctrl_c_during_a_real_run_leaves_content_as_it_was(tmp_path):
    """A real SIGINT to ``python -m generator extract`` at some point of its run: content/ is whole either way."""
    import signal
    import subprocess
    import sys

    seeds, content, before = extracted_then_changed(tmp_path)
    # Ctrl-C as a terminal delivers it: a test run started in the background (`make test &`) ignores SIGINT, and
    # Python keeps an ignored SIGINT ignored, so the child gets the default handling back first.
    proc = subprocess.Popen([sys.executable, "-m", "generator", "extract", "--seeds", str(seeds), "--content",
                             str(content)], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    while "parsing" not in (line := proc.stderr.readline()) and line:
        pass  # wait until it is loading spaCy: mid-run, every article read, nothing written yet
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert snapshot(content) == before


# --- untrusted text stays text -----------------------------------------------------------------------------------

HOSTILE = """---
title: "<script>alert('title')</script> {{ config }}"
source: "<img src=x onerror=alert(1)>"
byline: Jane Doe
published: 2026-03-02
url: 'https://example.org/"><script>alert(6)</script>'
---
Mayor <b onmouseover="alert(1)">Jane Doe</b> spoke on Monday. <script>alert("body")</script>

"We will not pay {{ config.secret }} or {% include 'x' %} to anyone <img src=x onerror=alert(2)>," Doe said.

"| a | b |\\n# Heading <!-- hidden --> [click](javascript:alert(3))," said council member Sam Rivers.

See [the report](javascript:alert(4)) and <a href="javascript:alert(5)">this</a> and <iframe src="x"></iframe>.

It remains unclear whether the council will approve {{ 7 * 7 }} on March 9. The answer is: no, 1e3 times.
"""


@pytest.mark.slow
def test_a_site_built_from_injected_markup_shows_it_as_text(tmp_path):
    """Acceptance 4: no script, event handler or javascript: link in any page; Jinja shown literally."""
    import re

    project = make_project(tmp_path / "project", seeds=None)
    story = project / "seeds" / "hostile"
    story.mkdir()
    (story / "report.md").write_text(HOSTILE, encoding="utf-8")
    (story / "second.md").write_text("---\ntitle: '&lt;/title&gt;&lt;script&gt;alert(7)&lt;/script&gt; x\" y'\n---\n"
                                     "The council met on Monday.\n", encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=project)
    pages = {p: p.read_text(encoding="utf-8") for p in (project / "site" / "hostile").rglob("*.html")}
    assert len(pages) >= 7
    for path, html in pages.items():
        body = html.split("<body", 1)[1]
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", body, re.S)
        assert not [s for s in scripts if "alert" in s], path  # the theme's own scripts only
        assert not re.search(r"<[^>]+\son\w+\s*=", body), path
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", body, re.I), path
        assert not re.search(r"<(?:iframe|img src=x)", body), path
        # Jinja in an article is never evaluated: 7 * 7 is not 49 anywhere a reader sees.
        assert "49" not in re.sub(r"\d{3,}|#\S+", "", re.sub(r"<[^>]+>", "", body)), path
    every = "\n".join(pages.values())
    import html as html_module

    shown = html_module.unescape(re.sub(r"<[^>]+>", "", every))
    assert "{{ config.secret }}" in shown and "{% include 'x' %}" in shown and "{{ 7 * 7 }}" in shown
    assert "<script>alert" in shown  # shown as text, not run
    # The data round-trips: what the YAML holds is what the article said.
    quotes = yaml_text.read_file(project / "content" / "hostile" / "quotes.yaml", "quotes")
    assert any("{{ config.secret }}" in q.text for q in quotes)
    story_data = yaml_text.read_file(project / "content" / "hostile" / "story.yaml", "story")
    assert story_data.articles[0].url.endswith("<script>alert(6)</script>") and "{{ config }}" in story_data.title
