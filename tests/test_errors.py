"""Broken lessons get every diagnostic at once, located, with exit code 1 and no traceback.

The expected output lives beside the broken lessons; regenerate it after an intended change with
    python -m generator check tests/lessons/broken/ 2> tests/lessons/broken/expected.txt
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).parent / "lessons" / "broken"


def stepdeck(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_broken_lessons_report_every_problem_with_its_location():
    run = stepdeck("check", "tests/lessons/broken/")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr == (BROKEN / "expected.txt").read_text(encoding="utf-8")
    assert run.stdout == ""


def test_each_diagnostic_names_file_line_column_and_yaml_path():
    run = stepdeck("check", "tests/lessons/broken/references.yaml")
    lines = run.stderr.splitlines()
    assert lines[0] == ("tests/lessons/broken/references.yaml:2:5: id: warning: lesson id 'broken-references' "
                        "differs from the file name 'references.yaml' [path.id-mismatch]")
    assert lines[2] == ("tests/lessons/broken/references.yaml:11:50: components[1].lane: "
                        "unknown lane 'right' (known: left) [ref.lane]")


def test_check_on_the_real_content_passes_and_writes_nothing(project_copy):
    def tree():
        return sorted((str(p.relative_to(project_copy)), p.stat().st_mtime_ns) for p in project_copy.rglob("*")
                      if "__pycache__" not in p.parts)

    before = tree()
    run = stepdeck("check", "content/", cwd=project_copy)
    assert run.returncode == 0, run.stderr
    assert "lesson(s) OK" in run.stdout
    assert tree() == before


def test_a_build_with_a_broken_lesson_fails_without_writing(project_copy):
    (project_copy / "content" / "broken.yaml").write_text((BROKEN / "schema.yaml").read_text())
    run = stepdeck("build", cwd=project_copy)
    assert run.returncode == 1
    assert "content/broken.yaml:3:8: title: 'no' is read as a boolean, not text [schema.quote-it]" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project_copy / "site").exists() and not (project_copy / "diagrams").exists()


def _run_with(monkeypatch, main):
    from generator import cli

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(cli, "_ignore_late_signals", lambda: None)  # the test runner keeps its handlers
    try:
        cli.run()
    except SystemExit as exit_:
        return exit_.code
    raise AssertionError("run() did not exit")


def test_an_interrupt_that_escapes_the_command_exits_130_not_by_signal(monkeypatch, capsys):
    # SIGTERM becomes a KeyboardInterrupt; one that reached the top level would make Python kill
    # itself with SIGINT (exit -2), so run() catches it.
    def interrupted():
        raise KeyboardInterrupt

    assert _run_with(monkeypatch, interrupted) == 130
    assert "interrupted" in capsys.readouterr().err


def test_an_interrupt_after_the_command_finished_keeps_its_exit_code(monkeypatch):
    from generator import cli

    calls = []

    def late_signal():
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt  # lands between main() returning and the signals being ignored

    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr(cli, "_ignore_late_signals", late_signal)
    try:
        cli.run()
    except SystemExit as exit_:
        assert exit_.code == 0
    assert calls == [1, 1]
