"""Helpers for the hostile-input suite: throwaway projects and exact diagnostics.

Every test here builds its own project under tmp_path (mkdocs.yml and
site_templates/ copied from the repo, lessons written into content/), so no
test ever writes into the repository's own docs/, site/ or diagrams/.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check.pipeline import check_source
from generator.model.limits import Limits

REPO = Path(__file__).resolve().parents[2]

# A small lesson that uses every section, so every template path renders.
# Line numbers matter: tests assert exact positions in variants of it.
LESSON = """\
schema_version: 1
id: tiny
title: Tiny lesson
category: Testing
duration_minutes: 5
summary: A small lesson.
lanes:
  - id: left
    label: Left lane
components:
  - id: app
    label: App
    kind: app
    lane: left
    initial_state: Idle
  - id: db
    label: Database
    kind: store
    tracked: false
steps:
  - component: app
    action: Reads a row
    result: Row read
    notes: First step
    state: {app: Busy}
    interactions:
      - {from: app, to: db, verb: reads, label: select}
  - component: app
    action: Finishes
    result: Done
    state: {app: Idle}
process_flow:
  stages:
    - {id: ask, label: Ask}
    - {id: answer, label: Answer}
  arrows:
    - {from: ask, to: answer, label: then}
  caption: Ask, then answer.
execution_sample:
  code: SELECT 1;
  caption: The query.
key_moments:
  - question: Why?
    answer: Because.
    steps: [1]
    components: [app]
quiz:
  - question: Which step reads?
    options: [Step 1, Step 2]
    answer: A
    hint: Look at the table.
    check: {step: 1}
snapshot:
  - Apps read rows.
end_note: That is all.
transcript: The app reads a row.
"""


def with_line(text: str, old: str, new: str) -> str:
    """Replace one exact line of a lesson (asserting it is there), keeping line numbers stable."""
    lines = text.split("\n")
    assert lines.count(old) == 1, f"{old!r} is not exactly one line of the lesson"
    lines[lines.index(old)] = new
    return "\n".join(lines)


def diagnostics(raw: bytes | str, file: str = "content/tiny.yaml", limits: Limits | None = None) -> list[str]:
    """Every error for one lesson file's bytes, formatted as the CLI prints them (no hints)."""
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    problems = [d for d in check_source(raw, file, limits).diagnostics if d.is_error]
    return [d.format().split("\n")[0] for d in problems]


def make_project(root: Path, lessons: dict[str, str | bytes] | None = None, stepdeck_yml: str | None = None) -> Path:
    """A fresh project: the repo's mkdocs.yml and templates, the given lessons in content/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    (root / "content").mkdir()
    for name, text in (lessons if lessons is not None else {"tiny.yaml": LESSON}).items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    if stepdeck_yml is not None:
        (root / "stepdeck.yml").write_text(stepdeck_yml, encoding="utf-8")
    return root


def stepdeck(root: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as CI would."""
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=root, env=_env())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def tree_state(*roots: Path) -> dict[str, tuple[str, int]]:
    """Relative path -> (sha256, mtime_ns) of every file and symlink under the roots, plus stray siblings."""
    state: dict[str, tuple[str, int]] = {}
    for root in roots:
        if not root.exists():
            state[root.name] = ("<missing>", 0)
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                key = f"{root.name}/{path.relative_to(root).as_posix()}"
                state[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return state


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
