"""Bounds everywhere: no input reaches a Python limit (int digits, recursion, timers, memory) as a
traceback, and no flood of one mistake costs more than a scan of the file."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from generator.check.caps import PER_CODE
from generator.check.loading import Problems
from generator.check.positions import LineIndex
from generator.check.reading import forbidden_characters
from generator.cli import main
from generator.commands.build import build
from generator.core.errors import LessonsFailed, StepDeckError
from generator.model.limits import UPPER_BOUNDS, Limits
from generator.model.project import load_project

from .conftest import LESSON, diagnostics, make_project, stepdeck, with_line
from .test_limits import _tangled

F = "content/tiny.yaml"
HUGE = "9" * 5000  # past Python's 4,300-digit int-to-text limit


@pytest.mark.parametrize("line, column, path", [
    (f"duration_minutes: {HUGE}", 19, "duration_minutes"),
    (f"duration_minutes: -{HUGE}", 19, "duration_minutes"),
    (f"duration_minutes: 0x{'f' * 5000}", 19, "duration_minutes"),
])
def test_a_huge_integer_is_a_located_error(line, column, path):
    text = with_line(LESSON, "duration_minutes: 5", line)
    found = diagnostics(text)
    assert found[0].startswith(f"{F}:5:{column}: {path}: number is ") and found[0].endswith("[limit.length]")


def test_a_huge_integer_anywhere_gives_no_traceback_in_check_or_build(tmp_path, capsys):
    text = with_line(LESSON, "    check: {step: 1}", f"    check: {{step: {HUGE}}}")
    text = with_line(text, "    label: Left lane", f"    label: {HUGE}")
    root = make_project(tmp_path / "p", {"tiny.yaml": text})
    for command in ("check", "build"):
        assert main(["--project", str(root), command]) == 1
        assert "[limit.length]" in capsys.readouterr().err


@pytest.mark.parametrize("setting", sorted(UPPER_BOUNDS))
def test_every_limit_has_an_upper_bound(tmp_path, setting):
    root = make_project(tmp_path / "p", stepdeck_yml=f"limits: {{{setting}: 1.0e+12}}\n")
    with pytest.raises(StepDeckError, match=f"limits: {setting} must be at most"):
        load_project(root)
    (root / "stepdeck.yml").write_text(f"limits: {{{setting}: {UPPER_BOUNDS[setting]}}}\n", encoding="utf-8")
    assert getattr(load_project(root).limits, setting) == UPPER_BOUNDS[setting]


@pytest.mark.parametrize("config", ["limits: {max_file_bytes: 1.0e+19}\n", "limits: {layout_seconds: 1.0e+12}\n",
                                    "limits: {max_file_bytes: 1e19}\n", "limits: {layout_seconds: 1e12}\n",
                                    "limits: {max_depth: 100000}\n", f"limits: {{max_steps: {HUGE}}}\n"])
def test_out_of_bound_settings_exit_1_without_a_traceback(tmp_path, config, capsys):
    root = make_project(tmp_path / "p", stepdeck_yml=config)
    assert main(["--project", str(root), "generate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stepdeck: error: stepdeck.yml: ") and err.count("\n") == 1, err
    assert "limits" in err or "4300 digits" in err


def test_deep_nesting_at_the_highest_depth_limit_is_a_diagnostic_not_a_recursion_error():
    limits = Limits(max_depth=UPPER_BOUNDS["max_depth"])
    deep = "transcript: " + "[" * 100_000 + "]" * 100_000 + "\n"
    found = diagnostics(LESSON.replace("transcript: The app reads a row.\n", deep), limits=limits)
    assert found == [f"{F}:56:{13 + 64}: " + "transcript" + "[0]" * 64 + ": nested deeper than 64 levels [limit.depth]"]


@pytest.mark.parametrize("flood", ["\x01", "\r", "\x85", "\u2028"])
def test_a_megabyte_flood_gives_fifty_diagnostics_and_a_count(tmp_path, flood, capsys):
    count = 999_000 // len(flood.encode("utf-8"))  # just under the 1 MB file limit
    root = make_project(tmp_path / "p", {"tiny.yaml": "id: x\n" + flood * count})
    assert main(["--project", str(root), "check", "--format", "json"]) == 1  # was 4 minutes and 146 MB
    out = capsys.readouterr().out
    assert len(out) < 40_000 and f"... and {count - PER_CODE:,} more such characters" in out


def test_line_and_column_are_found_in_one_pass():
    """Work counted, not timed: positions of every character of a flood scan each character once."""
    work = {}
    for size in (1_000, 1_000_000):
        text = ("\x01" * 99 + "\n") * (size // 100)
        index = LineIndex(text)
        last = (0, 0)
        for offset in range(0, len(text), 7):
            last = index.at(offset)
        assert last == (len(text) // 100 - (0 if (len(text) - 1) % 100 else 0), (len(text) - 1) // 7 * 7 % 100 + 1)
        work[size] = index.scanned
        assert index.scanned <= len(text)
    assert work[1_000_000] / work[1_000] < 1_100  # linear: a thousand times the text, a thousand times the work


def test_reading_a_flood_stops_after_the_shown_diagnostics():
    problems = Problems(F)
    index = forbidden_characters("\x01" * 1_000_000, problems)
    assert len(problems.items) == PER_CODE + 1 and index.scanned <= PER_CODE + 1


def test_every_code_is_capped_per_file():
    keys = "".join(f"unknown{i}: x\n" for i in range(300))
    found = diagnostics(LESSON + keys)
    unknown = [d for d in found if d.endswith("[schema.unknown-key]")]
    assert len(unknown) == PER_CODE + 1
    assert [d for d in unknown if ": ... and 250 more like this [schema.unknown-key]" in d]


def test_lesson_seconds_caps_the_whole_lesson(tmp_path):
    root = make_project(tmp_path / "p", {"tiny.yaml": _tangled(38)},
                        stepdeck_yml="limits: {lesson_seconds: 0.001, layout_seconds: 600}\n")
    with pytest.raises(LessonsFailed) as caught:
        build(load_project(root), site=False)
    [line] = [d.format() for d in caught.value.diagnostics if d.is_error]
    assert re.fullmatch(rf"{F}:\d+:1: steps: .*longer than 0.001 s to load, lay out and render \(limits.lesson_seconds\)"
                        r".* \[limit.time\]", line.split("\n")[0]), line
    assert not (root / "diagrams").exists()


def test_max_output_bytes_is_refused_naming_the_limit(tmp_path):
    root = make_project(tmp_path / "p", stepdeck_yml="limits: {max_output_bytes: 1000}\n")
    with pytest.raises(LessonsFailed) as caught:
        build(load_project(root), site=False)
    [line] = [d.format() for d in caught.value.diagnostics if d.is_error]
    assert "over the limit of" in line and "raise limits.max_output_bytes" in line and line.endswith("[limit.output]")
    assert Limits(max_output_bytes=1000).output_cap(len(LESSON)) == 50 * len(LESSON)


def test_step_frames_do_not_repeat_the_whole_story(tmp_path):
    root = make_project(tmp_path / "p")
    build(load_project(root), site=False)
    frame = (root / "diagrams/tiny/step-01.svg").read_text(encoding="utf-8")
    assert "Finishes" not in frame  # step 2's action belongs to step 2's frame and the overview
    assert "Finishes" in (root / "diagrams/tiny/overview.svg").read_text(encoding="utf-8")


def test_schema_check_never_reads_a_huge_file_whole(tmp_path):
    root = make_project(tmp_path / "p")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024 ** 3)  # sparse: 3 GB long, no disk used
    os.symlink(huge, root / "content/lesson.schema.json")
    result = subprocess.run(["prlimit", "--as=1500000000", *stepdeck_argv(root, "schema", "--check")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "is stale" in result.stderr


def stepdeck_argv(root, *args):
    import sys

    return [sys.executable, "-m", "generator", "--project", str(root), *args]
