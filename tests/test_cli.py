"""The command line: every command explains itself, and bad input gets one clear line, not a traceback."""
from __future__ import annotations

import pytest

from conftest import run

COMMANDS = ("extract", "render", "build", "check", "evaluate")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    proc = run("python", "-m", "generator", command, "--help")
    assert "usage:" in proc.stdout and len(proc.stdout.splitlines()) > 3


def test_the_top_level_help_lists_every_command():
    out = run("python", "-m", "generator", "--help").stdout
    assert all(c in out for c in COMMANDS)


def test_a_binary_article_is_refused_naming_the_file(tmp_path):
    story = tmp_path / "seeds" / "s"
    story.mkdir(parents=True)
    (story / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    proc = run("python", "-m", "generator", "extract", "--seeds", str(tmp_path / "seeds"),
               "--content", str(tmp_path / "content"), check=False)
    assert proc.returncode == 2
    assert "photo.md" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "content").exists()


def test_check_names_file_line_and_key_of_an_editors_mistake(tmp_path, sample_content):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(sample_content, content)
    quotes = content / "xi-north-korea-visit" / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8").replace("kind: direct", "kind: shouted", 1)
    quotes.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "kind: shouted" in l)
    proc = run("python", "-m", "generator", "check", "--content", str(content), check=False)
    assert proc.returncode == 2
    assert f"quotes.yaml:{line}" in proc.stderr and "kind" in proc.stderr and "'direct'" in proc.stderr


def test_render_with_the_sites_address_writes_feeds_whose_links_work_anywhere(tmp_path):
    import shutil

    from conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "golden" / "content", content)
    run("python", "-m", "generator", "render", "--content", str(content), "--site-url", "https://news.example/x/")
    feed = next(content.glob("*/feed.xml")).read_text(encoding="utf-8")
    assert 'href="https://news.example/x/' in feed and 'href="../' not in feed
