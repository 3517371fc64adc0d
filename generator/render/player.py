"""The page script's data: everything the browser needs per step, precomputed.

This is one half of the protocol with ``site_templates/assets/stepdeck/``; the
other half is the markup (``data-from``/``data-to``, ``data-step``, ``data-lane``, ``data-component``
attributes drawn by ``diagrams``). The script toggles classes and sets text
from this; it never measures text, computes geometry or builds an id.
"""
from __future__ import annotations

from ..model import ids
from ..model.facts import LessonFacts
from ..model.lesson import step_numbers
from .views import QuizView


def player_data(facts: LessonFacts, quiz: tuple[QuizView, ...]) -> dict:
    lesson = facts.lesson
    prefix = ids.inline_prefix(lesson.id, "player")
    labels = facts.tracker.labels
    return {
        "lesson": lesson.id,
        "modes": [mode.id for mode in ids.MODES],
        "grammar": ids.grammar(step_numbers(lesson)),
        "steps": [{"number": f.number, "title": f"{lesson.title}: {f.title_suffix}",
                   "active": [prefix + element for element in (*f.nodes, *f.edges)],
                   "narration": f.narration, "states": dict(f.states), "changed": list(f.changed),
                   "checkpoint": f.checkpoint, "lane": f.lane,
                   "checkpointLabel": labels[f.checkpoint] if f.checkpoint is not None else None}
                  for f in facts.frames],
        "quiz": [{"index": q.index, "answer": q.answer, "steps": list(q.steps),
                  "reasons": {letter: reason for letter, _, reason in q.options if reason}} for q in quiz],
    }
