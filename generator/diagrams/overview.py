"""Pure DOT for the component views: the overview (and so every frame) and the process flow."""
from __future__ import annotations

from typing import Iterable

from ..model import ids
from ..model.facts import LessonFacts
from ..model.text import label_lines
from .dot import attrs, header, quote, quote_lines
from .layout import Candidate
from .states import placeholder_lines
from .theme import STYLE_LOOKS, family_colours, node_look, palette

# Answers go back along their request: every arrow in the reply style is ranked as a request edge
# (drawn with dir=back), so a request/response pair shares ranks instead of stretching the picture.
REPLY_STYLE = "reply"
FLOW_FAMILIES = ("blue", "teal", "green", "orange", "amber", "purple")


def node(node_id: str, label: str, component, reserved: list[str] | None = None) -> str:
    """A component's node; ``reserved`` lines under its name hold room for its state (``states``)."""
    kind = component.kind
    shape, style, family = node_look(kind, component.shape, component.family)
    fill, stroke = family_colours(family, "light")
    text = quote_lines(label_lines(label) + reserved) if reserved else quote(label)
    return "  " + node_id + " " + attrs(
        id=node_id, label=text, shape=shape, style=",".join(filter(None, ["filled", style])),
        fillcolor=fill, color=stroke, **{"class": f"sd-node sd-kind-{kind} sd-fam-{family}"})


def overview(facts: LessonFacts, candidate: Candidate = Candidate("LR")) -> str:
    """Every component, grouped by lane, with every interaction numbered by step.

    The ``candidate`` (rank direction, the order the lane clusters and the shared
    components are written in, spacing) makes one of the layouts ``layout.choose``
    picks from; ids are the same in each.
    """
    return "\n".join(_overview_lines(facts, candidate)) + "\n"


def _lane_lines(facts: LessonFacts, lane_index: int, lane, tight: bool = False) -> Iterable[str]:
    light = palette("light")
    members = [c for c in facts.lesson.components if c.lane == lane.id]
    if not members:
        return
    yield f"  subgraph {ids.lane_cluster(lane_index)} {{"
    yield "    graph " + attrs(id=ids.lane(lane_index), label=quote(lane.label), style="rounded,filled",
                               fillcolor=light["lane-fill"], color=light["lane-stroke"],
                               fontcolor=light["muted"], margin=8 if tight else 16, **{"class": "sd-lane"})
    for component in members:
        yield "  " + node(facts.nodes[component.id], component.label, component,
                          placeholder_lines(facts, component.id))
    yield "  }"


def _overview_lines(facts: LessonFacts, candidate: Candidate) -> Iterable[str]:
    lesson, nodes = facts.lesson, facts.nodes
    yield from header("overview", candidate.rankdir, candidate.tight)
    lanes = list(enumerate(lesson.lanes, 1))
    lanes = lanes[::-1] if candidate.lanes_reversed else lanes
    shared = [node(nodes[c.id], c.label, c, placeholder_lines(facts, c.id))
              for c in lesson.components if c.lane is None]
    split = len(lanes) // 2 if candidate.shared_between and shared else len(lanes)
    for lane_index, lane in lanes[:split]:
        yield from _lane_lines(facts, lane_index, lane, candidate.tight)
    yield from shared
    for lane_index, lane in lanes[split:]:
        yield from _lane_lines(facts, lane_index, lane, candidate.tight)
    # Every scenario's own arrows are in the one layout too (drawn only in that scenario's frames).
    every_step = [*facts.steps, *(step for scenario in facts.scenarios for step in scenario.own_steps)]
    for step in every_step:
        for arrow in step.interactions:
            tail, head, look = nodes[arrow.source.from_], nodes[arrow.source.to], dict(STYLE_LOOKS[arrow.style])
            if arrow.style == REPLY_STYLE and tail != head:
                tail, head = head, tail
                look["dir"] = "back"
                if "arrowhead" in look:
                    look["arrowtail"] = look.pop("arrowhead")
            yield f"  {tail} -> {head} " + attrs(
                id=arrow.edge, label=quote(arrow.arrow_label), **look,
                **{"class": f"sd-edge sd-style-{arrow.style}"})
    yield "}"


def flow(facts: LessonFacts, rankdir: str = "LR") -> str | None:
    """The author's high-level process flow, or None when the lesson has none."""
    process = facts.lesson.process_flow
    if process is None:
        return None
    stage_ids = {s.id: ids.stage(i) for i, s in enumerate(process.stages, 1)}
    lines = list(header("flow", rankdir))
    for i, stage in enumerate(process.stages):
        family = FLOW_FAMILIES[i % len(FLOW_FAMILIES)]
        fill, stroke = family_colours(family, "light")
        lines.append("  " + stage_ids[stage.id] + " " + attrs(
            id=stage_ids[stage.id], label=quote(stage.label), shape="box", style="rounded,filled",
            fillcolor=fill, color=stroke, **{"class": f"sd-node sd-stage sd-fam-{family}"}))
    for i, arrow in enumerate(process.arrows, 1):
        extra = {"label": quote(arrow.label)} if arrow.label else {}
        lines.append(f"  {stage_ids[arrow.from_]} -> {stage_ids[arrow.to]} " + attrs(
            id=ids.flow_arrow(i), **extra, **{"class": "sd-edge"}))
    lines.append("}")
    return "\n".join(lines) + "\n"


def node_labels(facts: LessonFacts) -> dict[str, str]:
    """Generated ID -> the text a tooltip should read, for every element of the overview and flow."""
    lesson = facts.lesson
    labels = {facts.nodes[c.id]: c.label for c in lesson.components}
    for step in [*facts.steps, *(step for scenario in facts.scenarios for step in scenario.own_steps)]:
        for arrow in step.interactions:
            labels[arrow.edge] = arrow.tooltip
    for i, lane in enumerate(lesson.lanes, 1):
        labels[ids.lane(i)] = lane.label
    if lesson.process_flow:
        for i, stage in enumerate(lesson.process_flow.stages, 1):
            labels[ids.stage(i)] = stage.label
        stages = {s.id: s.label for s in lesson.process_flow.stages}
        for i, arrow in enumerate(lesson.process_flow.arrows, 1):
            labels[ids.flow_arrow(i)] = f"{stages[arrow.from_]} to {stages[arrow.to]}"
    return labels
