"""Generation: every checked lesson laid out and rendered, in memory, with per-lesson failures.

Nothing here writes a file; ``writer`` does, and only after everything succeeded.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from ..check.pipeline import CheckedLesson
from ..core.errors import Diagnostic, LessonRenderError, RenderError, printable
from ..core.progress import Progress
from ..diagrams import gallery
from ..diagrams.draw import LessonDiagrams, draw
from ..diagrams.engine import Graphviz
from ..diagrams.svg import fixed_theme
from ..diagrams.theme import site_css
from ..model import ids
from ..model.project import Project
from ..render import guide
from ..render.environment import builtin_templates, environment
from ..render.pages import index_page, lesson_page
from ..render.views import card_view
from .budget import LessonBudget, output_problem
from .downloads import download_files

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
    env = env or environment(project.templates_dir)
    parts = []
    with Progress(len(lessons), "laying out") as bar:  # cleared on failure too, before the error
        for item in lessons:
            bar.advance(item.lesson.id)
            parts.append((item, lesson_files(project, item, graphviz, env=env)))
    return site_files(project, parts, graphviz, catalog_page=catalog_page, env=env)


def lesson_files(project: Project, item: CheckedLesson, graphviz, *, env) -> SiteFiles:
    """One lesson's own outputs (page, diagrams, thumbnails, downloads), or its failure: the unit the
    preview remembers per lesson (``site.preview``), so an edit redraws that lesson alone."""
    files = SiteFiles()
    prefix = project.settings.lessons_prefix
    # Lesson pages live at <prefix>/<id>/ (directory URLs): links to diagrams/ and
    # assets/ climb that many folders, so the site works under any subpath.
    site_root = "../" * (len(prefix.strip("/").split("/")) + 1)
    failure = _one_lesson(files, env, item, LessonBudget(graphviz, project.limits, item.loaded.seconds),
                          prefix, site_root, tuple(project.settings.downloads))
    if failure is not None:
        return SiteFiles(failures=[failure])
    return files


def site_files(project: Project, parts: list[tuple[CheckedLesson, SiteFiles]], graphviz, *,
               catalog_page: str, env, common: SiteFiles | None = None) -> SiteFiles:
    """The lessons' outputs (in lesson order) with the catalog, the guide and the assets around them.
    ``common``: ``common_files`` made earlier with the same templates (the preview keeps it)."""
    files = SiteFiles()
    prefix = project.settings.lessons_prefix
    catalog_dir = posixpath.dirname(catalog_page) or "."
    cards = []
    for item, part in parts:
        if part.failures:
            files.failures.extend(part.failures)
            continue
        files.diagrams.update(part.diagrams)
        page = f"{prefix}/{item.lesson.id}.md"
        files.docs.update({path: content for path, content in part.docs.items() if path != page})
        _one_page(files.docs, page, part.docs[page])
        cards.append(card_view(item.facts, posixpath.relpath(f"{prefix}/{item.lesson.id}", catalog_dir) + "/",
                               {theme: posixpath.relpath(ids.thumbnail_file(item.lesson.id, theme), catalog_dir)
                                for theme in ids.THUMBNAIL_THEMES}))
    _one_page(files.docs, catalog_page, index_page(env, cards).encode("utf-8"))
    common = common or common_files(project, graphviz, env)
    _one_page(files.docs, guide.PAGE, common.docs[guide.PAGE])
    files.docs.update({path: content for path, content in common.docs.items() if path != guide.PAGE})
    if not files.failures:  # when a lesson failed already (a layout limit too tight for anything),
        files.failures.extend(common.failures)  # that failure says it and nothing is written
    for name, content in files.diagrams.items():
        files.docs[f"diagrams/{name}"] = content
    return files


def common_files(project: Project, graphviz, env) -> SiteFiles:
    """What every site holds whatever its lessons: the guide, its pictures, the stylesheets and scripts."""
    files = SiteFiles()
    files.docs[guide.PAGE] = guide.page(env).encode("utf-8")
    _guide_pictures(files, graphviz)
    files.docs["assets/stepdeck-diagrams.css"] = (site_css() + "\n").encode("utf-8")
    for folder in (builtin_templates() / "assets", project.templates_dir / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files.docs[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def _guide_pictures(files: SiteFiles, graphviz) -> None:
    """The guide's drawn samples of every arrow style and shape (``diagrams.gallery``)."""
    try:
        pictures = gallery.pictures({path: graphviz.layout(dot) for path, dot in gallery.sources().items()})
        files.docs.update({path: text.encode("utf-8") for path, text in pictures.items()})
    except RenderError as exc:  # reported like a lesson's failure (``site_files`` decides whether it shows)
        files.failures.append(Diagnostic("site_templates/guide.md", 1, 1, "", f"guide pictures: {exc}",
                                             "render"))


def thumbnail_files(lesson_id: str, rendered: LessonDiagrams) -> dict[str, bytes]:
    """The catalog card's pictures: the overview once per palette, as files the card loads lazily
    (an <img> cannot follow the page's palette toggle, so the page shows the matching one)."""
    return {ids.thumbnail_file(lesson_id, theme): fixed_theme(rendered.trees["overview"], theme).encode("utf-8")
            for theme in ids.THUMBNAIL_THEMES}


def _one_page(docs: dict[str, bytes], path: str, content: bytes) -> None:
    """Two pages at one path would silently hide one of them: refused."""
    if path in docs:
        raise RenderError(f"two pages would be written to {path}; rename the lesson or set lessons_prefix")
    docs[path] = content


def render_failure(item: CheckedLesson, message: str, code: str = "render") -> Diagnostic:
    """A lesson whose diagrams or page failed, located where its steps start (what is drawn)."""
    line, column = item.loaded.where(("steps",), key=True)
    return Diagnostic(item.source, line, column, "steps", printable(message)[:2000], code)


def _one_lesson(files: SiteFiles, env, item: CheckedLesson, budget: LessonBudget, prefix: str,
                site_root: str, optional_downloads: tuple[str, ...]) -> Diagnostic | None:
    """Draw and render one lesson into ``files``; its failure, if any, adds nothing to them."""
    try:
        rendered = draw(item.facts, budget, item.source)
        page = lesson_page(env, item.facts, rendered, item.source, site_root, optional_downloads).encode("utf-8")
        # In the docs only: the committed diagrams/ folder keeps just the SVGs the pages embed.
        downloads = download_files(env, item.facts, rendered, item.source, optional_downloads)
    except LessonRenderError as exc:
        return render_failure(item, exc.detail, "limit.time" if budget.over() else "render")
    except RenderError:
        raise  # a broken template override: the whole set, not this lesson
    except Exception as exc:  # noqa: BLE001 - one lesson never takes the rest down
        return render_failure(item, f"could not be drawn ({type(exc).__name__}: {exc})")
    diagrams = {f"{item.lesson.id}/{name}": text.encode("utf-8") for name, text in rendered.files.items()}
    if budget.over():
        return render_failure(item, budget.message(), "limit.time")
    too_big = output_problem(budget.limits, item.loaded.size, len(page) + 2 * sum(map(len, diagrams.values())))
    if too_big:  # diagrams are written twice: diagrams/ and the docs' copy
        return render_failure(item, too_big, "limit.output")
    files.diagrams.update(diagrams)
    files.docs.update(thumbnail_files(item.lesson.id, rendered))
    _one_page(files.docs, f"{prefix}/{item.lesson.id}.md", page)
    files.docs.update({f"diagrams/{name}": content for name, content in downloads.items()})
    return None
