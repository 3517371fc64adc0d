"""Answer checks: a quiz answer tied to the model (``check:``) must still be right.

They run on the lesson's facts, even when other parts of the lesson do not
resolve; a question whose own references are broken is left to the reference
checks, which already reported it. The state an answer must equal is the derived one.
"""
from __future__ import annotations

import re

from ..model.facts import LessonFacts
from ..model.lesson import OPTION_LETTERS, QuizQuestion, option_text
from .diagnosis import Checker

_STEP_OPTION = re.compile(r"^Step (\d+)$")


def check_answers(checker: Checker, facts: LessonFacts) -> None:
    for i, question in enumerate(facts.lesson.quiz):
        if question.check is not None:
            _answer(checker, facts, ("quiz", i), question)


def _checkable(facts: LessonFacts, question: QuizQuestion) -> bool:
    """Whether everything the question's ``check:`` names exists."""
    check, steps = question.check, len(facts.lesson.steps)
    tracked = {c.id for c in facts.tracked}
    return (question.answer in OPTION_LETTERS[: len(question.options)]
            and all(n is None or 1 <= n <= steps for n in (check.step, check.actor))
            and (check.state is None or (check.state.component in tracked
                                         and (not isinstance(check.state.at, int) or check.state.at <= steps))))


def _answer(checker: Checker, facts: LessonFacts, base: tuple, question: QuizQuestion) -> None:
    if not _checkable(facts, question):
        return
    letters = OPTION_LETTERS[: len(question.options)]
    correct = option_text(question.options[letters.index(question.answer)])
    check = question.check
    if check.step is not None:
        match = _STEP_OPTION.match(correct)
        if not match or int(match.group(1)) != check.step:
            checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but check.step "
                        f"says the answer is step {check.step}", "check.answer",
                        f"make option {question.answer} read 'Step {check.step}'")
    if check.actor is not None:
        acting = facts.step(check.actor).source.component
        label = facts.components[acting].label if acting in facts.components else None
        if label is not None and correct != label:
            checker.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but step "
                        f"{check.actor} is done by {label!r}", "check.answer")
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
