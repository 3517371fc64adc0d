"""Generation: every lesson checked, laid out and rendered, with per-lesson failures.

``check_and_generate`` is the build's way in: each lesson file is looked up in the lesson cache
(``cache``) by its bytes, and only the misses are checked, laid out and rendered, in a pool of
workers (``pool``), in lesson order. Nothing here writes output; ``writer`` does, and only after
everything succeeded (a rendered lesson goes to the cache as it arrives, so it is not held in memory).
"""
from __future__ import annotations

import os
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..check.files import lesson_files
from ..check.pipeline import CheckedLesson, CheckResult, Draft, check_file, finish, settings_diagnostics
from ..core.errors import Diagnostic, RenderError
from ..core.progress import Progress
from ..diagrams import gallery
from ..diagrams.engine import Graphviz
from ..diagrams.theme import site_css
from ..model import ids
from ..model.project import Project
from ..render import guide
from ..render.environment import builtin_templates, environment
from ..render.pages import index_page
from ..render.sections import pager_block, pagers, section_pages
from ..render.views import CardView, lesson_meta
from . import pool
from .budget import LessonBudget
from .cache import LessonCache, LessonOutput

PAGE_SCRIPT = "assets/stepdeck/boot.js"
"""The page script's entry module; the others are imported from it."""


@dataclass
class SiteFiles:
    """Everything a build writes (relative path -> bytes, or a cached file read only when written),
    and the lessons that failed."""

    diagrams: dict = field(default_factory=dict)
    docs: dict = field(default_factory=dict)
    failures: list[Diagnostic] = field(default_factory=list)  # one per lesson that could not be drawn

    @property
    def failed_sources(self) -> set[str]:
        return {d.file for d in self.failures}

    def docs_bytes(self) -> dict[str, bytes]:
        """The docs as bytes (the plugin hands MkDocs files in memory)."""
        return {path: content if isinstance(content, bytes) else content.read() for path, content in self.docs.items()}


def lesson_settings(project: Project) -> pool.Settings:
    prefix = project.settings.lessons_prefix
    # Lesson pages live at <prefix>/<id>/ (directory URLs): links to diagrams/ and
    # assets/ climb that many folders, so the site works under any subpath.
    site_root = "../" * (len(prefix.strip("/").split("/")) + 1)
    return pool.Settings(project.limits, project.templates_dir, prefix, site_root,
                         tuple(project.settings.downloads))


def check_and_generate(project: Project, paths: list[Path] | None = None, *, strict: bool = False,
                       catalog_page: str = "index.md", env=None, cache: LessonCache | None = None,
                       workers: int = 1, graphviz=None, clock=None) -> tuple[CheckResult, SiteFiles]:
    """Check every lesson file and generate the site's files: cached lessons are reused whole,
    the others are checked and rendered (by ``workers`` processes), then the cross-file checks,
    ``silence:`` and ``--strict`` run on all of them, and the catalog and guide are rendered."""
    env = env or environment(project.templates_dir)
    graphviz = graphviz or _LazyGraphviz(project.limits.layout_seconds)
    found, general = lesson_files(project, paths)
    drafts, jobs, keys = [], [], {}
    for path in found:
        source = project.display(path)
        raw = _read(path, project.limits.max_file_bytes)
        entry = None
        if raw is not None and cache is not None:
            keys[source] = cache.key(source, raw[0])
            entry = cache.get(keys[source])
        if entry is not None:
            drafts.append(Draft(source, path, list(entry.diagnostics), None, entry.output.lesson_id, entry.id_at,
                                entry.output))
        elif raw is None:
            drafts.append(check_file(path, source, project.limits))  # unreadable: reported as before
        else:
            jobs.append(pool.Job(path, source, *raw))
    if clock is not None:
        clock.stage("check and render", f"{len(jobs)} of {len(found)} lessons; {len(found) - len(jobs)} cached")
    with Progress(len(jobs), "checking and laying out") as bar:  # cleared on failure too, before the error
        for job, result in zip(jobs, pool.results(jobs, lesson_settings(project), workers, graphviz, env)):
            bar.advance(job.source)
            outcome = result.output
            if isinstance(outcome, LessonOutput) and cache is not None:
                outcome = cache.put(keys[job.source], result.diagnostics, result.id_at, outcome).output
            drafts.append(Draft(result.source, job.path, result.diagnostics, None, result.lesson_id, result.id_at,
                                outcome))
    result = finish(drafts, general + settings_diagnostics(project), project.settings.silence, strict)
    if clock is not None:
        clock.stage("catalog and guide")
    return result, generate_files(project, result.renderable, graphviz, catalog_page=catalog_page, env=env,
                                  cache=cache)


def _read(path: Path, cap: int) -> tuple[bytes, int] | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(cap + 1)  # an over-size file is never read whole
            return raw, max(len(raw), os.fstat(handle.fileno()).st_size)
    except OSError:
        return None


class _LazyGraphviz:
    """The engine, made on the first layout: a build whose lessons are all cached lays out nothing."""

    def __init__(self, timeout: float):
        self.timeout, self.engine = timeout, None

    def layout(self, source: str, *args, **kwargs) -> str:
        if self.engine is None:
            self.engine = Graphviz(self.timeout)
        return self.engine.layout(source, *args, **kwargs)


def generate_files(project: Project, lessons: list, graphviz=None, *, catalog_page: str = "index.md", env=None,
                   cache: LessonCache | None = None, common: SiteFiles | None = None) -> SiteFiles:
    """Lay out every diagram and render every page.

    ``lessons`` are checked lessons (rendered here), or outputs rendered already (``check_and_generate``).
    ``catalog_page`` is where the lesson catalog goes: ``index.md`` for a StepDeck
    site, ``<prefix>/index.md`` inside an existing site that has its own home page.
    A lesson whose layout fails is a failure of that lesson; the others still render.
    A broken template override is a RenderError for the whole set. ``env`` lets the preview
    keep one template environment (Jinja reloads a template whose file changed), and ``common`` the
    ``common_files`` it made with those templates.
    """
    graphviz = graphviz or _LazyGraphviz(project.limits.layout_seconds)
    files = SiteFiles()
    env = env or environment(project.templates_dir)
    settings = lesson_settings(project)
    catalog_dir = posixpath.dirname(catalog_page) or "."
    cards, drawn = [], []
    # previous / next in its section (render.sections), from every lesson drawn or still to draw
    footers = pagers([lesson_meta(item.facts) if isinstance(item, CheckedLesson) else item.meta
                      for item in lessons if not isinstance(item, Diagnostic)])
    for item in lessons:
        if isinstance(item, CheckedLesson):
            item = pool.render_lesson(item, env, LessonBudget(graphviz, project.limits, item.loaded.seconds),
                                      settings)
        if isinstance(item, Diagnostic):
            files.failures.append(item)
            continue
        files.diagrams.update(item.diagrams)
        for path, content in item.docs.items():
            if path == item.page:  # the neighbours' links are added here, outside the lesson's cached page
                page = content if isinstance(content, bytes) else content.read()
                _one_page(files.docs, path, page + pager_block(env, footers[item.lesson_id]).encode("utf-8"))
            else:
                files.docs[path] = content
        drawn.append(item.meta)
        cards.append(CardView(item.meta, posixpath.relpath(f"{settings.prefix}/{item.lesson_id}", catalog_dir) + "/",
                              {theme: posixpath.relpath(ids.thumbnail_file(item.lesson_id, theme), catalog_dir)
                               for theme in ids.THUMBNAIL_THEMES}))
    _one_page(files.docs, catalog_page, index_page(env, cards).encode("utf-8"))
    for path, text in section_pages(env, drawn, settings.prefix, catalog_page).items():
        _one_page(files.docs, path, text.encode("utf-8"))
    common = common or common_files(project, graphviz, env, cache)
    _one_page(files.docs, guide.PAGE, common.docs[guide.PAGE])
    files.docs.update({path: content for path, content in common.docs.items() if path != guide.PAGE})
    if not files.failures:  # when a lesson failed already (a layout limit too tight for anything),
        files.failures.extend(common.failures)  # that failure says it and nothing is written
    for name, content in files.diagrams.items():
        files.docs[f"diagrams/{name}"] = content
    return files


def common_files(project: Project, graphviz, env, cache: LessonCache | None = None) -> SiteFiles:
    """What every site holds whatever its lessons: the guide, its pictures, the stylesheets and scripts."""
    files = SiteFiles()
    files.docs[guide.PAGE] = _guide_page(env, cache)
    _guide_pictures(files, graphviz, cache)
    files.docs["assets/stepdeck-diagrams.css"] = (site_css() + "\n").encode("utf-8")
    for folder in (builtin_templates() / "assets", project.templates_dir / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files.docs[f"assets/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def _guide_page(env, cache: LessonCache | None) -> bytes:
    """The authoring guide (it checks and renders its examples): the same for every build of one
    StepDeck and one set of templates, so cached under that fingerprint."""
    cached = cache.get_files("guide") if cache is not None else None
    if cached is not None and guide.PAGE in cached:
        return cached[guide.PAGE]
    page = guide.page(env).encode("utf-8")
    if cache is not None:
        cache.put_files("guide", {guide.PAGE: page})
    return page


def _guide_pictures(files: SiteFiles, graphviz, cache: LessonCache | None) -> None:
    """The guide's drawn samples of every arrow style and shape (``diagrams.gallery``); cached whole."""
    cached = cache.get_files("gallery") if cache is not None else None
    if cached is not None:
        files.docs.update(cached)
        return
    try:
        pictures = gallery.pictures({path: graphviz.layout(dot) for path, dot in gallery.sources().items()})
    except RenderError as exc:  # reported like a lesson's failure (``generate_files`` decides whether it shows)
        files.failures.append(Diagnostic("site_templates/guide.md", 1, 1, "", f"guide pictures: {exc}", "render"))
        return
    encoded = {path: text.encode("utf-8") for path, text in pictures.items()}
    files.docs.update(encoded)
    if cache is not None:
        cache.put_files("gallery", encoded)


def _one_page(docs: dict, path: str, content) -> None:
    """Two pages at one path would silently hide one of them: refused."""
    if path in docs:
        raise RenderError(f"two pages would be written to {path}; rename the lesson or set lessons_prefix")
    docs[path] = content
