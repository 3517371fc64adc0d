"""Fixtures for the browser tests: the site built from content/ in a temporary copy of the
project, once by each builder (``built_site`` is parametrised: every browser test runs under
MkDocs Material and under Zensical, with ``[mkdocs]`` / ``[zensical]`` in its id), served on
127.0.0.1 by a threaded http.server, and Debian's Chromium driven by Playwright (never a
downloaded browser)."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browserkit import ARGS, CHROMIUM, LESSON


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


BUILDERS = ["mkdocs", "zensical"]


@pytest.fixture(scope="session", params=BUILDERS)
def builder(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def built_site(request, builder):
    """The sample site as ``builder`` built it; each builder's site is built once per session."""
    return request.getfixturevalue(f"{builder}_site")


@pytest.fixture(scope="session")
def server(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def instant_server(builder, tmp_path_factory):
    """The sample site built with ``site_url`` set to the address it is served at, as instant
    navigation needs (Material and Zensical read the sitemap's addresses to tell which links
    they may load in place; without a site_url every click is a full load)."""
    from generator.commands.build import build
    from generator.model.project import load_project
    from tests.conftest import copy_project

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    root = copy_project(tmp_path_factory.mktemp(f"instant-{builder}") / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_url: {url}/\n", encoding="utf-8")
    build(load_project(root), builder=builder)
    httpd.RequestHandlerClass = functools.partial(QuietHandler, directory=str(root / "site"))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield url, root
    httpd.shutdown()
    httpd.server_close()


# Module scope: only one Playwright sync session may be open in a process, and other test
# modules (tests/test_diagrams_browser.py) start their own.
@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def off_host(urls: list[str]) -> list[str]:
    """URLs that would leave 127.0.0.1 (data:, blob: and about: never touch the network)."""
    return [u for u in urls if urlsplit(u).scheme not in ("data", "about", "blob")
            and urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture
def new_context(browser):
    """Contexts that record every request; each test fails if one went to another host."""
    made, seen = [], []

    def make(width=1280, height=900, scheme="light", **options):
        ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, **options)
        ctx.on("request", lambda request: seen.append(request.url))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()
    assert seen or not made, "no request was recorded"
    assert off_host(seen) == [], f"requests left 127.0.0.1: {off_host(seen)}"


@pytest.fixture
def page(new_context):
    page = new_context().new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def lesson_url(server):
    return f"{server}/lessons/{LESSON}/"
