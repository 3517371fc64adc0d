"""Step references by id, turned into numbers once, so every consumer reads numbers.

An author may name a step by its ``id`` or its number wherever a step is named. ``numbered``
returns the lesson with every resolvable id replaced by its step's number; an id that does not
resolve stays as written (the reference checks report it). ``derive`` calls it once and keeps the
lesson as written beside it, for the lint that suggests ids.
"""
from __future__ import annotations

from .lesson import AnswerCheck, Lesson, QuizQuestion, StepMatch, TrackerCell, step_numbers


def numbered(lesson: Lesson) -> Lesson:
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

    update: dict = {
        "key_moments": [m.model_copy(update={"steps": [ref(s) for s in m.steps]}) for m in lesson.key_moments],
        "quiz": [question(q) for q in lesson.quiz]}
    if lesson.tracker is not None:
        update["tracker"] = lesson.tracker.model_copy(
            update={"checkpoints": [ref(at) for at in lesson.tracker.checkpoints]})
    return lesson.model_copy(update=update)


def numbered_references(lesson: Lesson) -> list[tuple[tuple, int]]:
    """Every place the lesson names a step by its number: (YAML path, number)."""
    found: list[tuple[tuple, int]] = []

    def add(path: tuple, value) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            found.append((path, value))

    for i, at in enumerate(lesson.tracker.checkpoints if lesson.tracker else ()):
        add(("tracker", "checkpoints", i), at)
    for i, moment in enumerate(lesson.key_moments):
        for j, ref in enumerate(moment.steps):
            add(("key_moments", i, "steps", j), ref)
    for i, question in enumerate(lesson.quiz):
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
