"""Pure DOT for the side-by-side view: one column per lane, one row per ``StepFacts.row``.

The rows pair steps of different lanes that do the same thing (``model.align``;
``Step.phase`` overrides them). Every (lane, row) cell holds a step box or an invisible
placeholder of the same size, so the rows line up across lanes; ``rank=same``
pins each row and invisible edges keep the lanes in their authored order.
Steps in no lane (a closing ``End``) follow below, centred under the lanes.
A step in two lanes is drawn once in each (``model.ids.lane_cell``).
"""
from __future__ import annotations

import textwrap
from typing import Iterator

from ..model import ids
from ..model.facts import LessonFacts
from .dot import attrs, header, quote
from .theme import family_colours, node_look, palette

WRAP = 30
CELL_WIDTH = 3.3  # inches; a minimum, so every column has the same width


def has_lanes(facts: LessonFacts) -> bool:
    """A side-by-side view only makes sense when the lesson compares approaches."""
    return len(facts.lesson.lanes) >= 2


def _height(facts: LessonFacts, numbers: list[int]) -> float:
    """Inches for the tallest label among ``numbers``, so every box in a row has one height."""
    lines = max((len(textwrap.wrap(facts.step(n).box_text, WRAP, break_long_words=True,
                                   break_on_hyphens=False)) for n in numbers), default=1)
    return round(lines * 14 * 1.2 / 72 + 0.36, 2)


def _cell(facts: LessonFacts, number: int, node_id: str, height: float, lane_index: int | None = None) -> str:
    """A step's box; a ``group`` per lane keeps a column's boxes on one vertical line."""
    step = facts.step(number)
    actor = step.source.component
    component = facts.components[actor] if actor else None
    kind = component.kind if component else "external"
    family = node_look(kind, component.shape, component.family)[2] if component else "grey"
    fill, stroke = family_colours(family, "light")
    return f'"{node_id}" ' + attrs(
        id=node_id, label=quote(step.box_text, WRAP), shape="box", style="rounded,filled",
        fillcolor=fill, color=stroke, width=CELL_WIDTH, height=height,
        **({} if lane_index is None else {"group": ids.lane(lane_index)}),
        **{"class": f"sd-node sd-step sd-kind-{kind} sd-fam-{family}"})


def lanes(facts: LessonFacts) -> str | None:
    """The side-by-side DOT source, or None for a lesson with fewer than two lanes."""
    if not has_lanes(facts):
        return None
    return "\n".join(_lines(facts)) + "\n"


def _lines(facts: LessonFacts) -> Iterator[str]:
    lesson = facts.lesson
    rows = {s.number: s.row for s in facts.steps if s.row is not None}
    row_numbers = sorted(set(rows.values()))
    light = palette("light")
    # (lane index, row) -> node ids in that cell, placeholders included
    grid: dict[tuple[int, int], list[str]] = {}
    yield from header("lanes", rankdir="TB")
    yield "  " + "graph " + attrs(nodesep=0.5, ranksep=0.35)
    for lane_index, lane in enumerate(lesson.lanes, 1):
        yield f"  subgraph {ids.lane_cluster(lane_index)} {{"
        # Titles wrap as wide as the boxes, so lanes with titles of one line start on one level.
        yield "    graph " + attrs(id=ids.lane(lane_index), label=quote(lane.label, WRAP), style="rounded,filled",
                                   fillcolor=light["lane-fill"], color=light["lane-stroke"],
                                   fontcolor=light["muted"], margin=14, **{"class": "sd-lane"})
        for row in row_numbers:
            height = _height(facts, [n for n, r in rows.items() if r == row])
            members = [n for n, r in rows.items() if r == row and lane.id in facts.step(n).lanes]
            if members:
                grid[lane_index, row] = [ids.lane_cell(n, lane_index) for n in members]
                for number in members:
                    yield "    " + _cell(facts, number, ids.lane_cell(number, lane_index), height, lane_index)
            else:
                placeholder = ids.lane_placeholder(lane_index, row)
                grid[lane_index, row] = [placeholder]
                yield f'    "{placeholder}" ' + attrs(style="invis", shape="box", width=CELL_WIDTH,
                                                              height=height, label="", group=ids.lane(lane_index))
        for upper, lower in zip(row_numbers, row_numbers[1:]):
            for a in grid[lane_index, upper]:
                for b in grid[lane_index, lower]:
                    yield f'    "{a}" -> "{b}" ' + attrs(style="invis")
        yield "  }"
    for row in row_numbers:
        yield "  { rank=same; " + " ".join(f'"{n}"' for i in range(1, len(lesson.lanes) + 1)
                                           for n in grid[i, row]) + " }"
    first = row_numbers[0] if row_numbers else None
    if first is not None:
        for i in range(1, len(lesson.lanes)):
            yield f'  "{grid[i, first][-1]}" -> "{grid[i + 1, first][0]}" ' + attrs(style="invis")
    previous = [n for i in range(1, len(lesson.lanes) + 1) for n in grid.get((i, row_numbers[-1]), [])] \
        if row_numbers else []
    for number in range(1, len(lesson.steps) + 1):
        if number in rows:
            continue
        node_id = ids.lane_cell(number, None)
        yield "  " + _cell(facts, number, node_id, _height(facts, [number]))
        for above in previous:
            yield f'  "{above}" -> "{node_id}" ' + attrs(style="invis")
        previous = [node_id]
    yield "}"


def labels(facts: LessonFacts) -> dict[str, str]:
    """Generated ID -> tooltip text."""
    lesson = facts.lesson
    result = {ids.lane(i): lane.label for i, lane in enumerate(lesson.lanes, 1)}
    for step in facts.steps:
        if step.row is None:
            result[ids.lane_cell(step.number, None)] = step.line
        for i, lane in enumerate(lesson.lanes, 1):
            if lane.id in step.lanes:
                result[ids.lane_cell(step.number, i)] = f"{step.line} ({lane.label})"
    return result
