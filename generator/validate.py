"""Turn loaded YAML into a checked Lesson, or into located diagnostics."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

from pydantic import BaseModel, ValidationError

from .errors import Diagnostic
from .limits import Limits
from .loading import Loaded, format_path
from .model import Lesson, QuizQuestion, option_text

_STEP_OPTION = re.compile(r"^Step (\d+)$")
# Lesson ids name files and folders; these cannot be created on Windows, whatever the extension.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def _model_at(path: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the mapping at ``path``, for did-you-mean hints."""
    model: type[BaseModel] | None = Lesson
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return None
        model = _first_model(field.annotation)
    return model


def _first_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _first_model(arg)
        if found:
            return found
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


class Checker:
    """Collects diagnostics for one file; every check adds, none stops early."""

    def __init__(self, loaded: Loaded, limits: Limits):
        self.loaded = loaded
        self.limits = limits
        self.items: list[Diagnostic] = []

    def add(self, path: tuple, message: str, code: str, hint: str = "", *, key: bool = False,
            severity: str = "error") -> None:
        line, column = self.loaded.where(path, key=key)
        self.items.append(Diagnostic(self.loaded.file, line, column, format_path(path), message, code,
                                     severity, hint))

    # -- structure -----------------------------------------------------
    def parse(self) -> Lesson | None:
        try:
            return Lesson.model_validate(self.loaded.data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                if self._matches_union_branch(error["loc"]):
                    self._report(error)
            return None

    def _matches_union_branch(self, loc: tuple) -> bool:
        """Pydantic reports every branch of a union; keep only the branch the input's shape chose."""
        data = self.loaded.data
        for part in loc:
            if isinstance(part, str) and part in _UNION_BRANCHES:
                wants_mapping = part[:1].isupper()
                return isinstance(data, dict) == wants_mapping
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return True
        return True

    def _report(self, error: dict) -> None:
        path = tuple(p for p in error["loc"] if not (isinstance(p, str) and p in _UNION_BRANCHES))
        kind = error["type"]
        if kind == "extra_forbidden":
            model = _model_at(path[:-1])
            names = _field_names(model) if model else []
            close = difflib.get_close_matches(str(path[-1]), names, n=1)
            hint = f"did you mean '{close[0]}'?" if close else (f"known keys: {', '.join(names)}" if names else "")
            if not close and (" " in str(path[-1]) or str(path[-1])[-1:] in ".,;!?"):
                # `{text: a, b}` makes "b" a key: the usual cause is an unquoted comma or ': '.
                hint = "this looks like text: a comma or ': ' inside { } ends the value; quote the whole text"
            self.add(path, f"unknown key '{path[-1]}'", "schema.unknown-key", hint, key=True)
            return
        if kind == "missing":
            self.add(path[:-1], f"missing required key '{path[-1]}'", "schema.missing")
            return
        implicit = self.loaded.implicit.get(path)
        if implicit and kind in ("string_type", "literal_error", "string_pattern_mismatch"):
            text, read_as = implicit
            if read_as == "null" and text == "":
                self.add(path, "no value given", "schema.empty", "write the text, or remove the key")
                return
            self.add(path, f"'{text}' is read as a {read_as}, not text", "schema.quote-it",
                     f'quote it: "{text}"')
            return
        if kind == "string_type":
            found = {dict: "a mapping", list: "a list"}.get(type(error.get("input")), "a number or boolean")
            self.add(path, f"expected text, found {found}", "schema.string_type")
            return
        message = error["msg"]
        if kind == "literal_error":
            allowed = error.get("ctx", {}).get("expected", "")
            choices = re.findall(r"'([^']+)'", allowed)
            close = difflib.get_close_matches(str(error.get("input")), choices, n=1)
            field = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
            message = f"{error.get('input')!r} is not a known {field.replace('_', ' ')}"
            self.add(path, message, "schema.choice",
                     f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(choices)}")
            return
        if kind == "string_pattern_mismatch":
            value = str(error.get("input"))
            hidden = [c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")]
            if hidden:
                self.add(path, f"id contains the invisible character U+{ord(hidden[0]):04X}", "schema.slug",
                         "retype the id; ids are lowercase ASCII letters, digits and '-'")
                return
            self.add(path, f"{value!r} is not a valid id: use lowercase letters, digits and "
                     "single '-' between words", "schema.slug")
            return
        self.add(path, message[0].lower() + message[1:], f"schema.{kind}")

    # -- cross references and limits -------------------------------------
    def check(self, lesson: Lesson) -> None:
        self._limits(lesson)
        if lesson.id in WINDOWS_RESERVED:
            self.add(("id",), f"'{lesson.id}' is a reserved file name on Windows", "path.reserved",
                     "pick another id; it names files and folders")
        lane_ids = self._unique((("lanes", i), lane.id) for i, lane in enumerate(lesson.lanes))
        comp_ids = self._unique((("components", i), c.id) for i, c in enumerate(lesson.components))
        known_components = ", ".join(comp_ids)
        tracked = {c.id for c in lesson.components if c.tracked}
        step_count = len(lesson.steps)

        def component_ref(path, ref):
            if ref not in comp_ids:
                close = difflib.get_close_matches(ref, comp_ids, n=1)
                self.add(path, f"unknown component '{ref}' (known: {known_components})", "ref.component",
                         f"did you mean '{close[0]}'?" if close else "")

        def lane_ref(path, ref):
            if ref not in lane_ids:
                self.add(path, f"unknown lane '{ref}' (known: {', '.join(lane_ids) or 'none'})", "ref.lane")

        def step_ref(path, number):
            if not 1 <= number <= step_count:
                self.add(path, f"step {number} does not exist (steps are 1 to {step_count})", "ref.step")

        def checkpoint_ref(path, at):
            if isinstance(at, int):
                step_ref(path, at)

        for i, component in enumerate(lesson.components):
            if component.lane is not None:
                lane_ref(("components", i, "lane"), component.lane)
            if component.tracked and component.initial_state is None:
                self.add(("components", i), f"tracked component '{component.id}' needs an initial_state",
                         "ref.initial-state", "add initial_state, or set tracked: false")
        for i, step in enumerate(lesson.steps):
            base = ("steps", i)
            if step.component is not None:
                component_ref(base + ("component",), step.component)
            for j, interaction in enumerate(step.interactions):
                component_ref(base + ("interactions", j, "from"), interaction.from_)
                component_ref(base + ("interactions", j, "to"), interaction.to)
            for comp in step.state:
                if comp not in comp_ids:
                    component_ref(base + ("state", comp), comp)
                elif comp not in tracked:
                    self.add(base + ("state", comp), f"component '{comp}' is not tracked (tracked: false)",
                             "ref.untracked")
            for j, lane in enumerate(step.lanes or ()):
                lane_ref(base + ("lanes", j), lane)
        if lesson.tracker:
            for i, at in enumerate(lesson.tracker.checkpoints):
                checkpoint_ref(("tracker", "checkpoints", i), at)
                if at in lesson.tracker.checkpoints[:i]:
                    self.add(("tracker", "checkpoints", i), f"checkpoint {at} is listed twice", "ref.duplicate-checkpoint",
                             "keep one of them")
        if lesson.process_flow:
            stage_ids = self._unique((("process_flow", "stages", i), s.id)
                                     for i, s in enumerate(lesson.process_flow.stages))
            for i, arrow in enumerate(lesson.process_flow.arrows):
                for end, ref in (("from", arrow.from_), ("to", arrow.to)):
                    if ref not in stage_ids:
                        self.add(("process_flow", "arrows", i, end),
                                 f"unknown stage '{ref}' (known: {', '.join(stage_ids)})", "ref.stage")
        for i, moment in enumerate(lesson.key_moments):
            for j, number in enumerate(moment.steps):
                step_ref(("key_moments", i, "steps", j), number)
            for j, comp in enumerate(moment.components):
                component_ref(("key_moments", i, "components", j), comp)
        for i, question in enumerate(lesson.quiz):
            self._question(("quiz", i), question, lesson, step_ref, component_ref, checkpoint_ref, tracked)

    def _question(self, base, question: QuizQuestion, lesson, step_ref, component_ref, checkpoint_ref, tracked):
        letters = "ABCDEFGH"[: len(question.options)]
        if question.answer not in letters:
            self.add(base + ("answer",), f"answer '{question.answer}' is not among the options "
                     f"({', '.join(letters)})", "ref.answer")
            return
        for j, number in enumerate(question.steps):
            step_ref(base + ("steps", j), number)
        cells = list(enumerate(question.cells))
        for j, cell in cells:
            self._cell(base + ("cells", j), cell, component_ref, checkpoint_ref, tracked)
        if question.check is None:
            return
        correct = option_text(question.options[letters.index(question.answer)])
        if question.check.step is not None:
            step_ref(base + ("check", "step"), question.check.step)
            match = _STEP_OPTION.match(correct)
            if not match or int(match.group(1)) != question.check.step:
                self.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but check.step "
                         f"says the answer is step {question.check.step}", "check.answer",
                         f"make option {question.answer} read 'Step {question.check.step}'")
        if question.check.actor is not None:
            number = question.check.actor
            step_ref(base + ("check", "actor"), number)
            if 1 <= number <= len(lesson.steps):
                acting = lesson.steps[number - 1].component
                label = next((c.label for c in lesson.components if c.id == acting), None)
                if acting is None:
                    self.add(base + ("check", "actor"), f"step {number} has no acting component",
                             "check.answer")
                elif label is not None:  # an unknown actor is reported where the step names it
                    if correct != label:
                        self.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but step "
                                 f"{number} is done by {label!r}", "check.answer")
        if question.check.state is not None:
            cell = question.check.state
            if self._cell(base + ("check", "state"), cell, component_ref, checkpoint_ref, tracked):
                from .derive import state_at

                expected = state_at(lesson, cell.component, cell.at)
                if correct != expected:
                    self.add(base + ("answer",), f"answer {question.answer} reads {correct!r}, but the "
                             f"derived state of '{cell.component}' at {cell.at} is {expected!r}",
                             "check.answer")
                others = [k for k, o in zip(letters, question.options)
                          if option_text(o) == expected and k != question.answer]
                for letter in others:
                    self.add(base + ("options", letters.index(letter)), f"option {letter} is also correct "
                             f"({expected!r})", "check.ambiguous")

    def _cell(self, path, cell, component_ref, checkpoint_ref, tracked) -> bool:
        before = len(self.items)
        component_ref(path + ("component",), cell.component)
        if cell.component not in tracked and len(self.items) == before:
            self.add(path + ("component",), f"component '{cell.component}' is not tracked", "ref.untracked")
        checkpoint_ref(path + ("at",), cell.at)
        return len(self.items) == before

    def _unique(self, entries: Iterable[tuple[tuple, str]]) -> list[str]:
        seen: dict[str, tuple] = {}
        for path, ident in entries:
            if ident in seen:
                line, _ = self.loaded.where(seen[ident])
                self.add(path + ("id",), f"duplicate id '{ident}' (first used at line {line})", "ref.duplicate-id")
            else:
                seen[ident] = path
        return list(seen)

    def _limits(self, lesson: Lesson) -> None:
        caps = self.limits
        for name, items, cap in (("components", lesson.components, caps.max_components),
                                 ("steps", lesson.steps, caps.max_steps),
                                 ("lanes", lesson.lanes, caps.max_lanes)):
            if len(items) > cap:
                self.add((name,), f"{len(items)} {name}, over the limit of {cap}", "limit.count",
                         f"raise limits.max_{name} in stepdeck.yml")
        for i, question in enumerate(lesson.quiz):
            if len(question.options) > caps.max_options:
                self.add(("quiz", i, "options"), f"{len(question.options)} options, over the limit of "
                         f"{caps.max_options}", "limit.count")
        for path, text in _texts(lesson.model_dump(by_alias=True, exclude_none=True), ()):
            cap = caps.max_label_chars if path[-1] == "label" else caps.max_text_chars
            if len(text) > cap:
                self.add(path, f"text is {len(text)} characters, over the limit of {cap}", "limit.length")


def _texts(value, path):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


_UNION_BRANCHES = {"str", "Option", "function-after[...]", "constrained-str", "int", "literal['start','final']",
                   "literal['start', 'final']", "TrackerCell"}


def validate(loaded: Loaded, limits: Limits) -> tuple[Lesson | None, list[Diagnostic]]:
    checker = Checker(loaded, limits)
    lesson = checker.parse()
    if lesson is not None:
        checker.check(lesson)
    errors = [d for d in checker.items if d.severity == "error"]
    return (None if errors else lesson), _dedupe(checker.items)


def _dedupe(items: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for item in items:
        key = (item.line, item.column, item.path, item.code)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
