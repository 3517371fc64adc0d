"""The lesson model: the single source of truth for validation, schema and docs.

Every field's docstring-like ``description`` feeds the JSON Schema and the
authoring guide's field reference, so the three can never drift apart.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, WithJsonSchema

from .vocabulary import FAMILY_NAMES, KIND_PATTERN, KINDS, SHAPE_NAMES, STYLES, VERB_PATTERN, VERBS

SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
"""Every version 1 file is a valid version 2 file: version 2 only adds fields (see CHANGELOG.md)."""

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
"""An id: lowercase letters and digits, words joined by `-` (kebab-case) or `_` (snake_case)."""
LessonId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
STEP_ID_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"
StepId = Annotated[str, StringConstraints(pattern=STEP_ID_PATTERN, max_length=64)]
"""A step's id: an id that starts with a letter, so it can never be mistaken for a step number."""
RESERVED_STEP_IDS = frozenset({"start", "final"})
Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text, shown literally. A blank line starts a paragraph; `backticks` mark code.
For several paragraphs use a literal block (`|`): in a folded block (`>`) a blank line
becomes a single line break."""

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# Open vocabularies: any word is valid; the schema still offers the built-in ones as completions.
Kind = Annotated[str, StringConstraints(pattern=KIND_PATTERN, max_length=40),
                 WithJsonSchema({"anyOf": [{"enum": list(KINDS)}, {"type": "string", "pattern": KIND_PATTERN}]})]
Verb = Annotated[str, StringConstraints(pattern=VERB_PATTERN, max_length=40),
                 WithJsonSchema({"anyOf": [{"enum": list(VERBS)}, {"type": "string", "pattern": VERB_PATTERN}]})]
Style = Literal[STYLES]  # type: ignore[valid-type]
Shape = Literal[SHAPE_NAMES]  # type: ignore[valid-type]
Family = Literal[FAMILY_NAMES]  # type: ignore[valid-type]


class Lane(Strict):
    """One of the approaches being compared, drawn as its own column."""

    id: Slug = Field(description="Short id used by components and steps, e.g. `mesh`.")
    label: Text = Field(description="Name shown above the lane, e.g. `Service mesh`.")
    description: Text | None = Field(None, description="One sentence on what this approach does.")


class Component(Strict):
    """A part of the system that acts in steps and may have a tracked state."""

    id: Slug = Field(description="Short id used by steps and references, e.g. `sidecar`.")
    label: Text = Field(description="Name shown in diagrams and tables, e.g. `Sidecar Proxy`.")
    kind: Kind = Field(description="What it is, any word: a built-in [kind](#kinds) picks the diagram shape "
                                   "and colour; another word gets a grey rounded box.")
    shape: Shape | None = Field(None, description="Overrides the kind's shape; see the [shapes](#kinds).")
    family: Family | None = Field(None, description="Overrides the kind's colour family.")
    lane: Slug | None = Field(None, description="The lane it belongs to; leave out for a shared component.")
    tracked: bool = Field(True, description="Whether it gets a row in the state tracker.")
    initial_state: Text | None = Field(
        None, description="Its state at the start. Required when `tracked` is true.")
    description: Text | None = Field(None, description="One sentence shown as the diagram tooltip.")


class Interaction(Strict):
    """A message or call from one component to another during a step."""

    from_: Slug = Field(alias="from", description="Component id the interaction starts from.")
    to: Slug = Field(description="Component id it goes to.")
    verb: Verb = Field(description="What happens, one to three lowercase words: a built-in [verb](#verbs) picks "
                                   "the arrow style; another verb gets the `request` style.")
    style: Style | None = Field(None, description="Overrides the verb's arrow style.")
    label: Text | None = Field(None, description="Arrow text; defaults to the verb.")


class Step(Strict):
    """One row of the execution table, in order; numbered from 1."""

    id: StepId | None = Field(
        None, description="Names the step, e.g. `sidecar-intercepts`: references by id survive inserting a step, "
                          "and `#step-<id>` opens it.")
    component: Slug | None = Field(
        None, description="The acting component's id; leave out for a closing step such as `End`.")
    label: Text | None = Field(
        None, description="What the Component column shows when the step has no acting component.")
    action: Text = Field(description="What the component does (Action column).")
    result: Text = Field(description="What comes of it (Result column).")
    notes: Text | None = Field(None, description="Why it matters (Notes column).")
    narration: Text | None = Field(
        None, description="What the player reads out; defaults to action, result and notes.")
    interactions: list[Interaction] = Field(
        default_factory=list, description="Arrows this step draws, in order.")
    state: dict[Slug, Text] = Field(
        default_factory=dict,
        description="Component id -> its new state after this step. Any component may change.")
    lanes: list[Slug] | None = Field(
        None, description="Lanes this step belongs to; defaults to the lanes of the components it touches. "
                          "`[]` for none.")
    phase: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Row in the side-by-side view; defaults to the step's position within its lane.")


# Unions are discriminated by the input's shape, so only the branch the author meant reports
# an error. The tags name the branches in error locations; check.schema_errors drops them.
UNION_TAGS = frozenset({"checkpoint-name", "checkpoint-step", "checkpoint-id", "step-number", "step-id",
                        "step-match", "option-text", "option-mapping"})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _checkpoint_branch(value) -> str:
    if _is_number(value):
        return "checkpoint-step"
    return "checkpoint-name" if value in ("start", "final") or not isinstance(value, str) else "checkpoint-id"


def _step_branch(value) -> str:
    return "step-number" if _is_number(value) or not isinstance(value, str) else "step-id"


StepNumber = Annotated[int, Field(ge=1)]
StepRef = Annotated[Union[Annotated[StepNumber, Tag("step-number")], Annotated[StepId, Tag("step-id")]],
                    Discriminator(_step_branch)]
"""A step named by its number (from 1) or by its `id`."""
Checkpoint = Annotated[Union[Annotated[Literal["start", "final"], Tag("checkpoint-name")],
                             Annotated[StepNumber, Tag("checkpoint-step")],
                             Annotated[StepId, Tag("checkpoint-id")]],
                       Discriminator(_checkpoint_branch)]


class Tracker(Strict):
    """Which columns the state tracker shows. Its cells are derived from the steps."""

    checkpoints: list[Checkpoint] = Field(
        description="Columns: `start`, a step (its id or number: the state after that step) or `final`.")


class Stage(Strict):
    """One box of the process flow."""

    id: Slug = Field(description="Short id used by arrows.")
    label: Text = Field(description="Text in the stage box.")


class Arrow(Strict):
    """An arrow between two process-flow stages."""

    from_: Slug = Field(alias="from", description="Stage id the arrow starts from.")
    to: Slug = Field(description="Stage id it points to.")
    label: Text | None = Field(None, description="Optional arrow text.")


class ProcessFlow(Strict):
    """A hand-drawn, high-level flow of stages: not the component graph."""

    stages: list[Stage] = Field(min_length=1, description="Boxes, in reading order.")
    arrows: list[Arrow] = Field(default_factory=list, description="Arrows between stages.")
    caption: Text = Field(description="One sentence under the flow.")


class ExecutionSample(Strict):
    """A short text or code block that shows the flow in miniature."""

    code: Text = Field(description="The sample, shown verbatim.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z0-9+#-]{1,20}$")] = Field(
        "text", description="Language name shown above the block.")
    caption: Text = Field(description="One sentence under the sample.")


class KeyMoment(Strict):
    """A question a learner is likely to ask, answered with pointers into the lesson."""

    question: Text = Field(description="The question.")
    answer: Text = Field(description="The answer.")
    steps: list[StepRef] = Field(default_factory=list, description="Steps (ids or numbers) the answer points to.")
    components: list[Slug] = Field(default_factory=list, description="Component ids the answer is about.")


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


class GeneratedQuiz(Strict):
    """Opt-in questions derived from the model; answers and distractors are computed."""

    count: Annotated[int, Field(ge=1, le=20)] = Field(3, description="How many questions to add.")
    kinds: list[Literal["step-of-action", "state-after-step", "target-of-step", "count-of-verb"]] = Field(
        default_factory=lambda: ["step-of-action", "state-after-step", "target-of-step", "count-of-verb"],
        description="Which question shapes to draw from.")


class Lesson(Strict):
    """A visual execution lesson: one YAML file in `content/`."""

    schema_version: Literal[SUPPORTED_VERSIONS] = Field(  # type: ignore[valid-type]
        description=f"`{SCHEMA_VERSION}` for this version of StepDeck; version 1 files are read unchanged.")
    id: LessonId = Field(description="URL and file name of the lesson; lowercase words joined by `-`.")
    title: Text = Field(description="Page title.")
    subtitle: Text | None = Field(None, description="Line under the title.")
    category: Text = Field(description="Catalog category, e.g. `Kubernetes`.")
    track: Text | None = Field(None, description="Wider track the category belongs to, e.g. `devops`.")
    tags: list[Slug] = Field(default_factory=list, description="Catalog tags.")
    duration_minutes: Annotated[int, Field(ge=1, le=600)] = Field(description="Estimated reading time.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")] = Field(
        "en", description="BCP 47 language tag of the text.")
    summary: Text = Field(description="One paragraph for the catalog card.")
    lanes: list[Lane] = Field(default_factory=list, description="Approaches compared; none or one for a single flow.")
    components: list[Component] = Field(min_length=1, description="Parts of the system.")
    steps: list[Step] = Field(min_length=1, description="What happens, in order.")
    tracker: Tracker | None = Field(None, description="Tracker columns; defaults to start, every step that "
                                                      "changes a state, and final.")
    process_flow: ProcessFlow | None = Field(None, description="Optional high-level flow.")
    execution_sample: ExecutionSample | None = Field(None, description="Optional sample block.")
    end_note: Text | None = Field(None, description="Shown under the execution table.")
    key_moments: list[KeyMoment] = Field(default_factory=list, description="Questions and answers.")
    quiz: list[QuizQuestion] = Field(default_factory=list, description="Multiple-choice questions.")
    generated_quiz: GeneratedQuiz | None = Field(None, description="Opt in to questions derived from the model.")
    snapshot: list[Text] = Field(default_factory=list, description="Concept snapshot bullet points.")
    transcript: Text | None = Field(None, description="Full transcript; blank lines separate paragraphs.")


def option_text(option: Union[str, Option]) -> str:
    return option if isinstance(option, str) else option.text


def option_reason(option: Union[str, Option]) -> str | None:
    return None if isinstance(option, str) else option.reason


def step_numbers(lesson: Lesson) -> dict[str, int]:
    """Step id -> its number (from 1), for the steps that have an id (the first of duplicates)."""
    numbers: dict[str, int] = {}
    for number, step in enumerate(lesson.steps, 1):
        if step.id is not None:
            numbers.setdefault(step.id, number)
    return numbers
