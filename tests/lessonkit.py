"""Test helpers: lessons through the real check pipeline, and their diagrams through the real engine."""
from __future__ import annotations

from pathlib import Path

from generator.check.pipeline import check_source
from generator.diagrams import draw
from generator.diagrams.engine import Graphviz
from generator.model.derive import derive
from generator.model.facts import LessonFacts
from generator.model.lesson import Lesson
from generator.model.limits import Limits


def facts_of(text: str | bytes | Path, source: str = "content/lesson.yaml", limits: Limits | None = None
             ) -> LessonFacts:
    """The facts of a lesson that must pass the check pipeline (warnings allowed)."""
    if isinstance(text, Path):
        text = text.read_bytes()
    result = check_source(text, source, limits)
    assert result.lessons, [d.format() for d in result.diagnostics]
    return result.lessons[0].facts


def facts_from_data(data: dict) -> LessonFacts:
    """Facts of a lesson built from plain data, bypassing the YAML loader (not the model)."""
    return derive(Lesson.model_validate(data, strict=False))


def render(facts: LessonFacts, graphviz: Graphviz | None = None, source: str = "content/lesson.yaml"
           ) -> draw.LessonDiagrams:
    graphviz = graphviz or Graphviz()
    layouts = {view: graphviz.layout(dot) for view, dot in draw.sources(facts).items()}
    return draw.render(facts, layouts, source)
