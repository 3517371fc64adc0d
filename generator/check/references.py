"""Structural checks of a parsed lesson: sizes, ids, and every reference between its parts.

A lesson that passes them can have its facts derived: every component, lane,
stage and step a field names exists.
"""
from __future__ import annotations

from typing import Iterable

from ..model.derive import matching_steps
from ..model.refs import scenario_line
from ..model.lesson import OPTION_LETTERS, RESERVED_STEP_IDS, Lesson, QuizQuestion, StepMatch, TrackerCell
from ..model.limits import Limits
from .diagnosis import Checker, did_you_mean

# Lesson ids name files and folders; these cannot be created on Windows, whatever the extension.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})
# Lesson pages are <prefix>/<id>/; these ids would land on the catalog (<prefix>/index.md in an existing
# site), the guide, or the folders and files of the site itself.
PAGE_RESERVED = frozenset({"index", "authoring-guide", "assets", "diagrams", "search", "404", "sitemap",
                           "stylesheets", "javascripts", "images"})


class References:
    """Resolves the ids of one lesson, reporting what does not resolve."""

    def __init__(self, checker: Checker, lesson: Lesson, line: "References | None" = None):
        """``line``: these are the references of a scenario's line (``lesson`` is the line), which share
        the main lesson's ids; its ids were checked (and their problems reported) with the main lesson."""
        self.checker, self.lesson = checker, lesson
        if line is not None:
            self.lane_ids, self.component_ids, self.tracked = line.lane_ids, line.component_ids, line.tracked
            self.step_ids = [s.id for s in lesson.steps if s.id]
            return
        self.lane_ids = unique_ids(checker, ((("lanes", i), lane.id) for i, lane in enumerate(lesson.lanes)))
        self.component_ids = unique_ids(checker, ((("components", i), c.id) for i, c in enumerate(lesson.components)))
        self.tracked = {c.id for c in lesson.components if c.tracked}
        every_step = [(("steps", i), s) for i, s in enumerate(lesson.steps)]
        every_step += [(("scenarios", k, "steps", i), s) for k, sc in enumerate(lesson.scenarios)
                       for i, s in enumerate(sc.steps)]
        unique_ids(checker, ((path, s.id) for path, s in every_step if s.id))
        self.step_ids = [s.id for s in lesson.steps if s.id]
        for path, step in every_step:
            if step.id in RESERVED_STEP_IDS:
                checker.add(path + ("id",), f"'{step.id}' names a tracker column; a step cannot be called that",
                            "ref.reserved-id", f"call it, e.g., '{step.id}-step'")

    def component(self, path: tuple, ref: str) -> bool:
        if ref in self.component_ids:
            return True
        self.checker.add(path, f"unknown component '{ref}' (known: {', '.join(self.component_ids)})",
                         "ref.component", did_you_mean(ref, self.component_ids))
        return False

    def lane(self, path: tuple, ref: str) -> None:
        if ref not in self.lane_ids:
            self.checker.add(path, f"unknown lane '{ref}' (known: {', '.join(self.lane_ids) or 'none'})", "ref.lane")

    def step(self, path: tuple, ref) -> bool:
        """A step named by its number, its id, or (in answer checks) by what it does."""
        if isinstance(ref, StepMatch):
            return self.match(path, ref, need_one=True)
        if isinstance(ref, str):
            if ref in self.step_ids:
                return True
            self.checker.add(path, f"no step has the id '{ref}' (step ids: {', '.join(self.step_ids) or 'none'})",
                             "ref.step", did_you_mean(ref, self.step_ids))
            return False
        count = len(self.lesson.steps)
        if 1 <= ref <= count:
            return True
        self.checker.add(path, f"step {ref} does not exist (steps are 1 to {count})", "ref.step")
        return False

    def match(self, path: tuple, match: StepMatch, need_one: bool = False) -> bool:
        ok = all(self.component(path + (end,), ref) for end, ref in (("from", match.from_), ("to", match.to))
                 if ref is not None)
        if ok and need_one and not matching_steps(self.lesson, match):
            self.checker.add(path, "no step has an interaction like this", "ref.step",
                             "check from, to and verb against the steps' interactions")
            return False
        return ok

    def checkpoint(self, path: tuple, at) -> bool:
        return True if at in ("start", "final") else self.step(path, at)

    def cell(self, path: tuple, cell: TrackerCell) -> bool:
        """A tracker cell that exists: a tracked component at a step there is."""
        ok = self.component(path + ("component",), cell.component)
        if ok and cell.component not in self.tracked:
            self.checker.add(path + ("component",), f"component '{cell.component}' is not tracked", "ref.untracked")
            ok = False
        return self.checkpoint(path + ("at",), cell.at) and ok


def unique_ids(checker: Checker, entries: Iterable[tuple[tuple, str]]) -> list[str]:
    seen: dict[str, tuple] = {}
    for path, ident in entries:
        if ident in seen:
            line, _ = checker.loaded.where(seen[ident])
            checker.add(path + ("id",), f"duplicate id '{ident}' (first used at line {line})", "ref.duplicate-id")
        else:
            seen[ident] = path
    return list(seen)


def check_structure(checker: Checker, lesson: Lesson, limits: Limits) -> None:
    check_limits(checker, lesson, limits)
    if lesson.id in WINDOWS_RESERVED:
        checker.add(("id",), f"'{lesson.id}' is a reserved file name on Windows", "path.reserved",
                    "pick another id; it names files and folders")
    elif lesson.id in PAGE_RESERVED:
        checker.add(("id",), f"'{lesson.id}' is reserved: the catalog, the guide or the site's own files use "
                    "that path", "path.reserved", "pick another id")
    refs = References(checker, lesson)
    _components_and_steps(checker, lesson, refs)
    if lesson.tracker:
        for i, at in enumerate(lesson.tracker.checkpoints):
            refs.checkpoint(("tracker", "checkpoints", i), at)
            if at in lesson.tracker.checkpoints[:i]:
                checker.add(("tracker", "checkpoints", i), f"checkpoint {at} is listed twice",
                            "ref.duplicate-checkpoint", "keep one of them")
    if lesson.process_flow:
        stage_ids = unique_ids(checker, ((("process_flow", "stages", i), s.id)
                                         for i, s in enumerate(lesson.process_flow.stages)))
        for i, arrow in enumerate(lesson.process_flow.arrows):
            for end, ref in (("from", arrow.from_), ("to", arrow.to)):
                if ref not in stage_ids:
                    checker.add(("process_flow", "arrows", i, end),
                                f"unknown stage '{ref}' (known: {', '.join(stage_ids)})", "ref.stage")
    lines = _scenarios(checker, lesson, refs)
    for i, moment in enumerate(lesson.key_moments):
        here = _line_of(checker, lines, refs, ("key_moments", i, "scenario"), moment.scenario)
        for j, number in enumerate(moment.steps):
            here and here.step(("key_moments", i, "steps", j), number)
        for j, comp in enumerate(moment.components):
            refs.component(("key_moments", i, "components", j), comp)
    for i, question in enumerate(lesson.quiz):
        here = _line_of(checker, lines, refs, ("quiz", i, "scenario"), question.scenario)
        if here is not None:
            _question(checker, here, ("quiz", i), question)


def _scenarios(checker: Checker, lesson: Lesson, refs: References) -> dict[str, References]:
    """Each scenario's fork and steps; its line's references by scenario id (for moments and questions)."""
    lines = {}
    ids = unique_ids(checker, ((("scenarios", k), s.id) for k, s in enumerate(lesson.scenarios)))
    for k, scenario in enumerate(lesson.scenarios):
        for i, step in enumerate(scenario.steps):
            _step(checker, refs, ("scenarios", k, "steps", i), step)
        if refs.step(("scenarios", k, "after"), scenario.after) and scenario.id in ids:
            lines.setdefault(scenario.id, References(checker, scenario_line(lesson, scenario), refs))
    return lines


def _line_of(checker: Checker, lines: dict[str, References], refs: References, path: tuple,
             scenario: str | None) -> References | None:
    if scenario is None:
        return refs
    if scenario in lines:
        return lines[scenario]
    known = ", ".join(s.id for s in refs.lesson.scenarios) or "none"
    if scenario not in {s.id for s in refs.lesson.scenarios}:
        checker.add(path, f"unknown scenario '{scenario}' (scenarios: {known})", "ref.scenario")
    return None


def _components_and_steps(checker: Checker, lesson: Lesson, refs: References) -> None:
    for i, component in enumerate(lesson.components):
        if component.lane is not None:
            refs.lane(("components", i, "lane"), component.lane)
        if component.tracked and component.initial_state is None:
            checker.add(("components", i), f"tracked component '{component.id}' needs an initial_state",
                        "ref.initial-state", "add initial_state, or set tracked: false")
    for i, step in enumerate(lesson.steps):
        _step(checker, refs, ("steps", i), step)


def _step(checker: Checker, refs: References, base: tuple, step) -> None:
    if step.component is not None:
        refs.component(base + ("component",), step.component)
    for j, interaction in enumerate(step.interactions):
        refs.component(base + ("interactions", j, "from"), interaction.from_)
        refs.component(base + ("interactions", j, "to"), interaction.to)
    for comp in step.state:
        if refs.component(base + ("state", comp), comp) and comp not in refs.tracked:
            checker.add(base + ("state", comp), f"component '{comp}' is not tracked (tracked: false)",
                        "ref.untracked")
    for j, lane in enumerate(step.lanes or ()):
        refs.lane(base + ("lanes", j), lane)


def _question(checker: Checker, refs: References, base: tuple, question: QuizQuestion) -> None:
    letters = OPTION_LETTERS[: len(question.options)]
    if question.answer not in letters:
        checker.add(base + ("answer",), f"answer '{question.answer}' is not among the options "
                    f"({', '.join(letters)})", "ref.answer")
    for j, number in enumerate(question.steps):
        refs.step(base + ("steps", j), number)
    for j, cell in enumerate(question.cells):
        refs.cell(base + ("cells", j), cell)
    check = question.check
    if check is None:
        return
    if check.step is not None:
        refs.step(base + ("check", "step"), check.step)
    if check.actor is not None and refs.step(base + ("check", "actor"), check.actor):
        number = _number(refs.lesson, check.actor)
        if refs.lesson.steps[number - 1].component is None:
            checker.add(base + ("check", "actor"), f"step {number} has no acting component", "check.answer")
    if check.count is not None:
        refs.match(base + ("check", "count"), check.count)
    if check.state is not None:
        refs.cell(base + ("check", "state"), check.state)


def _number(lesson: Lesson, ref) -> int:
    if isinstance(ref, StepMatch):
        return matching_steps(lesson, ref)[0]
    if isinstance(ref, str):
        return next(n for n, step in enumerate(lesson.steps, 1) if step.id == ref)
    return ref


def check_limits(checker: Checker, lesson: Lesson, caps: Limits) -> None:
    for name, items, cap in (("components", lesson.components, caps.max_components),
                             ("steps", lesson.steps, caps.max_steps), ("lanes", lesson.lanes, caps.max_lanes)):
        if len(items) > cap:
            checker.add((name,), f"{len(items)} {name}, over the limit of {cap}", "limit.count",
                        f"raise limits.max_{name} in stepdeck.yml")
    for i, question in enumerate(lesson.quiz):
        if len(question.options) > caps.max_options:
            checker.add(("quiz", i, "options"), f"{len(question.options)} options, over the limit of "
                        f"{caps.max_options}", "limit.count")
    for path, text in _texts(lesson.model_dump(by_alias=True, exclude_none=True), ()):
        cap = caps.max_label_chars if path[-1] == "label" else caps.max_text_chars
        if len(text) > cap:
            checker.add(path, f"text is {len(text)} characters, over the limit of {cap}", "limit.length")


def _texts(value, path):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
