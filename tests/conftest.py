"""Shared fixtures: throwaway copies of this project, and one built site per session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.model.project import load_project

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["mkdocs.yml", "content", "site_templates"]


def copy_project(target: Path, *, lessons: list[Path] | None = None) -> Path:
    """A project folder with this repo's config and templates; ``lessons`` replaces content/."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    if lessons is not None:
        for path in (target / "content").glob("*.yaml"):
            path.unlink()
        for lesson in lessons:
            shutil.copy2(lesson, target / "content" / lesson.name)
    return target


@pytest.fixture(autouse=True)
def own_lesson_cache(tmp_path_factory, monkeypatch):
    """Each test gets a lesson cache of its own (never the worktree's .stepdeck-cache/)."""
    monkeypatch.setenv("STEPDECK_CACHE_DIR", str(tmp_path_factory.mktemp("stepdeck-cache")))


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """The whole sample site, built once from content/ into a temporary project (MkDocs Material)."""
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    build(load_project(root))
    return root


@pytest.fixture(scope="session")
def built_site(mkdocs_site) -> Path:
    """The sample site built by the default builder; tests/browser/ overrides it to run under both."""
    return mkdocs_site


ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The sample site built by `stepdeck build --builder zensical`, once per session."""
    if ZENSICAL is None:
        pytest.fail("zensical is not installed: pip install -e '.[test]'")
    root = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--builder", "zensical"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "anchor does not exist" not in done.stderr, done.stderr  # the page grammar's fragments are not flagged
    return root
