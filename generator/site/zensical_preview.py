"""``stepdeck serve --builder zensical``: StepDeck regenerates on every edit, Zensical's server reloads.

Zensical cannot generate pages itself (no plugin API), so StepDeck writes them, and Zensical's
own server watches the folder StepDeck writes into and reloads the browser. The two watchers
never feed each other:

- StepDeck polls only its inputs (``content/``, the templates, ``stepdeck.yml`` and, in an
  existing site, the author's docs folder) and writes only into ``.stepdeck-preview/docs``;
- it writes only files whose bytes changed (``writer.sync_tree``), so a save that changes one
  lesson touches that lesson's files alone, and a regeneration that changes nothing writes nothing;
- Zensical builds into ``.stepdeck-preview/site``; the real ``docs/`` and ``site/`` stay as they are.

A lesson with errors gets its diagnostics page (``PreviewGenerator``) and the server stays up.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from ..core.errors import StepDeckError
from ..model.project import Project, load_project
from . import builders, runner, siteconfig, writer, zensical_log
from .preview import PreviewGenerator

PREVIEW = ".stepdeck-preview"
SERVE_CONFIG = "stepdeck-serve.yml"
POLL_SECONDS = 0.2


class ZensicalPreview:
    def __init__(self, project: Project):
        self.project = project
        self.generator = PreviewGenerator(project)
        self.docs = project.root / PREVIEW / "docs"
        self.site = project.root / PREVIEW / "site"

    def inputs(self) -> list[Path]:
        folders = [self.project.content_dir, self.project.templates_dir, self.project.root / "stepdeck.yml"]
        return folders + ([self.project.docs_dir] if builders.hand_written_pages(self.project) else [])

    def fingerprint(self) -> tuple:
        """Every input file's name, size and modification time: a cheap way to see a save."""
        seen = []
        for root in self.inputs():
            paths = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
            for path in paths:
                try:
                    stat = path.stat()
                except OSError:
                    continue
                seen.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(seen)

    def refresh(self) -> list[str]:
        """Generate again and write what changed; problems are printed, never raised (the server stays up)."""
        try:
            self.project = load_project(self.project.root)  # stepdeck.yml may have changed
            self.generator.project = self.project
            existing = bool(builders.hand_written_pages(self.project))
            preview = self.generator.generate(catalog_page=builders.catalog_page(self.project, existing))
        except StepDeckError as exc:
            print(f"stepdeck: {exc}", file=sys.stderr)
            return []
        for diagnostic in preview.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        for source in sorted(preview.broken):
            print(f"stepdeck: showing an error page for {source}", file=sys.stderr)
        changed = writer.sync_tree(self.docs, builders.docs_tree(self.project, preview.doc_files, existing))
        if changed:
            print(f"stepdeck: regenerated {len(changed)} file(s)", file=sys.stderr, flush=True)
        return changed

    def write_config(self) -> Path:
        config = siteconfig.read_config(self.project.config_file)
        paths = sorted(p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*") if p.is_file())
        path = writer.staging_path(self.project.root / SERVE_CONFIG)
        writer.write_file(path, siteconfig.staged_config(self.project, config, self.docs, self.site, paths))
        return path

    def serve(self, *, host: str, port: int, open_browser: bool) -> None:
        self.refresh()
        config = self.write_config()
        server = runner.start_zensical_server(self.project, config, self.docs, host=host, port=port,
                                              open_browser=open_browser)
        threading.Thread(target=_relay, args=(server, self.docs), daemon=True).start()
        try:
            last = self.fingerprint()
            while server.poll() is None:
                time.sleep(POLL_SECONDS)
                now = self.fingerprint()
                if now != last:
                    last = now
                    if self.refresh():
                        self.write_config()  # rewritten only when a page came or went (the nav changed)
        finally:
            runner.stop_zensical_server(server)
            writer.discard([self.project.root / SERVE_CONFIG])
        if server.returncode not in (0, -2, -15):
            raise StepDeckError(f"Zensical's server stopped (exit {server.returncode})")


def _relay(server, docs: Path) -> None:
    """Zensical's output to stderr, without its warnings about the page grammar's own fragments."""
    keep = zensical_log.OutputFilter(docs)
    for line in server.stdout:
        sys.stderr.write("".join(keep.feed(line)))
        sys.stderr.flush()

