"""The lesson JSON Schema, generated from the pydantic model and never edited by hand.

Editors read it through the ``# yaml-language-server: $schema=...`` line at the
top of every lesson, so completion and inline errors match ``stepdeck check``.
"""
from __future__ import annotations

import json
from pathlib import Path

from .lesson import SCHEMA_VERSION, Lesson

SCHEMA_FILE = "lesson.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def lesson_schema() -> dict:
    """The JSON Schema of one lesson file, as editors and the guide see it."""
    schema = Lesson.model_json_schema(by_alias=True)
    _close_maps(schema)
    _any_of(schema)
    return {"$schema": DIALECT, "$comment": f"Generated from generator/model.py (schema_version "
            f"{SCHEMA_VERSION}) by `stepdeck schema`; do not edit.", **schema}


def _close_maps(node) -> None:
    """Maps keyed by id (``state``) only allow keys matching their pattern, like the model does."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_maps(value)


def _any_of(node) -> None:
    """The model picks a union's branch by the value's shape; for an editor any matching branch will do
    (``start`` is both a checkpoint name and a valid step id), so ``oneOf`` becomes ``anyOf``."""
    if isinstance(node, dict):
        if "oneOf" in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _any_of(value)
    elif isinstance(node, list):
        for value in node:
            _any_of(value)


def schema_text() -> str:
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_path(content_dir: Path) -> Path:
    return content_dir / SCHEMA_FILE
