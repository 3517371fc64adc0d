"""``stepdeck schema``: write, or check, the lesson JSON Schema generated from the model."""
from __future__ import annotations

from ..model.project import Project
from ..model.schema import schema_path, schema_text
from ..site import writer


def schema_is_current(project: Project) -> bool:
    path = schema_path(project.content_dir)
    return path.is_file() and path.read_text(encoding="utf-8") == schema_text()


def write_schema(project: Project) -> None:
    writer.write_file(schema_path(project.content_dir), schema_text().encode("utf-8"))
