"""The pipeline, in one readable function: load, validate, lay out, render, then write."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import diagrams as diagram_stage
from . import pages, writer
from .collect import LoadedLesson, load_lessons
from .engine import Graphviz
from .errors import Diagnostic, RenderError, StepDeckError, ValidationFailed
from .project import Project
from .theme import site_css


@dataclass
class BuildResult:
    lessons: list[LoadedLesson]
    warnings: list[Diagnostic] = field(default_factory=list)
    diagram_files: dict[str, bytes] = field(default_factory=dict)
    doc_files: dict[str, bytes] = field(default_factory=dict)


def check(project: Project, paths: list[Path] | None = None, *, strict: bool = False) -> BuildResult:
    """Validate lessons and write nothing. Raises ValidationFailed with every problem."""
    lessons, diagnostics = load_lessons(project, paths)
    diagnostics = [d for d in diagnostics if d.code not in project.settings.silence]
    failing = [d for d in diagnostics if d.severity == "error" or strict]
    if failing:
        raise ValidationFailed(diagnostics if strict else failing)
    return BuildResult(lessons, warnings=diagnostics)


def generate_files(project: Project, result: BuildResult, graphviz: Graphviz | None = None) -> BuildResult:
    """Lay out every diagram and render every page, in memory."""
    graphviz = graphviz or Graphviz(project.limits.layout_seconds)
    env = pages.environment(project.templates_dir)
    prefix = project.settings.lessons_prefix
    catalog = []
    for item in result.lessons:
        lesson = item.lesson
        layouts = {}
        for view, source in diagram_stage.sources(lesson).items():
            try:
                layouts[view] = graphviz.layout(source)
            except RenderError as exc:
                raise RenderError(f"{item.source}: {view} diagram: {exc}") from exc
        rendered = diagram_stage.render(lesson, layouts, item.source)
        for name, text in rendered.files.items():
            result.diagram_files[f"{lesson.id}/{name}"] = text.encode("utf-8")
        page_path = f"{prefix}/{lesson.id}.md"
        result.doc_files[page_path] = pages.lesson_page(env, lesson, rendered, item.source).encode("utf-8")
        catalog.append((lesson, f"{prefix}/{lesson.id}/"))
    result.doc_files["index.md"] = pages.index_page(env, [(l, p) for l, p in catalog], prefix).encode("utf-8")
    for name, content in result.diagram_files.items():
        result.doc_files[f"diagrams/{name}"] = content
    result.doc_files["assets/stepdeck-diagrams.css"] = (site_css() + "\n").encode("utf-8")
    assets = pages.builtin_templates() / "assets"
    for folder in (assets, project.templates_dir / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    result.doc_files[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return result


def build(project: Project, paths: list[Path] | None = None, *, site: bool = True,
          strict: bool = False) -> BuildResult:
    """Load and validate every lesson, lay out and render everything, then swap the output in.

    Nothing is written to the real output folders until every stage succeeded;
    a failure or an interrupt leaves the previous output untouched.
    """
    result = check(project, paths, strict=strict)
    generate_files(project, result)
    targets = [project.diagrams_dir, project.docs_dir]
    try:
        writer.stage_tree(project.diagrams_dir, result.diagram_files)
        staged_docs = writer.stage_tree(project.docs_dir, result.doc_files)
        if site:
            targets.append(project.site_dir)
            run_mkdocs(project, staged_docs, writer.staging_path(project.site_dir))
            writer.keep_unchanged(project.site_dir, writer.staging_path(project.site_dir))
        writer.swap_in(targets)
    except BaseException:
        writer.discard(targets)
        raise
    return result


def run_mkdocs(project: Project, docs_dir: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    writer.recover(project.site_dir)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
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
