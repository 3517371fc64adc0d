"""The pipeline, in one readable function: load, validate, lay out, render, then write."""
from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from . import diagrams as diagram_stage
from . import guide, lint, pages, questions, writer
from .collect import LoadedLesson, load_lessons
from .engine import Graphviz
from .errors import Diagnostic, RenderError, StepDeckError, ValidationFailed
from .progress import Progress
from .project import Project
from .theme import site_css


@dataclass
class BuildResult:
    lessons: list[LoadedLesson]
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class SiteFiles:
    """Everything a build writes, in memory: relative path -> bytes."""

    diagrams: dict[str, bytes] = field(default_factory=dict)
    docs: dict[str, bytes] = field(default_factory=dict)


def check(project: Project, paths: list[Path] | None = None, *, strict: bool = False) -> BuildResult:
    """Validate lessons and write nothing. Raises ValidationFailed with every problem."""
    lessons, diagnostics = load_lessons(project, paths)
    diagnostics += lint.lint_lessons(lessons, project.limits)
    diagnostics = [d for d in diagnostics if not lint.is_silenced(d.code, project.settings.silence)]
    if strict:  # warnings become errors, in every output format
        diagnostics = [replace(d, severity="error") for d in diagnostics]
    if any(d.severity == "error" for d in diagnostics):
        raise ValidationFailed(diagnostics)
    return BuildResult(lessons, warnings=diagnostics)


def generate_files(project: Project, lessons: list[LoadedLesson], graphviz: Graphviz | None = None, *,
                   catalog_page: str = "index.md") -> SiteFiles:
    """Lay out every diagram and render every page, in memory.

    ``catalog_page`` is where the lesson catalog goes: ``index.md`` for a StepDeck
    site, ``<prefix>/index.md`` inside an existing site that has its own home page.
    A broken template override is a RenderError here, for build, generate --check
    and the preview alike.
    """
    try:
        return _generate_files(project, lessons, graphviz, catalog_page)
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "filename", None) else ""
        raise RenderError(f"template error: {where}{exc}") from exc


def _generate_files(project: Project, lessons: list[LoadedLesson], graphviz: Graphviz | None, catalog_page: str
                    ) -> SiteFiles:
    files = SiteFiles()
    graphviz = graphviz or Graphviz(project.limits.layout_seconds)
    env = pages.environment(project.templates_dir)
    prefix = project.settings.lessons_prefix
    # Lesson pages live at <prefix>/<id>/ (directory URLs): links to diagrams/ and
    # assets/ climb that many folders, so the site works under any subpath.
    env.globals["site_root"] = "../" * (len(prefix.strip("/").split("/")) + 1)
    catalog_dir = posixpath.dirname(catalog_page) or "."
    catalog = []
    with Progress(len(lessons), "laying out") as bar:  # cleared on failure too, before the error
        for item in lessons:
            bar.advance(item.lesson.id)
            lesson = item.lesson
            rendered = diagram_stage.draw(lesson, graphviz, item.source)
            for name, text in rendered.files.items():
                files.diagrams[f"{lesson.id}/{name}"] = text.encode("utf-8")
            page_path = f"{prefix}/{lesson.id}.md"
            page = pages.lesson_page(env, lesson, rendered, item.source, generated_quiz=questions.generate(lesson))
            files.docs[page_path] = page.encode("utf-8")
            catalog.append((lesson, posixpath.relpath(f"{prefix}/{lesson.id}", catalog_dir) + "/"))
    files.docs[catalog_page] = pages.index_page(env, catalog, prefix).encode("utf-8")
    files.docs[guide.PAGE] = guide.page(env).encode("utf-8")
    for name, content in files.diagrams.items():
        files.docs[f"diagrams/{name}"] = content
    files.docs["assets/stepdeck-diagrams.css"] = (site_css() + "\n").encode("utf-8")
    assets = pages.builtin_templates() / "assets"
    for folder in (assets, project.templates_dir / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files.docs[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def build(project: Project, paths: list[Path] | None = None, *, site: bool = True,
          strict: bool = False) -> BuildResult:
    """Load and validate every lesson, lay out and render everything, then swap the output in.

    Nothing is written to the real output folders until every stage succeeded;
    a failure or an interrupt leaves the previous output untouched.
    """
    for target in (project.diagrams_dir, project.docs_dir, project.site_dir):
        writer.recover(target)  # leftovers of an interrupted run: restore or delete them first
    result = check(project, paths, strict=strict)
    files = generate_files(project, result.lessons)
    refuse_foreign_pages(project)
    targets = [project.diagrams_dir, project.docs_dir]
    try:
        writer.stage_tree(project.diagrams_dir, files.diagrams)
        staged_docs = writer.stage_tree(project.docs_dir, files.docs)
        if site:
            targets.append(project.site_dir)
            run_mkdocs(project, staged_docs, writer.staging_path(project.site_dir))
            writer.keep_unchanged(project.site_dir, writer.staging_path(project.site_dir))
        writer.swap_in(targets)
    except BaseException:
        writer.discard(targets)
        raise
    return result


def refuse_foreign_pages(project: Project) -> None:
    """The build replaces docs_dir whole: never when it holds pages a person wrote."""
    if not project.docs_dir.is_dir():
        return
    for page in sorted(project.docs_dir.rglob("*.md")):
        if pages.GENERATED_MARK not in page.read_text(encoding="utf-8", errors="replace")[:4096]:
            raise StepDeckError(
                f"{project.display(page)} was not generated by StepDeck, and 'stepdeck build' replaces "
                f"{project.settings.docs_dir}/ whole. In an existing site use the 'stepdeck' MkDocs plugin "
                "(mkdocs build / mkdocs serve), or set docs_dir in stepdeck.yml to a folder StepDeck owns.")


def diagram_drift(project: Project) -> list[str]:
    """What ``diagrams/`` lacks, holds in excess, or holds out of date; empty when current."""
    expected = generate_files(project, check(project).lessons).diagrams
    folder = project.diagrams_dir
    present = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()} \
        if folder.is_dir() else {}
    drift = [f"missing: {name}" for name in sorted(set(expected) - set(present))]
    drift += [f"not generated by any lesson: {name}" for name in sorted(set(present) - set(expected))]
    drift += [f"out of date: {name}" for name in sorted(set(expected) & set(present))
              if present[name].read_bytes() != expected[name]]
    return drift


def run_mkdocs(project: Project, docs_dir: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner would bury our diagnostics
    try:
        config = load_config(str(project.mkdocs_yml), docs_dir=str(docs_dir), site_dir=str(site_dir))
        config["plugins"].run_event("startup", command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config["plugins"].run_event("shutdown")
    except (MkDocsException, OSError) as exc:
        raise RenderError(f"MkDocs build failed: {exc}") from exc
    except SystemExit as exc:
        raise StepDeckError("MkDocs build aborted") from exc
