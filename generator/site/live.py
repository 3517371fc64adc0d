"""``stepdeck serve``: a saved lesson shows in about a second, and the served site still ends equal to
a full build.

MkDocs' own server rebuilds the whole site on every save. Here (the loop is ``runner._serve_loop``):

- **the full build** runs MkDocs with the stepdeck plugin into a fresh folder, which is then served
  whole; the plugin keeps what MkDocs held once every page was read (config, files, navigation,
  theme environment: ``plugin.BuiltSite``);
- **a saved lesson** (the fast path, while requests wait): the plugin's generator regenerates
  incrementally (only files whose bytes changed are checked, laid out and rendered:
  ``site.preview``); the docs files whose bytes differ from the last build's are put into that
  build's state, and only their pages go through MkDocs' page pipeline again (``runner.render_pages``)
  into the served folder; then every open page reloads;
- **then, when all is quiet** for ``SETTLE_SECONDS``, a full build runs in the background (requests
  are answered meanwhile from the served folder), given up as soon as another save arrives. When it
  is done it is served instead, so what is served equals a full build of the same input (navigation,
  catalog, search index included); open pages reload only if a page changed.
- A change of anything but a lesson (mkdocs.yml, stepdeck.yml, a template, the docs folder), a page
  that comes or goes (a new lesson, a changed id) or a fast path that fails: a full build at once.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..core import interrupts
from ..core.errors import StepDeckError
from ..model.project import Project
from . import runner, writer
from .preview import log, report

SETTLE_SECONDS = 1.0
"""Quiet time after a fast re-render before the full build starts: the reloading browser gets the CPU."""


class LiveSite:
    """What ``stepdeck serve`` serves: the folder of the last full build, plus fast re-renders since."""

    def __init__(self, project: Project):
        self.project = project
        self.url = ""
        self.plugin = None  # the stepdeck MkDocs plugin: its generator and the last build's state
        self.root: Path | None = None
        self.behind = False  # fast re-renders not yet confirmed by a full build
        self.last_fast = 0.0
        self.inputs: tuple = ()
        self.retired: list[Path] = []

    def start(self, url: str, plugin) -> None:
        self.url, self.plugin = url, plugin
        self.full_build()

    def _drawn(self) -> int:
        return len(self.plugin.generator.drawn) if self.plugin.generator else 0

    def full_build(self, should_stop=lambda: False, drawn: int | None = None) -> bool:
        """Build everything into a fresh folder and serve it; True when a served page changed.
        ``drawn``: the count of lessons drawn before this change began (a fast path may have begun it)."""
        self.inputs = self._other_inputs()  # before the build: a change during it is seen afterwards
        drawn = self._drawn() if drawn is None else drawn
        started, site = time.monotonic(), writer.fresh_folder("stepdeck-serve-")
        try:
            built = runner.build_for_serve(self.project.mkdocs_yml, site, self.url, should_stop)
        except BaseException:
            writer.remove_folder(site)
            raise
        if built is None:  # given up for a newer edit
            writer.remove_folder(site)
            return False
        log.info(f"StepDeck: full build in {time.monotonic() - started:.2f} s, "
                 f"{len(self.plugin.generator.drawn) - drawn} lesson(s) laid out")
        changed = self.root is None or _pages_differ(self.root, site)
        for folder in self.retired:  # one generation late: a request may still be reading the last one
            writer.remove_folder(folder)
        self.retired = [self.root] if self.root else []
        self.root, self.behind = site, False
        return changed

    def changed(self) -> None:
        """An input was saved; runs while requests wait. Never raises: the server stays up."""
        drawn = self._drawn()
        try:
            if self._other_inputs() == self.inputs and self.plugin.built is not None and self._fast():
                return
            self.full_build(drawn=drawn)
        except StepDeckError as exc:
            log.error(f"StepDeck: {exc}; still serving the last site")
            self.behind = False
        except Exception as exc:  # noqa: BLE001 - MkDocs' page pipeline or a plugin: fall back to a full build
            log.error(f"StepDeck: the fast re-render failed ({type(exc).__name__}: {exc}); building everything")
            self._full_or_log(drawn)

    def _full_or_log(self, drawn: int) -> None:
        try:
            self.full_build(drawn=drawn)
        except StepDeckError as exc:
            log.error(f"StepDeck: {exc}; still serving the last site")

    def _fast(self) -> bool:
        """Re-render the pages whose docs changed; False when the change needs a full build."""
        built, generator = self.plugin.built, self.plugin.generator
        started, drawn, layouts = time.monotonic(), len(generator.drawn), generator.graphviz.misses
        preview = generator.generate(catalog_page=built.catalog_page)
        changed = changed_docs(built.files, built.generated, preview.doc_files)
        if changed is None:
            return False
        report(preview)
        pages = runner.render_pages(built, changed)
        built.generated = frozenset(preview.doc_files)
        self.behind, self.last_fast = self.behind or bool(changed), time.monotonic()
        log.info(f"StepDeck: re-rendered {', '.join(pages) or 'no page'} in {time.monotonic() - started:.2f} s, "
                 f"{len(generator.drawn) - drawn} lesson(s) laid out ({generator.graphviz.misses - layouts} "
                 f"layouts); the full build follows")
        return True

    def catch_up_due(self) -> bool:
        return self.behind and time.monotonic() - self.last_fast >= SETTLE_SECONDS

    def catch_up(self, should_stop) -> bool:
        """The background full build after fast re-renders; True when the served pages changed."""
        try:
            return self.full_build(should_stop)
        except StepDeckError as exc:
            log.error(f"StepDeck: {exc}; still serving the last site")
            self.behind = False
            return False

    def _other_inputs(self) -> tuple:
        """Name, size and time of every watched file that is not a lesson: any change means a full build."""
        project, seen = self.project, []
        for root in (project.mkdocs_yml, project.root / "stepdeck.yml", project.templates_dir, project.docs_dir):
            paths = sorted(root.rglob("*")) if root.is_dir() else [root]
            for path in paths:
                if path.is_file():
                    stat = path.stat()
                    seen.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(seen)

    def error_page(self, code: int) -> bytes | None:
        page = self.root / f"{code}.html" if self.root else None
        return page.read_bytes() if code in (404, 500) and page and page.is_file() else None

    def close(self) -> None:
        for folder in [*self.retired, *([self.root] if self.root else [])]:
            writer.remove_folder(folder)


def changed_docs(files, generated: frozenset[str], docs: dict[str, bytes]) -> dict[str, bytes] | None:
    """The docs files whose bytes differ from the build's, or None when a page came or went."""
    if {p for p in docs if p.endswith(".md")} != {p for p in generated if p.endswith(".md")}:
        return None
    changed = {}
    for path, content in docs.items():
        file = files.src_uris.get(path)  # POSIX already: no PurePath per file
        if file is None or file.content_bytes != content:
            changed[path] = content
    return changed


def _pages_differ(old: Path, new: Path) -> bool:
    def pages(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*.html")}

    before, after = pages(old), pages(new)
    return before.keys() != after.keys() or any(before[k].read_bytes() != after[k].read_bytes() for k in after)


def serve(project: Project, *, port: int, host: str, open_browser: bool) -> None:
    with interrupts.sigterm_as_interrupt():
        runner.serve_live(project, LiveSite(project), port=port, host=host, open_browser=open_browser)
