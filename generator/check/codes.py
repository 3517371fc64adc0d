"""Every diagnostic code StepDeck reports, with its severity and what it means.

``silence:`` in ``stepdeck.yml`` is checked against this table: it may name a
warning code or a family of warnings (``lint``), never an error.
"""
from __future__ import annotations

from ..core.errors import Severity
from .lint import CODES as LINT_CODES

ERRORS = {
    "yaml.syntax": "the file is not valid YAML",
    "yaml.empty": "the file has no lesson in it",
    "yaml.top-level": "the file is not a mapping of lesson fields",
    "yaml.multi-document": "the file holds more than one YAML document",
    "yaml.anchor": "a YAML anchor (`&name`)",
    "yaml.alias": "a YAML alias (`*name`)",
    "yaml.tag": "an explicit YAML tag (`!!str`)",
    "yaml.duplicate-key": "a key given twice in one mapping",
    "yaml.key-type": "a mapping key that is not text",
    "yaml.non-finite": "a number that is infinite or not a number",
    "encoding": "a file that is not UTF-8, or holds control characters",
    "schema.unknown-key": "a key the lesson model does not have",
    "schema.missing": "a required key that is missing",
    "schema.quote-it": "a word YAML reads as a boolean, number or null where text belongs",
    "schema.empty": "a key with no value, or empty text",
    "schema.type": "a value of the wrong type (text, number, list or mapping)",
    "schema.choice": "a value that is not one of the allowed ones",
    "schema.slug": "an id that is not lowercase words joined by '-' or '_' (reported once, where it is defined)",
    "schema.slug-ref": "a reference to an id that is itself invalid where it is defined",
    "schema.pattern": "text that does not have the required form (a verb, a kind, a language tag, an answer letter)",
    "schema.range": "a number out of its range",
    "schema.too-few": "a list with too few items",
    "schema.too-many": "a list with too many items",
    "schema.too-long": "text longer than its field allows",
    "schema.invalid": "any other invalid value",
    "limit.file-size": "a lesson file over `limits.max_file_bytes`",
    "limit.depth": "YAML nested deeper than `limits.max_depth`",
    "limit.count": "more components, steps, lanes or options than the limits allow",
    "limit.length": "a text over `limits.max_label_chars` or `limits.max_text_chars`, or a number over 30 digits",
    "limit.time": "a lesson that takes longer than `limits.lesson_seconds` to load, lay out and render",
    "limit.output": "a lesson whose diagrams and page would be larger than `limits.max_output_bytes`",
    "ref.component": "an unknown component id",
    "ref.lane": "an unknown lane id",
    "ref.stage": "an unknown process-flow stage id",
    "ref.step": "a step number or step id that does not exist, or a step match that matches no step",
    "ref.scenario": "a key moment or quiz question about a scenario that does not exist",
    "ref.reserved-id": "a step id that is `start` or `final`, the names of tracker columns",
    "ref.untracked": "a state or tracker cell of a component with `tracked: false`",
    "ref.initial-state": "a tracked component without an `initial_state`",
    "ref.duplicate-id": "two lanes, components, stages, steps or scenarios with one id",
    "ref.duplicate-checkpoint": "a tracker checkpoint listed twice",
    "ref.answer": "a quiz answer letter with no option",
    "check.answer": "a quiz answer that `check:` shows to be wrong",
    "check.ambiguous": "a second option that `check:` shows to be right too",
    "path.missing": "a path given on the command line that does not exist",
    "path.symlink": "a lesson file or folder that is a symbolic link",
    "path.unreadable": "a lesson file that cannot be read",
    "path.reserved": "a lesson id that Windows cannot use as a file name, or that a catalog, guide or asset path takes",
    "path.collision": "two lessons with one id",
    "render": "a diagram of the lesson could not be laid out",
}
"""Error codes: they always stop a build, and ``silence:`` cannot hide them."""

WARNINGS = {
    **LINT_CODES,
    "path.id-mismatch": "a lesson whose id differs from its file name",
    "config.silence": "a `silence:` entry in stepdeck.yml that names no warning",
}
"""Warning codes: shown, never fatal unless ``--strict``; ``silence:`` can hide them."""

SEVERITY = {**{code: Severity.ERROR for code in ERRORS}, **{code: Severity.WARNING for code in WARNINGS}}


def families(codes) -> set[str]:
    """``lint.long-label`` belongs to the families ``lint`` and ``lint.long-label``."""
    return {".".join(code.split(".")[:n]) for code in codes for n in range(1, code.count(".") + 2)}


def silenced(code: str, silence: list[str]) -> bool:
    """``silence: [lint.long-label]`` silences one code; ``[lint]`` silences the family."""
    return any(code == s or code.startswith(s + ".") for s in silence)


def silence_problem(entry: str) -> str | None:
    """Why a ``silence:`` entry silences nothing, or None when it names warnings."""
    if entry in families(WARNINGS):
        return None
    if entry in families(ERRORS):
        return f"'{entry}' names errors, which cannot be silenced; fix the lessons instead"
    return f"'{entry}' is not a warning code (warnings: {', '.join(sorted(WARNINGS))})"
