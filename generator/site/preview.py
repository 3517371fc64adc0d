"""Live preview: tolerant, incremental in-memory generation for the MkDocs plugin and ``stepdeck serve``.

A preview must survive a broken lesson: the valid lessons are generated as
usual, and each invalid one (or one whose diagrams fail) gets an error page at
its usual address that lists its diagnostics, so the reloading browser shows
what to fix. Nothing is written to disk (MkDocs watches the docs folder: writing
there would rebuild forever).

Each generation is incremental and its result equals a whole one: a lesson file whose bytes did
not change since the last generation is neither checked, laid out nor rendered again
(``check_changed`` and a per-lesson memo of outputs); a change of the settings or of a
template forgets every lesson. A lesson not in memory is looked up in the build's lesson cache
(``site.cache``) and only then drawn, several at once in the worker pool (``site.pool``): so
``mkdocs build`` and ``mkdocs serve`` of an existing site reuse what ``stepdeck build`` drew, and the
other way round. Layouts are memoized by DOT source too, so an edit lays out only the diagrams it changed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..check.pipeline import check_changed
from ..core.errors import Diagnostic
from ..diagrams.engine import Graphviz
from ..model.project import Project
from ..render.environment import environment
from ..render.pages import error_page
from . import cache as lesson_cache, pool
from .budget import LessonBudget
from .cache import LessonOutput
from .generate import SiteFiles, common_files, generate_files, lesson_settings
from .lock import LOCK_NAME, project_lock

log = logging.getLogger("mkdocs.plugins.stepdeck")


class MemoGraphviz:
    """The engine, with layouts remembered by DOT source (bounded; layouts are pure)."""

    def __init__(self, timeout: float, size: int = 4096):
        self.timeout, self.size = timeout, size
        self.engine: Graphviz | None = None
        self.memo: dict[str, str] = {}
        self.misses = 0

    def layout(self, source: str, timeout: float | None = None) -> str:
        if source not in self.memo:
            if self.engine is None:
                self.engine = Graphviz(self.timeout)
            if len(self.memo) >= self.size:  # the oldest goes; clearing all would lay out everything again
                del self.memo[next(iter(self.memo))]
            self.misses += 1
            self.memo[source] = self.engine.layout(source, timeout=timeout)
        return self.memo[source]


@dataclass
class Preview:
    """What one preview generation produced: pages, and the problems of the lessons left out."""

    doc_files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # lesson source -> page path of its error page


class PreviewGenerator:
    """Generates the site's pages again and again, remembering each lesson's checks and outputs."""

    def __init__(self, project: Project):
        self.project = project
        self.graphviz = MemoGraphviz(project.limits.layout_seconds)
        self.known_ids: dict[str, str] = {}  # lesson source -> id, from the last valid version
        self.env, self.inputs_key = None, None
        self.common: SiteFiles | None = None  # the guide and the assets, made once per set of templates
        self.checks: dict = {}  # lesson source -> (bytes, draft): ``check_changed``'s memo
        self.outputs: dict[str, tuple[bytes, object]] = {}  # lesson source -> (bytes, LessonOutput | Diagnostic)
        self.drawn: list[str] = []  # lesson ids laid out and rendered, all generations (read by the log, tests)
        self.cache: lesson_cache.LessonCache | None = None
        self.workers = pool.worker_count()

    def generate(self, *, catalog_page: str = "index.md") -> Preview:
        """One regeneration, under the project lock, so it never reads a half-swapped build."""
        with project_lock(self.project.root, LOCK_NAME):
            return self._generate(catalog_page)

    def _inputs(self) -> tuple:
        """What every lesson's output depends on besides its own bytes: settings, limits, templates."""
        templates = self.project.templates_dir
        files = sorted(templates.rglob("*")) if templates.is_dir() else []
        stats = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()]
        return repr(self.project.settings), repr(self.project.limits), str(templates), tuple(stats)

    def _generate(self, catalog_page: str) -> Preview:
        inputs = self._inputs()
        if inputs != self.inputs_key:  # compiled once per set of templates; a change redraws every lesson
            self.env, self.inputs_key = environment(self.project.templates_dir), inputs
            folder = lesson_cache.folder_for(self.project)
            self.cache = lesson_cache.LessonCache(folder, self.project) if folder else None
            self.common = common_files(self.project, self.graphviz, self.env, self.cache)
            self.checks.clear()
            self.outputs.clear()
        result = check_changed(self.project, self.checks)
        missing = [item for item in result.lessons
                   if self.outputs.get(item.source, (None,))[0] != self.checks[item.source][0]]
        redrawn = {item.source for item in missing}
        outputs = {item.source: self.outputs[item.source] for item in result.lessons if item.source not in redrawn}
        outputs.update(self._draw(missing))
        self.outputs = outputs  # a deleted lesson's outputs go with it
        files = generate_files(self.project, [outputs[item.source][1] for item in result.lessons], self.graphviz,
                               catalog_page=catalog_page, env=self.env, common=self.common)
        preview = Preview(files.docs_bytes(), sorted([*result.diagnostics, *files.failures]))
        for item in result.lessons:
            if item.source not in files.failed_sources:
                self.known_ids[item.source] = item.lesson.id
        self._error_pages(preview, {f.source: f.lesson_id for f in result.files})
        return preview

    def _draw(self, items: list) -> dict[str, tuple[bytes, object]]:
        """The lessons not in memory: from the lesson cache, else drawn (in the pool when several are)."""
        found, todo = {}, []
        for item in items:
            data, draft = self.checks[item.source]
            entry = self.cache.get(self.cache.key(item.source, data)) if self.cache else None
            if entry is not None:
                found[item.source] = (data, _in_memory(entry.output))
            else:
                todo.append((item, data, draft))
        settings = lesson_settings(self.project)
        if len(todo) > 1 and self.workers > 1:
            jobs = [pool.Job(item.path, item.source, data, len(data)) for item, data, _ in todo]
            drawn = [r.output for r in pool.results(jobs, settings, self.workers, self.graphviz, self.env)]
        else:
            drawn = [pool.render_lesson(item, self.env, LessonBudget(self.graphviz, self.project.limits,
                                                                      item.loaded.seconds), settings)
                     for item, _, _ in todo]
        for (item, data, draft), output in zip(todo, drawn):
            self.drawn.append(item.lesson.id)
            if isinstance(output, LessonOutput) and self.cache is not None:
                self.cache.put(self.cache.key(item.source, data), draft.diagnostics, draft.id_at, output)
            found[item.source] = (data, output)
        return found

    def _error_pages(self, preview: Preview, ids_read: dict[str, str | None]) -> None:
        errors: dict[str, list[Diagnostic]] = {}
        for d in preview.diagnostics:
            if d.is_error:
                errors.setdefault(d.file, []).append(d)
        prefix = self.project.settings.lessons_prefix
        for source, problems in sorted(errors.items()):
            lesson_id = self.known_ids.get(source) or ids_read.get(source) or Path(source).stem
            page = f"{prefix}/{lesson_id}.md"
            if page not in preview.doc_files:  # never hide a valid lesson behind another file's errors
                preview.doc_files[page] = error_page(self.env, source, lesson_id, problems).encode("utf-8")
                preview.broken[source] = page


def report(preview: Preview, *, error_pages: bool = True) -> None:
    """The preview's problems in the server's log: every diagnostic, and which lessons show an error page."""
    for diagnostic in preview.diagnostics:
        (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
    if preview.broken and error_pages:
        log.error(f"StepDeck: showing an error page for {', '.join(sorted(preview.broken))}")


def _in_memory(output: LessonOutput) -> LessonOutput:
    """A cached lesson with its files read once: the preview hands them to MkDocs at every save."""
    def read(files: dict) -> dict:
        return {path: content if isinstance(content, bytes) else content.read() for path, content in files.items()}

    return LessonOutput(output.source, output.lesson_id, output.meta, output.page, read(output.diagrams),
                        read(output.docs))
