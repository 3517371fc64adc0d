"""Threat: a build replaces its output folders whole; it must never replace what it does not own.

StepDeck replaces a folder only when it is missing, empty or marked as its own, and every file in
it is one the build writes or carries StepDeck's generated mark; it never uses a dot-folder, a
file or the project's config. An unmarked folder of StepDeck's own files is adopted (a project
built by the previous version). A failed clean-up after the swap is a warning.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import io
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.core.errors import StepDeckError
from generator.model.project import load_project
from generator.site import ownership, writer
from generator.site.runner import build_site

from .conftest import REPO, make_project, stepdeck, tree_state

PREVIOUS_VERSION = "22d70cdf4193d51aa1f55bf7cab3a514fd6bb129"  # the last StepDeck without markers


@pytest.mark.parametrize("setting, value", [
    ("diagrams_dir", ".git"), ("site_dir", ".venv"), ("docs_dir", "out/.hidden"),
    ("site_dir", "mkdocs.yml"), ("docs_dir", "stepdeck.yml"), ("diagrams_dir", "README.md"),
])
def test_a_dot_folder_a_file_or_the_config_is_never_an_output(tmp_path, setting, value, capsys):
    root = make_project(tmp_path / "p", stepdeck_yml=f"{setting}: {value!r}\n")
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / ".venv").mkdir()
    (root / "README.md").write_text("# hi\n", encoding="utf-8")
    before = tree_state(root)
    assert main(["--project", str(root), "build"]) == 1
    assert f"stepdeck.yml: {setting}: {value!r} is a" in capsys.readouterr().err
    assert tree_state(root) == before


@pytest.mark.parametrize("name", ["notes.markdown", "logo.png", "extra.css", "lessons/draft.txt", "assets/my.js"])
def test_a_hand_written_file_of_any_kind_in_the_docs_folder_is_refused_by_name(tmp_path, name):
    root = make_project(tmp_path / "p")
    build(load_project(root), site=False)
    path = root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"mine")
    with pytest.raises(ownership.ForeignFolder, match=f"docs/ holds files StepDeck did not write: {name}"):
        build(load_project(root), site=False)
    assert path.read_bytes() == b"mine"


def test_an_unmarked_folder_with_unknown_files_is_refused_naming_them(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "site").mkdir()
    for i in range(12):
        (root / f"site/thesis-{i:02}.tex").write_text("years of work", encoding="utf-8")
    before = tree_state(root / "site")
    with pytest.raises(ownership.ForeignFolder) as caught:
        build(load_project(root))
    message = str(caught.value)
    assert message.startswith("site/ has no StepDeck marker and holds files StepDeck did not write: thesis-00.tex")
    assert "thesis-09.tex and 2 more." in message
    assert tree_state(root / "site") == before and not (root / "diagrams").exists()


def test_a_marked_diagrams_folder_still_refuses_a_hand_written_file(tmp_path):
    root = make_project(tmp_path / "p")
    build(load_project(root), site=False)
    (root / "diagrams/my-sketch.svg").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(ownership.ForeignFolder, match="diagrams/ holds files StepDeck did not write: my-sketch.svg"):
        build(load_project(root), site=False)


def test_files_with_the_generated_mark_are_replaced(tmp_path):
    root = make_project(tmp_path / "p")
    build(load_project(root), site=False)
    stale = root / "diagrams/removed-lesson/overview.svg"
    stale.parent.mkdir()
    stale.write_text("<!-- generated from content/removed-lesson.yaml by StepDeck; do not edit -->\n<svg/>")
    build(load_project(root), site=False)
    assert not stale.exists()


def test_the_committed_diagrams_marker_is_deterministic():
    assert (REPO / "diagrams" / ownership.MARKER).read_bytes() == ownership.marker_text("diagrams")
    tracked = subprocess.run(["git", "ls-files", f"diagrams/{ownership.MARKER}"], cwd=REPO, capture_output=True,
                             text=True).stdout
    assert tracked.strip() == f"diagrams/{ownership.MARKER}"


def test_a_project_built_by_the_previous_version_is_adopted(tmp_path):
    # the previous version's code with its own templates (today's templates need today's views)
    archive = subprocess.run(["git", "archive", PREVIOUS_VERSION, "generator", "site_templates"], cwd=REPO,
                             capture_output=True)
    if archive.returncode != 0:
        pytest.skip("the previous version is not in this clone (shallow?)")
    old = tmp_path / "previous"
    tarfile.open(fileobj=io.BytesIO(archive.stdout)).extractall(old, filter="data")
    root = make_project(tmp_path / "p")
    shutil.rmtree(root / "site_templates")
    shutil.copytree(old / "site_templates", root / "site_templates")  # the project as that version left it
    env = {"PYTHONPATH": str(old), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    built = subprocess.run([sys.executable, "-m", "generator", "--project", str(root), "build"],
                           capture_output=True, text=True, env=env, timeout=240, cwd=root)
    assert built.returncode == 0, built.stderr
    shutil.rmtree(root / "site_templates")
    shutil.copytree(REPO / "site_templates", root / "site_templates")  # upgraded along with StepDeck
    assert not (root / "diagrams" / ownership.MARKER).exists()  # really the previous version
    result = stepdeck(root, "build")
    assert result.returncode == 0, result.stderr
    for folder in ("diagrams", "docs", "site"):
        assert (root / folder / ownership.MARKER).is_file(), folder


def test_a_failed_clean_up_after_the_swap_is_a_warning(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p")
    build(load_project(root), site=False)
    real_remove = writer._remove

    def stuck(path):
        if ".old" in path.name:
            raise PermissionError(13, "Operation not permitted")
        real_remove(path)

    monkeypatch.setattr(writer, "_remove", stuck)
    (root / "content/tiny.yaml").write_text((root / "content/tiny.yaml").read_text().replace("That is all.", "Fin."))
    build(load_project(root), site=False)  # no exception: the new output is in place
    assert "Fin." in (root / "docs/lessons/tiny.md").read_text(encoding="utf-8")
    assert "stepdeck: warning: could not delete .diagrams.old-" in capsys.readouterr().err
    build(load_project(root), site=False)  # and later builds still work, warning again
    monkeypatch.setattr(writer, "_remove", real_remove)
    build(load_project(root), site=False)
    assert not [p for p in root.iterdir() if ".old" in p.name]


def test_the_plugin_refuses_a_hand_written_file_in_its_lessons_folder(tmp_path, caplog):
    root = make_project(tmp_path / "p")
    (root / "docs/lessons").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs/lessons/tiny.md").write_text("# My own page\n", encoding="utf-8")
    with pytest.raises(StepDeckError):
        project = load_project(root)
        build_site(project, project.config_file, root / "docs", root / "site")
    assert "lessons/ is generated by StepDeck, but holds files it did not write: lessons/tiny.md" in caplog.text
    assert (root / "docs/lessons/tiny.md").read_text(encoding="utf-8") == "# My own page\n"
