"""Threat 7: a failed or interrupted build never damages the output of the previous one."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site import generate, writer
from generator.commands.build import build
from generator.core.errors import RenderError, StepDeckError, ValidationFailed
from generator.model.project import load_project

from .conftest import LESSON, REPO, _env, make_project, tree_state

OUTPUTS = ("site", "diagrams", "docs")


def _state(root: Path) -> dict:
    state = tree_state(*(root / name for name in OUTPUTS))
    stray = sorted(p.name for p in root.iterdir() if ".new" in p.name or ".old" in p.name)
    return {"files": state, "stray": stray}


@pytest.fixture
def built(tmp_path) -> Path:
    root = make_project(tmp_path / "p")
    build(load_project(root))
    return root


def test_unchanged_rebuild_keeps_every_file_and_timestamp(built):
    before = _state(built)
    assert len(before["files"]) > 50 and before["stray"] == []
    time.sleep(0.05)
    build(load_project(built))
    assert _state(built) == before


def test_changed_file_is_replaced_and_others_keep_their_timestamps(built):
    before = _state(built)["files"]
    (built / "content/tiny.yaml").write_text(LESSON.replace("That is all.", "That is really all."), encoding="utf-8")
    build(load_project(built))
    after = _state(built)["files"]
    changed = {k for k in before if before[k] != after.get(k)}
    assert "docs/lessons/tiny.md" in changed
    assert not [k for k in changed if k.startswith("diagrams/")]  # the end note is not in any diagram
    assert "site/assets/stylesheets" not in " ".join(changed)


def _break_validation(root: Path):
    (root / "content/broken.yaml").write_text("id: [\n", encoding="utf-8")
    return ValidationFailed


def _break_layout(root: Path):
    # A bigger graph, so even a fast machine cannot finish it within the limit.
    extra = "".join(f"  - {{id: x{i}, label: X{i}, kind: service, tracked: false}}\n" for i in range(30))
    (root / "content/tiny.yaml").write_text(LESSON.replace("steps:\n", extra + "steps:\n", 1), encoding="utf-8")
    (root / "stepdeck.yml").write_text("limits: {layout_seconds: 0.0001}\n", encoding="utf-8")
    return RenderError


def _break_template(root: Path):
    path = root / "site_templates/lesson.html"
    path.write_text(path.read_text(encoding="utf-8") + "{{ no_such_variable }}\n", encoding="utf-8")
    return RenderError


def _break_template_syntax(root: Path):
    (root / "site_templates/index.html").write_text("{% if %}\n", encoding="utf-8")
    return RenderError


def _break_mkdocs(root: Path):
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
                    encoding="utf-8")
    return RenderError


def _break_mkdocs_extension(root: Path):
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - admonition\n", "  - no_such_extension\n"),
                    encoding="utf-8")
    return RenderError


@pytest.mark.parametrize("breaker", [_break_validation, _break_layout, _break_template, _break_template_syntax,
                                     _break_mkdocs, _break_mkdocs_extension])
def test_failure_at_any_stage_leaves_previous_output_byte_identical(built, breaker):
    before = _state(built)
    expected = breaker(built)
    with pytest.raises(expected):
        build(load_project(built))
    assert _state(built) == before


def test_unexpected_error_leaves_previous_output(built, monkeypatch):
    before = _state(built)
    monkeypatch.setattr(generate, "index_page", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build(load_project(built))
    assert _state(built) == before


def test_failed_rename_in_the_middle_of_the_swap_rolls_back(built, monkeypatch):
    before = _state(built)
    (built / "content/tiny.yaml").write_text(LESSON.replace("Tiny lesson", "Changed lesson"), encoding="utf-8")
    real_rename = Path.rename

    def rename(self, target):
        if Path(target).name == "site" and self.name.startswith(".site.new"):
            raise OSError("disk on fire")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="disk on fire"):
        build(load_project(built))
    monkeypatch.undo()
    assert _state(built) == before


def test_leftovers_of_an_interrupted_swap_are_cleaned_at_next_start(built):
    before = _state(built)
    # Killed between the two renames of the diagrams swap: only .diagrams.old holds the output.
    (built / "diagrams").rename(built / ".diagrams.old")
    (built / ".docs.new").mkdir()
    (built / ".docs.new/half-written.md").write_text("x", encoding="utf-8")
    shutil.copytree(built / "site", built / ".site.old")
    build(load_project(built))
    assert _state(built) == before


def test_recover_restores_old_tree_when_target_is_missing(tmp_path):
    (tmp_path / ".out.old").mkdir()
    (tmp_path / ".out.old/keep").write_text("previous", encoding="utf-8")
    (tmp_path / ".out.new").mkdir()
    writer.recover(tmp_path / "out")
    assert (tmp_path / "out/keep").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_blocks_sigint_and_delivers_it_afterwards(tmp_path):
    writer.staging_path(tmp_path / "out").mkdir()
    events = []
    real_rename = Path.rename

    def rename(self, target):
        if self.name == writer.staging_path(tmp_path / "out").name:
            signal.raise_signal(signal.SIGINT)  # arrives in the middle of the swap
            events.append("renamed")
        return real_rename(self, target)

    Path.rename = rename
    try:
        with pytest.raises(KeyboardInterrupt):
            writer.swap_in([tmp_path / "out"])
    finally:
        Path.rename = real_rename
    assert events == ["renamed"] and (tmp_path / "out").is_dir()  # the swap completed before the interrupt


# -- real interrupts, in a subprocess --------------------------------------------------------------
@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> tuple[Path, float]:
    """A project with every sample lesson, built once; returns it and how long a rebuild takes."""
    root = make_project(tmp_path_factory.mktemp("signals") / "p",
                        {p.name: p.read_bytes() for p in sorted((REPO / "content").glob("*.yaml"))})
    started = time.monotonic()
    result = _run(root)
    assert result.returncode == 0, result.stderr
    return root, time.monotonic() - started


def _startup() -> float:
    """Seconds until StepDeck's own code runs; a signal before that is Python's, not ours."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import generator.cli"], check=True, env=_env())
    return time.monotonic() - started


def _run(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(root), "build"],
                          capture_output=True, text=True, timeout=300, env=_env())


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_leaves_previous_output_intact(big_project, signum):
    root, duration = big_project
    before = _state(root)
    outcomes = []
    ready = 2 * _startup()
    for fraction in (0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0):
        process = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(root), "build"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        time.sleep(ready + max(0.0, duration - ready) * fraction)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=300)
        outcomes.append(process.returncode)
        assert "Traceback" not in stderr, stderr
        # -signum: the signal landed during interpreter shutdown, after the build had finished.
        assert process.returncode in (0, 130, -signum), (fraction, process.returncode, stderr)
        state = _state(root)
        # Interrupted: nothing changed. Finished first: same bytes, hard-linked, so same timestamps too.
        assert state["files"] == before["files"], fraction
        assert state["stray"] == [] or process.returncode == 130, state["stray"]
    assert 130 in outcomes  # at least one run really was interrupted
    result = _run(root)
    assert result.returncode == 0 and _state(root) == before


def test_write_file_replaces_the_file_and_never_writes_through_a_hard_link(tmp_path):
    # Trees share unchanged files as hard links; writing in place would change the other tree too.
    path, partner = tmp_path / "page.md", tmp_path / "old-tree-page.md"
    path.write_bytes(b"old")
    partner.hardlink_to(path)
    assert writer.write_file(path, b"new")
    assert path.read_bytes() == b"new" and partner.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_file_leaves_an_unchanged_file_untouched(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"same")
    before = path.stat()
    time.sleep(0.01)
    assert writer.write_file(path, b"same")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not writer.write_file(path, b"other", overwrite=False) and path.read_bytes() == b"same"


def test_an_interrupt_never_cuts_a_tree_deletion_in_half(tmp_path, monkeypatch):
    # An interrupt inside shutil.rmtree can surface as EBADF from its own cleanup, with a
    # traceback; deletion holds interrupts and delivers them once the tree is gone.
    tree = tmp_path / ".out.old"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "b" / "page.html").write_text("x")
    real_rmtree = shutil.rmtree

    def interrupted_rmtree(path, *args, **kwargs):
        signal.raise_signal(signal.SIGINT)  # arrives while the deletion is under way
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", interrupted_rmtree)
    with pytest.raises(KeyboardInterrupt):
        writer._remove(tree)
    assert not tree.exists()
