"""The model's validation errors, said in StepDeck's words: located, coded, with a hint.

Pydantic finds what is wrong; this module decides what the author reads. No
pydantic vocabulary (its error types, branch labels or messages) reaches a
diagnostic: every error type maps to a message of our own, and an unknown one
gets a plain "invalid value" rather than pydantic's text.
"""
from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ValidationError

from ..model.lesson import SUPPORTED_VERSIONS, UNION_TAGS, Lesson
from .diagnosis import Checker, did_you_mean

# Nouns for the fields whose values come from a fixed list, as a message names them.
_CHOICE_NOUNS = {"kind": "kind", "verb": "verb", "kinds": "question kind", "checkpoints": "checkpoint",
                 "at": "checkpoint", "schema_version": "schema version"}
_TYPES = {  # error type -> (what was expected, code)
    "int_type": ("a whole number", "schema.type"), "int_parsing": ("a whole number", "schema.type"),
    "int_from_float": ("a whole number", "schema.type"), "bool_type": ("true or false", "schema.type"),
    "bool_parsing": ("true or false", "schema.type"), "list_type": ("a list", "schema.type"),
    "dict_type": ("a mapping", "schema.type"), "model_type": ("a mapping", "schema.type"),
    "model_attributes_type": ("a mapping", "schema.type"), "float_type": ("a number", "schema.type"),
}


def parse_lesson(checker: Checker) -> Lesson | None:
    """The lesson the file describes, or None with every schema error reported."""
    try:
        return Lesson.model_validate(checker.loaded.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        bad_ids = _bad_definitions(errors)
        for error in errors:
            path = tuple(p for p in error["loc"] if p not in UNION_TAGS)
            defined = bad_ids.get(error.get("input")) if error["type"] == "string_pattern_mismatch" else None
            if defined is not None and defined != path:
                line, _ = checker.loaded.where(defined)
                checker.add(path, f"refers to '{error['input']}', whose id is not valid (line {line})",
                            "schema.slug-ref", "fix the id where it is defined, then here")
            else:
                report(checker, error)
        return None


def _bad_definitions(errors: list[dict]) -> dict[str, tuple]:
    """Invalid ids at their definition (an ``id`` key): reported once there, with the fix; every
    reference to the same text then only says that it refers to it."""
    found: dict[str, tuple] = {}
    for error in errors:
        path = tuple(p for p in error["loc"] if p not in UNION_TAGS)
        if (error["type"] == "string_pattern_mismatch" and path and path[-1] == "id" and len(path) > 1
                and isinstance(error.get("input"), str)):
            found.setdefault(error["input"], path)
    return found


def suggest_id(value: str) -> str:
    """The id an author probably meant: `Message Broker` and `messageBroker` become `message-broker`;
    a name written with `_` keeps `_`."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", unicodedata.normalize("NFKD", value))
    text = text.encode("ascii", "ignore").decode().lower()
    joiner = "_" if "_" in value and "-" not in value else "-"
    words = re.findall(r"[a-z0-9]+", text)
    return joiner.join(words)[:64] or "id"


def _model_at(path: tuple) -> type[BaseModel] | None:
    """The model that owns the mapping at ``path``, for did-you-mean hints."""
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


def report(checker: Checker, error: dict) -> None:
    path = tuple(p for p in error["loc"] if p not in UNION_TAGS)
    kind = error["type"]
    for handler in (_unknown_key, _missing, _implicit, _choice, _slug, _text, _bounds):
        if handler(checker, path, kind, error):
            return
    if kind in _TYPES:
        expected, code = _TYPES[kind]
        checker.add(path, f"expected {expected}, found {_found(error.get('input'))}", code)
        return
    checker.add(path, "invalid value", "schema.invalid")


def _found(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(type(value), "a number")


def _unknown_key(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    if kind != "extra_forbidden":
        return False
    model = _model_at(path[:-1])
    names = _field_names(model) if model else []
    hint = did_you_mean(path[-1], names, f"known keys: {', '.join(names)}" if names else "")
    if not hint.startswith("did you mean") and (" " in str(path[-1]) or str(path[-1])[-1:] in ".,;!?"):
        # `{text: a, b}` makes "b" a key: the usual cause is an unquoted comma or ': '.
        hint = "this looks like text: a comma or ': ' inside { } ends the value; quote the whole text"
    checker.add(path, f"unknown key '{path[-1]}'", "schema.unknown-key", hint, key=True)
    return True


def _missing(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    if kind != "missing":
        return False
    checker.add(path[:-1], f"missing required key '{path[-1]}'", "schema.missing")
    return True


def _implicit(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    """A bare word YAML reads as a boolean, number or null where text was meant."""
    implicit = checker.loaded.implicit.get(path)
    wants_text = kind in ("string_type", "string_pattern_mismatch") or (
        kind == "literal_error" and "'" in error.get("ctx", {}).get("expected", ""))
    if not implicit or not wants_text:
        return False
    text, read_as = implicit
    if read_as == "null" and text == "":
        checker.add(path, "no value given", "schema.empty", "write the text, or remove the key")
    else:
        checker.add(path, f"'{text}' is read as a {read_as}, not text", "schema.quote-it", f'quote it: "{text}"')
    return True


def _choice(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    if kind != "literal_error":
        return False
    choices = re.findall(r"'([^']+)'", error.get("ctx", {}).get("expected", ""))
    value = error.get("input")
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
    if field in ("checkpoints", "at"):
        message = f"{value!r} is not a checkpoint: use start, final or a step number"
    elif field == "schema_version":
        message = (f"schema_version {value!r} is not supported (this StepDeck reads versions "
                   f"{' and '.join(map(str, SUPPORTED_VERSIONS))})")
    else:
        message = f"{value!r} is not a known {_CHOICE_NOUNS.get(field, field.replace('_', ' '))}"
    checker.add(path, message, "schema.choice", did_you_mean(value, choices, f"one of: {', '.join(choices)}"))
    return True


def _slug(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    if kind != "string_pattern_mismatch":
        return False
    value = str(error.get("input"))
    hidden = [c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")]
    if hidden:
        checker.add(path, f"id contains the invisible character U+{ord(hidden[0]):04X}", "schema.slug",
                    "retype the id; ids are lowercase ASCII letters, digits and '-'")
    elif path and path[-1] == "language" and "execution_sample" in path:
        checker.add(path, f"{value!r} is not a language name: up to 20 lowercase letters, digits, '+', '#' "
                    "or '-'", "schema.pattern")
    elif path and path[-1] == "language":
        checker.add(path, f"{value!r} is not a language tag such as 'en' or 'pt-BR'", "schema.pattern")
    elif path and path[-1] == "answer":
        checker.add(path, f"{value!r} is not an option letter: use one capital letter, A to H", "schema.pattern")
    elif path and path[-1] in ("verb", "kind"):
        what = ("one to three lowercase words (letters and '-')" if path[-1] == "verb"
                else "one lowercase word (letters and '-')")
        fix = (" ".join(re.findall(r"[a-z]+(?:-[a-z]+)*", value.lower())[:3]) if path[-1] == "verb"
               else "-".join(re.findall(r"[a-z]+", value.lower())))
        checker.add(path, f"{value!r} is not a {path[-1]}: use {what}", "schema.pattern",
                    f"write it as '{fix}'" if fix else "")
    else:
        fix, joined = suggest_id(value), "'-' or '_'"
        if path == ("id",):  # the lesson id names a file and a URL: kebab-case only
            fix, joined = fix.replace("_", "-"), "single '-'"
        elif path and path[-1] == "id" and "steps" in path and fix[:1].isdigit():
            fix = f"step-{fix}"
        checker.add(path, f"{value!r} is not a valid id: use lowercase letters and digits, words joined by "
                    f"{joined}", "schema.slug", f"write it as '{fix}'")
    return True


def _text(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    if kind == "string_type":
        checker.add(path, f"expected text, found {_found(error.get('input'))}", "schema.type")
    elif kind == "string_too_short":
        checker.add(path, "text is empty", "schema.empty", "write the text, or remove the key")
    elif kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        checker.add(path, f"text is longer than {limit} characters", "schema.too-long")
    else:
        return False
    return True


def _bounds(checker: Checker, path: tuple, kind: str, error: dict) -> bool:
    ctx = error.get("ctx", {})
    if kind == "greater_than_equal":
        checker.add(path, f"must be at least {ctx.get('ge')}, not {error.get('input')}", "schema.range")
    elif kind == "less_than_equal":
        checker.add(path, f"must be at most {ctx.get('le')}, not {error.get('input')}", "schema.range")
    elif kind == "too_short":
        need = ctx.get("min_length")
        checker.add(path, f"needs at least {need} item{'s' if need != 1 else ''}", "schema.too-few")
    elif kind == "too_long":
        checker.add(path, f"has more than {ctx.get('max_length')} items", "schema.too-many")
    else:
        return False
    return True
