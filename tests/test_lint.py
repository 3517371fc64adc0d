"""Each lint on a small lesson, with the exact diagnostics it prints; and strict, silence and formats."""
from __future__ import annotations

import json
import textwrap

import pytest

from generator.check import lint
from generator.check.pipeline import check_source
from generator.cli import main
from generator.model.text import label_lines

BASE = textwrap.dedent("""\
    schema_version: 1
    id: lint-case
    title: Lint case
    category: Tests
    duration_minutes: 1
    summary: A lesson that every lint test bends one way.
    lanes:
      - {id: a, label: Lane A}
      - {id: b, label: Lane B}
    components:
      - {id: client, label: Client, kind: client, initial_state: Idle}
      - {id: server-a, label: Server A, kind: server, lane: a, initial_state: Up}
      - {id: server-b, label: Server B, kind: server, lane: b, initial_state: Up}
    steps:
      - component: client
        action: Calls A
        result: A works
        interactions: [{from: client, to: server-a, verb: calls}]
        state: {client: Waiting, server-a: Busy}
      - component: client
        action: Calls B
        result: B works
        interactions: [{from: client, to: server-b, verb: calls}]
        state: {server-b: Busy}
      - component: server-a
        action: Answers
        result: Client has it
        interactions: [{from: server-a, to: client, verb: responds}]
        state: {client: Done}
    tracker:
      checkpoints: [start, 1, final]
    key_moments:
      - {question: "Who starts?", answer: The client., steps: [1], components: [client]}
    quiz:
      - question: What is the client's state after step 1?
        options: [Idle, Waiting, Done]
        answer: B
        steps: [1]
        cells: [{component: client, at: 1}]
    """)


def lint_lines(text: str) -> list[str]:
    result = check_source(text, "content/lint-case.yaml")
    assert result.ok, [p.format() for p in result.diagnostics]
    return [d.format() for d in result.diagnostics if d.code.startswith("lint.")]


def bend(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_base_lesson_is_clean():
    assert lint_lines(BASE) == []


CASES = {
    "unused-component": (
        ("  - {id: server-b, label: Server B, kind: server, lane: b, initial_state: Up}\n",
         "  - {id: server-b, label: Server B, kind: server, lane: b, initial_state: Up}\n"
         "  - {id: cache, label: Cache, kind: cache, tracked: false}\n"),
        ["content/lint-case.yaml:14:5: components[3]: warning: component 'cache' is never used by a step "
         "[lint.unused-component]\n    hint: make it act in a step or draw an interaction to it, or remove it"]),
    "unchanged-state": (
        ("    state: {server-b: Busy}\n", ""),
        ["content/lint-case.yaml:13:5: components[2]: warning: tracked component 'server-b' stays 'Up' in every "
         "step [lint.unchanged-state]\n    hint: set its state in a step, or set tracked: false"]),
    "empty-lane": (
        ("  - {id: b, label: Lane B}\n", "  - {id: b, label: Lane B}\n  - {id: c, label: Lane C}\n"),
        ["content/lint-case.yaml:10:5: lanes[2]: warning: lane 'c' has no steps [lint.empty-lane]\n"
         "    hint: give the lane a component that acts in a step, or list it in a step's lanes"]),
    "checkpoint-past-end": (
        ("checkpoints: [start, 1, final]", "checkpoints: [start, 1, 3, final]"),
        ["content/lint-case.yaml:31:27: tracker.checkpoints[2]: warning: checkpoint 3 is at or past the last "
         "state change (step 3), so its column repeats 'final' [lint.checkpoint-past-end]\n"
         "    hint: remove 3 from tracker.checkpoints"]),
    "moment-step": (
        ("steps: [1], components: [client]}", "steps: [1, 2], components: [server-a]}"),
        ["content/lint-case.yaml:33:63: key_moments[0].steps[1]: warning: step 2 (client) does not involve its "
         "components server-a [lint.moment-step]\n"
         "    hint: point to a step where one of them acts, sends, receives or changes state"]),
    "quiz-step": (
        ("cells: [{component: client, at: 1}]", "cells: [{component: server-b, at: 1}]"),
        ["content/lint-case.yaml:38:13: quiz[0].steps[0]: warning: step 1 (client) does not involve its tracker "
         "cells' server-b [lint.quiz-step]\n"
         "    hint: point to a step where one of them acts, sends, receives or changes state"]),
    "hidden-cell": (
        ("cells: [{component: client, at: 1}]", "cells: [{component: client, at: 2}]"),
        ["content/lint-case.yaml:39:37: quiz[0].cells[0].at: warning: the tracker has no column for 2 "
         "(columns: start, 1, final) [lint.hidden-cell]\n    hint: add 2 to tracker.checkpoints"]),
    "duplicate-option": (
        ("options: [Idle, Waiting, Done]", "options: [Idle, Waiting, {text: ' waiting '}]"),
        ["content/lint-case.yaml:36:30: quiz[0].options[2]: warning: option C repeats option B (' waiting ') "
         "[lint.duplicate-option]\n    hint: make every option different"]),
    "long-label": (
        ("label: Server A, kind", "label: A server with a name that is far too long to fit in three short lines, kind"),
        ["content/lint-case.yaml:12:27: components[1].label: warning: label wraps to 4 lines in diagrams (at "
         "most 3 fit) [lint.long-label]\n    hint: shorten it to about 66 characters"]),
    "long-interaction-label": (
        ("{from: client, to: server-b, verb: calls}",
         "{from: client, to: server-b, verb: calls, label: calls with a payload that needs many words to describe it fully}"),
        ["content/lint-case.yaml:23:69: steps[1].interactions[0].label: warning: label wraps to 4 lines in "
         "diagrams (at most 3 fit) [lint.long-label]\n    hint: shorten it to about 66 characters"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_lint_exactly(name):
    (old, new), expected = CASES[name]
    assert lint_lines(bend(old, new)) == expected


def test_label_of_three_lines_is_fine():
    assert len(label_lines("A label that wraps over exactly three lines")) == 3
    # one unbroken word breaks every LABEL_WRAP + LONG_WORD_SLACK (32) columns
    assert len(label_lines("x" * 96)) == 3 and len(label_lines("x" * 97)) == 4


# -- wired into check: strict, silence, formats ---------------------------------

@pytest.fixture
def project(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    old, new = CASES["unused-component"][0]
    (tmp_path / "content" / "lint-case.yaml").write_text(bend(old, new))
    return tmp_path


def run(project, *args, capsys):
    code = main(["--project", str(project), "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_warnings_pass_and_strict_fails(project, capsys):
    code, out, err = run(project, capsys=capsys)
    assert (code, out) == (0, "1 lesson(s) OK\n")
    assert err == ("content/lint-case.yaml:14:5: components[3]: warning: component 'cache' is never used by a step "
                   "[lint.unused-component]\n    hint: make it act in a step or draw an interaction to it, or "
                   "remove it\n")
    code, out, err = run(project, "--strict", capsys=capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == ("content/lint-case.yaml:14:5: components[3]: component 'cache' is never used "
                                   "by a step [lint.unused-component]")
    assert err.splitlines()[-1] == "stepdeck: 1 problem(s), 1 error(s)"


@pytest.mark.parametrize("silence", ["lint.unused-component", "lint"])
def test_silenced_code_is_dropped(project, capsys, silence):
    (project / "stepdeck.yml").write_text(f"silence: [{silence}]\n")
    assert run(project, "--strict", capsys=capsys) == (0, "1 lesson(s) OK\n", "")


def test_github_format(project, capsys):
    code, out, err = run(project, "--format", "github", capsys=capsys)
    assert code == 0 and err == "1 lesson(s) OK\n"
    assert out == ("::warning file=content/lint-case.yaml,line=14,col=5,title=lint.unused-component::components[3]: "
                   "component 'cache' is never used by a step%0Ahint: make it act in a step or draw an interaction "
                   "to it, or remove it\n")
    code, out, _ = run(project, "--format", "github", "--strict", capsys=capsys)
    assert code == 1 and out.startswith("::error file=content/lint-case.yaml,line=14,col=5,")


def test_json_format(project, capsys):
    code, out, err = run(project, "--format", "json", capsys=capsys)
    assert code == 0 and err == "1 lesson(s) OK\n"
    assert json.loads(out) == {"errors": 0, "warnings": 1, "diagnostics": [{
        "file": "content/lint-case.yaml", "line": 14, "column": 5, "path": "components[3]", "severity": "warning",
        "code": "lint.unused-component", "message": "component 'cache' is never used by a step",
        "hint": "make it act in a step or draw an interaction to it, or remove it"}]}


def test_errors_in_json_and_text(project, capsys):
    (project / "content" / "lint-case.yaml").write_text(bend("    action: Answers\n", "    acton: Answers\n"))
    code, out, err = run(project, "--format", "json", capsys=capsys)
    assert code == 1 and err == "stepdeck: 2 problem(s), 2 error(s)\n"
    assert [(d["line"], d["column"], d["code"]) for d in json.loads(out)["diagnostics"]] == [
        (25, 5, "schema.missing"), (26, 5, "schema.unknown-key")]
    code, out, err = run(project, capsys=capsys)
    assert code == 1 and out == ""
    assert err == ("content/lint-case.yaml:25:5: steps[2]: missing required key 'action' [schema.missing]\n"
                   "content/lint-case.yaml:26:5: steps[2].acton: unknown key 'acton' [schema.unknown-key]\n"
                   "    hint: did you mean 'action'?\n"
                   "stepdeck: 2 problem(s), 2 error(s)\n")


def test_every_code_the_linter_emits_is_documented():
    import inspect
    import re

    emitted = set(re.findall(r'"(lint\.[a-z-]+)"', inspect.getsource(lint._Linter)))
    assert emitted == set(lint.CODES)
