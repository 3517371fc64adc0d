"""Live preview: tolerant in-memory generation, and the ``stepdeck serve`` command.

A preview must survive a broken lesson: the valid lessons are generated as
usual, and each invalid one gets an error page at its usual address that lists
its diagnostics, so the reloading browser shows what to fix. Nothing is written
to disk (MkDocs watches the docs folder: writing there would rebuild forever);
the MkDocs plugin hands the pages to MkDocs as in-memory files. Layouts are
memoized by DOT source, so an edit only lays out the diagrams it changed.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .build import BuildResult, check, generate_files
from .collect import lesson_files
from .engine import Graphviz
from .errors import Diagnostic, LessonRenderError, StepDeckError, ValidationFailed
from .pages import front_matter, generated_marker, verbatim
from .project import Project

log = logging.getLogger("mkdocs.plugins.stepdeck")


class MemoGraphviz:
    """The engine, with layouts remembered by DOT source (bounded; layouts are pure)."""

    def __init__(self, timeout: float, size: int = 512):
        self.timeout, self.size = timeout, size
        self.engine: Graphviz | None = None
        self.memo: dict[str, str] = {}
        self.misses = 0

    def layout(self, source: str) -> str:
        if source not in self.memo:
            if self.engine is None:
                self.engine = Graphviz(self.timeout)
            if len(self.memo) >= self.size:
                self.memo.clear()
            self.misses += 1
            self.memo[source] = self.engine.layout(source)
        return self.memo[source]


@dataclass
class Preview:
    """What one preview generation produced: pages, and the problems of the lessons left out."""

    doc_files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # lesson source -> page path of its error page


def error_page(source: str, lesson_id: str, problems: list[Diagnostic]) -> str:
    """A page that stands in for an invalid lesson and lists its diagnostics (escaped)."""
    items = Markup("").join(Markup("<li><pre><code>{}</code></pre></li>").format(verbatim(d.format()))
                            for d in problems)
    body = Markup(
        '<div class="admonition failure sd-diagnostics" role="alert">'
        '<p class="admonition-title">{source} has {count} problem(s); the lesson is not shown</p>'
        '<ul class="sd-diagnostic-list">{items}</ul>'
        "<p>Fix the file and save: this page reloads by itself.</p></div>\n"
    ).format(source=source, count=len(problems), items=items)
    meta = {"title": f"{lesson_id}: {len(problems)} problem(s)", "hide": ["toc"],
            "stepdeck": {"lesson": lesson_id, "source": source, "error": True}}
    return front_matter(meta) + generated_marker(source) + str(body)  # str(): str + Markup would escape the str


class PreviewGenerator:
    """Generates the site's pages again and again, remembering layouts and lesson ids."""

    def __init__(self, project: Project):
        self.project = project
        self.graphviz = MemoGraphviz(project.limits.layout_seconds)
        self.known_ids: dict[str, str] = {}  # lesson source -> id, from the last valid version

    def generate(self, *, catalog_page: str = "index.md") -> Preview:
        preview = Preview()
        paths, _ = lesson_files(self.project)
        lessons = self._valid(paths, preview).lessons
        while True:
            try:
                files = generate_files(self.project, lessons, self.graphviz, catalog_page=catalog_page)
                break
            except LessonRenderError as exc:  # one lesson's layout failed: show it, keep the others
                preview.diagnostics.append(Diagnostic(exc.source, 1, 1, "", exc.detail, "render"))
                lessons = [i for i in lessons if i.source != exc.source]
        for item in lessons:
            self.known_ids[item.source] = item.lesson.id
        preview.doc_files = files.docs
        errors: dict[str, list[Diagnostic]] = {}
        for d in preview.diagnostics:
            if d.severity == "error":
                errors.setdefault(d.file, []).append(d)
        prefix = self.project.settings.lessons_prefix
        for source, problems in sorted(errors.items()):
            lesson_id = self.known_ids.get(source) or Path(source).stem
            page = f"{prefix}/{lesson_id}.md"
            if page not in preview.doc_files:  # never hide a valid lesson behind another file's errors
                preview.doc_files[page] = error_page(source, lesson_id, problems).encode("utf-8")
                preview.broken[source] = page
        return preview

    def _valid(self, paths: list[Path], preview: Preview) -> BuildResult:
        """check() on all lessons, dropping the files with errors until the rest pass."""
        remaining = list(paths)
        while True:
            try:
                result = check(self.project, remaining) if remaining else BuildResult([])
            except ValidationFailed as exc:
                bad = {d.file for d in exc.diagnostics if d.severity == "error"}
                preview.diagnostics += [d for d in exc.diagnostics if d.file in bad]
                kept = [p for p in remaining if self.project.display(p) not in bad]
                if len(kept) == len(remaining):  # errors not tied to a lesson file: nothing valid to show
                    return BuildResult([])
                remaining = kept
                continue
            preview.diagnostics += result.warnings
            preview.diagnostics = sorted(set(preview.diagnostics))
            return result


def serve(project: Project, *, port: int = 8000, host: str = "127.0.0.1", open_browser: bool = False) -> None:
    """Run MkDocs' live-reloading server with the StepDeck plugin (it must be listed in mkdocs.yml)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not project.mkdocs_yml.is_file():
        raise StepDeckError(f"no mkdocs.yml in {project.root}")
    _console_logging()
    project.docs_dir.mkdir(parents=True, exist_ok=True)  # MkDocs refuses a missing docs_dir
    try:
        config = load_config(str(project.mkdocs_yml))
        if "stepdeck" not in config.plugins:
            raise StepDeckError("mkdocs.yml: add `- stepdeck` under `plugins:` so the preview can generate "
                                "the lesson pages")
        mkdocs_serve(str(project.mkdocs_yml), dev_addr=f"{host}:{port}", open_in_browser=open_browser)
    except MkDocsException as exc:
        raise StepDeckError(f"MkDocs: {exc}") from exc
    except OSError as exc:  # typically: the port is taken
        raise StepDeckError(f"cannot serve on {host}:{port}: {exc}") from exc


def _console_logging() -> None:
    """MkDocs' own CLI sets up its log output; called as a library it has none."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
