"""The sequence view's lane runs (what its lane frames enclose) and the tooltip of every generated id.

Pure: facts in, data out. ``diagrams.sequence`` draws from the same runs.
"""
from __future__ import annotations

from ..model import ids
from ..model.facts import LessonFacts


def lane_runs(facts: LessonFacts) -> list[tuple[str, tuple[int, ...]]]:
    """Runs of consecutive steps that belong to exactly one lane, as (lane id, step numbers).

    Only a comparison (two lanes or more) has them."""
    if len(facts.lesson.lanes) < 2:
        return []
    runs: list[tuple[str, tuple[int, ...]]] = []
    previous = None
    for step in facts.steps:
        lane = step.lanes[0] if len(step.lanes) == 1 else None
        if lane is not None and lane == previous:
            runs[-1] = (lane, (*runs[-1][1], step.number))
        elif lane is not None:
            runs.append((lane, (step.number,)))
        previous = lane
    return runs


def labels(facts: LessonFacts) -> dict[str, str]:
    """Generated ID -> tooltip text."""
    result = {}
    lanes = {lane.id: lane.label for lane in facts.lesson.lanes}
    for k, (lane, numbers) in enumerate(lane_runs(facts), 1):
        span = f"step {numbers[0]}" if len(numbers) == 1 else f"steps {numbers[0]} to {numbers[-1]}"
        result[ids.sequence_frame(k)] = result[ids.sequence_frame(k) + ids.FRAME_LABEL_SUFFIX] = \
            f"{lanes[lane]}: {span}"
    for i, component in enumerate(facts.lesson.components, 1):
        result[ids.head(i)] = component.label
        result[ids.lifeline(i)] = f"Lifeline of {component.label}"
    for step in facts.steps:
        if not step.interactions:
            result[ids.note(step.number)] = step.line
        for arrow in step.interactions:
            result[arrow.message] = arrow.tooltip
    for scenario in facts.scenarios:
        result[ids.alt_frame(scenario.position)] = f"What-if: {scenario.source.title}"
        for step in scenario.own_steps:
            if not step.interactions:
                result[ids.scenario_note(scenario.position, step.number)] = step.line
            for arrow in step.interactions:
                result[arrow.message] = arrow.tooltip
    return result
