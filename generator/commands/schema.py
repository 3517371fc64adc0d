"""``stepdeck schema``: write, or check, the lesson JSON Schema generated from the model."""
from __future__ import annotations

from ..model.project import Project
from ..model.schema import schema_path, schema_text
from ..site import writer


def schema_is_current(project: Project) -> bool:
    """Compares at most one byte more than the schema: a huge file (or a link to one) is never read whole."""
    path = schema_path(project.content_dir)
    expected = schema_text().encode("utf-8")
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(expected) + 1) == expected


def write_schema(project: Project) -> None:
    writer.write_file(schema_path(project.content_dir), schema_text().encode("utf-8"))
