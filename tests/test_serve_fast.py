"""`stepdeck serve`'s fast path, end to end in Debian's Chromium: a saved lesson shows on the open
page without a reload by hand, only that lesson is laid out again, and once the background full
build is done the served site equals `stepdeck build` of the same input, byte for byte (less the
live-reload script the server injects into every page it sends)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request

import pytest
import yaml

from tests.conftest import REPO, copy_project
from tests.test_serve import CHROMIUM, fetch, free_port, in_own_thread, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")

SEED = REPO / "content" / "service-mesh-vs-library.yaml"
OTHER = REPO / "content" / "tcp-vs-quic.yaml"
LESSON_URL = "lessons/service-mesh-vs-library/"
INJECTED = re.compile(rb"<script>\nvar livereload = function\(epoch, requestId\).*?</script>", re.S)
COMPARED = [LESSON_URL + "index.html", "index.html", "lessons/tcp-vs-quic/index.html",
            "search/search_index.json", "sitemap.xml"]


def served(base: str, path: str) -> bytes:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return INJECTED.sub(b"", response.read())


def log_text(path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def server(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED, OTHER])
    port = free_port()
    config = root / "mkdocs.yml"  # the address the server gives itself, so a build's canonical links match
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{port}/",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    log_path, temporary = tmp_path / "serve.log", tmp_path / "tmp"
    temporary.mkdir()
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=root,
                                   stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                                 "TMPDIR": str(temporary)})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Serving on" in log_text(log_path) or process.poll() is not None, 180, "the first build")
        assert process.poll() is None, log_text(log_path)
        yield root, base, log_path
    finally:
        process.terminate()
        process.wait(20)
    assert not list(temporary.iterdir())  # every folder it served from is gone


def test_a_saved_lesson_shows_alone_and_the_site_ends_equal_to_a_build(server, tmp_path):
    root, base, log_path = server
    lesson = root / "content" / SEED.name
    original = lesson.read_text(encoding="utf-8")
    first_action = yaml.safe_load(original)["steps"][0]["action"]
    assert original.count(first_action) == 1
    first_build = log_text(log_path)
    assert "full build in" in first_build and "2 lesson(s) laid out" in first_build
    fast_page = {}

    def edit_in_browser():
        row = "table.sd-execution tbody tr[data-step='1']"
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(base + LESSON_URL)
            page.wait_for_selector(row, state="attached")
            lesson.write_text(original.replace(first_action, "Fast path probe, the app sends GET /orders"),
                              encoding="utf-8")
            page.wait_for_function("s => document.querySelector(s)?.textContent.includes('Fast path probe')",
                                   arg=row, timeout=20_000)
            fast_page["html"] = served(base, LESSON_URL)
            browser.close()

    in_own_thread(edit_in_browser)
    fast = wait_for(lambda: re.search(r"re-rendered (.*) in [0-9.]+ s, (\d+) lesson\(s\) laid out", log_text(log_path)),
                    10, "the fast path's log line")
    # Only the edited lesson's page was rendered again, and only that lesson laid out.
    assert fast.group(1) == "lessons/service-mesh-vs-library.md" and fast.group(2) == "1", log_text(log_path)
    after = lambda: log_text(log_path)[fast.end():]  # noqa: E731
    wait_for(lambda: "full build in" in after(), 60, "the background full build")
    assert "0 lesson(s) laid out" in after(), after()  # the full build reused every lesson

    # The served site equals `stepdeck build` of the same input.
    built = shutil.copytree(root, tmp_path / "built", ignore=shutil.ignore_patterns("site", "docs", "diagrams"))
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=built, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for path in COMPARED:
        assert served(base, path) == (built / "site" / path).read_bytes(), path
    # The fast path's page was already the full build's, byte for byte (a step's text changed).
    assert fast_page["html"] == (built / "site" / LESSON_URL / "index.html").read_bytes()


def test_a_new_lesson_goes_through_a_full_build(server):
    root, base, log_path = server
    text = OTHER.read_text(encoding="utf-8").replace("id: tcp-vs-quic", "id: tcp-vs-quic-again", 1)
    (root / "content" / "tcp-vs-quic-again.yaml").write_text(text, encoding="utf-8")
    wait_for(lambda: fetch(base + "lessons/tcp-vs-quic-again/") == 200, 60, "the new lesson's page")
    assert re.search(r"full build in [0-9.]+ s, 1 lesson\(s\) laid out", log_text(log_path))
    assert "re-rendered" not in log_text(log_path)  # a page that comes or goes changes the navigation
