"""Threat 6: every cap has a safe default, a clear error, and a setting in stepdeck.yml."""
from __future__ import annotations

import re

import pytest

from generator.commands.build import build
from generator.commands.check import check
from generator.core.errors import RenderError, StepDeckError, ValidationFailed
from generator.model.limits import Limits
from generator.model.project import load_project

from .conftest import LESSON, make_project, stepdeck, tree_state, with_line


def _lines(exc: ValidationFailed) -> list[str]:
    return [d.format().split("\n")[0] for d in exc.diagnostics if d.code.startswith("limit.")]


def _failing(root) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        check(load_project(root))
    return _lines(caught.value)


def test_defaults_are_finite_and_safe():
    limits = Limits()
    assert limits.max_file_bytes == 1_000_000 and limits.max_depth == 12
    assert (limits.max_components, limits.max_steps, limits.max_lanes, limits.max_options) == (40, 60, 6, 8)
    assert (limits.max_label_chars, limits.max_text_chars, limits.layout_seconds) == (80, 20_000, 10.0)


def _many_components(n: int) -> str:
    extra = "".join(f"  - {{id: x{i}, label: X{i}, kind: service, tracked: false}}\n" for i in range(n))
    return LESSON.replace("steps:\n", extra + "steps:\n", 1)


def _tangled(n: int) -> str:
    """Components wired densely enough that laying them out takes far longer than a millisecond."""
    extra = "".join(f"  - {{id: x{i}, label: X{i}, kind: service, tracked: false}}\n" for i in range(n))
    steps = "".join(
        f"  - component: x{i}\n    action: a\n    result: r\n    interactions:\n"
        + "".join(f"      - {{from: x{i}, to: x{(i * k + 7) % n}, verb: calls}}\n" for k in (3, 5, 11))
        for i in range(n))
    return LESSON.replace("components:\n", "components:\n" + extra, 1).replace("steps:\n", "steps:\n" + steps, 1)


def _many_steps(n: int) -> str:
    extra = "".join("  - {component: app, action: a, result: r}\n" for _ in range(n))
    return LESSON.replace("process_flow:\n", extra + "process_flow:\n", 1)


def _many_lanes(n: int) -> str:
    extra = "".join(f"  - {{id: lane{i}, label: L{i}}}\n" for i in range(n))
    return LESSON.replace("components:\n", extra + "components:\n", 1)


def _many_options(n: int) -> str:
    options = ", ".join(["Step 1", "Step 2"] + [f"Other {i}" for i in range(n)])
    return with_line(LESSON, "    options: [Step 1, Step 2]", f"    options: [{options}]")


@pytest.mark.parametrize("make, count, setting, expected", [
    (_many_components, 39, "max_components", "components: 41 components, over the limit of 40 [limit.count]"),
    (_many_steps, 59, "max_steps", "steps: 61 steps, over the limit of 60 [limit.count]"),
    (_many_lanes, 6, "max_lanes", "lanes: 7 lanes, over the limit of 6 [limit.count]"),
    (_many_options, 7, "max_options", "quiz[0].options: 9 options, over the limit of 8 [limit.count]"),
])
def test_count_caps(tmp_path, make, count, setting, expected):
    root = make_project(tmp_path / "p", {"tiny.yaml": make(count)})
    [line] = _failing(root)
    assert line.split(": ", 1)[1] == expected
    (root / "stepdeck.yml").write_text(f"limits:\n  {setting}: {count + 10}\n", encoding="utf-8")
    assert check(load_project(root)).lessons  # raised in stepdeck.yml: accepted


def test_label_length_cap(tmp_path):
    root = make_project(tmp_path / "p", {"tiny.yaml": with_line(LESSON, "    label: App", "    label: " + "A" * 81)})
    assert _failing(root) == [
        "content/tiny.yaml:12:12: components[0].label: text is 81 characters, over the limit of 80 [limit.length]"]
    (root / "stepdeck.yml").write_text("limits: {max_label_chars: 200}\n", encoding="utf-8")
    assert check(load_project(root)).lessons


def test_text_length_cap(tmp_path):
    root = make_project(tmp_path / "p", {"tiny.yaml": with_line(LESSON, "transcript: The app reads a row.",
                                                                 "transcript: " + "word " * 4001)})
    assert _failing(root) == [
        "content/tiny.yaml:56:13: transcript: text is 20004 characters, over the limit of 20000 [limit.length]"]
    (root / "stepdeck.yml").write_text("limits: {max_text_chars: 30000}\n", encoding="utf-8")
    assert check(load_project(root)).lessons


def test_file_size_and_depth_caps_are_configurable(tmp_path):
    root = make_project(tmp_path / "p", stepdeck_yml="limits: {max_file_bytes: 100}\n")
    [line] = _failing(root)
    assert line == f"content/tiny.yaml:1:1: file is {len(LESSON.encode())} bytes, over the limit of 100 [limit.file-size]"
    root = make_project(tmp_path / "q", stepdeck_yml="limits: {max_depth: 2}\n")
    [line] = _failing(root)
    assert line == "content/tiny.yaml:8:9: lanes[0].id: nested deeper than 2 levels [limit.depth]"


def test_layout_time_cap_stops_graphviz_and_keeps_old_output(tmp_path):
    # the lesson's own time cap stays out of the way: this is about the per-layout one
    root = make_project(tmp_path / "p", {"tiny.yaml": _tangled(20)}, stepdeck_yml="limits: {lesson_seconds: 600}\n")
    build(load_project(root), site=False)
    before = tree_state(root / "diagrams", root / "docs")
    # Well under the tangled graph's layout time, even when a loaded machine delays the timer thread.
    (root / "stepdeck.yml").write_text("limits: {layout_seconds: 0.001, lesson_seconds: 600}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"content/tiny.yaml:\d+:1: steps: \w+ diagram: layout took longer than "
                                          r"0.001 s \[render\]"):
        build(load_project(root), site=False)
    assert tree_state(root / "diagrams", root / "docs") == before
    result = stepdeck(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.match(r"content/tiny.yaml:\d+:1: steps: \w+ diagram: layout took longer than 0.001 s \[render\]\n",
                    result.stderr)
    assert result.stderr.endswith(", 1 error(s)\n")  # the lesson's warnings are printed beside it


@pytest.mark.parametrize("config, message", [
    ("limits: {max_steps: 0}\n", "limits: max_steps must be a positive number"),
    ("limits: {max_steps: -5}\n", "limits: max_steps must be a positive number"),
    ("limits: {max_stepz: 5}\n", "unknown cap(s) ['max_stepz']"),
    ("limits: {max_steps: many}\n", "limits.max_steps"),
    ("limits: {layout_seconds: .inf}\n", "limits: layout_seconds must be a positive number"),
])
def test_bad_limit_settings_are_reported(tmp_path, config, message):
    root = make_project(tmp_path / "p", stepdeck_yml=config)
    with pytest.raises(StepDeckError, match=None) as caught:
        load_project(root)
    assert message in str(caught.value)
