"""Diagnostics as text for people, JSON for tools, or GitHub workflow annotations for pull requests."""
from __future__ import annotations

import json

from ..core.errors import Diagnostic, printable

FORMATS = ("text", "json", "github")


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    return f"stepdeck: {len(diagnostics)} problem(s), {errors} error(s)"


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    """Every diagnostic in ``fmt``; empty text when there is nothing to say (except JSON)."""
    diagnostics = sorted(diagnostics)
    if fmt == "json":
        return as_json(diagnostics)
    if fmt == "github":
        return "".join(annotation(d) + "\n" for d in diagnostics)
    if fmt == "text":
        return "".join(d.format() + "\n" for d in diagnostics)
    raise ValueError(f"unknown format: {fmt!r} (must be one of {list(FORMATS)})")


def as_json(diagnostics: list[Diagnostic]) -> str:
    # Every format escapes control, bidi, zero-width, C1 and line-separator characters the same way
    # (``printable``): a tool that shows the JSON, or GitHub showing an annotation, cannot be made to
    # reorder or forge what a reviewer reads.
    items = [{"file": printable(d.file), "line": d.line, "column": d.column, "path": printable(d.path),
              "severity": d.severity.value, "code": printable(d.code), "message": printable(d.message),
              "hint": printable(d.hint)} for d in diagnostics]
    errors = sum(d.is_error for d in diagnostics)
    return json.dumps({"diagnostics": items, "errors": errors, "warnings": len(items) - errors},
                      indent=2, ensure_ascii=False) + "\n"


def _data(text: str) -> str:
    """Escaping for a workflow command's message (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escaping for a workflow command's property values (GitHub's escapeProperty)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    """``::warning file=...,line=...,col=...,title=code::message``: shown on the line in a pull request."""
    level = d.severity.value
    message = f"{printable(d.path)}: {printable(d.message)}" if d.path else printable(d.message)
    if d.hint:
        message += f"\nhint: {printable(d.hint)}"
    props = (f"file={_property(printable(d.file))},line={d.line},col={d.column},"
             f"title={_property(printable(d.code))}")
    return f"::{level} {props}::{_data(message)}"
