"""The authoring guide lists every field, and its examples are what the checker really prints."""
from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from generator.render import guide
from generator.render.environment import environment
from generator.cli import main
from generator.core.errors import RenderError
from generator.model.lesson import KINDS, VERBS, Lesson
from generator.model.vocabulary import SHAPES, STYLES, verbs_of


@pytest.fixture(scope="module")
def text() -> str:
    return guide.page(environment(None))


def models(model=Lesson, seen=None) -> dict[str, type[BaseModel]]:
    """Every pydantic model reachable from Lesson, found from the classes (not from the schema)."""
    seen = {} if seen is None else seen
    seen[model.__name__] = model
    for field in model.model_fields.values():
        for arg in _flatten(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg.__name__ not in seen:
                models(arg, seen)
    return seen


def _flatten(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _flatten(arg)


def section(text: str, name: str) -> str:
    match = re.search(rf"^### {name} \{{ #{name.lower()} \}}\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match, f"no section for {name}"
    return match.group(1)


def test_every_field_of_every_model_is_documented(text):
    found = models()
    assert len(found) == 18  # StepMatch and Scenario joined in schema version 2
    for name, model in found.items():
        body = section(text, name)
        for field_name, field in model.model_fields.items():
            key = field.alias or field_name
            row = re.search(rf"^\| `{re.escape(key)}` \| (.+?) \| (.+?) \| (.+?) \|$", body, re.M)
            assert row, f"{name}.{key} missing from the guide"
            assert row.group(2) == ("**required**" if field.is_required() else row.group(2))
            assert row.group(3).strip() and field.description and field.description[:20] in row.group(3)
        assert len(re.findall(r"^\| `", body, re.M)) == len(model.model_fields), name


def test_types_and_defaults_read_well(text):
    step = section(text, "Step")
    assert "| `interactions` | list of [Interaction](#interaction) | optional |" in step
    assert "| `state` | map of id → text | optional |" in step
    assert "| `phase` | integer ≥ 1 | optional |" in step
    component = section(text, "Component")
    assert "| `kind` | a built-in [kind](#kinds) or any other | **required** |" in component
    assert "| `tracked` | `true` or `false` | default `true` |" in component
    assert "| `schema_version` | one of `1`, `2` | **required** |" in section(text, "Lesson")
    assert "| `at` | `start`, `final` or integer ≥ 1 or step id | **required** |" in section(text, "TrackerCell")
    assert "| `options` | list of text or [Option](#option) (at least 2) | **required** |" in text
    kinds, verbs = section(text, "Kinds"), section(text, "Verbs")
    assert all(f"`{k}`" in kinds for k in KINDS) and all(f"`{v}`" in verbs for v in VERBS)
    for style in STYLES:  # every style is drawn and listed with its verbs
        assert f"| `{style}` |" in verbs and verbs_of(style)[0] in verbs
    assert "assets/stepdeck-styles.svg" in verbs and "assets/stepdeck-shapes.svg" in kinds
    assert all(f"| `{shape}` |" in kinds for shape in SHAPES)


def test_guide_marks_itself_generated(text):
    assert text.startswith("---\n") and "do not edit -->" in text.split("# Authoring guide")[0]


def test_worked_example_is_clean_and_in_the_page(text):
    assert guide.diagnose(guide.example_text()) == []
    assert guide.example_text().rstrip("\n") in text


@pytest.mark.parametrize("mistake", guide.MISTAKES, ids=lambda m: m.title)
def test_each_common_error_is_what_stepdeck_check_prints(tmp_path, capsys, text, mistake):
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    broken = guide.example_text().replace(mistake.old, mistake.new)
    (tmp_path / guide.EXAMPLE_NAME).write_text(broken)
    main(["--project", str(tmp_path), "check", "--strict"])
    printed = capsys.readouterr().err.splitlines()[:-1]  # without the summary line
    # --strict turns the warning into an error; the guide shows the plain `check` wording.
    shown = [line.replace(": warning: ", ": ") for line in section_output(text, mistake.title)]
    assert printed == shown


def section_output(text: str, title: str) -> list[str]:
    body = text.split(f"### {title}\n", 1)[1]
    return re.search(r"```text\n(.*?)\n```", body, re.S).group(1).splitlines()


def test_a_mistake_that_stops_matching_fails_the_build(monkeypatch):
    monkeypatch.setattr(guide, "MISTAKES", [guide.Mistake("Gone", "no such text\n", "x", "fix")])
    with pytest.raises(RenderError, match="'Gone' no longer matches the worked example"):
        guide.mistakes()


def test_lint_codes_listed(text):
    from generator.check import lint

    for code in lint.CODES:
        assert f"| `{code}` |" in text
