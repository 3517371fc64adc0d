"""Pure DOT for the sequence view: a lifeline per component, messages in step order.

Every position is computed here and pinned (``pos="x,y!"`` in points with
``inputscale=72``), so Graphviz's ``neato`` (named by the source's own
``layout`` attribute) only sizes the boxes, draws the straight lines and places
the labels: the view is a grid, not a search.

Generated IDs, which the site uses to link a message to the player:
``h<i>`` component heads, ``ll<i>`` lifelines, ``m<step>-<n>`` the n-th message
of a step, ``n<step>`` the note of a step without messages, ``a<...>`` invisible
anchors (dropped from the SVG).
"""
from __future__ import annotations

import textwrap
from typing import Iterator

from . import derive
from .dot import WRAP, attrs, component_ids, quote
from .model import Lesson
from .theme import FONT, KIND_STYLE, VERB_STYLE, kind_colours, palette

ENGINE = "neato"
COLUMN = 230.0  # points between lifelines; wider than any wrapped label
TOP = 0.0
HEAD_GAP = 56.0  # from the heads' centre line to the first message
LINE = 15.0  # one line of message text


def message_id(step: int, index: int) -> str:
    return f"m{step}-{index}"


def note_id(step: int) -> str:
    return f"n{step}"


def _lines(text: str) -> int:
    return len(textwrap.wrap(text, WRAP, break_long_words=True, break_on_hyphens=False)) or 1


def _pin(x: float, y: float) -> str:
    return f'"{x:.1f},{y:.1f}!"'


def sequence(lesson: Lesson) -> str:
    return "\n".join(_source(lesson)) + "\n"


def _source(lesson: Lesson) -> Iterator[str]:
    ids = component_ids(lesson)
    column = {c.id: i for i, c in enumerate(lesson.components)}
    light = palette("light")
    yield "digraph sequence {"
    # layout=neato in the source itself: the DOT alone says how to lay it out.
    yield "  graph " + attrs(layout=ENGINE, fontname=FONT, fontsize=14, bgcolor="transparent", pad=0.3,
                             inputscale=72,
                             splines="false", overlap="true", outputorder="edgesfirst")
    yield "  node " + attrs(fontname=FONT, fontsize=14, margin="0.28,0.14", penwidth=1.6,
                            fontcolor=light["text"])
    yield "  edge " + attrs(fontname=FONT, fontsize=12, penwidth=1.4, arrowsize=0.8, color=light["edge"],
                            fontcolor=light["muted"])
    for component in lesson.components:
        i = column[component.id]
        shape, style, family = KIND_STYLE[component.kind]
        fill, stroke = kind_colours(component.kind, "light")
        yield f"  h{i + 1} " + attrs(
            id=f"h{i + 1}", label=quote(component.label), shape="box",
            style=",".join(filter(None, ["filled", "rounded" if "rounded" in style else ""])),
            fillcolor=fill, color=stroke, pos=_pin(i * COLUMN, TOP),
            **{"class": f"sd-node sd-head sd-kind-{component.kind} sd-fam-{family}"})
    y = TOP - HEAD_GAP
    anchors = 0

    def anchor(x: float, at: float, tall: bool = False) -> str:
        nonlocal anchors
        anchors += 1
        # A thin, tall invisible box gives a self-message a loop of readable size.
        size = {"shape": "box", "width": 0.02, "height": 0.4} if tall else {"shape": "point", "width": 0.01}
        return f"  a{anchors} " + attrs(id=f"a{anchors}", **size, style="invis", label="", fixedsize="true",
                                        pos=_pin(x, at), **{"class": "sd-anchor"})

    for number, step in enumerate(lesson.steps, 1):
        if not step.interactions:
            text = f"{number}. {step.action}"
            x = (column[step.component] * COLUMN if step.component
                 else (len(lesson.components) - 1) * COLUMN / 2)
            height = _lines(text) * LINE + 20
            y -= height / 2
            yield f"  {note_id(number)} " + attrs(
                id=note_id(number), label=quote(text), shape="note", style="filled", fontsize=12,
                fillcolor=light["caption-fill"], color=light["lane-stroke"], pos=_pin(x, y),
                **{"class": "sd-node sd-note sd-fam-grey"})
            y -= height / 2 + 18
            continue
        for index, interaction in enumerate(step.interactions, 1):
            text = f"{number}. {interaction.label or interaction.verb}"
            lines = _lines(text)
            y -= lines * LINE
            x1, x2 = column[interaction.from_] * COLUMN, column[interaction.to] * COLUMN
            yield anchor(x1, y, tall=x1 == x2)
            start = anchors
            if x1 != x2:
                yield anchor(x2, y)
            # A trailing blank line lifts a straight message's label above its arrow.
            label = quote(text) if x1 == x2 else quote(text)[:-1] + '\\n "'
            ports = {"tailport": "ne", "headport": "se"} if x1 == x2 else {}
            yield f"  a{start} -> a{anchors} " + attrs(
                id=message_id(number, index), label=label, **ports, style=VERB_STYLE.get(interaction.verb, "solid"),
                **{"class": f"sd-edge sd-message sd-verb-{interaction.verb}"})
            y -= 40 if x1 == x2 else 26
    bottom = y - 10
    for component in lesson.components:
        i = column[component.id]
        yield anchor(i * COLUMN, bottom)
        yield f"  h{i + 1} -> a{anchors} " + attrs(id=f"ll{i + 1}", arrowhead="none", style="dashed",
                                                     color=light["lane-stroke"], **{"class": "sd-lifeline"})
    yield "}"


def labels(lesson: Lesson) -> dict[str, str]:
    """Generated ID -> tooltip text."""
    comps = derive.components_by_id(lesson)
    result = {}
    for i, component in enumerate(lesson.components, 1):
        result[f"h{i}"] = component.label
        result[f"ll{i}"] = f"Lifeline of {component.label}"
    for number, step in enumerate(lesson.steps, 1):
        if not step.interactions:
            result[note_id(number)] = f"Step {number}, {derive.step_actor_label(lesson, step)}: {step.action}"
        for index, interaction in enumerate(step.interactions, 1):
            result[message_id(number, index)] = (
                f"Step {number}: {comps[interaction.from_].label} {interaction.label or interaction.verb} "
                f"{comps[interaction.to].label}")
    return result


__all__ = ["ENGINE", "sequence", "labels", "message_id", "note_id", "component_ids"]
