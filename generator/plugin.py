"""The MkDocs plugin: lesson pages as in-memory files, so ``mkdocs serve`` and ``mkdocs build`` work.

The plugin only answers events; generation lives in ``site.preview.PreviewGenerator``.
It never writes into the docs folder (MkDocs watches it: writing there would
trigger a rebuild that writes again), and it stands aside when ``stepdeck build``
runs MkDocs on the staged docs tree, which already holds every generated file.

In mkdocs.yml::

    plugins:
      - search
      - stepdeck          # optional: project: path/to/stepdeck/project (default: beside mkdocs.yml)
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .core.errors import StepDeckError
from .model.project import load_project
from .render.environment import builtin_templates
from .render.pages import GENERATED_MARK
from .site import writer
from .site.generate import PAGE_SCRIPT
from .site.navigation import site_nav
from .site.preview import PreviewGenerator, log

MARKER = GENERATED_MARK.encode()


class StepDeckConfig(Config):
    project = config_options.Optional(config_options.Dir(exists=True))
    """The StepDeck project folder (content/, stepdeck.yml); default: the folder of mkdocs.yml."""


class StepDeckPlugin(BasePlugin[StepDeckConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command = "build"
        self.generator: PreviewGenerator | None = None
        self.project = None
        self.passive = False
        self.authors_nav = None

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        root = Path(self.config.project or Path(config.config_file_path).parent)
        try:
            self.project = load_project(root)
        except StepDeckError as exc:
            raise PluginError(f"StepDeck: {exc}") from exc
        if self.generator is None or self.generator.project.root != self.project.root:
            self.generator = PreviewGenerator(self.project)
        self.generator.project = self.project  # settings may have changed; layouts stay memoized
        # `stepdeck build` runs MkDocs on its staged docs tree, which is already complete.
        self.passive = writer.is_staging(Path(config.docs_dir).resolve(), self.project.docs_dir.resolve())
        self.authors_nav = config.nav  # before on_files writes the generated nav into the config
        _link_assets(config, self.project)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if self.passive:
            return files
        prefix = self.project.settings.lessons_prefix.strip("/")
        home = files.get_file_from_path("index.md")
        # An existing site keeps its own home page; the catalog then goes under the prefix.
        catalog_page = "index.md" if home is None or _generated(home) else f"{prefix}/index.md"
        try:
            preview = self.generator.generate(catalog_page=catalog_page)
        except StepDeckError as exc:
            raise PluginError(f"StepDeck: {exc}") from exc
        for diagnostic in preview.diagnostics:
            (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
        errors = sum(d.is_error for d in preview.diagnostics)
        if errors and self.command != "serve":
            raise PluginError(f"StepDeck: {errors} error(s) in lessons")
        if preview.broken:
            log.error(f"StepDeck: showing an error page for {', '.join(sorted(preview.broken))}")
        namespace = (f"{prefix}/", "diagrams/", "index.md")
        for file in list(files):
            if file.src_uri in preview.doc_files or (file.src_uri.startswith(namespace) and _generated(file)):
                files.remove(file)  # stale or superseded output of an earlier `stepdeck build`
        for path, content in sorted(preview.doc_files.items()):
            files.append(File.generated(config, path, content=content))
        # The same generated navigation `stepdeck build` writes into the staged config for both
        # builders (site.navigation), so `mkdocs serve` shows the nav the built site will have.
        config["nav"] = site_nav([f.src_uri for f in files], self.authors_nav, prefix,
                                 self.project.settings.lessons_section)
        return files

    def on_serve(self, server, *, config, builder):
        for folder in (self.project.content_dir, self.project.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        settings = self.project.root / "stepdeck.yml"
        if settings.is_file():
            server.watch(str(settings))
        return server


def _link_assets(config, project) -> None:
    """Add StepDeck's stylesheets and page script to a site that does not list them yet."""
    styles = {"assets/stepdeck-diagrams.css"}
    for folder in (builtin_templates() / "assets", project.templates_dir / "assets"):
        if folder.is_dir():
            styles.update(f"assets/{p.name}" for p in folder.iterdir() if p.suffix == ".css")
    listed = {str(item) for item in [*config.extra_css, *config.extra_javascript]}
    config.extra_css.extend(sorted(styles - listed))
    if PAGE_SCRIPT not in listed:
        script = ExtraScriptValue(PAGE_SCRIPT)
        script.type = "module"  # the entry module imports the others, relative to itself
        config.extra_javascript.append(script)


def _generated(file: File) -> bool:
    """True for files an earlier StepDeck run wrote (they carry its marker near the top)."""
    if file.abs_src_path is None or file.generated_by:
        return False
    try:
        with open(file.abs_src_path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return MARKER in head

