"""Lint warnings: lessons that are valid but probably not what the author meant.

Each warning has a location and a code (``lint.*``) that ``stepdeck.yml`` can
silence; ``--strict`` turns them into errors. Lints run on the facts of lessons
whose structure passed, so every reference here is known to resolve.
"""
from __future__ import annotations

from ..model.facts import LessonFacts
from ..model.lesson import OPTION_LETTERS, option_text
from ..model.refs import numbered_references
from ..model.text import LABEL_WRAP, label_lines
from .diagnosis import Checker

MAX_LABEL_LINES = 3
MAX_NUMBERED_STEPS = 5
"""Up to this many steps, a step number is as stable as an id; past it, ids are suggested."""
"""Diagram labels wrap at ``LABEL_WRAP`` columns; more lines than this crowd the layout."""

CODES = {
    "lint.unused-component": "a component that no step acts with, sends to, receives from or changes",
    "lint.unchanged-state": "a tracked component whose state never changes (its tracker row is constant)",
    "lint.empty-lane": "a lane that no step belongs to",
    "lint.checkpoint-past-end": "a tracker checkpoint at or after the last state change, when `final` is shown too",
    "lint.moment-step": "a key moment step that involves none of the moment's `components`",
    "lint.quiz-step": "a quiz step that involves none of the question's tracker `cells`",
    "lint.hidden-cell": "a quiz cell whose column the tracker does not show",
    "lint.duplicate-option": "two options of one question with the same text",
    "lint.long-label": f"a diagram label that wraps to more than {MAX_LABEL_LINES} lines",
    "lint.step-by-number": f"a step named by its number in a lesson of more than {MAX_NUMBERED_STEPS} steps, "
                           "where inserting a step would move the reference",
}
"""Every lint code and what it catches; the guide lists them from here."""


class _Linter:
    def __init__(self, checker: Checker, facts: LessonFacts):
        self.facts = facts
        self.lesson = facts.lesson
        self.warn = checker.warn

    def run(self) -> None:
        self.components()
        self.lanes()
        self.checkpoints()
        self.moments()
        self.quiz()
        self.labels()
        self.step_numbers()

    def components(self) -> None:
        every_step = [*self.facts.steps, *(step for s in self.facts.scenarios for step in s.own_steps)]
        used = set().union(*(step.involved for step in every_step))
        timeline = [*self.facts.timeline, *(states for s in self.facts.scenarios for states in s.line.timeline)]
        for i, component in enumerate(self.lesson.components):
            if component.id not in used:
                self.warn(("components", i), f"component '{component.id}' is never used by a step",
                          "lint.unused-component", "make it act in a step or draw an interaction to it, or remove it")
            elif component.tracked and len({states[component.id] for states in timeline}) == 1:
                self.warn(("components", i), f"tracked component '{component.id}' stays "
                          f"'{component.initial_state}' in every step", "lint.unchanged-state",
                          "set its state in a step, or set tracked: false")

    def lanes(self) -> None:
        busy = {lane for step in self.facts.steps for lane in step.lanes}
        for i, lane in enumerate(self.lesson.lanes):
            if lane.id not in busy:
                self.warn(("lanes", i), f"lane '{lane.id}' has no steps", "lint.empty-lane",
                          "give the lane a component that acts in a step, or list it in a step's lanes")

    def checkpoints(self) -> None:
        if self.lesson.tracker is None or "final" not in self.lesson.tracker.checkpoints:
            return
        timeline = self.facts.timeline
        changes = [n for n in range(1, len(timeline)) if timeline[n] != timeline[n - 1]]
        last = changes[-1] if changes else 0
        for i, at in enumerate(self.lesson.tracker.checkpoints):
            if isinstance(at, int) and at >= last:
                where = f"the last state change (step {last})" if last else "the start (no step changes a state)"
                self.warn(("tracker", "checkpoints", i), f"checkpoint {at} is at or past {where}, so its column "
                          "repeats 'final'", "lint.checkpoint-past-end", f"remove {at} from tracker.checkpoints")

    def _mismatch(self, base: tuple, numbers: list[int], about: list[str], code: str, what: str,
                  scenario: str | None = None) -> None:
        if not about:
            return
        for j, number in enumerate(numbers):
            step = self.facts.line(scenario).step(number)
            if not step.involved & set(about):
                actor = step.source.component or "no component"
                self.warn(base + ("steps", j), f"step {number} ({actor}) does not involve {what} "
                          f"{', '.join(about)}", code,
                          "point to a step where one of them acts, sends, receives or changes state")

    def moments(self) -> None:
        for i, moment in enumerate(self.lesson.key_moments):
            self._mismatch(("key_moments", i), moment.steps, moment.components, "lint.moment-step",
                           "its components", moment.scenario)

    def quiz(self) -> None:
        for i, question in enumerate(self.lesson.quiz):
            base = ("quiz", i)
            columns = self.facts.line(question.scenario).tracker.columns
            shown = ", ".join(str(c) for c in columns)
            cells = [(("cells", j), c) for j, c in enumerate(question.cells)]
            if question.check and question.check.state and question.check.state not in question.cells:
                cells.append((("check", "state"), question.check.state))
            about = list(dict.fromkeys(c.component for _, c in cells))
            self._mismatch(base, question.steps, about, "lint.quiz-step", "its tracker cells'", question.scenario)
            for path, cell in cells:
                if cell.at not in columns:
                    self.warn(base + path + ("at",), f"the tracker has no column for {cell.at} (columns: {shown})",
                              "lint.hidden-cell", f"add {cell.at} to tracker.checkpoints")
            seen: dict[str, int] = {}
            for j, option in enumerate(question.options):
                key = " ".join(option_text(option).split()).casefold()
                if key in seen:
                    self.warn(base + ("options", j), f"option {OPTION_LETTERS[j]} repeats option "
                              f"{OPTION_LETTERS[seen[key]]} ({option_text(option)!r})", "lint.duplicate-option",
                              "make every option different")
                else:
                    seen[key] = j

    def labels(self) -> None:
        lesson = self.lesson
        texts = [(("lanes", i, "label"), lane.label) for i, lane in enumerate(lesson.lanes)]
        texts += [(("components", i, "label"), c.label) for i, c in enumerate(lesson.components)]
        for step in self.facts.steps:
            for arrow in step.interactions:
                # Drawn as "N. label"; without a label the verb is short enough.
                if arrow.source.label:
                    texts.append((("steps", step.number - 1, "interactions", arrow.index - 1, "label"),
                                  arrow.arrow_label))
        if lesson.process_flow:
            texts += [(("process_flow", "stages", i, "label"), s.label)
                      for i, s in enumerate(lesson.process_flow.stages)]
            texts += [(("process_flow", "arrows", i, "label"), a.label)
                      for i, a in enumerate(lesson.process_flow.arrows) if a.label]
        for path, text in texts:
            lines = len(label_lines(text))
            if lines > MAX_LABEL_LINES:
                self.warn(path, f"label wraps to {lines} lines in diagrams (at most {MAX_LABEL_LINES} fit)",
                          "lint.long-label", f"shorten it to about {LABEL_WRAP * MAX_LABEL_LINES} characters")

    def step_numbers(self) -> None:
        lesson = self.facts.authored or self.lesson
        if len(lesson.steps) <= MAX_NUMBERED_STEPS:
            return
        for path, number in numbered_references(lesson):
            step = lesson.steps[number - 1] if 1 <= number <= len(lesson.steps) else None
            named = f"use its id '{step.id}'" if step and step.id else "give the step an `id:` and use it"
            self.warn(path, f"step {number} is named by its number; inserting a step would move it",
                      "lint.step-by-number", f"{named}, or run `stepdeck fmt --step-ids`")


def lint(checker: Checker, facts: LessonFacts) -> None:
    """Add the lesson's warnings to ``checker``."""
    _Linter(checker, facts).run()

