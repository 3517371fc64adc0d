"""The diagram stage: DOT sources for every view, one layout each, then pure restyling.

``sources()`` is pure; ``render()`` takes the laid-out SVG text from the engine
and derives every file (standalone, per-step frames, animated) and every
inline variant the pages embed. Only ``build`` hands DOT to the engine.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from . import derive, dot, svg
from .model import Lesson


@dataclass
class FrameInfo:
    """What a step frame highlights; the browser player applies the same classes."""

    number: int
    nodes: list[str]
    edges: list[str]
    marker_node: str | None
    caption: str


@dataclass
class LessonDiagrams:
    files: dict[str, str] = field(default_factory=dict)  # file name -> standalone SVG text
    inline: dict[str, str] = field(default_factory=dict)  # view name -> SVG to inline in the page
    frames: list[FrameInfo] = field(default_factory=list)
    component_nodes: dict[str, str] = field(default_factory=dict)  # component id -> node id


def sources(lesson: Lesson) -> dict[str, str]:
    """View name -> DOT source, for every view that needs its own layout."""
    result = {"overview": dot.overview(lesson)}
    flow = dot.flow(lesson)
    if flow is not None:
        result["flow"] = flow
    return result


def frame_infos(lesson: Lesson) -> list[FrameInfo]:
    ids = dot.component_ids(lesson)
    frames = [FrameInfo(0, [], [], None, f"Start: {lesson.title}")]
    for number, step in enumerate(lesson.steps, 1):
        nodes = [ids[c] for c in derive.active_components(step)]
        edges = [dot.edge_id(number, i) for i in range(1, len(step.interactions) + 1)]
        actor = derive.step_actor_label(lesson, step)
        frames.append(FrameInfo(number, nodes, edges, ids.get(step.component or ""),
                                f"Step {number} · {actor}: {step.action}"))
    return frames


def description(lesson: Lesson, view: str) -> str:
    """The same story as the execution table, for screen readers."""
    lines = [f"{view} of the lesson {lesson.title}."]
    for number, step in enumerate(lesson.steps, 1):
        lines.append(f"Step {number}, {derive.step_actor_label(lesson, step)}: {step.action}; {step.result}.")
    return " ".join(lines)


def render(lesson: Lesson, layouts: dict[str, str], source_name: str) -> LessonDiagrams:
    """Every SVG of one lesson, from the laid-out views. Pure: no I/O."""
    out = LessonDiagrams(component_nodes=dot.component_ids(lesson), frames=frame_infos(lesson))
    labels = dot.node_labels(lesson)
    prefix = f"sd-{lesson.id}-"

    overview = svg.parse(layouts["overview"])
    svg.set_titles(overview, labels, f"{lesson.title}: overview", description(lesson, "Overview"))
    out.files["overview.svg"] = svg.standalone(overview, source_name)
    out.inline["overview"] = svg.inline(overview, prefix + "ov-")

    if "flow" in layouts:
        flow = svg.parse(layouts["flow"])
        stages = " then ".join(s.label for s in lesson.process_flow.stages)
        svg.set_titles(flow, labels, f"{lesson.title}: process flow",
                       f"Process flow: {stages}. {lesson.process_flow.caption}")
        out.files["flow.svg"] = svg.standalone(flow, source_name)
        out.inline["flow"] = svg.inline(flow, prefix + "fl-")

    for info in out.frames:
        frame = copy.deepcopy(overview)
        title = f"{lesson.title}: {'start' if info.number == 0 else f'step {info.number}'}"
        svg.set_titles(frame, labels, title, info.caption + ". " + description(lesson, "Step frame"))
        if info.number:
            svg.highlight(frame, info.nodes, info.edges, str(info.number), info.marker_node)
        svg.add_caption_band(frame, info.caption)
        out.files[f"step-{info.number:02d}.svg"] = svg.standalone(frame, source_name)
        if info.number == 0:
            out.inline["player"] = svg.inline(frame, prefix + "pl-")
    return out
