"""Golden files for the DOT and Markdown output of the seed lesson and a minimal lesson.

Regenerate after an intended change with:
    STEPDECK_UPDATE_GOLDENS=1 python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import diagrams, pages
from generator.engine import Graphviz
from generator.limits import Limits
from generator.loading import load_lesson_file
from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "service-mesh-vs-library": REPO / "content" / "service-mesh-vs-library.yaml",
    "minimal": Path(__file__).parent / "lessons" / "minimal.yaml",
}
UPDATE = os.environ.get("STEPDECK_UPDATE_GOLDENS") == "1"


def lesson_of(path: Path):
    display = path.relative_to(REPO).as_posix()
    loaded, problems = load_lesson_file(path, display, Limits())
    assert not problems
    lesson, problems = validate(loaded, Limits())
    assert lesson is not None, problems
    return lesson, display


def outputs(case: str) -> dict[str, str]:
    lesson, source = lesson_of(CASES[case])
    sources = diagrams.sources(lesson)
    graphviz = Graphviz()
    rendered = diagrams.render(lesson, {view: graphviz.layout(dot) for view, dot in sources.items()}, source)
    files = {f"{view}.dot": dot for view, dot in sources.items()}
    files["page.md"] = pages.lesson_page(pages.environment(REPO / "site_templates"), lesson, rendered, source)
    return files


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_matches_golden_files(case):
    produced = outputs(case)
    folder = GOLDEN / case
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for name, text in produced.items():
            (folder / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert sorted(produced) == sorted(expected), "a golden file is missing or extra; regenerate"
    for name in produced:
        assert produced[name] == expected[name], f"{case}/{name} differs; see the module docstring"
