"""stepdeck.yml: every bad setting is refused with a message naming it, before anything runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import StepDeckError
from generator.model.project import load_project


def project_with(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "stepdeck.yml").write_text(settings, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("settings, message", [
    ("limits: {max_steps: 0.5}\n", "stepdeck.yml: limits: max_steps must be a whole number"),
    ("limits: {max_steps: 12.7}\n", "stepdeck.yml: limits: max_steps must be a whole number"),
    ("limits: {max_steps: 0}\n", "stepdeck.yml: limits: max_steps must be a positive number"),
])
def test_bad_limits_are_refused(tmp_path, settings, message):
    with pytest.raises(StepDeckError) as caught:
        load_project(project_with(tmp_path, settings))
    assert str(caught.value) == message


def test_limits_keep_their_types(tmp_path):
    project = load_project(project_with(tmp_path, "limits: {max_steps: 100.0, layout_seconds: 2.5}\n"))
    assert project.limits.max_steps == 100 and isinstance(project.limits.max_steps, int)
    assert project.limits.layout_seconds == 2.5
