"""The one place that runs MkDocs: a build into a staging folder, or the live-reloading server."""
from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import RenderError, StepDeckError
from ..model.project import Project
from . import writer


def _quiet() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner would bury our diagnostics


def build_site(project: Project, docs_dir: Path, site_dir: Path) -> None:
    """``mkdocs build`` of ``docs_dir`` into ``site_dir`` with the project's mkdocs.yml."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _quiet()
    try:
        config = load_config(str(project.mkdocs_yml), docs_dir=str(docs_dir), site_dir=str(site_dir))
        config["plugins"].run_event("startup", command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config["plugins"].run_event("shutdown")
    except (MkDocsException, OSError) as exc:
        raise RenderError(f"MkDocs build failed: {exc}") from exc
    except SystemExit as exc:
        raise StepDeckError("MkDocs build aborted") from exc


def serve_site(project: Project, *, port: int = 8000, host: str = "127.0.0.1", open_browser: bool = False) -> None:
    """MkDocs' live-reloading server with the StepDeck plugin (it must be listed in mkdocs.yml)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not project.mkdocs_yml.is_file():
        raise StepDeckError(f"no mkdocs.yml in {project.root}")
    _console_logging()
    writer.ensure_folder(project.docs_dir)  # MkDocs refuses a missing docs_dir
    try:
        config = load_config(str(project.mkdocs_yml))
        if "stepdeck" not in config.plugins:
            raise StepDeckError("mkdocs.yml: add `- stepdeck` under `plugins:` so the preview can generate "
                                "the lesson pages")
        with _host_checked(host, port):
            mkdocs_serve(str(project.mkdocs_yml), dev_addr=f"{host}:{port}", open_in_browser=open_browser)
    except MkDocsException as exc:
        raise StepDeckError(f"MkDocs: {exc}") from exc
    except OSError as exc:  # typically: the port is taken
        raise StepDeckError(f"cannot serve on {host}:{port}: {exc}") from exc


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


@contextmanager
def _host_checked(host: str, port: int):
    from mkdocs.commands import serve as mkdocs_serve_module

    original = mkdocs_serve_module.LiveReloadServer
    mkdocs_serve_module.LiveReloadServer = host_checked_server(original, allowed_hosts(host, port))
    try:
        yield
    finally:
        mkdocs_serve_module.LiveReloadServer = original


def _console_logging() -> None:
    """MkDocs' own CLI sets up its log output; called as a library it has none."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
