"""The authoring guide page: hand-written prose around parts generated from the model.

The field reference is read from the JSON Schema (itself generated from the
model), the worked example is a real lesson checked at build time, and every
"common error" shows what the real checker prints for a broken copy of that
example. None of it can drift from the code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from jinja2 import Environment

from ..check.codes import ERRORS, WARNINGS
from ..check.pipeline import check_source
from ..core.errors import Diagnostic, RenderError
from ..model.lesson import KINDS, SCHEMA_VERSION, SLUG_PATTERN, STEP_ID_PATTERN, VERBS
from ..model.vocabulary import FAMILY_NAMES, KIND_LOOKS, SHAPES, STYLE_MEANINGS, STYLES, verbs_of
from ..model.schema import SCHEMA_FILE, lesson_schema
from .environment import builtin_templates, render_template
from .pages import front_matter, generated_marker

PAGE = "authoring-guide.md"
"""Beside the catalog at the docs root; not under the lessons prefix, where a lesson id could take it."""
EXAMPLE_FILE = "guide.example.yaml"
EXAMPLE_NAME = "content/sync-vs-async-call.yaml"
_CHOICES = {tuple(KINDS): "kinds", tuple(VERBS): "verbs"}


@dataclass(frozen=True)
class Mistake:
    """A common error: change ``old`` to ``new`` in the worked example, and how to fix it."""

    title: str
    old: str
    new: str
    fix: str


MISTAKES = [
    Mistake("A misspelt key", "    action: Returns the result\n", "    acton: Returns the result\n",
            "Use the key the hint names. Unknown keys are errors, so a typo never vanishes silently."),
    Mistake("A component id that does not exist", "    component: api\n", "    component: server\n",
            "Use an `id` from `components` (not a `label`); the message lists the ids there are."),
    Mistake("A word YAML reads as true, false, a number or null", "    initial_state: Idle\n  - id: api",
            "    initial_state: off\n  - id: api",
            "Quote it: `initial_state: \"off\"`. The same goes for `yes`, `no`, `on`, `null` and numbers."),
    Mistake("A verb that is not lowercase words", "verb: publishes}", "verb: Publishes}",
            "A verb is one to three lowercase words, any words: the [verbs](#verbs) below get their own arrow "
            "style, any other verb the `request` style, and `style:` picks one."),
    Mistake("An id written as a name", "  - id: api\n", "  - id: API Server\n",
            "Ids are lowercase words joined by `-` or `_`. The id is reported once, where it is defined, with "
            "the fix; the places that refer to it only say so."),
    Mistake("A step id that does not exist", "    check: {step: api-returns}", "    check: {step: api-return}",
            "Use the `id` of a step (or its number); the hint suggests the closest id."),
    Mistake("A tracked component without a starting state", "    initial_state: Waiting for jobs\n", "",
            "Add `initial_state`, or set `tracked: false` if it needs no row in the state tracker."),
    Mistake("A quiz answer that no longer matches the steps", "    answer: B\n    hint:", "    answer: C\n    hint:",
            "`check: {step: api-returns}` says the right option reads `Step 2`, the number of that step; set "
            "`answer` to its letter."),
    Mistake("A tab used for indentation", "    label: API\n", "\tlabel: API\n",
            "Indent with spaces only; most editors can convert tabs for YAML files."),
    Mistake("A component that no step uses (a warning)", "components:\n",
            "components:\n  - {id: cache, label: Cache, kind: cache, tracked: false}\n",
            "Use it in a step, or delete it. Warnings do not stop `stepdeck build`, but `--strict` (and CI) "
            "treats them as errors; silence a code with `silence: [lint.unused-component]` in `stepdeck.yml`."),
]


def example_text() -> str:
    return (builtin_templates() / EXAMPLE_FILE).read_text(encoding="utf-8")


def diagnose(text: str) -> list[Diagnostic]:
    """What `stepdeck check` reports for ``text``: the one check pipeline, on text instead of a file."""
    return check_source(text, EXAMPLE_NAME).diagnostics


@dataclass(frozen=True)
class MistakeView:
    title: str
    snippet: str
    output: str
    fix: str


def mistakes() -> list[MistakeView]:
    example = example_text()
    views = []
    for mistake in MISTAKES:
        if example.count(mistake.old) != 1:
            raise RenderError(f"guide: {mistake.title!r} no longer matches the worked example")
        output = "\n".join(d.format() for d in diagnose(example.replace(mistake.old, mistake.new)))
        if not output:
            raise RenderError(f"guide: {mistake.title!r} no longer produces a diagnostic")
        snippet = mistake.new.rstrip("\n") or f"# (deleted) {mistake.old.strip()}"
        views.append(MistakeView(mistake.title, snippet, output, mistake.fix))
    return views


# -- field reference from the schema ----------------------------------------

@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str
    required: str
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    anchor: str
    description: str
    fields: list[FieldRow]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(node: dict) -> str:
    """A schema node as a short Markdown type: `text`, `id`, list of [Step](#step)..."""
    if "$ref" in node:
        name = _ref_name(node["$ref"])
        return f"[{name}](#{name.lower()})"
    if "anyOf" in node or "oneOf" in node:
        branches = [b for b in node.get("anyOf", node.get("oneOf")) if b.get("type") != "null"]
        open_list = next((_CHOICES[tuple(b["enum"])] for b in branches if tuple(b.get("enum", ())) in _CHOICES), None)
        if open_list:  # an open vocabulary: the built-in words, or any word of the pattern
            return f"a built-in [{open_list[:-1]}](#{open_list}) or any other"
        return " or ".join(type_text(b).removeprefix("one of ") for b in branches)
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        section = _CHOICES.get(tuple(node["enum"]))
        if section:
            return f"one of the [{section}](#{section})"
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        text = f"list of {type_text(node['items'])}"
        if node.get("minItems"):
            text += f" (at least {node['minItems']})"
        return text
    if kind == "object":
        values = next(iter(node.get("patternProperties", {}).values()), {})
        return f"map of id → {type_text(values)}"
    if kind == "string":
        if node.get("pattern") == SLUG_PATTERN:
            return "id"
        if node.get("pattern") == STEP_ID_PATTERN:
            return "step id"
        if node.get("pattern") == r"^[a-z0-9]+(?:-[a-z0-9]+)*$":
            return "id in kebab-case"
        if node.get("pattern"):
            return f"text matching `{node['pattern']}`"
        return "text"
    if kind == "integer":
        bounds = []
        if "minimum" in node:
            bounds.append(f"≥ {node['minimum']}")
        if "maximum" in node:
            bounds.append(f"≤ {node['maximum']}")
        return "integer" + (" " + ", ".join(bounds) if bounds else "")
    if kind == "boolean":
        return "`true` or `false`"
    raise RenderError(f"guide: no type text for schema node {node}")


def _required(name: str, node: dict, required: list[str]) -> str:
    if name in required:
        return "**required**"
    if "default" not in node or node["default"] is None:
        return "optional"
    default = node["default"]
    if default == [] or default == {}:
        return "optional"
    return f"default `{json.dumps(default) if not isinstance(default, str) else default}`"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference() -> list[ModelDoc]:
    """Every model, the lesson first, then in the order fields refer to them."""
    schema = lesson_schema()
    defs = schema["$defs"]
    order: list[str] = []

    def visit(name: str) -> None:  # depth first: Step is followed by Interaction, its part
        if name not in order:
            order.append(name)
            for ref in _refs((schema if name == "Lesson" else defs[name])["properties"]):
                visit(_ref_name(ref))

    visit("Lesson")
    missing = set(defs) - set(order)
    if missing:
        raise RenderError(f"guide: models not reachable from Lesson: {sorted(missing)}")
    docs = []
    for name in order:
        node = schema if name == "Lesson" else defs[name]
        rows = [FieldRow(key, _md_cell(type_text(prop)), _required(key, prop, node.get("required", [])),
                         _md_cell(prop.get("description", "")))
                for key, prop in node["properties"].items()]
        docs.append(ModelDoc(name, name.lower(), node.get("description", ""), rows))
    return docs


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def page(env: Environment) -> str:
    """docs/guide.md. guide.md is a Markdown template, not escaped: everything it gets is generated
    from the model, the codes table and the shipped example, never a lesson's text."""
    example = example_text()
    problems = diagnose(example)
    if problems:
        raise RenderError("guide: the worked example does not pass `stepdeck check`:\n"
                          + "\n".join(d.format() for d in problems))
    models = field_reference()
    body = render_template(
        env, "guide.md", models=models, shapes=_shapes(), styles=_styles(), families=FAMILY_NAMES,
        verb_count=len(VERBS), schema_version=SCHEMA_VERSION, schema_file=SCHEMA_FILE,
        example=example.rstrip("\n"), example_name=EXAMPLE_NAME, mistakes=mistakes(),
        lint_codes=lint_codes(), error_codes=list(ERRORS.items()))
    meta = {"title": "Authoring guide", "description": "How to write a StepDeck lesson: every field, a worked "
            "example and the common errors."}
    return front_matter(meta) + generated_marker("site_templates/guide.md and the lesson model") + body


def _shapes() -> list[tuple[str, list[str]]]:
    return [(shape, sorted(k for k, (s, _) in KIND_LOOKS.items() if s == shape)) for shape in SHAPES]


def _styles() -> list[tuple[str, str, tuple[str, ...]]]:
    return [(style, STYLE_MEANINGS[style], verbs_of(style)) for style in STYLES]


def lint_codes() -> list[tuple[str, str]]:
    """The warning codes with what they catch, from the codes table (lints first)."""
    return list(WARNINGS.items())
