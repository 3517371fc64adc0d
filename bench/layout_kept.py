"""Layout time per kept diagram, against system `dot` (the limit) and one `pipe()` per graph.

StepDeck's engine time and its kept diagrams are measured in this process, on a generated set: each
lesson goes through the diagram stage (``generator.diagrams.draw.draw``, the stage a build runs)
with an engine wrapper that times every ``layout()`` call and keeps its source and output. Engine
time is every call, discarded candidates included. A layout is *kept* when the lesson's output uses
it: one of its long coordinate strings (a path's ``d``, a polygon's ``points``) appears in the SVG
files or the inline SVGs ``draw`` returns; distinct kept layouts are counted once. Where a lesson's
output shares no coordinates with any layout (a serialisation that rewrites them), the kept layouts
are the views ``draw.layout_names`` and the single-candidate views name instead.

The limit feeds the kept diagrams' sources to one `dot -Tsvg` process (one more, `-Kneato`, for
the sources laid out with neato); the common approach runs one process per kept graph, as
``graphviz.Source.pipe()`` does.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import REPO, median_seconds

sys.path.insert(0, str(REPO))

COORDINATES = re.compile(r'\b(?:d|points)="([^"]{24,})"')


@dataclass
class TimedEngine:
    """Any engine with ``layout()``: times each call, keeps (source, engine, output)."""

    engine: object
    seconds: float = 0.0
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def layout(self, dot_source: str, fmt: str = "svg", engine: str = "dot", timeout: float | None = None) -> str:
        start = time.perf_counter()
        out = self.engine.layout(dot_source, fmt, engine, timeout)
        self.seconds += time.perf_counter() - start
        self.calls.append((dot_source, engine, out))
        return out


def kept_calls(calls: list[tuple[str, str, str]], output_text: str) -> list[tuple[str, str]]:
    """The distinct (source, engine) pairs whose layout the output uses."""
    kept: dict[str, tuple[str, str]] = {}
    for source, engine, out in calls:
        marks = COORDINATES.findall(out)[:6]
        if marks and any(mark in output_text for mark in marks):
            kept.setdefault(out, (source, engine))
    return list(kept.values())


def _named_kept(facts, calls) -> list[tuple[str, str]]:
    """Fallback: the views draw names as kept, by view name (this code's own candidate rules)."""
    from generator.diagrams import draw as draw_module
    views = dict(zip(draw_module.sources(facts), calls))
    layouts = {name: out for name, (_, _, out) in views.items()}
    names = set(draw_module.layout_names(facts, layouts))
    names |= {n for n in views if n in ("lanes", "sequence")}
    if "flow" in layouts or any(n.startswith("flow") for n in views):
        from generator.diagrams.layout import FLOW_CANDIDATES, choose
        names.add(choose(layouts, FLOW_CANDIDATES))
    return [(views[n][0], views[n][1]) for n in sorted(names) if n in views]


@dataclass
class LayoutFigures:
    lessons: int
    calls: int
    kept: int
    engine_seconds: float
    limit_seconds: float | None  # one `dot` process per engine, for every kept source
    pipe_seconds: float | None  # one process per kept source
    fallback_lessons: int = 0

    @property
    def per_kept(self) -> float:
        return self.engine_seconds / self.kept


def engine_figures(project: Path) -> tuple[LayoutFigures, list[tuple[str, str]]]:
    """Run the diagram stage of every lesson of ``project`` with a timed engine."""
    from generator.check.pipeline import check_project
    from generator.diagrams.draw import draw
    from generator.diagrams.engine import Graphviz
    from generator.model.project import load_project

    loaded = load_project(project)
    lessons = check_project(loaded).lessons
    engine = Graphviz(loaded.limits.layout_seconds)
    timed, every_kept, fallbacks, calls = TimedEngine(engine), [], 0, 0
    timed.layout("digraph { a -> b }")  # instantiate the module outside the timing
    timed.seconds, timed.calls = 0.0, []
    for checked in lessons:
        timed.calls = []
        diagrams = draw(checked.facts, timed, checked.source)
        text = "\n".join([*diagrams.files.values(), *diagrams.inline.values()])
        kept = kept_calls(timed.calls, text)
        if not kept:
            fallbacks += 1
            kept = _named_kept(checked.facts, timed.calls)
        calls += len(timed.calls)
        every_kept += kept
    figures = LayoutFigures(len(lessons), calls, len(every_kept), timed.seconds, None, None, fallbacks)
    return figures, every_kept


def dot_limit(dot: str, kept: list[tuple[str, str]], repeat: int) -> float:
    """Median seconds for one `dot` process per engine to lay out every kept source."""
    by_engine: dict[str, str] = {}
    for source, engine in kept:
        by_engine[engine] = by_engine.get(engine, "") + source + "\n"

    def once() -> None:
        for engine, text in by_engine.items():
            subprocess.run([dot, f"-K{engine}", "-Tsvg"], input=text.encode(), capture_output=True, check=True)

    return median_seconds(once, repeat)


def dot_pipes(dot: str, kept: list[tuple[str, str]]) -> float:
    """Seconds for one `dot` process per kept source (what ``graphviz.Source.pipe()`` does)."""
    start = time.perf_counter()
    for source, engine in kept:
        subprocess.run([dot, f"-K{engine}", "-Tsvg"], input=source.encode(), capture_output=True, check=True)
    return time.perf_counter() - start


def measure(project: Path, dot: str | None, repeat: int = 3) -> LayoutFigures:
    figures, kept = engine_figures(project)
    if dot:
        figures.limit_seconds = dot_limit(dot, kept, repeat)
        figures.pipe_seconds = dot_pipes(dot, kept)
    return figures
