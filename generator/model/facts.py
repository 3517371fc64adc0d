"""The facts that follow from a lesson: one frozen value handed to every consumer.

Lint, the generated quiz, the DOT builders, the diagram stage and the pages all
read one :class:`LessonFacts`; none of them derives a fact of its own, so two
consumers can never tell two different stories. ``model.derive.derive`` is the
only function that computes them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .lesson import Component, Interaction, Lesson, QuizQuestion, Scenario, Step

Checkpoint = int | str  # "start", a step number, or "final"


@dataclass(frozen=True)
class InteractionFacts:
    """One arrow of one step, with the ids and texts every view draws it with."""

    index: int  # 1-based within its step
    source: Interaction
    style: str  # arrow style (model.vocabulary.STYLES): the ``style:`` override or the verb's
    edge: str  # overview and frames
    message: str  # sequence view
    arrow_label: str  # "3. intercepts": what the arrow says
    tooltip: str  # "Step 3: Application calls Sidecar Proxy"


@dataclass(frozen=True)
class StepFacts:
    """One step and everything derived from it; ``number`` counts from 1."""

    number: int
    source: Step
    actor_label: str  # the Component column: the actor's label, the step's label, or a dash
    lanes: tuple[str, ...]  # lane ids, as written or from the components it touches
    row: int | None  # row in the side-by-side view; None for a step in no lane
    active: tuple[str, ...]  # actor, then both ends of each arrow, first seen first
    involved: frozenset[str]  # active components and those whose state it sets
    targets: frozenset[str]  # components the actor sends to (not itself)
    changed: tuple[str, ...]  # tracked components whose state differs from the step before
    states: Mapping[str, str]  # every tracked component's state after this step
    interactions: tuple[InteractionFacts, ...]
    narration: str  # what the player reads out, plain text
    caption: str  # "Step 3 · Application: Calls service", plain text
    line: str  # "Step 3, Application: Calls service", plain text
    story: str  # "Step 3, Application: Calls service; Request sent.", plain text
    box_text: str  # "3. Application: Calls service", the side-by-side box, plain text


@dataclass(frozen=True)
class Frame:
    """What the frame after step ``number`` shows (0 is the start): the static SVG and the player agree."""

    number: int
    nodes: tuple[str, ...]  # node ids highlighted
    edges: tuple[str, ...]  # edge ids highlighted
    marker_node: str | None  # node that carries the step badge
    caption: str  # plain text
    title_suffix: str  # "start" or "step 3"
    narration: str
    states: Mapping[str, str]
    changed: tuple[str, ...]
    checkpoint: int | None  # the tracker column this frame is, if any
    lane: str | None = None  # the lane code (``ids.lane``) of the step, when it is in exactly one lane


@dataclass(frozen=True)
class LineSpec:
    """Derives a scenario's line: which scenario (1-based), the step it forks after, its title."""

    position: int
    fork: int
    title: str


@dataclass(frozen=True)
class ScenarioFacts:
    """A what-if scenario and its line, derived like a lesson: the main steps up to the fork, then its own."""

    source: "Scenario"
    position: int  # 1-based
    fork: int  # the main-line step it forks after
    line: "LessonFacts"

    @property
    def own_steps(self) -> tuple[StepFacts, ...]:
        return self.line.steps[self.fork:]


TrackerRow = tuple[Component, tuple[str, ...]]  # a component and its state at each column


@dataclass(frozen=True)
class TrackerGroup:
    """Rows under one heading; ``label`` is None when the table is not grouped."""

    label: str | None
    rows: tuple[TrackerRow, ...]


@dataclass(frozen=True)
class TrackerTable:
    columns: tuple[Checkpoint, ...]
    labels: tuple[str, ...]  # "Start", "After Step 3", "Final"
    groups: tuple[TrackerGroup, ...]

    @property
    def rows(self) -> list[TrackerRow]:
        return [row for group in self.groups for row in group.rows]


@dataclass(frozen=True)
class LessonFacts:
    lesson: Lesson
    components: Mapping[str, Component]
    nodes: Mapping[str, str]  # component id -> node id
    tracked: tuple[Component, ...]
    unique_labels: frozenset[str]  # labels that name exactly one component
    timeline: tuple[Mapping[str, str], ...]  # index 0: the start; index N: after step N
    steps: tuple[StepFacts, ...]
    tracker: TrackerTable
    checkpoint_steps: tuple[int, ...]  # the step index of each tracker column
    frames: tuple[Frame, ...]
    actor_steps: Mapping[str, tuple[int, ...]]  # node id -> the steps its component acts in
    story: str  # every step's story, for screen-reader descriptions
    generated_quiz: tuple[QuizQuestion, ...] = field(default=())
    authored: Lesson | None = None  # the lesson as written: ``lesson`` has every step id turned into a number
    scenarios: tuple[ScenarioFacts, ...] = ()
    spec: LineSpec | None = None  # set on a scenario's line

    def line(self, scenario_id: str | None) -> "LessonFacts":
        """The facts a reference about ``scenario_id`` resolves in: that scenario's line, or the main one."""
        return next((s.line for s in self.scenarios if s.source.id == scenario_id), self)

    def step(self, number: int) -> StepFacts:
        return self.steps[number - 1]

    def state_at(self, component: str, at: Checkpoint) -> str:
        return self.timeline[checkpoint_index(self.lesson, at)][component]

    def description(self, view: str) -> str:
        """The same story as the execution table, for screen readers."""
        whatifs = " ".join(f"What-if: {s.source.title}, forking after step {s.fork}: "
                           + " ".join(step.story for step in s.own_steps) for s in self.scenarios)
        if self.spec is not None:  # a scenario's line: say which, and where it leaves the main line
            return (f"{view} of the lesson {self.lesson.title}, what-if: {self.spec.title} (forks after step "
                    f"{self.spec.fork}). {self.story}")
        return f"{view} of the lesson {self.lesson.title}. {self.story}" + (f" {whatifs}" if whatifs else "")

    @property
    def quiz(self) -> tuple[QuizQuestion, ...]:
        """The authored questions, then the generated ones."""
        return (*self.lesson.quiz, *self.generated_quiz)


def checkpoint_index(lesson: Lesson, at: Checkpoint) -> int:
    if at == "start":
        return 0
    if at == "final":
        return len(lesson.steps)
    if isinstance(at, str):  # a step id (``derive`` turned every known one into its number)
        return next(n for n, step in enumerate(lesson.steps, 1) if step.id == at)
    return int(at)


def checkpoint_label(at: Checkpoint) -> str:
    return {"start": "Start", "final": "Final"}.get(at, f"After Step {at}")  # type: ignore[arg-type]
