"""The lesson model: the single source of truth for validation, schema and docs.

Every field's docstring-like ``description`` feeds the JSON Schema and the
authoring guide's field reference, so the three can never drift apart.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

# The building blocks and the quiz models live beside this module (fields, questions) to keep each
# module short; they are re-exported here, so the lesson model stays one import.
from .fields import (RESERVED_STEP_IDS, SCHEMA_VERSION, SLUG_PATTERN, STEP_ID_PATTERN,  # noqa: F401
                     SUPPORTED_VERSIONS, UNION_TAGS, Checkpoint, Family, Kind, LessonId, Shape, Slug, StepId,
                     StepNumber, StepRef, Strict, Style, Text, Verb)
from .questions import (OPTION_LETTERS, AnswerCheck, GeneratedQuiz, Option, QuizOption,  # noqa: F401
                        QuizQuestion, StepChoice, StepMatch, TrackerCell, option_reason, option_text)
from .vocabulary import KINDS, VERBS  # noqa: F401


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
        None, description="Row in the side-by-side view. Left out, steps of different lanes that do the same "
                          "thing share a row: arrows between the same shared components (or components of one "
                          "kind), in the same direction, with the same verb; unlike steps pair by position. Once "
                          "any step has a `phase` the rows are the author's: a step with one sits in that row, a "
                          "step without one in the row after its lane's previous step.")


# Unions are discriminated by the input's shape, so only the branch the author meant reports
# an error. The tags name the branches in error locations; check.schema_errors drops them.

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
    scenario: Slug | None = Field(
        None, description="A [what-if scenario](#scenario) the moment is about: its `steps` then name steps of "
                          "that scenario's line (the main steps up to the fork, then the scenario's own).")


class Scenario(Strict):
    """A what-if: the story forks after one step of the main line and goes on with steps of its own."""

    id: Slug = Field(description="Short id, used in links: `#what-if-<id>`.")
    title: Text = Field(description="The question it answers, e.g. `If the control plane stops sending config`.")
    after: StepRef = Field(description="The main-line step (id or number) after which it forks.")
    summary: Text | None = Field(None, description="One sentence on what goes differently.")
    steps: list[Step] = Field(
        min_length=1, description="Its own steps, after the fork: interactions and state changes like any step. "
                                  "They are numbered on from the fork step.")



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
    scenarios: list[Scenario] = Field(
        default_factory=list, description="What-if scenarios, each forking from the main line with its own steps.")


def step_numbers(lesson: Lesson) -> dict[str, int]:
    """Step id -> its number (from 1), for the steps that have an id (the first of duplicates)."""
    numbers: dict[str, int] = {}
    for number, step in enumerate(lesson.steps, 1):
        if step.id is not None:
            numbers.setdefault(step.id, number)
    return numbers
