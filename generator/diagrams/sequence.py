"""Pure DOT for the sequence view: a lifeline per component, messages in step order.

Every position is computed here and pinned (``pos="x,y!"`` in points with
``inputscale=72``), so Graphviz's ``neato`` (named by the source's own
``layout`` attribute) only sizes the boxes, draws the straight lines and places
the labels: the view is a grid, not a search.

In a comparison each run of consecutive steps of one lane is framed, like a UML
``alt`` fragment: a rectangle across every lifeline with the lane's label in a tab
at its top left, so two approaches on shared lifelines read as alternatives, not as
one call through both. Steps in several lanes or in none stay outside the frames.
The frames take their own room in the column of messages, so they never overlap.
A what-if scenario's own messages follow its fork step in a dashed ``alt`` box
(inside the lane frame when the fork is one lane's step, which then widens to hold it).

Generated IDs (``model.ids``): heads, lifelines, messages, notes of steps
without messages, lane frames and their tabs, scenario alt boxes, and invisible anchors (dropped
from the SVG).
"""
from __future__ import annotations

from typing import Iterator

from ..model import ids
from ..model.facts import LessonFacts
from ..model.text import label_lines
from .dot import attrs, quote
from .sequence_labels import labels, lane_runs  # noqa: F401  (labels: the drawing stage reads them from here)
from .theme import FONT, STYLE_LOOKS, family_colours, node_look, palette

ENGINE = "neato"
MESSAGE_WRAP = 28  # message labels have the width between their lifelines; fewer, longer lines
HEAD_WRAP = 14  # heads wrap narrower than overview nodes: nine of them must share a page width
HEAD_MARGIN = "0.12,0.1"  # inches around a head's label; the overview's 0.28 would add 23 pt per head
MIN_GAP = 90.0  # points between neighbouring lifelines at least
LABEL_PAD = 36.0  # points a message's span exceeds its label by (arrowhead, air on both sides)
SELF_PAD = 30.0  # a self-message's loop and the gap before its label
TOP = 0.0
HEAD_GAP = 56.0  # from the heads' centre line to the first message
LINE = 15.0  # one line of message text
FRAME_GAP = 14.0  # points between a lane frame and what is above or below it
FRAME_PAD = 10.0  # points inside a frame between its tab and the first message
TAB_WRAP = 40  # a lane label wraps in its tab beyond this
TAB_PAD = 16.0  # points a tab is wider than its label
ALT_MARGIN = 70.0  # how far a what-if's `alt` box reaches past the outer lifelines


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


def columns(facts: LessonFacts) -> list[float]:
    """The x of every lifeline: as close as the heads and the labels between them allow.

    Every constraint reads "lifeline b is at least d right of lifeline a" with a < b, so
    one pass from left to right (a longest path) gives the tightest columns.
    """
    components = facts.lesson.components
    index = {c.id: i for i, c in enumerate(components)}
    heads = [_head_width(c.label) for c in components]
    needs: dict[tuple[int, int], float] = {}
    for step in facts.steps:
        for arrow in step.interactions:
            a, b = sorted((index[arrow.source.from_], index[arrow.source.to]))
            width = label_width(arrow.arrow_label, MESSAGE_WRAP, 12)
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


def sequence(facts: LessonFacts) -> str:
    return "\n".join(_source(facts)) + "\n"


def _source(facts: LessonFacts) -> Iterator[str]:
    lesson = facts.lesson
    xs = columns(facts)
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
    for i, component in enumerate(lesson.components, 1):
        shape, style, family = node_look(component.kind, component.shape, component.family)
        fill, stroke = family_colours(family, "light")
        yield f"  {ids.head(i)} " + attrs(
            id=ids.head(i), label=quote(component.label, HEAD_WRAP), shape="box", margin=HEAD_MARGIN,
            style=",".join(filter(None, ["filled", "rounded" if "rounded" in style else ""])),
            fillcolor=fill, color=stroke, pos=_pin(xs[i - 1], TOP),
            **{"class": f"sd-node sd-head sd-kind-{component.kind} sd-fam-{family}"})
    body = _Body(facts, xs)
    runs = lane_runs(facts)
    opens = {numbers[0]: k for k, (_, numbers) in enumerate(runs)}
    closes = {numbers[-1]: k for k, (_, numbers) in enumerate(runs)}
    for step in facts.steps:
        if step.number in opens:
            body.open_frame(runs[opens[step.number]][0])
        body.step(step)
        for scenario in facts.scenarios:  # a what-if's own messages, in an `alt` box right after its fork
            if scenario.fork == step.number:
                body.alt(scenario)
        if step.number in closes:
            body.close_frame()
    yield from body.frames(lesson.components)
    bottom = body.y - 10
    # Lifelines first: drawn under the messages and their labels, whose halos then hide them.
    for i in range(1, len(lesson.components) + 1):
        yield body.anchor(xs[i - 1], bottom)
        yield f"  {ids.head(i)} -> {ids.anchor(body.anchors)} " + attrs(
            id=ids.lifeline(i), arrowhead="none", style="dashed", color=light["quiet-line"],
            **{"class": "sd-lifeline"})
    yield from body.lines
    yield "}"


class _Body:
    """Messages and notes from the top down; ``y`` is where the next one goes."""

    def __init__(self, facts: LessonFacts, xs: list[float]):
        self.column = {c.id: xs[i] for i, c in enumerate(facts.lesson.components)}
        self.middle = xs[-1] / 2
        self.light = palette("light")
        self.y = TOP - HEAD_GAP
        self.anchors = 0
        self.lines: list[str] = []
        self.lanes = {lane.id: lane.label for lane in facts.lesson.lanes}
        self.left, self.right = xs[0], xs[-1]  # how far messages and notes reach, for the frames
        self.framed: list[tuple[str, float, float]] = []  # lane label, top, bottom
        self.top = 0.0
        self.heads_half = max(len(label_lines(c.label, HEAD_WRAP)) for c in facts.lesson.components) * 8.5 + 8

    def open_frame(self, lane: str) -> None:
        # The first frame may start above the first message's place: the heads leave room.
        self.y = self.y + HEAD_GAP - self.heads_half - FRAME_GAP if self.y == TOP - HEAD_GAP else self.y - FRAME_GAP
        self.top = self.y
        self.y -= _tab_height(self.lanes[lane]) + FRAME_PAD
        self.framed.append((self.lanes[lane], self.top, 0.0))

    def close_frame(self) -> None:
        label, top, _ = self.framed[-1]
        bottom = self.y + 6
        self.framed[-1] = (label, top, bottom)
        self.y = bottom - FRAME_GAP

    def frames(self, components) -> Iterator[str]:
        """The lane frames, all as wide as the widest message or head, so they line up as one column."""
        left = min(self.left, self.column[components[0].id] - _head_width(components[0].label) / 2) - 12
        right = max(self.right, self.column[components[-1].id] + _head_width(components[-1].label) / 2) + 12
        right = max([right, *(left + label_width(label, TAB_WRAP, 12) + TAB_PAD + 24 for label, _, _ in self.framed)])
        for k, (label, top, bottom) in enumerate(self.framed, 1):
            frame = ids.sequence_frame(k)
            yield f"  {frame} " + attrs(
                id=frame, label="", shape="box", fixedsize="true", width=round((right - left) / 72, 3),
                height=round((top - bottom) / 72, 3), pos=_pin((left + right) / 2, (top + bottom) / 2),
                penwidth=1.2, color=self.light["muted"], **{"class": "sd-frame"})
            width, height = label_width(label, TAB_WRAP, 12) + TAB_PAD, _tab_height(label)
            yield f'  "{frame}{ids.FRAME_LABEL_SUFFIX}" ' + attrs(
                id=f"{frame}{ids.FRAME_LABEL_SUFFIX}", label=quote(label, TAB_WRAP), shape="box", style="filled",
                fixedsize="true", width=round(width / 72, 3), height=round(height / 72, 3), fontsize=12,
                fillcolor=self.light["lane-fill"], color=self.light["muted"], penwidth=1.2,
                pos=_pin(left + width / 2, top - height / 2), **{"class": "sd-frame-label"})

    def anchor(self, x: float, at: float, tall: bool = False) -> str:
        self.anchors += 1
        # A thin, tall invisible box gives a self-message a loop of readable size.
        size = {"shape": "box", "width": 0.02, "height": 0.4} if tall else {"shape": "point", "width": 0.01}
        name = ids.anchor(self.anchors)
        return f"  {name} " + attrs(id=name, **size, style="invis", label="", fixedsize="true",
                                    pos=_pin(x, at), **{"class": "sd-anchor"})

    def step(self, step, scenario: int | None = None) -> None:
        if not step.interactions:
            self.note(step, scenario)
        for arrow in step.interactions:
            self.message(step.number, arrow, scenario)

    def alt(self, scenario) -> None:
        """The scenario's own steps inside a dashed box labelled `alt [title]`, across every lifeline."""
        top = self.y + 6
        self.y -= 30
        outer, (self.left, self.right) = (self.left, self.right), (min(self.column.values()), max(self.column.values()))
        for step in scenario.own_steps:  # they measure how far the scenario's own notes and labels reach
            self.step(step, scenario.position)
        bottom = self.y + 8
        left = min(-ALT_MARGIN, self.left - 8)
        right = max(max(self.column.values()) + ALT_MARGIN, self.right + 8)
        self.left, self.right = min(outer[0], left), max(outer[1], right)  # a lane frame holds the box
        box = ids.alt_frame(scenario.position)
        self.lines.append(f"  {box} " + attrs(
            id=box, label='""', shape="box", style="dashed", fixedsize="true", width=(right - left) / 72,
            height=(top - bottom) / 72, color=self.light["lane-stroke"], pos=_pin((left + right) / 2, (top + bottom) / 2),
            **{"class": "sd-alt"}))
        text = f"alt [{scenario.source.title}]"
        self.lines.append(f'  "{ids.alt_label(scenario.position)}" ' + attrs(
            id=ids.alt_label(scenario.position), label=quote(text, 60), shape="plaintext", fontsize=12, margin=0, width=0, height=0,
            fontcolor=self.light["muted"], pos=_pin(left + 8 + label_width(text, 60, 12) / 2, top - 14),
            **{"class": "sd-alt-label"}))
        self.y -= 18

    def note(self, step, scenario: int | None = None) -> None:
        text = f"{step.number}. {step.source.action}"
        x = self.column[step.source.component] if step.source.component else self.middle
        height = _lines(text) * LINE + 20
        half = label_width(text, MESSAGE_WRAP, 12) / 2 + 12
        self.left, self.right = min(self.left, x - half), max(self.right, x + half)
        self.y -= height / 2
        name = ids.note(step.number) if scenario is None else ids.scenario_note(scenario, step.number)
        self.lines.append(f'  "{name}" ' + attrs(
            id=name, label=quote(text, MESSAGE_WRAP), shape="note", style="filled", fontsize=12,
            fillcolor=self.light["caption-fill"], color=self.light["lane-stroke"], pos=_pin(x, self.y),
            **{"class": "sd-node sd-note sd-fam-grey"}))
        self.y -= height / 2 + 18

    def message(self, number: int, arrow, scenario: int | None = None) -> None:
        text = arrow.arrow_label
        lines = _lines(text)
        self.y -= lines * LINE
        x1, x2 = self.column[arrow.source.from_], self.column[arrow.source.to]
        self.lines.append(self.anchor(x1, self.y, tall=x1 == x2))
        start = self.anchors
        if x1 != x2:
            self.lines.append(self.anchor(x2, self.y))
        ports = {"tailport": "ne", "headport": "se"} if x1 == x2 else {}
        self.lines.append(f"  {ids.anchor(start)} -> {ids.anchor(self.anchors)} " + attrs(
            id=arrow.message, **ports, **STYLE_LOOKS[arrow.style],
            **{"class": f"sd-edge sd-message sd-style-{arrow.style}"}))
        # The label is a pinned text node, so its place is ours, not neato's: centred just
        # above a straight arrow, right of a self-message's loop. svg.adopt_labels moves
        # its text into the message's group afterwards.
        if x1 == x2:
            at = (x1 + SELF_PAD - 8 + label_width(text, MESSAGE_WRAP, 12) / 2, self.y)
            self.right = max(self.right, x1 + SELF_PAD + label_width(text, MESSAGE_WRAP, 12))
        else:
            at = ((x1 + x2) / 2, self.y + lines * LINE / 2 + 4)
        node = (ids.message_label_node(number, arrow.index) if scenario is None
                else ids.scenario_message_label_node(scenario, number, arrow.index))
        self.lines.append(f'  "{node}" ' + attrs(
            id=f"{arrow.message}{ids.MESSAGE_LABEL_SUFFIX}", label=quote(text, MESSAGE_WRAP), shape="plaintext",
            fontsize=12, fontcolor=self.light["muted"], margin=0, width=0, height=0, pos=_pin(*at),
            **{"class": "sd-msglabel"}))
        self.y -= 40 if x1 == x2 else 26


def _tab_height(label: str) -> float:
    return len(label_lines(label, TAB_WRAP)) * LINE + 9


def _head_width(label: str) -> float:
    return label_width(label, HEAD_WRAP, 14) + 20  # + node margins
