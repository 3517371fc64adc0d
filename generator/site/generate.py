"""Generation: every checked lesson laid out and rendered, in memory, with per-lesson failures.

Nothing here writes a file; ``writer`` does, and only after everything succeeded.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..check.pipeline import CheckedLesson
from ..core.errors import Diagnostic, LessonRenderError, RenderError
from ..core.progress import Progress
from ..diagrams import gallery
from ..diagrams.draw import LessonDiagrams, draw
from ..diagrams.engine import Graphviz
from ..diagrams.theme import site_css
from ..model.project import Project
from ..render import guide
from ..render.environment import builtin_templates, environment
from ..render.pages import index_page, lesson_page
from ..render.views import card_view

PAGE_SCRIPT = "assets/stepdeck/boot.js"
"""The page script's entry module; the others are imported from it."""


@dataclass
class SiteFiles:
    """Everything a build writes, in memory (relative path -> bytes), and the lessons that failed."""

    diagrams: dict[str, bytes] = field(default_factory=dict)
    docs: dict[str, bytes] = field(default_factory=dict)
    failures: list[Diagnostic] = field(default_factory=list)  # one per lesson that could not be drawn

    @property
    def failed_sources(self) -> set[str]:
        return {d.file for d in self.failures}


def generate_files(project: Project, lessons: list[CheckedLesson], graphviz=None, *,
                   catalog_page: str = "index.md", env=None) -> SiteFiles:
    """Lay out every diagram and render every page, in memory.

    ``catalog_page`` is where the lesson catalog goes: ``index.md`` for a StepDeck
    site, ``<prefix>/index.md`` inside an existing site that has its own home page.
    A lesson whose layout fails is a failure of that lesson; the others still render.
    A broken template override is a RenderError for the whole set. ``env`` lets the preview
    keep one template environment (Jinja reloads a template whose file changed).
    """
    graphviz = graphviz or Graphviz(project.limits.layout_seconds)
    files = SiteFiles()
    env = env or environment(project.templates_dir)
    prefix = project.settings.lessons_prefix
    # Lesson pages live at <prefix>/<id>/ (directory URLs): links to diagrams/ and
    # assets/ climb that many folders, so the site works under any subpath.
    site_root = "../" * (len(prefix.strip("/").split("/")) + 1)
    catalog_dir = posixpath.dirname(catalog_page) or "."
    cards = []
    with Progress(len(lessons), "laying out") as bar:  # cleared on failure too, before the error
        for item in lessons:
            bar.advance(item.lesson.id)
            try:
                rendered = draw(item.facts, graphviz, item.source)
            except LessonRenderError as exc:
                files.failures.append(Diagnostic(exc.source, 1, 1, "", exc.detail, "render"))
                continue
            _add_lesson(files, env, item, rendered, prefix, site_root)
            cards.append(card_view(item.facts, posixpath.relpath(f"{prefix}/{item.lesson.id}", catalog_dir) + "/"))
    files.docs[catalog_page] = index_page(env, cards).encode("utf-8")
    files.docs[guide.PAGE] = guide.page(env).encode("utf-8")
    try:
        pictures = gallery.pictures({path: graphviz.layout(dot) for path, dot in gallery.sources().items()})
        files.docs.update({path: text.encode("utf-8") for path, text in pictures.items()})
    except RenderError as exc:  # reported like a lesson's failure; when a lesson failed already (a layout
        if not files.failures:  # limit too tight for anything), that failure says it and nothing is written
            files.failures.append(Diagnostic("site_templates/guide.md", 1, 1, "", f"guide pictures: {exc}",
                                             "render"))
    for name, content in files.diagrams.items():
        files.docs[f"diagrams/{name}"] = content
    files.docs["assets/stepdeck-diagrams.css"] = (site_css() + "\n").encode("utf-8")
    for folder in (builtin_templates() / "assets", project.templates_dir / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files.docs[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def _add_lesson(files: SiteFiles, env, item: CheckedLesson, rendered: LessonDiagrams, prefix: str,
                site_root: str) -> None:
    for name, text in rendered.files.items():
        files.diagrams[f"{item.lesson.id}/{name}"] = text.encode("utf-8")
    page = lesson_page(env, item.facts, rendered, item.source, site_root)
    files.docs[f"{prefix}/{item.lesson.id}.md"] = page.encode("utf-8")
