"""``stepdeck build`` and ``stepdeck generate``: the pipeline, in one readable function."""
from __future__ import annotations

from pathlib import Path

from ..check.pipeline import CheckResult, check_project
from ..core.errors import RenderFailed, ValidationFailed
from ..model.project import Project
from ..render.pages import GENERATED_MARK
from ..site import ownership, writer
from ..site.generate import generate_files
from ..site.lock import lock_path, project_lock
from ..site.runner import build_site


def build(project: Project, paths: list[Path] | None = None, *, site: bool = True,
          strict: bool = False) -> CheckResult:
    """Check every lesson, lay out and render everything, then swap the output in.

    Nothing is written to the real output folders until every stage succeeded;
    a failure or an interrupt leaves the previous output untouched. The project lock is held from
    before recovery until the swap is done, so two runs never touch each other's trees.
    """
    with project_lock(project.root, project.display(lock_path(project.root))):
        return _build_locked(project, paths, site=site, strict=strict)


def _build_locked(project: Project, paths: list[Path] | None, *, site: bool, strict: bool) -> CheckResult:
    for target in (project.diagrams_dir, project.docs_dir, project.site_dir):
        writer.recover(target)  # leftovers of an interrupted run: restore or delete them first
    result = check_project(project, paths, strict=strict)
    if not result.ok:
        raise ValidationFailed(result.diagnostics)
    files = generate_files(project, result.lessons)
    if files.failures:
        raise RenderFailed([*result.diagnostics, *files.failures])
    writer.refuse_foreign_pages(project.docs_dir, GENERATED_MARK, project.display)
    diagrams = ownership.with_marker(files.diagrams, "diagrams")
    docs = ownership.with_marker(files.docs, "docs")
    ownership.refuse_foreign(project.diagrams_dir, diagrams, project.display)
    ownership.refuse_foreign(project.docs_dir, docs, project.display)
    if site:
        ownership.refuse_foreign(project.site_dir, None, project.display, any_file_when_marked=True)
    targets = [project.diagrams_dir, project.docs_dir]
    try:
        writer.stage_tree(project.diagrams_dir, diagrams)
        staged_docs = writer.stage_tree(project.docs_dir, docs)
        if site:
            targets.append(project.site_dir)
            staged_site = writer.staging_path(project.site_dir)
            build_site(project, staged_docs, staged_site)
            writer.add_file(staged_site, ownership.MARKER, ownership.marker_text("site"))
            # an unmarked site/ (built before markers) is adopted when this build writes all its files
            ownership.refuse_foreign(project.site_dir, writer.relative_files(staged_site), project.display,
                                     any_file_when_marked=True)
            writer.keep_unchanged(project.site_dir, staged_site)
        writer.swap_in(targets)
    except BaseException:
        writer.discard(targets)
        raise
    return result
