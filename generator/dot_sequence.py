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

from typing import Iterator

from . import derive
from .dot import attrs, component_ids, label_lines, quote
from .model import Lesson
from .theme import FONT, KIND_STYLE, VERB_STYLE, kind_colours, palette

ENGINE = "neato"
MESSAGE_WRAP = 28  # message labels have the width between their lifelines; fewer, longer lines
HEAD_WRAP = 14  # heads wrap narrower than overview nodes: nine of them must share a page width
HEAD_MARGIN = "0.12,0.1"  # inches around a head's label; the overview's 0.28 would add 23 pt per head
MIN_GAP = 90.0  # points between neighbouring lifelines at least
LABEL_PAD = 36.0  # points a message's span exceeds its label by (arrowhead, air on both sides)
SELF_PAD = 30.0  # a self-message's loop and the gap before its label
TOP = 0.0
LABEL_SUFFIX = "-label"  # id of a message's label node: the message id and this
HEAD_GAP = 56.0  # from the heads' centre line to the first message
LINE = 15.0  # one line of message text


def message_id(step: int, index: int) -> str:
    return f"m{step}-{index}"


def note_id(step: int) -> str:
    return f"n{step}"


def _lines(text: str) -> int:
    return len(label_lines(text, MESSAGE_WRAP))


def text_width(text: str, size: float) -> float:
    """Points a line takes in Helvetica, roughly as Graphviz's own estimate (a little wider)."""
    narrow, wide = set("ilIjtf.,:;'|!() []"), set("mwMWG@%&OQDHNCU")
    units = sum(0.3 if ch in narrow else 0.85 if ch in wide else 0.68 if ch.isupper() else 0.56
                for ch in text)
    return units * size


def label_width(text: str, wrap: int, size: float) -> float:
    return max(text_width(line, size) for line in label_lines(text, wrap))


def columns(lesson: Lesson) -> list[float]:
    """The x of every lifeline: as close as the heads and the labels between them allow.

    Every constraint reads "lifeline b is at least d right of lifeline a" with a < b, so
    one pass from left to right (a longest path) gives the tightest columns.
    """
    index = {c.id: i for i, c in enumerate(lesson.components)}
    heads = [label_width(c.label, HEAD_WRAP, 14) + 20 for c in lesson.components]  # + node margins
    needs: dict[tuple[int, int], float] = {}
    for number, step in enumerate(lesson.steps, 1):
        for interaction in step.interactions:
            a, b = sorted((index[interaction.from_], index[interaction.to]))
            width = label_width(f"{number}. {interaction.label or interaction.verb}", MESSAGE_WRAP, 12)
            if a == b:
                a, b, width = a, min(a + 1, len(heads) - 1), width + SELF_PAD + 10
                if a == b:
                    continue  # a self-message on the last lifeline has the margin to itself
            needs[a, b] = max(needs.get((a, b), 0.0), width + LABEL_PAD)
    xs = [0.0]
    for b in range(1, len(heads)):
        x = xs[b - 1] + max(MIN_GAP, (heads[b - 1] + heads[b]) / 2 + 24)
        for a in range(b):
            x = max(x, xs[a] + needs.get((a, b), 0.0))
        xs.append(round(x))
    return xs


def _pin(x: float, y: float) -> str:
    return f'"{x:.1f},{y:.1f}!"'


def sequence(lesson: Lesson) -> str:
    return "\n".join(_source(lesson)) + "\n"


def _source(lesson: Lesson) -> Iterator[str]:
    xs = columns(lesson)
    column = {c.id: xs[i] for i, c in enumerate(lesson.components)}
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
    for i, component in enumerate(lesson.components):
        shape, style, family = KIND_STYLE[component.kind]
        fill, stroke = kind_colours(component.kind, "light")
        yield f"  h{i + 1} " + attrs(
            id=f"h{i + 1}", label=quote(component.label, HEAD_WRAP), shape="box", margin=HEAD_MARGIN,
            style=",".join(filter(None, ["filled", "rounded" if "rounded" in style else ""])),
            fillcolor=fill, color=stroke, pos=_pin(xs[i], TOP),
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

    body = []
    for number, step in enumerate(lesson.steps, 1):
        if not step.interactions:
            text = f"{number}. {step.action}"
            x = column[step.component] if step.component else xs[-1] / 2
            height = _lines(text) * LINE + 20
            y -= height / 2
            body.append(f"  {note_id(number)} " + attrs(
                id=note_id(number), label=quote(text, MESSAGE_WRAP), shape="note", style="filled", fontsize=12,
                fillcolor=light["caption-fill"], color=light["lane-stroke"], pos=_pin(x, y),
                **{"class": "sd-node sd-note sd-fam-grey"}))
            y -= height / 2 + 18
            continue
        for index, interaction in enumerate(step.interactions, 1):
            text = f"{number}. {interaction.label or interaction.verb}"
            lines = _lines(text)
            y -= lines * LINE
            x1, x2 = column[interaction.from_], column[interaction.to]
            body.append(anchor(x1, y, tall=x1 == x2))
            start = anchors
            if x1 != x2:
                body.append(anchor(x2, y))
            ports = {"tailport": "ne", "headport": "se"} if x1 == x2 else {}
            body.append(f"  a{start} -> a{anchors} " + attrs(
                id=message_id(number, index), **ports, style=VERB_STYLE.get(interaction.verb, "solid"),
                **{"class": f"sd-edge sd-message sd-verb-{interaction.verb}"}))
            # The label is a pinned text node, so its place is ours, not neato's: centred just
            # above a straight arrow, right of a self-message's loop. svg.adopt_labels moves
            # its text into the message's group afterwards.
            if x1 == x2:
                at = (x1 + SELF_PAD - 8 + label_width(text, MESSAGE_WRAP, 12) / 2, y)
            else:
                at = ((x1 + x2) / 2, y + lines * LINE / 2 + 4)
            body.append(f'  "t{number}-{index}" ' + attrs(
                id=f"{message_id(number, index)}{LABEL_SUFFIX}", label=quote(text, MESSAGE_WRAP), shape="plaintext",
                fontsize=12, fontcolor=light["muted"], margin=0, width=0, height=0, pos=_pin(*at),
                **{"class": "sd-msglabel"}))
            y -= 40 if x1 == x2 else 26
    bottom = y - 10
    # Lifelines first: drawn under the messages and their labels, whose halos then hide them.
    for i, component in enumerate(lesson.components):
        yield anchor(xs[i], bottom)
        yield f"  h{i + 1} -> a{anchors} " + attrs(id=f"ll{i + 1}", arrowhead="none", style="dashed",
                                                     color=light["lane-stroke"], **{"class": "sd-lifeline"})
    yield from body
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
