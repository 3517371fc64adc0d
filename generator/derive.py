"""Facts derived from the steps, so that an author never types them twice.

The tracker, the per-step state panel, each step's lanes and rows in the
side-by-side view, frame highlights and default narration all come from here.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Component, Lesson, Step, plain_text

Checkpoint = int | str  # "start", a step number, or "final"


def components_by_id(lesson: Lesson) -> dict[str, Component]:
    return {c.id: c for c in lesson.components}


def tracked(lesson: Lesson) -> list[Component]:
    return [c for c in lesson.components if c.tracked]


def state_timeline(lesson: Lesson) -> tuple[dict[str, str], ...]:
    """States of every tracked component: index 0 is the start, index N is after step N."""
    current = {c.id: c.initial_state or "" for c in tracked(lesson)}
    timeline = [dict(current)]
    for step in lesson.steps:
        current.update({k: v for k, v in step.state.items() if k in current})
        timeline.append(dict(current))
    return tuple(timeline)


def checkpoint_index(lesson: Lesson, at: Checkpoint) -> int:
    if at == "start":
        return 0
    if at == "final":
        return len(lesson.steps)
    return int(at)


def state_at(lesson: Lesson, component: str, at: Checkpoint) -> str:
    return state_timeline(lesson)[checkpoint_index(lesson, at)][component]


def checkpoints(lesson: Lesson) -> list[Checkpoint]:
    if lesson.tracker is not None:
        return list(lesson.tracker.checkpoints)
    changing = [n for n, step in enumerate(lesson.steps, 1)
                if any(c in step.state for c in (t.id for t in tracked(lesson)))]
    return ["start", *[n for n in changing if n != len(lesson.steps)], "final"]


def checkpoint_label(at: Checkpoint) -> str:
    if at == "start":
        return "Start"
    if at == "final":
        return "Final"
    return f"After Step {at}"


TrackerRow = tuple[Component, list[str]]  # a component and its state at each column


@dataclass(frozen=True)
class TrackerGroup:
    """Rows under one heading; ``label`` is None when the table is not grouped."""

    label: str | None
    rows: list[TrackerRow]


@dataclass(frozen=True)
class TrackerTable:
    columns: list[Checkpoint]
    groups: list[TrackerGroup]

    @property
    def rows(self) -> list[TrackerRow]:
        return [row for group in self.groups for row in group.rows]


SHARED_LABEL = "Shared"


def tracker_table(lesson: Lesson) -> TrackerTable:
    """With two or more lanes the rows are grouped: components in no lane first, then each lane.

    Grouping lets two lanes track a component of the same name (``main`` in a
    merge lane and a rebase lane) without the label having to repeat the lane.
    """
    columns = checkpoints(lesson)
    timeline = state_timeline(lesson)
    indexes = [checkpoint_index(lesson, at) for at in columns]
    rows = [(c, [timeline[i][c.id] for i in indexes]) for c in tracked(lesson)]
    if len(lesson.lanes) < 2:
        return TrackerTable(columns, [TrackerGroup(None, rows)])
    headings = [(None, SHARED_LABEL)] + [(lane.id, lane.label) for lane in lesson.lanes]
    groups = [TrackerGroup(label, [row for row in rows if row[0].lane == lane]) for lane, label in headings]
    return TrackerTable(columns, [group for group in groups if group.rows])


def step_lanes(lesson: Lesson, step: Step) -> list[str]:
    """Lanes a step belongs to: as written, or those of the components it touches."""
    if step.lanes is not None:
        return list(step.lanes)
    comps = components_by_id(lesson)
    touched = [step.component] if step.component else []
    for interaction in step.interactions:
        touched += [interaction.from_, interaction.to]
    found = {comps[c].lane for c in touched if c in comps and comps[c].lane}
    return [lane.id for lane in lesson.lanes if lane.id in found]


def lane_rows(lesson: Lesson) -> dict[int, int]:
    """Step number -> row in the side-by-side view (the n-th step of each lane shares a row)."""
    rows: dict[int, int] = {}
    per_lane = {lane.id: 0 for lane in lesson.lanes}
    for number, step in enumerate(lesson.steps, 1):
        lanes = step_lanes(lesson, step)
        if step.phase is not None:
            rows[number] = step.phase
            for lane in lanes:
                per_lane[lane] = step.phase
            continue
        if not lanes:
            continue
        row = max(per_lane[lane] for lane in lanes) + 1
        for lane in lanes:
            per_lane[lane] = row
        rows[number] = row
    return rows


def narration(step: Step) -> str:
    """What the player reads out: plain text, since it is shown with textContent."""
    if step.narration:
        return plain_text(step.narration)
    parts = [_sentence(plain_text(step.action)), _sentence(plain_text(step.result))]
    if step.notes:
        parts.append(_sentence(plain_text(step.notes)))
    return " ".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def step_actor_label(lesson: Lesson, step: Step) -> str:
    if step.component:
        return components_by_id(lesson)[step.component].label
    return step.label or "—"


def active_components(step: Step) -> list[str]:
    """Components a frame highlights: the actor and both ends of each interaction."""
    seen: list[str] = []
    for comp in [step.component, *[x for i in step.interactions for x in (i.from_, i.to)]]:
        if comp and comp not in seen:
            seen.append(comp)
    return seen


def changed_components(lesson: Lesson, number: int) -> list[str]:
    timeline = state_timeline(lesson)
    return [c for c in timeline[number] if timeline[number][c] != timeline[number - 1][c]]
