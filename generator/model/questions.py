"""The quiz part of the lesson model: questions, options, and the checks that tie answers to the model."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, StringConstraints, Tag

from .fields import Checkpoint, Slug, StepId, StepNumber, StepRef, Strict, Text, Verb, _step_branch


OPTION_LETTERS = "ABCDEFGH"
"""Quiz options are labelled with these letters, in order; an answer names one."""


class Option(Strict):
    """A quiz option with an explanation, instead of plain text."""

    text: Text = Field(description="The option as shown.")
    reason: Text | None = Field(None, description="Why it is right or wrong, shown after checking.")


class TrackerCell(Strict):
    """One cell of the state tracker: a tracked component at a checkpoint."""

    component: Slug = Field(description="Tracked component id (the tracker row).")
    at: Checkpoint = Field(description="`start`, a step (id or number) or `final` (the tracker column).")


class StepMatch(Strict):
    """Steps chosen by what they do: those with an interaction that matches every field given."""

    from_: Slug | None = Field(None, alias="from", description="The interaction starts at this component.")
    to: Slug | None = Field(None, description="The interaction goes to this component.")
    verb: Verb | None = Field(None, description="The interaction uses this verb.")


def _match_branch(value) -> str:
    return "step-match" if isinstance(value, (dict, StepMatch)) else _step_branch(value)


StepChoice = Annotated[Union[Annotated[StepNumber, Tag("step-number")], Annotated[StepId, Tag("step-id")],
                             Annotated[StepMatch, Tag("step-match")]],
                       Discriminator(_match_branch)]


class AnswerCheck(Strict):
    """Ties the correct option to the model, so a later edit cannot make it wrong."""

    step: StepChoice | None = Field(
        None, description="The correct option must read `Step N` for this step: its id, its number, or "
                          "`{from, to, verb}` for the first step with such an interaction.")
    state: TrackerCell | None = Field(
        None, description="The correct option must equal this component's derived state.")
    actor: StepChoice | None = Field(
        None, description="The correct option must be the label of this step's acting component.")
    count: StepMatch | None = Field(
        None, description="The correct option must be the number of steps with an interaction that matches, "
                          "e.g. `{from: client, verb: queries}` for \"How many queries does the client send?\".")


def _option_branch(value) -> str:
    return "option-mapping" if isinstance(value, (dict, Option)) else "option-text"


QuizOption = Annotated[Union[Annotated[Text, Tag("option-text")], Annotated[Option, Tag("option-mapping")]],
                       Discriminator(_option_branch)]


class QuizQuestion(Strict):
    """A multiple-choice question with one correct option."""

    question: Text = Field(description="The question.")
    options: list[QuizOption] = Field(
        min_length=2, description="Choices, labelled A, B, C... in order. Text, or `{text, reason}`.")
    answer: Annotated[str, StringConstraints(pattern=f"^[{OPTION_LETTERS[0]}-{OPTION_LETTERS[-1]}]$")] = Field(
        description="Letter of the correct option.")
    hint: Text | None = Field(None, description="Shown on request before answering.")
    steps: list[StepRef] = Field(
        default_factory=list, description="Steps (ids or numbers) the question is about; linked from the hint.")
    cells: list[TrackerCell] = Field(default_factory=list, description="Tracker cells the question is about.")
    check: AnswerCheck | None = Field(None, description="Ties the answer to the model; see AnswerCheck.")
    scenario: Slug | None = Field(
        None, description="A what-if scenario the question is about: its `steps`, `cells` and `check` then name "
                          "steps and states of that scenario's line.")


class GeneratedQuiz(Strict):
    """Opt-in questions derived from the model; answers and distractors are computed."""

    count: Annotated[int, Field(ge=1, le=20)] = Field(3, description="How many questions to add.")
    kinds: list[Literal["step-of-action", "state-after-step", "target-of-step", "count-of-verb",
                        "state-in-scenario"]] = Field(
        default_factory=lambda: ["step-of-action", "state-after-step", "target-of-step", "count-of-verb",
                                 "state-in-scenario"],
        description="Which question shapes to draw from.")



def option_text(option: Union[str, Option]) -> str:
    return option if isinstance(option, str) else option.text


def option_reason(option: Union[str, Option]) -> str | None:
    return None if isinstance(option, str) else option.reason
