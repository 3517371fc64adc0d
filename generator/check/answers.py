"""Answer checks: a quiz answer tied to the model (``check:``) must still be right.

They run on the lesson's facts, even when other parts of the lesson do not
resolve; a question whose own references are broken is left to the reference
checks, which already reported it. The state an answer must equal is the derived one.
"""
from __future__ import annotations

import re

from ..model.derive import matching_steps
from ..model.facts import LessonFacts
from ..model.lesson import OPTION_LETTERS, QuizQuestion, StepMatch, option_text
from .diagnosis import Checker

_STEP_OPTION = re.compile(r"^Step (\d+)$")


def check_answers(checker: Checker, facts: LessonFacts) -> None:
    scenarios = {s.source.id for s in facts.scenarios}
    for i, question in enumerate(facts.lesson.quiz):
        if question.scenario is not None and question.scenario not in scenarios:
            continue  # the reference checks report the unknown scenario
        if question.check is not None:  # a question about a scenario is checked against that scenario's line
            _answer(checker, facts.line(question.scenario), ("quiz", i), question)


def _number(facts: LessonFacts, ref) -> int | None:
    """The step a check names, or None when it names none (the reference checks say so)."""
    if isinstance(ref, StepMatch):
        found = matching_steps(facts.lesson, ref)
        return found[0] if found else None
    return ref if isinstance(ref, int) and 1 <= ref <= len(facts.lesson.steps) else None


def _checkable(facts: LessonFacts, question: QuizQuestion) -> bool:
    """Whether everything the question's ``check:`` names exists."""
    check, steps = question.check, len(facts.lesson.steps)
    tracked = {c.id for c in facts.tracked}
    at = check.state.at if check.state else None
    return (question.answer in OPTION_LETTERS[: len(question.options)]
            and all(ref is None or _number(facts, ref) for ref in (check.step, check.actor))
            and (check.state is None or (check.state.component in tracked
                                         and (at in ("start", "final") or (isinstance(at, int) and at <= steps)))))


def _answer(checker: Checker, facts: LessonFacts, base: tuple, question: QuizQuestion) -> None:
    if not _checkable(facts, question):
        return
    letters = OPTION_LETTERS[: len(question.options)]
    correct = option_text(question.options[letters.index(question.answer)])
    check = question.check
    if check.step is not None:
        number = _number(facts, check.step)
        match = _STEP_OPTION.match(correct)
        if not match or int(match.group(1)) != number:
            checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but check.step "
                        f"says the answer is step {number}", "check.answer",
                        f"make option {question.answer} read 'Step {number}'")
    if check.actor is not None:
        number = _number(facts, check.actor)
        acting = facts.step(number).source.component
        label = facts.components[acting].label if acting in facts.components else None
        if label is not None and correct != label:
            checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but step "
                        f"{number} is done by {label!r}", "check.answer")
    if check.count is not None:
        _count(checker, facts, base, question, correct)
    if check.state is not None:
        cell = check.state
        expected = facts.state_at(cell.component, cell.at)
        if correct != expected:
            checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but the derived state "
                        f"of '{cell.component}' at {cell.at} is {expected!r}", "check.answer")
        for letter, option in zip(letters, question.options):
            if option_text(option) == expected and letter != question.answer:
                checker.add(base + ("options", letters.index(letter)), f"option {letter} is also correct "
                            f"({expected!r})", "check.ambiguous")


def _count(checker: Checker, facts: LessonFacts, base: tuple, question: QuizQuestion, correct: str) -> None:
    expected = len(matching_steps(facts.lesson, question.check.count))
    if correct.strip() != str(expected):
        checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but {expected} step"
                    f"{'s' if expected != 1 else ''} have such an interaction (check.count)", "check.answer",
                    f"make option {question.answer} read '{expected}'")
    for j, option in enumerate(question.options):
        if option_text(option).strip() == str(expected) and OPTION_LETTERS[j] != question.answer:
            checker.add(base + ("options", j), f"option {OPTION_LETTERS[j]} is also correct ({expected})",
                        "check.ambiguous")
