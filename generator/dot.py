"""Pure DOT builders: the model in, DOT text out. Nothing here runs Graphviz.

Every Graphviz ID is generated from list positions (``c1``, ``e3-1``...), so no
author text ever becomes an ID, an attribute name or an HTML-like label; author
text only reaches quoted, escaped ``label`` values.
"""
from __future__ import annotations

import textwrap
from typing import Iterable, Iterator

from . import derive
from .model import Lesson, plain_text
from .theme import FONT, KIND_STYLE, VERB_STYLE, kind_colours, palette

WRAP = 22

LONG_WORD_SLACK = 10


def label_lines(text: str, wrap: int = WRAP) -> list[str]:
    """The lines a label is drawn on: plain text wrapped at ``wrap`` columns."""
    lines = []
    for line in textwrap.wrap(plain_text(text), wrap, break_long_words=False, break_on_hyphens=False) or [""]:
        # A long identifier (redirect_uri?code=...) stays whole up to a point, then breaks hard.
        limit = wrap + LONG_WORD_SLACK
        lines += [line[i:i + limit] for i in range(0, len(line), limit)] if len(line) > limit else [line]
    return lines


def quote(text: str, wrap: int = WRAP) -> str:
    """A DOT double-quoted string showing ``text`` literally, wrapped at ``wrap`` columns.

    Inside a quoted DOT string only backslash and double quote are special; with
    backslashes doubled, escape sequences such as ``\\N`` or ``\\l`` cannot form.
    """
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in label_lines(text, wrap)]
    return '"' + "\\n".join(escaped) + '"'


def attrs(**values: str | int | float) -> str:
    """Attribute list from trusted keys; values are generated, never author text."""
    parts = []
    for key, value in values.items():
        if isinstance(value, (int, float)):
            parts.append(f"{key}={value}")
        elif value.startswith('"'):
            parts.append(f"{key}={value}")  # already quoted by quote()
        else:
            parts.append(f'{key}="{value}"')
    return "[" + " ".join(parts) + "]"


def component_ids(lesson: Lesson) -> dict[str, str]:
    """Component id -> generated Graphviz node ID."""
    return {c.id: f"c{i}" for i, c in enumerate(lesson.components, 1)}


def edge_id(step: int, index: int) -> str:
    return f"e{step}-{index}"


def header(name: str, rankdir: str = "LR") -> Iterator[str]:
    light = palette("light")
    yield f"digraph {name} {{"
    yield "  " + "graph " + attrs(rankdir=rankdir, fontname=FONT, fontsize=14, bgcolor="transparent",
                                  nodesep=0.45, ranksep=0.7, pad=0.3, newrank="true")
    yield "  " + "node " + attrs(fontname=FONT, fontsize=14, margin="0.28,0.14", penwidth=1.6,
                                 fontcolor=light["text"])
    yield "  " + "edge " + attrs(fontname=FONT, fontsize=12, penwidth=1.4, arrowsize=0.8,
                                 color=light["edge"], fontcolor=light["muted"])


def _node(node_id: str, label: str, kind: str) -> str:
    shape, style, family = KIND_STYLE[kind]
    fill, stroke = kind_colours(kind, "light")
    return "  " + node_id + " " + attrs(
        id=node_id, label=quote(label), shape=shape, style=",".join(filter(None, ["filled", style])),
        fillcolor=fill, color=stroke, **{"class": f"sd-node sd-kind-{kind} sd-fam-{family}"})


# Answers go back along their request: ranked as request edges (drawn with dir=back), so a
# request/response pair shares ranks instead of stretching the picture by a rank each.
REPLY_VERBS = frozenset({"responds", "returns", "acknowledges", "redirects"})


def overview(lesson: Lesson, rankdir: str = "LR", lanes_reversed: bool = False) -> str:
    """Every component, grouped by lane, with every interaction numbered by step.

    ``rankdir`` and ``lanes_reversed`` (the order the lane clusters are written in)
    make the candidates ``diagrams.choose`` picks from; ids are the same in each.
    """
    return "\n".join(_overview_lines(lesson, rankdir, lanes_reversed)) + "\n"


def _overview_lines(lesson: Lesson, rankdir: str, lanes_reversed: bool) -> Iterable[str]:
    ids = component_ids(lesson)
    light = palette("light")
    yield from header("overview", rankdir)
    lanes = list(enumerate(lesson.lanes, 1))
    for lane_index, lane in lanes[::-1] if lanes_reversed else lanes:
        members = [c for c in lesson.components if c.lane == lane.id]
        if not members:
            continue
        yield f"  subgraph cluster_l{lane_index} {{"
        yield "    graph " + attrs(id=f"l{lane_index}", label=quote(lane.label), style="rounded,filled",
                                   fillcolor=light["lane-fill"], color=light["lane-stroke"],
                                   fontcolor=light["muted"], margin=16, **{"class": "sd-lane"})
        for component in members:
            yield "  " + _node(ids[component.id], component.label, component.kind)
        yield "  }"
    for component in lesson.components:
        if component.lane is None:
            yield _node(ids[component.id], component.label, component.kind)
    for number, step in enumerate(lesson.steps, 1):
        for index, interaction in enumerate(step.interactions, 1):
            label = f"{number}. {interaction.label or interaction.verb}"
            tail, head, back = ids[interaction.from_], ids[interaction.to], {}
            if interaction.verb in REPLY_VERBS and tail != head:
                tail, head, back = head, tail, {"dir": "back"}
            yield f"  {tail} -> {head} " + attrs(
                id=edge_id(number, index), label=quote(label), style=VERB_STYLE.get(interaction.verb, "solid"),
                **back, **{"class": f"sd-edge sd-verb-{interaction.verb}"})
    yield "}"


def flow(lesson: Lesson, rankdir: str = "LR") -> str | None:
    """The author's high-level process flow, or None when the lesson has none."""
    if lesson.process_flow is None:
        return None
    stage_ids = {s.id: f"s{i}" for i, s in enumerate(lesson.process_flow.stages, 1)}
    lines = list(header("flow", rankdir))
    families = ["blue", "teal", "green", "orange", "amber", "purple"]
    for i, stage in enumerate(lesson.process_flow.stages):
        kind = {"blue": "app", "teal": "library", "green": "service", "orange": "control-plane",
                "amber": "store", "purple": "proxy"}[families[i % len(families)]]
        fill, stroke = kind_colours(kind, "light")
        lines.append("  " + stage_ids[stage.id] + " " + attrs(
            id=stage_ids[stage.id], label=quote(stage.label), shape="box", style="rounded,filled",
            fillcolor=fill, color=stroke, **{"class": f"sd-node sd-stage sd-fam-{families[i % len(families)]}"}))
    for i, arrow in enumerate(lesson.process_flow.arrows, 1):
        extra = {"label": quote(arrow.label)} if arrow.label else {}
        lines.append(f"  {stage_ids[arrow.from_]} -> {stage_ids[arrow.to]} " + attrs(
            id=f"a{i}", **extra, **{"class": "sd-edge"}))
    lines.append("}")
    return "\n".join(lines) + "\n"


def node_labels(lesson: Lesson) -> dict[str, str]:
    """Generated ID -> the text a tooltip should read, for every element of the overview."""
    labels = {ids: c.label for ids, c in zip(component_ids(lesson).values(), lesson.components)}
    for number, step in enumerate(lesson.steps, 1):
        for index, interaction in enumerate(step.interactions, 1):
            comps = derive.components_by_id(lesson)
            labels[edge_id(number, index)] = (f"Step {number}: {comps[interaction.from_].label} "
                                              f"{interaction.label or interaction.verb} {comps[interaction.to].label}")
    for i, lane in enumerate(lesson.lanes, 1):
        labels[f"l{i}"] = lane.label
    if lesson.process_flow:
        for i, stage in enumerate(lesson.process_flow.stages, 1):
            labels[f"s{i}"] = stage.label
        stages = {s.id: s.label for s in lesson.process_flow.stages}
        for i, arrow in enumerate(lesson.process_flow.arrows, 1):
            labels[f"a{i}"] = f"{stages[arrow.from_]} to {stages[arrow.to]}"
    return labels
