"""The MkDocs plugin: declared in mkdocs.yml by name, typed options, one-line errors, the pipeline run once."""
from __future__ import annotations

import re
from importlib.metadata import entry_points

import pytest
import yaml

from conftest import ROOT, make_project, run


def test_the_package_registers_the_plugin_mkdocs_yml_names():
    (found,) = entry_points(group="mkdocs.plugins", name="explainer")
    from generator.plugin import ExplainerPlugin

    assert found.load() is ExplainerPlugin
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    assert any("explainer" in p for p in config["plugins"] if isinstance(p, dict)) and "hooks" not in config


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


def _option(mkdocs_yml: str, key: str, value: str) -> str:
    """mkdocs.yml with the explainer plugin's ``key`` set to ``value``."""
    found = re.search(rf"^(\s+{key}): .*$", mkdocs_yml, re.M)
    assert found, key
    return mkdocs_yml[:found.start()] + f"{found.group(1)}: {value}" + mkdocs_yml[found.end():]


def test_a_bad_option_in_mkdocs_yml_stops_the_build_with_one_line(tmp_path):
    project = make_project(tmp_path / "p", seeds=None)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(_option(text, "executor", "spark"),
                                        encoding="utf-8")
    proc = run("mkdocs", "build", cwd=project, check=False)
    assert proc.returncode != 0
    assert "executor" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_the_plugin_reads_its_seeds_folder_from_its_option(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "seeds").rename(project / "articles")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(_option(text, "seeds", "articles"),
                                        encoding="utf-8")
    run("mkdocs", "build", "--strict", cwd=project)
    assert (project / "site" / "xi-north-korea-visit" / "index.html").exists()


@pytest.mark.slow
def test_cli_build_runs_the_pipeline_once(tmp_path):
    project = make_project(tmp_path / "p")
    proc = run("python", "-m", "generator", "build", "--strict", cwd=project)
    assert (project / "site" / "index.html").exists()
    assert proc.stderr.count("parsing ") == 1, proc.stderr


def test_a_build_defers_full_collections_and_gives_the_process_its_thresholds_back(tmp_path):
    import gc

    from generator.collector import FULL_EVERY
    from generator.site import build_site

    project = make_project(tmp_path / "p", seeds=None)
    seen = []
    hook = lambda phase, info: seen.append(gc.get_threshold()) if phase == "start" else None  # noqa: E731
    before = gc.get_threshold()
    gc.callbacks.append(hook)
    try:
        build_site(project / "mkdocs.yml")
    finally:
        gc.callbacks.remove(hook)
    assert gc.get_threshold() == before
    assert any(threshold[2] == FULL_EVERY for threshold in seen)


def test_a_failed_build_gives_the_process_its_thresholds_back_too(tmp_path):
    import gc

    from generator.errors import ExplainerError
    from generator.site import build_site

    project = make_project(tmp_path / "p", seeds=None)
    (project / "seeds" / "story").mkdir()
    (project / "seeds" / "story" / "bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    before = gc.get_threshold()
    with pytest.raises(ExplainerError):
        build_site(project / "mkdocs.yml")
    assert gc.get_threshold() == before
