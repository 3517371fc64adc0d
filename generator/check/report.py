"""Diagnostics as text for people, JSON for tools, or GitHub workflow annotations for pull requests."""
from __future__ import annotations

import json

from ..core.errors import Diagnostic

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
    items = [{"file": d.file, "line": d.line, "column": d.column, "path": d.path, "severity": d.severity.value,
              "code": d.code, "message": d.message, "hint": d.hint} for d in diagnostics]
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
    message = f"{d.path}: {d.message}" if d.path else d.message
    if d.hint:
        message += f"\nhint: {d.hint}"
    props = f"file={_property(d.file)},line={d.line},col={d.column},title={_property(d.code)}"
    return f"::{level} {props}::{_data(message)}"
