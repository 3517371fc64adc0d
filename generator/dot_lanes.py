"""Pure DOT for the side-by-side view: one column per lane, one row per phase.

The n-th step of each lane shares a row (``derive.lane_rows``; ``Step.phase``
overrides it). Every (lane, row) cell holds a step box or an invisible
placeholder of the same size, so the rows line up across lanes; ``rank=same``
pins each row and invisible edges keep the lanes in their authored order.
Steps in no lane (a closing ``End``) follow below, centred under the lanes.

IDs are generated: ``st<step>-l<lane>`` for a step box in a lane (a step in two
lanes is drawn once in each), ``st<step>`` for a step in no lane.
"""
from __future__ import annotations

import textwrap
from typing import Iterator

from . import derive
from .dot import attrs, header, quote
from .model import Lesson
from .theme import KIND_STYLE, kind_colours, palette

WRAP = 30
CELL_WIDTH = 3.3  # inches; a minimum, so every column has the same width


def step_text(lesson: Lesson, number: int) -> str:
    step = lesson.steps[number - 1]
    return f"{number}. {derive.step_actor_label(lesson, step)}: {step.action}"


def cell_id(number: int, lane_index: int | None) -> str:
    return f"st{number}" if lane_index is None else f"st{number}-l{lane_index}"


def has_lanes(lesson: Lesson) -> bool:
    """A side-by-side view only makes sense when the lesson compares approaches."""
    return len(lesson.lanes) >= 2


def _height(lesson: Lesson, numbers: list[int]) -> float:
    """Inches for the tallest label among ``numbers``, so every box in a row has one height."""
    lines = max((len(textwrap.wrap(step_text(lesson, n), WRAP, break_long_words=True,
                                   break_on_hyphens=False)) for n in numbers), default=1)
    return round(lines * 14 * 1.2 / 72 + 0.36, 2)


def _cell(lesson: Lesson, number: int, node_id: str, height: float) -> str:
    step = lesson.steps[number - 1]
    kind = derive.components_by_id(lesson)[step.component].kind if step.component else "external"
    family = KIND_STYLE[kind][2] if step.component else "grey"
    fill, stroke = kind_colours(kind, "light")
    return f'"{node_id}" ' + attrs(
        id=node_id, label=quote(step_text(lesson, number), WRAP), shape="box", style="rounded,filled",
        fillcolor=fill, color=stroke, width=CELL_WIDTH, height=height,
        **{"class": f"sd-node sd-step sd-kind-{kind} sd-fam-{family}"})


def lanes(lesson: Lesson) -> str | None:
    """The side-by-side DOT source, or None for a lesson with fewer than two lanes."""
    if not has_lanes(lesson):
        return None
    return "\n".join(_lines(lesson)) + "\n"


def _lines(lesson: Lesson) -> Iterator[str]:
    rows = derive.lane_rows(lesson)
    row_numbers = sorted(set(rows.values()))
    light = palette("light")
    # (lane index, row) -> node ids in that cell, placeholders included
    grid: dict[tuple[int, int], list[str]] = {}
    yield from header("lanes", rankdir="TB")
    yield "  " + "graph " + attrs(nodesep=0.5, ranksep=0.35)
    for lane_index, lane in enumerate(lesson.lanes, 1):
        yield f"  subgraph cluster_l{lane_index} {{"
        yield "    graph " + attrs(id=f"l{lane_index}", label=quote(lane.label), style="rounded,filled",
                                   fillcolor=light["lane-fill"], color=light["lane-stroke"],
                                   fontcolor=light["muted"], margin=14, **{"class": "sd-lane"})
        for row in row_numbers:
            height = _height(lesson, [n for n, r in rows.items() if r == row])
            members = [n for n, r in rows.items()
                       if r == row and lane.id in derive.step_lanes(lesson, lesson.steps[n - 1])]
            if members:
                grid[lane_index, row] = [cell_id(n, lane_index) for n in members]
                for number in members:
                    yield "    " + _cell(lesson, number, cell_id(number, lane_index), height)
            else:
                placeholder = f"p{lane_index}-{row}"
                grid[lane_index, row] = [placeholder]
                yield f'    "{placeholder}" ' + attrs(style="invis", shape="box", width=CELL_WIDTH,
                                                              height=height, label="")
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
    for number, step in enumerate(lesson.steps, 1):
        if number in rows:
            continue
        node_id = cell_id(number, None)
        yield "  " + _cell(lesson, number, node_id, _height(lesson, [number]))
        for above in previous:
            yield f'  "{above}" -> "{node_id}" ' + attrs(style="invis")
        previous = [node_id]
    yield "}"


def labels(lesson: Lesson) -> dict[str, str]:
    """Generated ID -> tooltip text."""
    rows = derive.lane_rows(lesson)
    result = {f"l{i}": lane.label for i, lane in enumerate(lesson.lanes, 1)}
    for number, step in enumerate(lesson.steps, 1):
        text = f"Step {number}, {derive.step_actor_label(lesson, step)}: {step.action}"
        if number not in rows:
            result[cell_id(number, None)] = text
        for i, lane in enumerate(lesson.lanes, 1):
            if lane.id in derive.step_lanes(lesson, step):
                result[cell_id(number, i)] = f"{text} ({lane.label})"
    return result
