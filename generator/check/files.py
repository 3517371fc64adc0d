"""Which lesson files a check reads: YAML files under the given paths, never through a link."""
from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import Diagnostic
from ..model.project import Project


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
        elif root.exists():  # a FIFO, a socket or a device: reading it could block or never end
            problems.append(Diagnostic(project.display(root), 1, 1, "", "not a regular file or folder",
                                       "path.unreadable", hint="give a lesson file or a folder of them"))
        else:
            problems.append(Diagnostic(project.display(root), 1, 1, "", "no such file or folder", "path.missing"))
    return sorted(found), problems


def _refused(project: Project, path: Path) -> Diagnostic:
    return Diagnostic(project.display(path), 1, 1, "", "symbolic links are refused", "path.symlink",
                      hint="copy the file into content/ instead")
