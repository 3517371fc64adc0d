"""Find, load and validate every lesson; collect every diagnostic before failing."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic
from .loading import load_lesson_file
from .model import Lesson
from .project import Project
from .validate import validate


@dataclass(frozen=True)
class LoadedLesson:
    lesson: Lesson
    source: str  # project-relative path, as diagnostics and generated markers show it
    path: Path


def lesson_files(project: Project, paths: list[Path] | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """Lesson files under the given paths (default: the content folder), refusing symlinks."""
    problems: list[Diagnostic] = []
    found: list[Path] = []
    for root in paths or [project.content_dir]:
        if root.is_symlink():
            problems.append(Diagnostic(project.display(root), 1, 1, "", "symbolic links are refused", "path.symlink"))
            continue
        if root.is_dir():
            candidates = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml"))
        elif root.exists():
            candidates = [root]
        else:
            problems.append(Diagnostic(project.display(root), 1, 1, "", "no such file or folder", "path.missing"))
            continue
        for path in candidates:
            if path.is_symlink() or any(parent.is_symlink() for parent in path.parents if root in path.parents
                                        and parent != root and root in parent.parents):
                problems.append(Diagnostic(project.display(path), 1, 1, "", "symbolic links are refused",
                                           "path.symlink"))
            elif path.is_file():
                found.append(path)
    return found, problems


def load_lessons(project: Project, paths: list[Path] | None = None) -> tuple[list[LoadedLesson], list[Diagnostic]]:
    files, diagnostics = lesson_files(project, paths)
    lessons: list[LoadedLesson] = []
    for path in files:
        display = project.display(path)
        loaded, problems = load_lesson_file(path, display, project.limits)
        diagnostics += problems
        if loaded is None:
            continue
        lesson, problems = validate(loaded, project.limits)
        diagnostics += problems
        if lesson is not None:
            lessons.append(LoadedLesson(lesson, display, path))
    diagnostics += collisions(lessons)
    return sorted(lessons, key=lambda x: x.lesson.id), diagnostics


def collisions(lessons: list[LoadedLesson]) -> list[Diagnostic]:
    """Two lessons that would write the same output, even on a case-folding file system."""
    seen: dict[str, LoadedLesson] = {}
    problems = []
    for item in lessons:
        key = unicodedata.normalize("NFKC", item.lesson.id).casefold()
        if key in seen:
            other = seen[key]
            problems.append(Diagnostic(item.source, 1, 1, "id", f"lesson id '{item.lesson.id}' collides with "
                                       f"'{other.lesson.id}' in {other.source}", "path.collision"))
        else:
            seen[key] = item
    return problems
