"""Property tests: arbitrary text and front matter never crash reading or extraction, and text survives YAML.

Acceptance 1 of issue 7: the only failures allowed are the named ones (``ExplainerError``), which carry a file, a
line and a fix. Few examples each, so that the suite stays fast; Hypothesis keeps the failing ones it finds.
"""
from __future__ import annotations

import pytest

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import nlp as nlp_module
from generator.articles import FRONT_MATTER_KEYS, read_article
from generator.assemble import assemble
from generator.errors import ExplainerError
from generator.extract import analyze
from generator.store import schema, yaml_text

FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of news prose and of the markup that trips parsers: names, quotes, dates, Markdown, HTML, Jinja, YAML.
PIECES = ["The", "council", "said", "Mayor Jane Doe", "on Monday", "in June 2026", "\"We will act,\"", "“No,”",
          "according to", "It remains unclear whether", "?", ".", ",", "\n", "\n\n", "# ", "## ", "- ", "> ", "**",
          "*", "_", "`", "[link](http://x.org)", "![img](a.png)", "<script>alert(1)</script>", "{{ x }}",
          "{% if %}", "| a | b |", "<!-- c -->", "---", "no", "1e3", ": ", "By Jane Doe", "\t", "\r\n", "\u2028",
          "\x85", "\ufeff", "ı", "ǅ", "😀"]
prose = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(" ".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.dates(),
                   st.text(max_size=30), st.sampled_from(["no", "1e3", "2026-06-08", "news", "https://x.org/a",
                                                          "javascript:alert(1)", "{{ x }}"]))
front_matter = st.dictionaries(st.one_of(st.sampled_from(FRONT_MATTER_KEYS), st.text(min_size=1, max_size=8)),
                               st.one_of(scalar, st.lists(scalar, max_size=2)), max_size=7)


def _write(text: str | bytes, suffix: str = ".md") -> Path:
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    path = folder / f"article{suffix}"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False) + "---\n" if meta else ""


@FEW
@given(meta=front_matter, body=prose, suffix=st.sampled_from([".md", ".txt"]))
def test_reading_any_article_gives_an_article_or_a_named_error(meta, body, suffix):
    try:
        article = read_article(_write(_front(meta) + body, suffix))
    except ExplainerError as err:
        assert err.path and err.message
        return
    for block in article.blocks:
        assert article.body[block.start:block.end] == block.text


@FEW
@given(data=st.binary(max_size=300))
def test_reading_any_bytes_gives_an_article_or_a_named_error(data):
    try:
        read_article(_write(data))
    except ExplainerError:
        pass


@FEW
@given(meta=front_matter, body=prose)
def test_extracting_any_article_gives_valid_content(nlp, meta, body):
    try:
        article = read_article(_write(_front(meta) + body))
    except ExplainerError:
        return
    (_, doc), = nlp_module.parse([article])
    found = analyze(article, doc)
    report: list[str] = []
    content = assemble("story", {}, [article], {article.id: found}, report)
    for kind, text in yaml_text.render_content(content).items():
        data = yaml.safe_load(text)
        kind = kind.removesuffix(".yaml")
        assert schema.to_data(schema.validate_file(kind, data, path=kind)) == data


@settings(max_examples=200, deadline=None)
@given(value=st.text())
def test_any_text_round_trips_through_the_content_yaml(value):
    data = [{"id": "x", "text": value, "aliases": [value], "when": value}]
    assert yaml.safe_load(yaml_text.dump_yaml(data, "quotes")) == data


@FEW
@given(value=st.one_of(st.sampled_from(["no", "yes", "y", "N", "on", "1e3", "0o17", "1_000", ".5", "null", "~",
                                        "2026-06-08", "12:30", "{{ x }}", "{% x %}", ": x", "- x", "# x", "@x"]),
                       st.from_regex(r"[-+]?[0-9]{1,4}(\.[0-9]*)?([eE][-+]?[0-9]{1,3})?", fullmatch=True)))
def test_yaml_special_strings_are_quoted_so_every_yaml_reader_sees_text(value):
    line = yaml_text.dump_yaml({"title": value}, "story").splitlines()[1]
    assert yaml.safe_load(line) == {"title": value}
    # YAML 1.2 readers (the editors' schema checker) resolve plain 1e3 or 0o17 as numbers: they must be quoted.
    assert line.startswith(("title: '", 'title: "')) or not any(c.isdigit() for c in value) or "{" in value


def test_a_date_in_front_matter_is_kept_as_a_date_and_text_keys_as_written(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 2026-06-08\npublished: 2026-06-08\n---\nThe council met on Monday.\n")
    article = read_article(path)
    assert article.title == "2026-06-08" and article.published == dt.date(2026, 6, 8).isoformat()


@pytest.mark.slow
def test_the_order_files_are_listed_in_does_not_change_a_byte(tmp_path, monkeypatch):
    from conftest import COURT_ARTICLE, ROOT
    from generator.pipeline import update_content

    seeds = tmp_path / "seeds"
    import shutil

    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "xi-north-korea-visit" / "court.md").write_text(COURT_ARTICLE, encoding="utf-8")
    update_content(seeds, tmp_path / "a", cache_dir=tmp_path / "cache")
    listed = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listed(self), reverse=True)))
    update_content(seeds, tmp_path / "b", cache_dir=tmp_path / "cache")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


items = st.lists(st.fixed_dictionaries({"id": st.text(max_size=8), "text": st.one_of(st.text(), st.sampled_from(
    ["ends in a break\n", "two\n\n", "multi\nline", "1e3", "- x", "\u2028"])), "n": st.integers(),
    "aliases": st.lists(st.text(max_size=10), max_size=3), "note": st.none()}), max_size=6)


@settings(max_examples=200, deadline=None)
@given(first=items, second=items, mapping=st.dictionaries(st.sampled_from(["id", "title", "summary"]), st.text()))
def test_yaml_written_from_remembered_item_texts_is_the_yaml_written_whole(first, second, mapping):
    with tempfile.TemporaryDirectory() as folder:
        item_texts = yaml_text.ItemTexts(Path(folder) / "item_texts.json")
        assert yaml_text.dump_body(first, item_texts) == yaml_text.dump_body(first)
        item_texts.save()
        again = yaml_text.ItemTexts(Path(folder) / "item_texts.json")  # the next run: some items known, some new
        for data in (first + second, second + first, mapping, {**mapping, "articles": first}):
            assert yaml_text.dump_body(data, again) == yaml_text.dump_body(data)
