"""Step references by id, turned into numbers once, so every consumer reads numbers.

An author may name a step by its ``id`` or its number wherever a step is named. ``numbered``
returns the lesson with every resolvable id replaced by its step's number; an id that does not
resolve stays as written (the reference checks report it). ``derive`` calls it once and keeps the
lesson as written beside it, for the lint that suggests ids.
"""
from __future__ import annotations

from .lesson import AnswerCheck, Lesson, QuizQuestion, StepMatch, TrackerCell, step_numbers


def fork_step(lesson: Lesson, scenario) -> int | None:
    """The main-line step a scenario forks after, or None when ``after`` names no step."""
    after = scenario.after
    if isinstance(after, str):
        return step_numbers(lesson).get(after)
    return after if 1 <= after <= len(lesson.steps) else None


def scenario_line(lesson: Lesson, scenario) -> Lesson:
    """A scenario's line as a lesson of its own: the main steps up to the fork, then the scenario's.
    ``derive`` derives it like any lesson; its quiz and key moments stay with the main lesson."""
    fork = fork_step(lesson, scenario) or 0
    return lesson.model_copy(update={"steps": [*lesson.steps[:fork], *scenario.steps], "scenarios": [],
                                     "quiz": [], "key_moments": [], "generated_quiz": None, "tracker": None})


def scenario_by_id(lesson: Lesson, scenario_id: str | None):
    return next((s for s in lesson.scenarios if s.id == scenario_id), None)


def numbered(lesson: Lesson) -> Lesson:
    main = _numbering(lesson)
    lines = {s.id: _numbering(scenario_line(lesson, s)) for s in lesson.scenarios}

    def question(item: QuizQuestion) -> QuizQuestion:
        return lines.get(item.scenario, main)["question"](item)

    update: dict = {
        "key_moments": [lines.get(m.scenario, main)["moment"](m) for m in lesson.key_moments],
        "quiz": [question(q) for q in lesson.quiz],
        "scenarios": [s.model_copy(update={"after": main["ref"](s.after)}) for s in lesson.scenarios]}
    if lesson.tracker is not None:
        update["tracker"] = lesson.tracker.model_copy(
            update={"checkpoints": [main["ref"](at) for at in lesson.tracker.checkpoints]})
    return lesson.model_copy(update=update)


def _numbering(lesson: Lesson) -> dict:
    """Functions that turn the step ids of one line (the main one, or a scenario's) into numbers."""
    numbers = step_numbers(lesson)

    def ref(value):
        if isinstance(value, StepMatch):  # a step chosen by what it does: the first that does it
            found = matching_steps(lesson, value)
            return found[0] if found else value
        return numbers.get(value, value) if isinstance(value, str) and value not in ("start", "final") else value

    def cell(item: TrackerCell) -> TrackerCell:
        return item.model_copy(update={"at": ref(item.at)})

    def check(item: AnswerCheck | None) -> AnswerCheck | None:
        if item is None:
            return None
        return item.model_copy(update={"step": ref(item.step), "actor": ref(item.actor),
                                       "state": cell(item.state) if item.state else None})

    def question(item: QuizQuestion) -> QuizQuestion:
        return item.model_copy(update={"steps": [ref(s) for s in item.steps],
                                       "cells": [cell(c) for c in item.cells], "check": check(item.check)})

    def moment(item):
        return item.model_copy(update={"steps": [ref(s) for s in item.steps]})

    return {"ref": ref, "question": question, "moment": moment}


def numbered_references(lesson: Lesson) -> list[tuple[tuple, int]]:
    """Every place the lesson names a step by its number: (YAML path, number)."""
    found: list[tuple[tuple, int]] = []

    def add(path: tuple, value) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            found.append((path, value))

    for i, at in enumerate(lesson.tracker.checkpoints if lesson.tracker else ()):
        add(("tracker", "checkpoints", i), at)
    for i, scenario in enumerate(lesson.scenarios):
        add(("scenarios", i, "after"), scenario.after)
    for i, moment in enumerate(lesson.key_moments):
        if moment.scenario:  # its steps count along the scenario's line, not the main one
            continue
        for j, ref in enumerate(moment.steps):
            add(("key_moments", i, "steps", j), ref)
    for i, question in enumerate(lesson.quiz):
        if question.scenario:
            continue
        base = ("quiz", i)
        for j, ref in enumerate(question.steps):
            add(base + ("steps", j), ref)
        for j, cell in enumerate(question.cells):
            add(base + ("cells", j, "at"), cell.at)
        if question.check:
            add(base + ("check", "step"), question.check.step)
            add(base + ("check", "actor"), question.check.actor)
            if question.check.state:
                add(base + ("check", "state", "at"), question.check.state.at)
    return found


def matching_steps(lesson: Lesson, match: StepMatch) -> tuple[int, ...]:
    """The steps with an interaction that matches every field ``match`` gives, in order."""
    def fits(interaction) -> bool:
        return all(want is None or want == have for want, have in (
            (match.from_, interaction.from_), (match.to, interaction.to), (match.verb, interaction.verb)))

    return tuple(n for n, step in enumerate(lesson.steps, 1) if any(fits(i) for i in step.interactions))
