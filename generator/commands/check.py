"""``stepdeck check``: validate lessons and write nothing."""
from __future__ import annotations

from pathlib import Path

from ..check.pipeline import CheckResult, check_project
from ..core.errors import ValidationFailed
from ..model.project import Project


def check(project: Project, paths: list[Path] | None = None, *, strict: bool = False) -> CheckResult:
    """The check result; raises ValidationFailed, with every diagnostic, when any is an error."""
    result = check_project(project, paths, strict=strict)
    if not result.ok:
        raise ValidationFailed(result.diagnostics)
    return result
