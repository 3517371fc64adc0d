"""``derive``: the one function that computes a lesson's facts (``model.facts``)."""
from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Mapping

from . import ids
from .align import lane_rows
from .facts import (Checkpoint, Frame, InteractionFacts, LessonFacts, LineSpec, ScenarioFacts, StepFacts,
                    TrackerGroup, TrackerTable, checkpoint_index, checkpoint_label)
from .lesson import Component, Lesson, Step
from .quiz import generate
from .refs import fork_step, matching_steps, numbered, scenario_line  # noqa: F401  (matching_steps: the checks use it from here)
from .text import plain_text, sentence
from .vocabulary import verb_style

NO_ACTOR = "—"
SHARED_LABEL = "Shared"


def derive(lesson: Lesson, *, resolved: bool = True, spec: LineSpec | None = None) -> LessonFacts:
    """All facts of a lesson. ``resolved`` says every reference resolves (its structural checks
    passed); otherwise unknown ids stand for themselves, enough to check quiz answers against the
    derived states, and no quiz is generated. Step ids in references become numbers first.

    Each what-if scenario's line is derived by this same function (``spec`` says which line it is):
    its own steps get their own ids, so the one overview layout can hold every line's arrows."""
    authored, lesson = lesson, numbered(lesson)
    components = {c.id: c for c in lesson.components}
    nodes = {c.id: ids.component_node(i) for i, c in enumerate(lesson.components, 1)}
    tracked = tuple(c for c in lesson.components if c.tracked)
    timeline = _timeline(lesson, tracked)
    step_lanes = [_step_lanes(lesson, components, step) for step in lesson.steps]
    rows = lane_rows(lesson, step_lanes)
    steps = tuple(_step_facts(n, step, components, step_lanes[n - 1], rows.get(n), timeline, spec)
                  for n, step in enumerate(lesson.steps, 1))
    columns = _checkpoints(lesson, tracked, spec)
    checkpoint_steps = tuple(checkpoint_index(lesson, at) for at in columns)
    actor_steps: dict[str, list[int]] = {}
    for facts in steps:
        if facts.source.component in nodes:
            actor_steps.setdefault(nodes[facts.source.component], []).append(facts.number)
    counts: dict[str, int] = {}
    for component in lesson.components:
        counts[component.label] = counts.get(component.label, 0) + 1
    facts = LessonFacts(
        lesson=lesson, components=MappingProxyType(components), nodes=MappingProxyType(nodes), tracked=tracked,
        unique_labels=frozenset(label for label, count in counts.items() if count == 1), timeline=timeline,
        steps=steps, tracker=_tracker(lesson, tracked, timeline, columns, checkpoint_steps, spec),
        checkpoint_steps=checkpoint_steps, frames=_frames(lesson, steps, nodes, timeline, checkpoint_steps, spec),
        actor_steps=MappingProxyType({node: tuple(found) for node, found in actor_steps.items()}),
        story=" ".join(s.story for s in steps), authored=authored, spec=spec,
        scenarios=_scenarios(lesson, resolved))
    # The generated quiz is a fact too, drawn from the facts it joins.
    return replace(facts, generated_quiz=tuple(generate(facts))) if resolved else facts


def _scenarios(lesson: Lesson, resolved: bool) -> tuple[ScenarioFacts, ...]:
    """Every scenario whose fork resolves, with its line derived as a lesson of its own."""
    found = []
    for position, scenario in enumerate(lesson.scenarios, 1):
        fork = fork_step(lesson, scenario)
        if fork is not None:
            line = derive(scenario_line(lesson, scenario), resolved=resolved,
                          spec=LineSpec(position, fork, plain_text(scenario.title)))
            found.append(ScenarioFacts(scenario, position, fork, line))
    return tuple(found)


def _timeline(lesson: Lesson, tracked: tuple[Component, ...]) -> tuple[Mapping[str, str], ...]:
    current = {c.id: c.initial_state or "" for c in tracked}
    timeline = [MappingProxyType(dict(current))]
    for step in lesson.steps:
        current.update({k: v for k, v in step.state.items() if k in current})
        timeline.append(MappingProxyType(dict(current)))
    return tuple(timeline)


def _step_lanes(lesson: Lesson, components: Mapping[str, Component], step: Step) -> tuple[str, ...]:
    """Lanes a step belongs to: as written, or those of the components it touches."""
    if step.lanes is not None:
        known = {lane.id for lane in lesson.lanes}
        return tuple(lane for lane in step.lanes if lane in known)
    touched = [step.component] if step.component else []
    for interaction in step.interactions:
        touched += [interaction.from_, interaction.to]
    found = {components[c].lane for c in touched if c in components and components[c].lane}
    return tuple(lane.id for lane in lesson.lanes if lane.id in found)


def _step_facts(number: int, step: Step, components: Mapping[str, Component], lanes: tuple[str, ...],
                row: int | None, timeline: tuple[Mapping[str, str], ...], spec: LineSpec | None) -> StepFacts:
    def label(component: str) -> str:  # an unresolved id (reported by the checks) shows as itself
        return components[component].label if component in components else component

    actor = label(step.component) if step.component else (step.label or NO_ACTOR)
    active: list[str] = []
    for comp in [step.component, *[x for i in step.interactions for x in (i.from_, i.to)]]:
        if comp and comp not in active:
            active.append(comp)
    own = spec is not None and number > spec.fork  # a scenario's own step: ids of its own
    edge_id = (lambda i: ids.scenario_edge(spec.position, number, i)) if own else (lambda i: ids.edge(number, i))
    message_id = (lambda i: ids.scenario_message(spec.position, number, i)) if own else (
        lambda i: ids.message(number, i))
    arrows = tuple(InteractionFacts(
        index, interaction, verb_style(interaction.verb, interaction.style), edge_id(index), message_id(index),
        f"{number}. {interaction.label or interaction.verb}",
        plain_text(f"Step {number}: {label(interaction.from_)} {interaction.label or interaction.verb} "
                   f"{label(interaction.to)}"))
        for index, interaction in enumerate(step.interactions, 1))
    before, after = timeline[number - 1], timeline[number]
    action = plain_text(step.action)
    return StepFacts(
        number=number, source=step, actor_label=actor, lanes=lanes, row=row, active=tuple(active),
        involved=frozenset(active) | frozenset(step.state),
        targets=frozenset(i.to for i in step.interactions if i.from_ == step.component and i.to != step.component),
        changed=tuple(c for c in after if after[c] != before[c]), states=after, interactions=arrows,
        narration=narration(step), caption=f"{'What-if · ' if own else ''}Step {number} · {plain_text(actor)}: {action}",
        line=f"Step {number}, {plain_text(actor)}: {action}",
        story=f"Step {number}, {plain_text(actor)}: {action}; {plain_text(step.result)}.",
        box_text=f"{number}. {plain_text(actor)}: {action}")


def narration(step: Step) -> str:
    """What the player reads out: plain text, since it is shown with textContent."""
    if step.narration:
        return plain_text(step.narration)
    parts = [sentence(plain_text(step.action)), sentence(plain_text(step.result))]
    if step.notes:
        parts.append(sentence(plain_text(step.notes)))
    return " ".join(parts)


def _checkpoints(lesson: Lesson, tracked: tuple[Component, ...], spec: LineSpec | None = None
                 ) -> tuple[Checkpoint, ...]:
    if spec is not None:  # a scenario's tracker: the fork, each of its own steps that changes a state, the end
        ids_tracked = {t.id for t in tracked}
        own = [n for n, step in enumerate(lesson.steps, 1) if n > spec.fork and ids_tracked & set(step.state)]
        return (spec.fork or "start", *[n for n in own if n != len(lesson.steps)], "final")
    if lesson.tracker is not None:  # a step that does not exist (reported by the checks) has no column
        return tuple(at for at in lesson.tracker.checkpoints
                     if at in ("start", "final") or (isinstance(at, int) and at <= len(lesson.steps)))
    ids_tracked = {t.id for t in tracked}
    changing = [n for n, step in enumerate(lesson.steps, 1) if ids_tracked & set(step.state)]
    return ("start", *[n for n in changing if n != len(lesson.steps)], "final")


def _tracker(lesson: Lesson, tracked: tuple[Component, ...], timeline, columns: tuple[Checkpoint, ...],
             indexes: tuple[int, ...], spec: LineSpec | None = None) -> TrackerTable:
    """With two or more lanes the rows are grouped: components in no lane first, then each lane.

    Grouping lets two lanes track a component of the same name (``main`` in a
    merge lane and a rebase lane) without the label having to repeat the lane.
    """
    rows = tuple((c, tuple(timeline[i][c.id] for i in indexes)) for c in tracked)
    labels = tuple(checkpoint_label(at) for at in columns)
    if spec is not None:  # a scenario's columns: the fork, its own steps, its end
        labels = tuple(f"At the fork (after step {at})" if at == spec.fork else "End of the what-if" if at == "final"
                       else f"After what-if step {at}" for at in columns)
    if len(lesson.lanes) < 2:
        return TrackerTable(columns, labels, (TrackerGroup(None, rows),))
    headings = [(None, SHARED_LABEL)] + [(lane.id, lane.label) for lane in lesson.lanes]
    groups = (TrackerGroup(label, tuple(row for row in rows if row[0].lane == lane)) for lane, label in headings)
    return TrackerTable(columns, labels, tuple(group for group in groups if group.rows))


def _frames(lesson: Lesson, steps: tuple[StepFacts, ...], nodes: Mapping[str, str], timeline,
            checkpoint_steps: tuple[int, ...], spec: LineSpec | None = None) -> tuple[Frame, ...]:
    def column(number: int) -> int | None:
        return checkpoint_steps.index(number) if number in checkpoint_steps else None

    codes = {lane.id: ids.lane(i) for i, lane in enumerate(lesson.lanes, 1)}
    start = Frame(0, (), (), None, plain_text(f"Start: {lesson.title}"), "start",
                  plain_text(lesson.summary), timeline[0], (),
                  column(0))
    frames = [start, *(Frame(s.number, tuple(nodes[c] for c in s.active if c in nodes),
                             tuple(i.edge for i in s.interactions),
                             nodes.get(s.source.component or ""), s.caption, f"step {s.number}", s.narration,
                             s.states, s.changed, column(s.number),
                             codes.get(s.lanes[0]) if len(s.lanes) == 1 else None) for s in steps)]
    if spec is not None:  # the fork is visible: its frame says where the line leaves the main one
        fork = frames[spec.fork]
        frames[spec.fork] = replace(fork, caption=f"{spec.title}: the story forks after step {spec.fork}",
                                    title_suffix=f"what-if, at the fork (step {spec.fork})")
    return tuple(frames)
