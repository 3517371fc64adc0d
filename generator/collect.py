"""Find, load and validate every lesson; collect every diagnostic before failing."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic
from .loading import Loaded, load_lesson_file
from .model import Lesson
from .project import Project
from .validate import validate


@dataclass(frozen=True)
class LoadedLesson:
    lesson: Lesson
    loaded: Loaded  # the parsed file, for the positions of later diagnostics
    source: str  # project-relative path, as diagnostics and generated markers show it
    path: Path
    id_at: tuple[int, int] = (1, 1)  # line and column of the id, for collision diagnostics


def lesson_files(project: Project, paths: list[Path] | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """Lesson files under the given paths (default: the content folder), refusing symbolic links.

    A link could make the build read a file outside the project (and show it in
    a diagnostic or a page), so a link anywhere below the root is reported and
    never followed; ``os.walk`` is told not to descend into linked folders.
    """
    problems: list[Diagnostic] = []
    found: list[Path] = []
    for root in paths or [project.content_dir]:
        if root.is_symlink():
            problems.append(_refused(project, root))
            continue
        if root.is_dir():
            for folder, dirs, files in os.walk(root, followlinks=False):
                here = Path(folder)
                for name in sorted(dirs):
                    if (here / name).is_symlink():
                        problems.append(_refused(project, here / name))
                dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
                for name in sorted(files):
                    path = here / name
                    if path.suffix not in (".yaml", ".yml"):
                        continue
                    if path.is_symlink():
                        problems.append(_refused(project, path))
                    elif path.is_file():
                        found.append(path)
        elif root.is_file():
            found.append(root)
        else:
            problems.append(Diagnostic(project.display(root), 1, 1, "", "no such file or folder", "path.missing"))
    return sorted(found), problems


def _refused(project: Project, path: Path) -> Diagnostic:
    return Diagnostic(project.display(path), 1, 1, "", "symbolic links are refused", "path.symlink",
                      hint="copy the file into content/ instead")


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
            line, column = loaded.where(("id",))
            lessons.append(LoadedLesson(lesson, loaded, display, path, (line, column)))
            if path.stem != lesson.id:
                diagnostics.append(Diagnostic(display, line, column, "id", f"lesson id '{lesson.id}' differs from "
                                              f"the file name '{path.name}'", "path.id-mismatch", "warning",
                                              f"rename the file to {lesson.id}{path.suffix}"))
    diagnostics += collisions(lessons)
    return sorted(lessons, key=lambda x: x.lesson.id), diagnostics


def collisions(lessons: list[LoadedLesson]) -> list[Diagnostic]:
    """Two lessons that would write the same output, even on a case-folding file system.

    Ids are ASCII slugs today, so only equal ids can collide; the key still folds
    case and Unicode normalisation so a looser id pattern could not open a hole.
    """
    seen: dict[str, LoadedLesson] = {}
    problems = []
    for item in sorted(lessons, key=lambda x: x.source):
        key = unicodedata.normalize("NFKC", item.lesson.id).casefold()
        if key in seen:
            other = seen[key]
            problems.append(Diagnostic(item.source, *item.id_at, "id", f"lesson id '{item.lesson.id}' "
                                       f"is also used by {other.source}; both would write "
                                       f"{item.lesson.id}/ outputs", "path.collision",
                                       hint="give one of the lessons another id"))
        else:
            seen[key] = item
    return problems
