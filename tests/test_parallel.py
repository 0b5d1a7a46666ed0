"""The per-article map: one process, two processes and Dask workers write the same bytes."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COURT_ARTICLE, ROOT, run
from generator import parallel
from generator.errors import ExplainerError
from generator.pipeline import update_content

# Short articles from three beats, so the two-process and Dask runs split them into several chunks.
ARTICLES = {
    "sentencing": COURT_ARTICLE,
    "council-vote": """---
title: Council delays vote on bus depot
source: Valley Courier
published: 2025-03-20
---
The City Council postponed a vote on the new bus depot on Wednesday after residents of Elm Park objected.

"We were told about this plan two weeks ago," said Mira Osei, who chairs the Elm Park residents' association.
Council member Paul Brandt said the vote would be held on April 3.

It is not yet clear whether the transit agency will change the site.
""",
    "storm": """---
title: Storm cuts power to thousands
source: Coastal Daily
published: 2025-01-12
---
A storm cut power to 12,000 homes along the coast on Saturday, the utility Harbor Electric said.

"Crews will work through the night," said Ana Ruiz, a spokeswoman for the company. Schools in Port Ellis will stay
closed on Monday, Superintendent James Kerr said.
""",
    "earnings": """---
title: Grainco profit falls as costs rise
source: Market Wire
published: 2025-02-27
---
Grainco reported on Thursday that its quarterly profit fell 18 percent, as higher fuel prices lifted its costs.

Chief executive Lena Vogt told analysts the company expected a better second half. "We have cut what we could,"
she said. The company will report full-year results in August.
""",
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    story = tmp_path_factory.mktemp("parallel") / "seeds" / "valley"
    story.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (story / f"{name}.md").write_text(text, encoding="utf-8")
    return story.parent


@pytest.fixture(scope="module")
def one_process(seeds, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("one")
    result = update_content(seeds, out / "content", cache_dir=out / "cache", workers=1)
    assert len(result.parsed) == len(ARTICLES)
    return _files(out / "content")


def _files(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_processes_write_the_same_bytes_as_one(seeds, one_process, tmp_path):
    proc = run("python", "-m", "generator", "extract", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
               "--workers", "2")
    assert "in 2 processes" in proc.stderr
    assert _files(tmp_path / "content") == one_process


@pytest.mark.slow
def test_dask_workers_write_the_same_bytes_as_one_process(seeds, one_process, tmp_path):
    pytest.importorskip("distributed")
    proc = run("python", "-m", "generator", "extract", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
               "--executor", "dask", "--workers", "2")
    assert "local Dask cluster of 2 process(es)" in proc.stderr
    assert _files(tmp_path / "content") == one_process


def test_a_handful_of_articles_is_parsed_in_one_process_by_default(seeds):
    from generator.articles import read_seeds

    articles = read_seeds(seeds)["valley"]
    assert parallel.auto_workers(articles) == 1
    assert parallel.auto_workers(articles * 400) == parallel.cores()


def test_chunks_keep_the_articles_order_and_give_every_worker_a_share(seeds):
    from generator.articles import read_seeds

    articles = read_seeds(seeds)["valley"] * 9  # 36
    for workers in (1, 2, 5):
        chunks = parallel._chunks(articles, workers)
        assert [a for chunk in chunks for a in chunk] == articles
        assert len(chunks) >= min(workers, len(articles)) and max(map(len, chunks)) <= parallel.CHUNK


@pytest.mark.parametrize("options, message", [
    (dict(workers=0), "--workers: expected 1 or more"),
    (dict(executor="spark"), "--executor: expected one of local, dask"),
    (dict(scheduler="tcp://127.0.0.1:8786"), "--scheduler"),
])
def test_bad_options_say_what_is_allowed(options, message):
    with pytest.raises(ExplainerError, match=message):
        parallel.settings(**options)


def _plugin_options(monkeypatch, **env: str) -> dict:
    from mkdocs.config import load_config

    for key in ("EXPLAINER_WORKERS", "EXPLAINER_EXECUTOR", "EXPLAINER_SCHEDULER", "EXPLAINER_PAGE_CACHE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return dict(load_config(str(ROOT / "mkdocs.yml")).plugins["explainer"].config)


def test_the_environment_sets_the_plugin_options_through_mkdocs_yml_and_nothing_else_reads_it(monkeypatch):
    assert _plugin_options(monkeypatch) == dict(seeds="seeds", workers=None, executor="local", scheduler=None,
                                                page_cache=True)
    assert _plugin_options(monkeypatch, EXPLAINER_WORKERS="3", EXPLAINER_EXECUTOR="dask",
                           EXPLAINER_SCHEDULER="tcp://127.0.0.1:8786", EXPLAINER_PAGE_CACHE="false") == dict(
        seeds="seeds", workers=3, executor="dask", scheduler="tcp://127.0.0.1:8786", page_cache=False)
    monkeypatch.setenv("EXPLAINER_WORKERS", "3")
    assert parallel.settings() == (None, "local", None)  # the CLI's extract: its options alone


def test_a_bad_value_in_the_environment_stops_the_build_naming_the_option(monkeypatch, caplog):
    from mkdocs.exceptions import Abort, ConfigurationError

    with pytest.raises((Abort, ConfigurationError)):
        _plugin_options(monkeypatch, EXPLAINER_WORKERS="two")
    assert "Plugin 'explainer' option 'workers'" in caplog.text
