"""Shared fixtures: the real spaCy pipeline, a project copy to build in, and an article from another beat."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_STORY = "xi-north-korea-visit"
CORPUS = ROOT.parent / "shared" / "corpus"

# A story from another beat, written for these tests: no name in it appears in the sample story.
COURT_ARTICLE = """---
title: Former treasurer sentenced for embezzling from food bank
source: Valley Courier
byline: Dana Whitfield
published: 2025-03-14
---
A former treasurer of the Riverside Community Food Bank was sentenced on Thursday to four years in prison for
embezzling more than $310,000 from the charity.

Judge Helena Marsh told the court that Gregory Tallis had betrayed "the people who trusted him most." Tallis, 58,
pleaded guilty in November 2024 to wire fraud.

"I am ashamed of what I did, and I will spend the rest of my life repaying it," Tallis said before the sentence
was read.

Prosecutor Amir Haddad said the food bank had cut its weekend deliveries because of the losses. "Families went
without meals so that he could pay for vacations," Haddad said.

It remains unclear whether the charity will recover the money. A restitution hearing is scheduled for May 2.
"""


def run(*args: str, cwd: Path = ROOT, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run a command with the project's Python on PATH, as a user would."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # This checkout's generator first, whatever checkout the venv's editable install points at (a git worktree
    # sharing a venv would otherwise test another tree's code).
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), full_env.get("PYTHONPATH")) if p)
    bindir = str(Path(sys.executable).parent)
    full_env["PATH"] = bindir + os.pathsep + full_env.get("PATH", "")
    proc = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def make_project(dest: Path, *, seeds: Path | None = ROOT / "seeds") -> Path:
    """A copy of the project's site set-up in ``dest``: mkdocs.yml, theme, seeds; the generator itself linked."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", dest / "site-theme")
    (dest / "generator").symlink_to(ROOT / "generator")
    if seeds is not None:
        shutil.copytree(seeds, dest / "seeds")
    else:
        (dest / "seeds").mkdir()
    (dest / "content").mkdir()
    return dest


@pytest.fixture(scope="session")
def nlp():
    from generator.nlp import load

    return load()


@pytest.fixture(scope="session")
def sample_content(tmp_path_factory) -> Path:
    """The sample story extracted once for the whole session (the real model, a fresh cache)."""
    from generator.pipeline import update_content

    out = tmp_path_factory.mktemp("sample")
    update_content(ROOT / "seeds", out / "content", cache_dir=out / "cache")
    return out / "content"


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A project copy built once with plain ``mkdocs build --strict``."""
    project = make_project(tmp_path_factory.mktemp("project"))
    run("mkdocs", "build", "--strict", cwd=project)
    return project


# Fixtures that load the spaCy model or build the site: a test that uses one is slow, whatever its own marks say,
# so that `make test-fast` (-m "not slow") runs without the model installed.
SLOW_FIXTURES = frozenset({"nlp", "sample_content", "built_project", "court", "figures"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
