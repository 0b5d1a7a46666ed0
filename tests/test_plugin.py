"""The MkDocs plugin: declared in mkdocs.yml by name, typed options, one-line errors, the pipeline run once."""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import yaml

from conftest import ROOT, make_project, run


def test_the_package_registers_the_plugin_mkdocs_yml_names():
    (found,) = entry_points(group="mkdocs.plugins", name="explainer")
    from generator.plugin import ExplainerPlugin

    assert found.load() is ExplainerPlugin
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "explainer" in config["plugins"] and "hooks" not in config


def test_the_options_are_typed_and_defaulted():
    from generator.plugin import ExplainerConfig

    config = ExplainerConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert (config.seeds, config.workers, config.executor, config.scheduler, config.page_cache) == (
        "seeds", None, None, None, True)
    for key, value in (("workers", "two"), ("executor", "spark"), ("page_cache", "sometimes")):
        bad = ExplainerConfig()
        bad.load_dict({key: value})
        errors, _ = bad.validate()
        assert [k for k, _ in errors] == [key]


@pytest.mark.slow
def test_a_bad_option_in_mkdocs_yml_stops_the_build_with_one_line(tmp_path):
    project = make_project(tmp_path / "p", seeds=None)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - explainer\n", "  - explainer:\n      executor: spark\n"),
                                        encoding="utf-8")
    proc = run("mkdocs", "build", cwd=project, check=False)
    assert proc.returncode != 0
    assert "executor" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_the_plugin_reads_its_seeds_folder_from_its_option(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "seeds").rename(project / "articles")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - explainer\n", "  - explainer:\n      seeds: articles\n"),
                                        encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=project)
    assert (project / "site" / "xi-north-korea-visit" / "index.html").exists()


@pytest.mark.slow
def test_cli_build_runs_the_pipeline_once(tmp_path):
    project = make_project(tmp_path / "p")
    proc = run("python", "-m", "generator", "build", "--strict", cwd=project)
    assert (project / "site" / "index.html").exists()
    assert proc.stderr.count("parsing ") == 1, proc.stderr
