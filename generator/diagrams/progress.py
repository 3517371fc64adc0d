"""What a frame shows of the story so far: earlier steps quiet, the current step strong, later steps absent.

The player's SVG carries ``data-step`` on every interaction and ``data-lane`` on
everything that belongs to one lane; the page script gives each
``[data-step]`` one of ``sd-past``/``sd-now``/``sd-later`` and each
``[data-lane]`` outside the focused lane ``sd-other-lane``. The static frames,
the animation and the exports get the very same classes here, from Python,
with later steps' edges removed rather than hidden.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import ids
from ..model.facts import Frame, LessonFacts
from . import svg

STEP_CLASSES = ("sd-past", "sd-now", "sd-later")
FRAME_CLASSES = (*STEP_CLASSES, "sd-active", "sd-other-lane")


def edge_steps(facts: LessonFacts) -> dict[str, int]:
    """Edge id -> the step it belongs to."""
    return {arrow.edge: step.number for step in facts.steps for arrow in step.interactions}


def element_lanes(facts: LessonFacts) -> dict[str, str]:
    """Node, edge and lane-box id -> lane code, for everything that belongs to exactly one lane."""
    codes = {lane.id: ids.lane(i) for i, lane in enumerate(facts.lesson.lanes, 1)}
    found = {code: code for code in codes.values()}
    found.update({facts.nodes[c.id]: codes[c.lane] for c in facts.lesson.components if c.lane in codes})
    found.update({arrow.edge: codes[step.lanes[0]] for step in facts.steps if len(step.lanes) == 1
                  for arrow in step.interactions if step.lanes[0] in codes})
    return found


def mark(root: ET.Element, facts: LessonFacts) -> None:
    """The contract attributes: ``data-step`` on interactions, ``data-lane`` on one lane's parts."""
    steps, lanes = edge_steps(facts), element_lanes(facts)
    for g in root.iter(f"{svg._S}g"):
        element_id = g.get("id")
        if element_id in steps:
            g.set("data-step", str(steps[element_id]))
        if element_id in lanes:
            g.set("data-lane", lanes[element_id])


def step_class(step: int, current: int) -> str:
    return STEP_CLASSES[0] if step < current else STEP_CLASSES[1] if step == current else STEP_CLASSES[2]


def _classes(g: ET.Element, *extra: str) -> None:
    kept = [c for c in (g.get("class") or "").split() if c not in FRAME_CLASSES]
    g.set("class", " ".join([*kept, *filter(None, extra)]))


def apply(root: ET.Element, frame: Frame) -> None:
    """Frame ``frame.number`` as Python draws it (``mark`` first): later steps removed, the rest classed."""
    for parent in list(root.iter()):
        for child in list(parent):
            step = child.get("data-step")
            if child.tag == f"{svg._S}g" and step is not None and int(step) > frame.number:
                parent.remove(child)
    for g in root.iter(f"{svg._S}g"):
        step, lane = g.get("data-step"), g.get("data-lane")
        if step is None and lane is None and "node" not in (g.get("class") or "").split():
            continue
        _classes(g, step_class(int(step), frame.number) if step is not None else "",
                 "sd-active" if g.get("id") in (*frame.nodes, *frame.edges) else "",
                 "sd-other-lane" if frame.lane and lane and lane != frame.lane else "")
