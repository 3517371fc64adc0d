"""The page script's data: everything the browser needs per step, precomputed.

This is one half of the protocol with ``site_templates/assets/stepdeck/``; the
other half is the markup (``data-from``/``data-to``, ``data-step``, ``data-lane``, ``data-component``
attributes drawn by ``diagrams``). The script toggles classes and sets text
from this; it never measures text, computes geometry or builds an id.
"""
from __future__ import annotations

from ..model import ids
from ..model.facts import LessonFacts
from .scenarios import grammar, scenario_data
from .views import QuizView


def frame_data(facts: LessonFacts, f, prefix: str) -> dict:
    """One frame of a line (the main one or a scenario's) as the player shows it."""
    labels = facts.tracker.labels
    return {"number": f.number, "title": f"{facts.lesson.title}: {f.title_suffix}",
            "active": [prefix + element for element in (*f.nodes, *f.edges)],
            "narration": f.narration, "states": dict(f.states), "changed": list(f.changed),
            "checkpoint": f.checkpoint, "lane": f.lane,
            "checkpointLabel": labels[f.checkpoint] if f.checkpoint is not None else None}


def player_data(facts: LessonFacts, quiz: tuple[QuizView, ...]) -> dict:
    lesson = facts.lesson
    prefix = ids.inline_prefix(lesson.id, "player")
    return {
        "lesson": lesson.id,
        "modes": [mode.id for mode in ids.MODES],
        "grammar": grammar(facts),
        "steps": [frame_data(facts, f, prefix) for f in facts.frames],
        "scenarios": scenario_data(facts, frame_data),
        # a question about a scenario links its steps from the page itself (its hint), not from here
        "quiz": [{"index": q.index, "answer": q.answer, "steps": [] if q.scenario else list(q.steps),
                  "reasons": {letter: reason for letter, _, reason in q.options if reason}} for q in quiz],
    }
