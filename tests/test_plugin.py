"""The MkDocs plugin: plain `mkdocs build` works, inside this project and inside an existing site."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model.project import load_project
from generator.site.preview import PreviewGenerator
from tests.conftest import REPO, copy_project

SEED = REPO / "content" / "service-mesh-vs-library.yaml"
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

EXISTING_MKDOCS_YML = """\
site_name: Team handbook
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - On-call: on-call.md
plugins:
  - search
  - stepdeck
"""


def existing_site(root: Path) -> Path:
    """An existing MkDocs site with its own home page and explicit nav, plus StepDeck lessons."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Team handbook\n\nOur own home page.\n", encoding="utf-8")
    (root / "docs" / "on-call.md").write_text("# On-call\n\nSee [home](index.md).\n", encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / SEED.name).write_bytes(SEED.read_bytes())
    (root / "mkdocs.yml").write_text(EXISTING_MKDOCS_YML, encoding="utf-8")
    (root / "stepdeck.yml").write_text("lessons_prefix: learn/visual\nlessons_section: Visual lessons\n",
                                       encoding="utf-8")
    return root


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build"], cwd=root, env=ENV, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_plain_mkdocs_build_matches_stepdeck_build(tmp_path):
    plain = copy_project(tmp_path / "plain", lessons=[SEED])
    (plain / "docs").mkdir()
    staged = copy_project(tmp_path / "staged", lessons=[SEED])
    done = mkdocs_build(plain)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=staged, env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page = Path("site/lessons/service-mesh-vs-library/index.html")
    assert (plain / page).read_bytes() == (staged / page).read_bytes()
    assert (plain / "site/index.html").read_bytes() == (staged / "site/index.html").read_bytes()
    assert not any((plain / "docs").iterdir()), "the plugin must not write into the docs folder"


@pytest.mark.slow
def test_existing_site_keeps_its_pages_and_gets_a_lessons_section(tmp_path):
    root = existing_site(tmp_path / "handbook")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Our own home page." in home and "sd-catalog" not in home
    catalog = (site / "learn/visual/index.html").read_text(encoding="utf-8")
    assert 'class="sd-catalog"' in catalog and 'href="service-mesh-vs-library/"' in catalog
    lesson = (site / "learn/visual/service-mesh-vs-library/index.html").read_text(encoding="utf-8")
    assert 'id="sd-h-tracker"' in lesson
    assert 'href="../../../diagrams/service-mesh-vs-library/overview.svg"' in lesson
    assert (site / "diagrams/service-mesh-vs-library/overview.svg").is_file()
    for asset in ("assets/stepdeck/boot.js", "assets/stepdeck-diagrams.css"):
        assert (site / asset).is_file() and asset in lesson  # linked although mkdocs.yml does not list it
    assert "Visual lessons" in home  # the nav section, appended to the explicit nav
    assert sorted(p.name for p in (root / "docs").iterdir()) == ["index.md", "on-call.md"]


def test_invalid_lesson_fails_plain_mkdocs_build(tmp_path):
    root = existing_site(tmp_path / "handbook")
    lesson = root / "content" / SEED.name
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("\nsteps:", "\nbogus: 1\nsteps:", 1),
                      encoding="utf-8")
    done = mkdocs_build(root)
    assert done.returncode != 0
    assert f"content/{SEED.name}:" in done.stderr and "unknown key 'bogus'" in done.stderr
    assert "StepDeck: 1 error(s) in lessons" in done.stderr


def test_preview_shows_an_escaped_error_page_and_keeps_the_valid_lessons(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED])
    (root / "content" / "broken.yaml").write_text('id: broken\n"<b>x</b>": 1\n', encoding="utf-8")
    generator = PreviewGenerator(load_project(root))
    preview = generator.generate()
    assert "lessons/service-mesh-vs-library.md" in preview.doc_files
    page = preview.doc_files["lessons/broken.md"].decode("utf-8")
    assert 'class="admonition failure sd-diagnostics"' in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert preview.broken == {"content/broken.yaml": "lessons/broken.md"}
    assert {d.file for d in preview.diagnostics if d.severity == "error"} == {"content/broken.yaml"}

    layouts = generator.graphviz.misses
    assert layouts >= 1
    again = generator.generate()  # nothing changed: no layout runs again
    assert generator.graphviz.misses == layouts
    assert again.doc_files == preview.doc_files


def test_error_page_keeps_the_last_valid_id(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED])
    renamed = root / "content" / "renamed-file.yaml"
    (root / "content" / SEED.name).rename(renamed)
    generator = PreviewGenerator(load_project(root))
    assert "lessons/service-mesh-vs-library.md" in generator.generate().doc_files
    renamed.write_text(renamed.read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8")
    preview = generator.generate()
    # The browser sits on the lesson's own address: the error page takes its place there.
    assert preview.broken == {"content/renamed-file.yaml": "lessons/service-mesh-vs-library.md"}


def test_serve_explains_a_missing_plugin(tmp_path):
    root = existing_site(tmp_path / "handbook")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - stepdeck\n", ""), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "serve", "--port", "1"], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "add `- stepdeck` under `plugins:`" in done.stderr and "Traceback" not in done.stderr
