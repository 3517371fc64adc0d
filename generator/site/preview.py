"""Live preview: tolerant in-memory generation for the MkDocs plugin (``mkdocs serve``, ``stepdeck serve``).

A preview must survive a broken lesson: the valid lessons are generated as
usual, and each invalid one (or one whose diagrams fail) gets an error page at
its usual address that lists its diagnostics, so the reloading browser shows
what to fix. Nothing is written to disk (MkDocs watches the docs folder: writing
there would rebuild forever). Layouts are memoized by DOT source, so an edit
only lays out the diagrams it changed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Diagnostic
from ..diagrams.engine import Graphviz
from ..model.project import Project
from ..render.environment import environment
from ..render.pages import error_page
from . import cache, pool
from .generate import check_and_generate
from .lock import LOCK_NAME, project_lock

log = logging.getLogger("mkdocs.plugins.stepdeck")


class MemoGraphviz:
    """The engine, with layouts remembered by DOT source (bounded; layouts are pure)."""

    def __init__(self, timeout: float, size: int = 512):
        self.timeout, self.size = timeout, size
        self.engine: Graphviz | None = None
        self.memo: dict[str, str] = {}
        self.misses = 0

    def layout(self, source: str, timeout: float | None = None) -> str:
        if source not in self.memo:
            if self.engine is None:
                self.engine = Graphviz(self.timeout)
            if len(self.memo) >= self.size:
                self.memo.clear()
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
    """Generates the site's pages again and again, remembering layouts and lesson ids."""

    def __init__(self, project: Project):
        self.project = project
        self.graphviz = MemoGraphviz(project.limits.layout_seconds)
        self.known_ids: dict[str, str] = {}  # lesson source -> id, from the last valid version
        self.env, self.env_dir = None, None  # compiled once per templates folder; edited templates reload
        # The build's lesson cache and worker pool (``mkdocs build`` / ``mkdocs serve`` in an existing site too).
        self.cache_dir, self.workers = cache.folder_for(project), pool.worker_count()

    def generate(self, *, catalog_page: str = "index.md") -> Preview:
        """One regeneration, under the project lock, so it never reads a half-swapped build."""
        with project_lock(self.project.root, LOCK_NAME):
            return self._generate(catalog_page)

    def _generate(self, catalog_page: str) -> Preview:
        if self.env_dir != self.project.templates_dir:  # stepdeck.yml may move the templates
            self.env, self.env_dir = environment(self.project.templates_dir), self.project.templates_dir
        lessons = cache.LessonCache(self.cache_dir, self.project) if self.cache_dir else None
        result, files = check_and_generate(self.project, catalog_page=catalog_page, env=self.env, cache=lessons,
                                           workers=self.workers, graphviz=self.graphviz)
        preview = Preview(files.docs_bytes(), sorted([*result.diagnostics, *files.failures]))
        for item in result.files:
            if item.ok and item.source not in files.failed_sources:
                self.known_ids[item.source] = item.lesson_id
        errors: dict[str, list[Diagnostic]] = {}
        for d in preview.diagnostics:
            if d.is_error:
                errors.setdefault(d.file, []).append(d)
        ids_read = {f.source: f.lesson_id for f in result.files}
        prefix = self.project.settings.lessons_prefix
        for source, problems in sorted(errors.items()):
            lesson_id = self.known_ids.get(source) or ids_read.get(source) or Path(source).stem
            page = f"{prefix}/{lesson_id}.md"
            if page not in preview.doc_files:  # never hide a valid lesson behind another file's errors
                preview.doc_files[page] = error_page(self.env, source, lesson_id, problems).encode("utf-8")
                preview.broken[source] = page
        return preview
