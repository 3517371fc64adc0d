"""The committed JSON Schema is current, accepts every lesson and rejects what `stepdeck check` rejects."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.check.pipeline import check_source
from generator.model.schema import SCHEMA_LINE, lesson_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LESSONS = sorted(CONTENT.glob("*.yaml"))
SEED = CONTENT / "service-mesh-vs-library.yaml"


def _validator():
    schema = json.loads((CONTENT / "lesson.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _check_codes(data) -> list[str]:
    """What `stepdeck check` says about the same data, as codes."""
    diagnostics = check_source(yaml.safe_dump(data, sort_keys=False), "x.yaml").diagnostics
    assert not any(d.code.startswith("yaml.") for d in diagnostics), diagnostics
    return [d.code for d in diagnostics if d.is_error]


def test_committed_schema_is_current():
    committed = (CONTENT / "lesson.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `stepdeck schema` and commit content/lesson.schema.json"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_schema_accepts_every_lesson(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    errors = list(_validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == []


def test_every_object_forbids_unknown_keys():
    def objects(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield where, node
            for key, value in node.items():
                yield from objects(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from objects(value, f"{where}/{i}")

    found = list(objects(lesson_schema(), "#"))
    assert len(found) >= 16  # the lesson, its 15 nested models and the state map
    assert [w for w, node in found if node.get("additionalProperties") is not False] == []


def _seed():
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def _mutations():
    def unknown_top(d): d["titel"] = "x"
    def unknown_step(d): d["steps"][0]["acton"] = "x"
    def unknown_interaction(d): d["steps"][0]["interactions"][0]["via"] = "x"
    def unknown_option(d): d["quiz"][0]["options"][1]["why"] = "x"
    def unknown_cell(d): d["quiz"][1]["cells"][0]["row"] = "x"
    def missing_title(d): del d["title"]
    def missing_result(d): del d["steps"][1]["result"]
    def missing_from(d): del d["steps"][0]["interactions"][0]["from"]
    def missing_checkpoints(d): d["tracker"] = {}
    def bad_kind(d): d["components"][0]["kind"] = "Server box"
    def bad_slug(d): d["components"][0]["id"] = "App"
    def bad_state_key(d): d["steps"][0]["state"]["Not An Id"] = "x"
    def bool_for_text(d): d["components"][0]["initial_state"] = False
    def zero_checkpoint(d): d["tracker"]["checkpoints"].append(0)
    def bad_answer(d): d["quiz"][0]["answer"] = "Z"
    def one_option(d): d["quiz"][0]["options"] = ["Step 4"]
    return {f.__name__: f for f in (unknown_top, unknown_step, unknown_interaction, unknown_option, unknown_cell,
                                    missing_title, missing_result, missing_from, missing_checkpoints, bad_kind,
                                    bad_slug, bad_state_key, bool_for_text, zero_checkpoint, bad_answer,
                                    one_option)}


@pytest.mark.parametrize("name", sorted(_mutations()))
def test_schema_rejects_what_check_rejects(name):
    data = copy.deepcopy(_seed())
    assert _check_codes(data) == [] and list(_validator().iter_errors(data)) == []
    _mutations()[name](data)
    assert list(_validator().iter_errors(data)), f"schema accepted {name}"
    assert _check_codes(data), f"check accepted {name}"


def test_unknown_key_message_names_the_key():
    data = _seed()
    data["steps"][0]["acton"] = "x"
    (error,) = _validator().iter_errors(data)
    assert error.validator == "additionalProperties" and "'acton'" in error.message
    assert list(error.absolute_path) == ["steps", 0]
    assert _check_codes(data) == ["schema.unknown-key"]


def test_from_alias_is_the_key_authors_write():
    interaction = lesson_schema()["$defs"]["Interaction"]
    assert "from" in interaction["properties"] and "from_" not in interaction["properties"]
    assert interaction["required"] == ["from", "to", "verb"]
