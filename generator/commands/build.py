"""``stepdeck build`` and ``stepdeck generate``: the pipeline, in one readable function."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from ..check.pipeline import CheckResult
from ..core.errors import RenderFailed, ValidationFailed
from ..core.progress import Stages
from ..model.project import Project
from ..render.pages import GENERATED_MARK
from ..site import builders, cache, ownership, pool, stamp, writer
from ..site.generate import check_and_generate
from ..site.lock import lock_path, project_lock


def build(project: Project, paths: list[Path] | None = None, *, site: bool = True,
          strict: bool = False, builder: str | None = None, cache_dir: Path | None = None,
          use_cache: bool = True, workers: int | None = None, stages: Stages | None = None) -> CheckResult:
    """Check every lesson, lay out and render everything, then swap the output in.

    Nothing is written to the real output folders until every stage succeeded;
    a failure or an interrupt leaves the previous output untouched. The project lock is held from
    before recovery until the swap is done, so two runs never touch each other's trees. ``builder``
    (default: stepdeck.yml's ``builder``) is MkDocs or Zensical; under Zensical an
    existing site's own docs folder is staged as a copy and never written. Lessons come from the
    lesson cache when their key matches (``--no-cache``: a throwaway one, so lessons still stream to
    disk), and the site builder is not run when the site stamp says nothing it reads has changed.
    """
    builder = builders.chosen(project, builder) if site else (builder or project.settings.builder)
    stages = stages or Stages()
    with project_lock(project.root, project.display(lock_path(project.root))):
        with _lesson_cache(project, cache_dir, use_cache) as lessons:
            result = _build_locked(project, paths, site=site, strict=strict, builder=builder, lessons=lessons,
                                   workers=pool.worker_count(workers), stages=stages)
    stages.finish()
    return result


@contextmanager
def _lesson_cache(project: Project, cache_dir: Path | None, use_cache: bool):
    folder = cache.folder_for(project, cache_dir, enabled=use_cache)
    if folder is not None:
        yield cache.LessonCache(folder, project)
        return
    with writer.scratch_folder() as scratch:
        yield cache.LessonCache(scratch, project)


def _build_locked(project: Project, paths: list[Path] | None, *, site: bool, strict: bool,
                  builder: str, lessons: cache.LessonCache, workers: int, stages: Stages) -> CheckResult:
    existing = builder == "zensical" and bool(builders.hand_written_pages(project))
    for target in (project.diagrams_dir, project.docs_dir, project.site_dir):
        writer.recover(target)  # leftovers of an interrupted run: restore or delete them first
    result, files = check_and_generate(project, paths, strict=strict, cache=lessons, workers=workers,
                                       catalog_page=builders.catalog_page(project, existing), clock=stages)
    if not result.ok:
        raise ValidationFailed(result.diagnostics)
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
        stages.stage("write")
        writer.stage_tree(project.diagrams_dir, diagrams, lessons.outputs(project.diagrams_dir))
        tree = builders.docs_tree(project, docs, existing)
        staged_docs = writer.stage_tree(project.docs_dir, tree, lessons.outputs(project.docs_dir))
        site_stamp = stamp.site_stamp(project, builder, tree) if site else b""
        if site and not stamp.unchanged(project.site_dir, site_stamp):
            stages.stage("site build", builder)
            targets.append(project.site_dir)
            _build_site(project, builder, staged_docs, site_stamp)
        stages.stage("swap")
        writer.swap_in(targets)
        lessons.record_outputs(project.diagrams_dir, diagrams)
        if not existing:
            lessons.record_outputs(project.docs_dir, docs)
    except BaseException:
        writer.discard(targets)
        raise
    finally:
        if existing:
            writer.discard([project.docs_dir])  # the staged copy of the author's docs: never swapped in
    return result


def _build_site(project: Project, builder: str, staged_docs: Path, site_stamp: bytes) -> None:
    staged_site = writer.staging_path(project.site_dir)
    builders.run(project, builder, staged_docs, staged_site)
    writer.add_file(staged_site, ownership.MARKER, ownership.marker_text("site"))
    writer.add_file(staged_site, stamp.STAMP, site_stamp)
    # an unmarked site/ (built before markers) is adopted when this build writes all its files
    ownership.refuse_foreign(project.site_dir, writer.relative_files(staged_site), project.display,
                             any_file_when_marked=True)
    writer.keep_unchanged(project.site_dir, staged_site)
