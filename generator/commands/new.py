"""``stepdeck new``: scaffold a lesson within the project's limits; never replaces a file."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import StepDeckError
from ..model.project import Project
from ..model.schema import schema_path, schema_text
from ..render.environment import environment
from ..render.scaffold import render_scaffold, scaffold
from ..site import writer


def new_lesson(project: Project, lesson_id: str, lanes: int = 2, steps: int = 4) -> Path:
    text = render_scaffold(environment(project.templates_dir), scaffold(lesson_id, lanes, steps, project.limits))
    path = project.content_dir / f"{lesson_id}.yaml"
    if not writer.write_file(path, text.encode("utf-8"), overwrite=False):
        raise StepDeckError(f"{project.display(path)} already exists; choose another id or edit that file")
    # The lesson's first line points editors at the schema; a new project may not have it yet.
    writer.write_file(schema_path(project.content_dir), schema_text().encode("utf-8"), overwrite=False)
    return path
