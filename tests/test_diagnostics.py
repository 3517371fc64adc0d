"""Diagnostics: severity, silence (warnings only), every problem at once, and StepDeck's own words."""
from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

import pytest

from generator.check.codes import ERRORS, WARNINGS, silence_problem
from generator.check.pipeline import check_source
from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
LESSON = (GOLDEN / "errors-and-warnings" / "lesson.yaml").read_text(encoding="utf-8")
MINIMAL = (GOLDEN / "minimal" / "lesson.yaml").read_text(encoding="utf-8")


def project(tmp_path: Path, lessons: dict[str, str], settings: str | None = None) -> Path:
    (tmp_path / "content").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in lessons.items():
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    if settings is not None:
        (tmp_path / "stepdeck.yml").write_text(settings, encoding="utf-8")
    return tmp_path


def stepdeck(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in this process (a subprocess only adds start-up time here): exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project", str(root), *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def with_unknown_component(text: str) -> str:
    assert text.count("component: client\n") >= 1
    return text.replace("component: client\n", "component: clinet\n", 1)


@pytest.mark.parametrize("command", ["check", "generate", "build"])
def test_silence_never_hides_an_error(tmp_path, command):
    root = project(tmp_path, {"minimal.yaml": with_unknown_component(MINIMAL)}, "silence: [ref]\n")
    done = stepdeck(root, command)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "unknown component 'clinet'" in done.stderr and "[ref.component]" in done.stderr
    assert ("stepdeck.yml:1:11: silence[0]: warning: 'ref' names errors, which cannot be silenced; fix the "
            "lessons instead [config.silence]") in done.stderr
    assert not (root / "site").exists() and not (root / "diagrams").exists()


def test_a_lesson_with_an_error_and_a_warning_prints_both(tmp_path):
    root = project(tmp_path, {"errors-and-warnings.yaml": LESSON})
    done = stepdeck(root, "check")
    assert done.returncode == 1 and done.stdout == ""
    expected = (GOLDEN / "errors-and-warnings" / "diagnostics.txt").read_text(encoding="utf-8")
    assert done.stderr == expected + "stepdeck: 2 problem(s), 1 error(s)\n"
    codes = re.findall(r"\[([a-z.-]+)\]$", expected, re.M)
    assert sorted(codes) == ["check.answer", "lint.unused-component"]


def test_a_silenced_warning_goes_and_the_error_stays(tmp_path):
    root = project(tmp_path, {"errors-and-warnings.yaml": LESSON}, "silence: [lint.unused-component]\n")
    done = stepdeck(root, "check")
    assert done.returncode == 1
    assert "[check.answer]" in done.stderr and "lint.unused-component" not in done.stderr


def test_an_unknown_silence_code_is_a_located_warning(tmp_path):
    root = project(tmp_path, {"minimal.yaml": MINIMAL}, "# quiet these\nsilence:\n  - lint.unused-component\n"
                                                       "  - lint.no-such-thing\n")
    done = stepdeck(root, "check")
    assert done.returncode == 0
    line = next(line for line in done.stderr.splitlines() if "config.silence" in line)
    assert line.startswith("stepdeck.yml:4:5: silence[1]: warning: 'lint.no-such-thing' is not a warning code")
    assert stepdeck(root, "check", "--strict").returncode == 1


def test_every_code_is_an_error_or_a_warning_never_both():
    assert not set(ERRORS) & set(WARNINGS)
    assert silence_problem("lint") is None and silence_problem("lint.long-label") is None
    assert silence_problem("path") is None  # the family holds the warning path.id-mismatch
    assert "cannot be silenced" in silence_problem("schema.type")


PYDANTIC_WORDS = ["constrained", "instance of", "literal[", "function-after", "input should", "valid integer",
                  "valid dictionary", "union", "tagged", "discriminator", "pydantic", "string_type", "int_type",
                  "is not a known checkpoints", "model_type", "should be"]
BAD_VALUES = {
    "duration_minutes: 1": ["duration_minutes: five", "duration_minutes: 0", "duration_minutes: 601",
                            "duration_minutes: [1]", "duration_minutes: 1.5", "duration_minutes: true"],
    "schema_version: 1": ["schema_version: 3", "schema_version: one"],
    "id: minimal": ["id: Minimal", "id: [a]", "id: " + "a" * 70],
}


def _variants():
    for old, news in BAD_VALUES.items():
        for new in news:
            yield MINIMAL.replace(old, new, 1)
    yield MINIMAL.replace("steps:\n", "tracker: {checkpoints: [Start, 0, 2.5, [1]]}\nsteps:\n", 1)
    yield MINIMAL + "quiz:\n  - {question: q, options: [1, {txt: a}, [b]], answer: a}\n"
    yield MINIMAL + "quiz:\n  - {question: q, options: [a], answer: A}\n"
    yield MINIMAL + "key_moments: [{question: q, answer: a, steps: [0, x]}]\n"
    yield MINIMAL.replace("components:\n", "components:\n  - 42\n  - [x]\n", 1)


@pytest.mark.parametrize("text", list(_variants()))
def test_schema_errors_speak_stepdecks_words(text):
    diagnostics = check_source(text, "content/minimal.yaml").diagnostics
    assert any(d.is_error for d in diagnostics)
    for d in diagnostics:
        line = d.format().lower()
        assert not [w for w in PYDANTIC_WORDS if w in line], line
        assert d.code in ERRORS or d.code in WARNINGS, d.code


def test_only_the_chosen_union_branch_reports():
    text = MINIMAL + "quiz:\n  - {question: q, options: [a, {text: b, reson: r}], answer: A}\n"
    errors = [d for d in check_source(text, "content/minimal.yaml").diagnostics if d.is_error]
    assert [(d.path, d.code) for d in errors] == [("quiz[0].options[1].reson", "schema.unknown-key")]
