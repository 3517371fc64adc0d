"""Golden cases, one per feature: a small lesson and every output the real pipeline makes of it.

Each folder in ``tests/golden/`` is a case: its lesson (``lesson.yaml``, or a ``source`` file naming
a lesson elsewhere in the repository), and the expected outputs: one ``<view>.dot`` per diagram
source, ``page.md`` (the lesson page) and ``diagnostics.txt`` (every diagnostic ``stepdeck check``
prints for it, warnings included). A lesson with errors has only ``diagnostics.txt``.

Regenerate every case after an intended change with:
    STEPDECK_UPDATE_GOLDENS=1 python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.check.pipeline import check_source
from generator.diagrams import draw
from generator.diagrams.engine import Graphviz
from generator.render.environment import environment
from generator.render.pages import lesson_page

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("STEPDECK_UPDATE_GOLDENS") == "1"
INPUTS = ("lesson.yaml", "source")


def case_input(case: str) -> tuple[bytes, str]:
    """The case's lesson bytes, and the name diagnostics and markers show for it."""
    folder = GOLDEN / case
    if (folder / "source").is_file():
        path = REPO / (folder / "source").read_text(encoding="utf-8").strip()
        return path.read_bytes(), path.relative_to(REPO).as_posix()
    return (folder / "lesson.yaml").read_bytes(), f"content/{case}.yaml"


def outputs(case: str) -> dict[str, str]:
    raw, source = case_input(case)
    result = check_source(raw, source)
    files = {"diagnostics.txt": "".join(d.format() + "\n" for d in result.diagnostics)}
    for item in result.lessons:
        dot_sources = draw.sources(item.facts)
        graphviz = Graphviz()
        rendered = draw.render(item.facts, {view: graphviz.layout(dot) for view, dot in dot_sources.items()}, source)
        files.update({f"{view}.dot": dot for view, dot in dot_sources.items()})
        files["page.md"] = lesson_page(environment(REPO / "site_templates"), item.facts, rendered, source, "../../")
    return files


def test_there_are_cases_for_every_feature():
    assert {"minimal", "two-lanes", "process-flow", "generated-quiz", "answer-checks", "tracker-checkpoints",
            "long-labels", "broken", "errors-and-warnings", "service-mesh-vs-library",
            "middleman-vs-direct"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_case_matches_its_golden_files(case):
    produced = outputs(case)
    folder = GOLDEN / case
    if UPDATE:
        for stale in folder.iterdir():
            if stale.name not in INPUTS:
                stale.unlink()
        for name, text in produced.items():
            (folder / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name not in INPUTS}
    assert sorted(produced) == sorted(expected), "a golden file is missing or extra; see the module docstring"
    for name in produced:
        assert produced[name] == expected[name], f"{case}/{name} differs; see the module docstring"
