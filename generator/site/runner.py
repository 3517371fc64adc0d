"""The one place that runs a site builder, MkDocs or Zensical: a build into a staging folder, or a server.

Both builds read the staged config (``siteconfig``), which points at the staged docs and site
folders. MkDocs runs in process; Zensical runs as ``python -m zensical`` in a child process,
because its Rust core owns the process while it runs (its server never returns) and its output
must pass through ``zensical_log`` first.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import webbrowser
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from ..core.errors import BuildCancelled, RenderError, StepDeckError
from ..model.project import Project
from . import writer, zensical_log

ZENSICAL_TESTED = "0.0.73"
"""The Zensical release the whole browser suite runs against (pinned in the test extra and CI)."""
ZENSICAL_INCOMPATIBLE: dict[str, str] = {}
"""Releases known not to work, with why; refused. Any other untested release gets a one-line warning."""


def _quiet() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner would bury our diagnostics


def build_site(project: Project, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """``mkdocs build`` of ``docs_dir`` into ``site_dir`` with the staged config ``config_file``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _quiet()
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir))
        config["plugins"].run_event("startup", command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config["plugins"].run_event("shutdown")
    except (MkDocsException, OSError) as exc:
        raise RenderError(f"MkDocs build failed: {exc}") from exc
    except SystemExit as exc:
        raise StepDeckError("MkDocs build aborted") from exc


def serve_live(project: Project, live, *, port: int = 8000, host: str = "127.0.0.1",
               open_browser: bool = False) -> None:
    """``stepdeck serve``: MkDocs' live-reloading server, run by StepDeck's build loop (``site.live``
    decides what each change rebuilds). The stepdeck plugin must be listed in mkdocs.yml."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.livereload import LiveReloadServer, _serve_url

    if not project.mkdocs_yml.is_file():
        raise StepDeckError(f"no mkdocs.yml in {project.root}")
    _console_logging()
    writer.ensure_folder(project.docs_dir)  # MkDocs refuses a missing docs_dir
    try:
        config = load_config(str(project.mkdocs_yml))
        if "stepdeck" not in config.plugins:
            raise StepDeckError("mkdocs.yml: add `- stepdeck` under `plugins:` so the preview can generate "
                                "the lesson pages")
        config.plugins.on_startup(command="serve", dirty=False)
        mount = urlsplit(config.site_url or "/").path
        live.start(_serve_url(host, port, mount), config.plugins["stepdeck"])
        server = host_checked_server(LiveReloadServer, allowed_hosts(host, port))(
            builder=None, host=host, port=port, root=str(live.root), mount_path=mount, polling_interval=POLL_SECONDS)
        server.error_handler = lambda code: live.error_page(code)
        for path in (config.docs_dir, config.config_file_path):
            server.watch(path)
        config.plugins.on_serve(server, config=config, builder=None)
        try:
            _serve_loop(server, live, open_browser)
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise StepDeckError(f"MkDocs: {exc}") from exc
    except OSError as exc:  # typically: the port is taken
        raise StepDeckError(f"cannot serve on {host}:{port}: {exc}") from exc
    finally:
        live.close()


POLL_SECONDS = 0.1
"""How often the watcher looks at the inputs (MkDocs' own serve: 0.5 s, a quarter of the target)."""


def _serve_loop(server, live, open_browser: bool) -> None:
    """MkDocs' build loop (``LiveReloadServer._build_loop``, mkdocs 1.6), with two kinds of work: a change
    runs ``live.changed()`` while requests wait (nothing half-written is served), then every open page
    reloads; when all is quiet, ``live.catch_up()`` runs a full build without holding requests, given up
    as soon as another change arrives, and reloads the pages only when they changed."""
    from mkdocs.livereload import _timestamp

    server.server_bind()
    server.server_activate()
    server.observer.start()
    logging.getLogger("mkdocs").info(f"Serving on {server.url}")
    server.serve_thread.start()
    if open_browser:
        webbrowser.open(server.url)
    while True:
        with server._rebuild_cond:
            changed = server._rebuild_cond.wait_for(lambda: server._want_rebuild or server._shutdown,
                                                    timeout=0.25)
            if server._shutdown:
                return
            if changed:
                while server._rebuild_cond.wait(timeout=server.build_delay):
                    pass  # saves in quick succession: one rebuild after the last
                server._wanted_epoch = _timestamp()  # requests wait from here until the epoch is visible
                server._want_rebuild = False
        if changed:
            live.changed()
            reload = server._wanted_epoch
        elif live.catch_up_due():
            pages_changed = live.catch_up(lambda: server._want_rebuild)
            server.root = str(live.root)  # the full build, served whole from here on
            if not pages_changed:
                continue
            reload = _timestamp()
        else:
            continue
        server.root = str(live.root)
        with server._epoch_cond:
            server._wanted_epoch = server._visible_epoch = reload
            server._epoch_cond.notify_all()


def build_for_serve(config_file: Path, site_dir: Path, serve_url: str, should_stop):
    """One full MkDocs build of the preview into ``site_dir``: the plugin's record of it (``BuiltSite``),
    or None when ``should_stop()`` turned true (a newer edit). A failure is a StepDeckError."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.site_url = serve_url
    plugin = config.plugins["stepdeck"]
    plugin.should_stop, plugin.built = should_stop, None
    pages_log = logging.getLogger("mkdocs.commands.build")
    silent = _CancelledPages(should_stop)
    pages_log.addFilter(silent)  # MkDocs logs the page it was building when the build was given up
    try:
        logging.getLogger("mkdocs.commands.serve").info("Building documentation...")
        mkdocs_build(config, serve_url=serve_url)
        return plugin.built
    except BuildCancelled:
        return None
    except Exception as exc:  # noqa: BLE001 - the server stays up and keeps the last site; MkDocs does the same
        raise StepDeckError(f"the preview build failed: {exc}") from exc
    finally:
        plugin.should_stop = None
        pages_log.removeFilter(silent)


class _CancelledPages(logging.Filter):
    def __init__(self, should_stop):
        super().__init__()
        self.should_stop = should_stop

    def filter(self, record) -> bool:
        return not self.should_stop()


def render_pages(built, changed: dict[str, bytes]) -> list[str]:
    """Put ``changed`` docs files into the last build (``BuiltSite``) and write them into its site folder:
    pages through MkDocs' own page pipeline (read, Markdown, every plugin event, the theme), the rest
    copied. Every other page and the navigation stay as that build left them. Returns the pages."""
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import File, InclusionLevel

    config, files, pages = built.config, built.files, []
    for path, content in sorted(changed.items()):
        file = files.src_uris.get(path)  # POSIX already: no PurePath per file
        if file is None:
            file = File.generated(config, path, content=content)
            files.append(file)
        else:
            file.content_bytes = content
        if file.page is not None:
            pages.append(file.page)
        else:
            file.copy_file()
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for page in pages:
        _populate_page(page, config, files)
    for page in pages:
        _build_page(page, config, doc_files, built.nav, built.env, excluded=page.file.inclusion.is_excluded())
    return [page.file.src_uri for page in pages]


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` headers the preview answers: the address it binds to, by number or as localhost."""
    names = {host, "localhost"} if host in ("127.0.0.1", "::1", "localhost") else {host}
    names |= {"127.0.0.1"} if "localhost" in names else set()
    return {f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names}


def host_checked_server(base, allowed: set[str]):
    """MkDocs' live-reload server, answering 403 to any other ``Host``: a page the author visits
    could otherwise rebind its own name to 127.0.0.1 (DNS rebinding) and read the drafts."""

    class HostChecked(base):
        def serve_request(self, environ, start_response):
            if environ.get("HTTP_HOST", "").lower() not in allowed:
                start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"403 Forbidden: this preview only answers requests for " + b", ".join(
                    sorted(name.encode() for name in allowed)) + b"\n"]
            return super().serve_request(environ, start_response)

    return HostChecked


def _console_logging() -> None:
    """MkDocs' own CLI sets up its log output; called as a library it has none."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def zensical_version(warn=None) -> str:
    """The installed Zensical release; refused when known incompatible, warned about when untested."""
    try:
        version = metadata.version("zensical")
    except metadata.PackageNotFoundError:
        raise StepDeckError("the zensical builder needs Zensical: pip install 'stepdeck[zensical]'") from None
    if version in ZENSICAL_INCOMPATIBLE:
        raise StepDeckError(f"Zensical {version} does not work with StepDeck ({ZENSICAL_INCOMPATIBLE[version]}); "
                            f"install the tested release: pip install zensical=={ZENSICAL_TESTED}")
    if version != ZENSICAL_TESTED:
        (warn or _warn)(f"warning: Zensical {version} is installed; StepDeck is tested with {ZENSICAL_TESTED}")
    return version


def _warn(line: str) -> None:
    print(line, file=sys.stderr)


def _zensical(command: str, config_file: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "zensical", command, "--config-file", str(config_file), *options]


def _child_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}


def build_with_zensical(project: Project, config_file: Path, docs_dir: Path) -> None:
    """``zensical build`` with the staged config; its warnings, minus the grammar's anchors, go to stderr."""
    zensical_version()
    try:
        done = subprocess.run(_zensical("build", config_file), cwd=project.root, env=_child_env(),
                              capture_output=True, text=True, errors="replace")
    except OSError as exc:
        raise RenderError(f"cannot run Zensical: {exc}") from exc
    output = zensical_log.filtered(done.stdout + done.stderr, docs_dir)
    if done.returncode != 0:
        raise RenderError(f"Zensical build failed (exit {done.returncode}): {zensical_log.failure(output)}")
    problems = [line for line in output.splitlines(keepends=True)
                if not zensical_log.plain(line).startswith(("Build started", "Build finished"))]
    if "".join(problems).strip():
        sys.stderr.write("".join(problems))


def start_zensical_server(project: Project, config_file: Path, docs_dir: Path, *, host: str, port: int,
                          open_browser: bool) -> subprocess.Popen:
    """``zensical serve`` in a child process; the caller streams its output through ``zensical_log``."""
    zensical_version()
    options = ["--dev-addr", f"{host}:{port}", *(["--open"] if open_browser else [])]
    try:
        return subprocess.Popen(_zensical("serve", config_file, *options), cwd=project.root, env=_child_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    except OSError as exc:
        raise StepDeckError(f"cannot run Zensical: {exc}") from exc


def stop_zensical_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
