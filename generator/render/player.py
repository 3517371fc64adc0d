"""The page script's data: everything the browser needs per step, precomputed.

This is one half of the protocol with ``site_templates/assets/stepdeck/``; the
other half is the markup (``data-from``/``data-to``, ``data-step``, ``data-lane``,
``data-component`` attributes drawn by ``diagrams``). The script toggles classes
and sets text from this; it never measures text, computes geometry or builds an id.
"""
from __future__ import annotations

from ..model import ids
from ..model.facts import LessonFacts
from ..model.text import plain_text
from .scenarios import grammar, scenario_data
from .views import QuizView


def lane_codes(facts: LessonFacts) -> dict[str, str]:
    """Author lane id -> its code (``ids.lane``), the one spelling in the SVG, the data and the address."""
    return {lane.id: ids.lane(position) for position, lane in enumerate(facts.lesson.lanes, 1)}


def frame_lanes(facts: LessonFacts, number: int) -> list[str]:
    """A frame's lane codes, all of them (frame 0, the start, is in none): the lane switch shows a step
    when the followed lane is among them."""
    codes = lane_codes(facts)
    return [codes[lane] for lane in facts.steps[number - 1].lanes] if number else []


def frame_data(facts: LessonFacts, f, prefix: str) -> dict:
    """One frame of a line (the main one or a scenario's) as the player shows it."""
    labels = facts.tracker.labels
    return {"number": f.number, "title": f"{facts.lesson.title}: {f.title_suffix}",
            "active": [prefix + element for element in (*f.nodes, *f.edges)],
            "caption": plain_text(f.caption), "narration": plain_text(f.narration),
            "lane": f.lane, "lanes": frame_lanes(facts, f.number),
            "states": {c: plain_text(v) for c, v in f.states.items()}, "changed": list(f.changed),
            "checkpoint": f.checkpoint,
            "checkpointLabel": labels[f.checkpoint] if f.checkpoint is not None else None}


def player_data(facts: LessonFacts, quiz: tuple[QuizView, ...]) -> dict:
    lesson = facts.lesson
    prefix = ids.inline_prefix(lesson.id, "player")
    return {
        "lesson": lesson.id,
        "modes": [mode.id for mode in ids.MODES],
        "grammar": grammar(facts),
        # lanes the reader can follow alone; a single flow has nothing to choose
        "lanes": [{"code": code, "label": plain_text(lane.label)}
                  for lane, code in zip(lesson.lanes, lane_codes(facts).values())] if len(lesson.lanes) > 1 else [],
        "steps": [frame_data(facts, f, prefix) for f in facts.frames],
        "scenarios": scenario_data(facts, frame_data),
        # a question about a scenario links its steps from the page itself (its hint), not from here
        "quiz": [{"index": q.index, "answer": q.answer, "steps": [] if q.scenario else list(q.steps),
                  "reasons": {letter: reason for letter, _, reason in q.options if reason}} for q in quiz],
    }
