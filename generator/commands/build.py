"""``stepdeck build`` and ``stepdeck generate``: the pipeline, in one readable function."""
from __future__ import annotations

from pathlib import Path

from ..check.pipeline import CheckResult, check_project
from ..core.errors import RenderFailed, ValidationFailed
from ..model.project import Project
from ..render.pages import GENERATED_MARK
from ..site import builders, ownership, writer
from ..site.generate import generate_files
from ..site.lock import lock_path, project_lock


def build(project: Project, paths: list[Path] | None = None, *, site: bool = True,
          strict: bool = False, builder: str | None = None) -> CheckResult:
    """Check every lesson, lay out and render everything, then swap the output in.

    Nothing is written to the real output folders until every stage succeeded;
    a failure or an interrupt leaves the previous output untouched. The project lock is held from
    before recovery until the swap is done, so two runs never touch each other's trees. ``builder``
    (default: stepdeck.yml's ``builder``) is MkDocs or Zensical; under Zensical an
    existing site's own docs folder is staged as a copy and never written.
    """
    builder = builders.chosen(project, builder) if site else (builder or project.settings.builder)
    with project_lock(project.root, project.display(lock_path(project.root))):
        return _build_locked(project, paths, site=site, strict=strict, builder=builder)


def _build_locked(project: Project, paths: list[Path] | None, *, site: bool, strict: bool,
                  builder: str) -> CheckResult:
    existing = builder == "zensical" and bool(builders.hand_written_pages(project))
    for target in (project.diagrams_dir, project.docs_dir, project.site_dir):
        writer.recover(target)  # leftovers of an interrupted run: restore or delete them first
    result = check_project(project, paths, strict=strict)
    if not result.ok:
        raise ValidationFailed(result.diagnostics)
    files = generate_files(project, result.lessons, catalog_page=builders.catalog_page(project, existing))
    if files.failures:
        raise RenderFailed([*result.diagnostics, *files.failures])
    if not existing:
        writer.refuse_foreign_pages(project.docs_dir, GENERATED_MARK, project.display)
    diagrams = ownership.with_marker(files.diagrams, "diagrams")
    docs = ownership.with_marker(files.docs, "docs")
    ownership.refuse_foreign(project.diagrams_dir, diagrams, project.display)
    if not existing:  # an existing site's docs/ is the author's: only a staged copy is built from it
        ownership.refuse_foreign(project.docs_dir, docs, project.display)
    if site:
        ownership.refuse_foreign(project.site_dir, None, project.display, any_file_when_marked=True)
    targets = [project.diagrams_dir] + ([] if existing else [project.docs_dir])
    try:
        writer.stage_tree(project.diagrams_dir, diagrams)
        staged_docs = writer.stage_tree(project.docs_dir, builders.docs_tree(project, docs, existing))
        if site:
            targets.append(project.site_dir)
            staged_site = writer.staging_path(project.site_dir)
            builders.run(project, builder, staged_docs, staged_site)
            writer.add_file(staged_site, ownership.MARKER, ownership.marker_text("site"))
            # an unmarked site/ (built before markers) is adopted when this build writes all its files
            ownership.refuse_foreign(project.site_dir, writer.relative_files(staged_site), project.display,
                                     any_file_when_marked=True)
            writer.keep_unchanged(project.site_dir, staged_site)
        writer.swap_in(targets)
    except BaseException:
        writer.discard(targets)
        raise
    finally:
        if existing:
            writer.discard([project.docs_dir])  # the staged copy of the author's docs: never swapped in
    return result
