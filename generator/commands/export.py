"""``stepdeck export``: check and draw one lesson, then write its slide files."""
from __future__ import annotations

from pathlib import Path

from ..check.pipeline import check_project
from ..core.errors import StepDeckError, ValidationFailed
from ..diagrams.draw import draw
from ..diagrams.engine import Graphviz
from ..model.project import Project
from ..render.environment import environment
from ..site import writer
from ..site.export import ExportOptions, export_files

__all__ = ["ExportOptions", "export"]


def export(project: Project, lesson_id: str, options: ExportOptions, out_dir: Path | None = None,
           graphviz=None) -> list[Path]:
    """Only this lesson has to be valid: a broken draft elsewhere must not block an export."""
    result = check_project(project)
    found = [f for f in result.files if f.lesson_id == lesson_id]
    if not found:
        known = sorted(f.lesson_id for f in result.files if f.lesson_id)
        raise StepDeckError(f"unknown lesson: {lesson_id!r} (must be one of {known})")
    if not all(f.ok for f in found):
        raise ValidationFailed([d for f in found for d in f.diagnostics])
    item = found[0].lesson
    rendered = draw(item.facts, graphviz or Graphviz(project.limits.layout_seconds), item.source)
    target = (out_dir or Path.cwd() / "export") / lesson_id
    written = []
    for name, content in export_files(environment(project.templates_dir), item.facts, rendered, options,
                                      item.source).items():
        writer.write_file(target / name, content)
        written.append(target / name)
    return written
