"""The lesson model: the single source of truth for validation, schema and docs.

Every field's docstring-like ``description`` feeds the JSON Schema and the
authoring guide's field reference, so the three can never drift apart.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

SCHEMA_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text, shown literally. A blank line starts a paragraph; `backticks` mark code.
For several paragraphs use a literal block (`|`): in a folded block (`>`) a blank line
becomes a single line break."""

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


KINDS = ('actor', 'app', 'client', 'browser', 'server', 'service', 'proxy', 'sidecar', 'library', 'control-plane', 'gateway', 'load-balancer', 'auth-server', 'broker', 'queue', 'store', 'cache', 'resolver', 'network', 'repository', 'branch', 'commit', 'ref', 'working-tree', 'process', 'external')
"""What a component is; picks its shape and colour in every diagram."""
VERBS = ('calls', 'requests', 'sends', 'forwards', 'intercepts', 'responds', 'returns', 'reports', 'configures', 'acknowledges', 'redirects', 'authenticates', 'issues', 'verifies', 'queries', 'publishes', 'delivers', 'reads', 'writes', 'updates', 'creates', 'copies', 'moves')
"""What an interaction does; picks the arrow style."""
Kind = Literal[KINDS]  # type: ignore[valid-type]
Verb = Literal[VERBS]  # type: ignore[valid-type]


class Lane(Strict):
    """One of the approaches being compared, drawn as its own column."""

    id: Slug = Field(description="Short id used by components and steps, e.g. `mesh`.")
    label: Text = Field(description="Name shown above the lane, e.g. `Service mesh`.")
    description: Text | None = Field(None, description="One sentence on what this approach does.")


class Component(Strict):
    """A part of the system that acts in steps and may have a tracked state."""

    id: Slug = Field(description="Short id used by steps and references, e.g. `sidecar`.")
    label: Text = Field(description="Name shown in diagrams and tables, e.g. `Sidecar Proxy`.")
    kind: Kind = Field(description="What it is; picks the diagram shape and colour.")
    lane: Slug | None = Field(None, description="The lane it belongs to; leave out for a shared component.")
    tracked: bool = Field(True, description="Whether it gets a row in the state tracker.")
    initial_state: Text | None = Field(
        None, description="Its state at the start. Required when `tracked` is true.")
    description: Text | None = Field(None, description="One sentence shown as the diagram tooltip.")


class Interaction(Strict):
    """A message or call from one component to another during a step."""

    from_: Slug = Field(alias="from", description="Component id the interaction starts from.")
    to: Slug = Field(description="Component id it goes to.")
    verb: Verb = Field(description="What happens; picks the arrow style.")
    label: Text | None = Field(None, description="Arrow text; defaults to the verb.")


class Step(Strict):
    """One row of the execution table, in order; numbered from 1."""

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
UNION_TAGS = frozenset({"checkpoint-name", "checkpoint-step", "option-text", "option-mapping"})


def _checkpoint_branch(value) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return "checkpoint-step" if number else "checkpoint-name"


Checkpoint = Annotated[Union[Annotated[Literal["start", "final"], Tag("checkpoint-name")],
                             Annotated[Annotated[int, Field(ge=1)], Tag("checkpoint-step")]],
                       Discriminator(_checkpoint_branch)]


class Tracker(Strict):
    """Which columns the state tracker shows. Its cells are derived from the steps."""

    checkpoints: list[Checkpoint] = Field(
        description="Columns: `start`, a step number (the state after that step) or `final`.")


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
    steps: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="Step numbers the answer points to.")
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
    at: Checkpoint = Field(description="`start`, a step number or `final` (the tracker column).")


class AnswerCheck(Strict):
    """Ties the correct option to the model, so a later edit cannot make it wrong."""

    step: Annotated[int, Field(ge=1)] | None = Field(
        None, description="The correct option must read `Step N` for this step.")
    state: TrackerCell | None = Field(
        None, description="The correct option must equal this component's derived state.")
    actor: Annotated[int, Field(ge=1)] | None = Field(
        None, description="The correct option must be the label of step N's acting component.")


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
    steps: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="Step numbers the question is about; linked from the hint.")
    cells: list[TrackerCell] = Field(default_factory=list, description="Tracker cells the question is about.")
    check: AnswerCheck | None = Field(None, description="Ties the answer to the model; see AnswerCheck.")


class GeneratedQuiz(Strict):
    """Opt-in questions derived from the model; answers and distractors are computed."""

    count: Annotated[int, Field(ge=1, le=20)] = Field(3, description="How many questions to add.")
    kinds: list[Literal["step-of-action", "state-after-step", "target-of-step"]] = Field(
        default_factory=lambda: ["step-of-action", "state-after-step", "target-of-step"],
        description="Which question shapes to draw from.")


class Lesson(Strict):
    """A visual execution lesson: one YAML file in `content/`."""

    schema_version: Literal[1] = Field(description="Always `1` for this version of StepDeck.")
    id: Slug = Field(description="URL and file name of the lesson; lowercase words joined by `-`.")
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
