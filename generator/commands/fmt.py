"""``stepdeck fmt --step-ids``: give every step an id and name steps by id, changing only those lines."""
from __future__ import annotations

from pathlib import Path

from ..check.pipeline import check_project, check_source
from ..check.reading import read_lesson_text
from ..check.rewrite import add_step_ids
from ..core.errors import StepDeckError, ValidationFailed
from ..model.project import Project
from ..site import writer


def format_lessons(project: Project, paths: list[Path] | None = None, *, check_only: bool = False) -> list[Path]:
    """The lesson files that change (written, unless ``check_only``). A lesson with errors is refused:
    its references must resolve before they can be renamed."""
    result = check_project(project, paths)
    if not result.ok:
        raise ValidationFailed(result.diagnostics)
    changed = []
    for item in result.lessons:
        text, problems = read_lesson_text(item.path.read_bytes(), item.source, project.limits)
        if text is None:
            raise ValidationFailed(problems)
        new = add_step_ids(text, item.lesson)
        if new == text:
            continue
        after = check_source(new, item.source, project.limits)
        if not after.ok or after.lessons[0].facts.tracker != item.facts.tracker:
            raise StepDeckError(f"{item.source}: the rewrite would change the lesson; left as it was")
        changed.append(item.path)
        if not check_only:
            writer.write_file(item.path, new.encode("utf-8"))
    return changed
