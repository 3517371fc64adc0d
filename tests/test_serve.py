"""End to end: `stepdeck serve` in a copy of the project, driven by Debian's Chromium.

Editing a lesson updates the open page by itself (livereload); breaking it
shows the diagnostics on the page and in the terminal while the server lives
on; fixing it brings the lesson back; and the server never rebuilds in a loop
nor writes into the docs folder it watches.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")

SEED = REPO / "content" / "service-mesh-vs-library.yaml"
CHROMIUM = "/usr/bin/chromium"
LESSON_URL = "lessons/service-mesh-vs-library/"
BUILD_LINE = "Building documentation"  # a full build
FAST_LINE = "StepDeck: re-rendered"  # a saved lesson's page, rendered alone (a full build follows when quiet)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return 0


@pytest.fixture
def server(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED])
    (root / "docs").mkdir()
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(root), "serve",
                                    "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                   cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base + LESSON_URL) == 200 or process.poll() is not None, 120, "the first build")
        assert process.poll() is None, log_path.read_text()
        yield root, base, process, log_path
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def in_own_thread(scenario):
    """Run a Playwright scenario in a fresh thread: the sync API refuses to start where another
    test's session-wide Playwright already runs an event loop."""
    failure = []

    def run():
        try:
            scenario()
        except BaseException as exc:  # handed back to the test below
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def builds(log_path: Path) -> int:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return text.count(BUILD_LINE) + text.count(FAST_LINE)


def quiet(log_path: Path, seconds: float = 3.0) -> int:
    """Wait until no build started for ``seconds``; return the number of builds so far."""
    while True:
        before = builds(log_path)
        time.sleep(seconds)
        if builds(log_path) == before:
            return before


def test_edit_break_fix_while_serving(server):
    root, base, process, log_path = server
    lesson = root / "content" / SEED.name
    original = lesson.read_text(encoding="utf-8")
    first_action = yaml.safe_load(original)["steps"][0]["action"]
    assert original.count(first_action) == 1

    builds_at_start = quiet(log_path)
    in_own_thread(lambda: drive_browser(root, base, process, log_path, lesson, original, first_action))

    # 4. No rebuild loop: three edits cost at most a fast re-render and a full build each, then all
    # is quiet (edits in quick succession share one full build).
    settled = quiet(log_path, 4.0)
    assert 3 <= settled - builds_at_start <= 6, log_path.read_text()
    assert log_path.read_text(encoding="utf-8").count(BUILD_LINE) >= 2  # the first build and one after the edits
    time.sleep(4.0)
    assert builds(log_path) == settled, "the server rebuilt with nothing edited"
    assert process.poll() is None
    # Nothing was written into the docs folder MkDocs watches.
    assert not any((root / "docs").iterdir())


def drive_browser(root, base, process, log_path, lesson, original, first_action):
    row = "table.sd-execution tbody tr[data-step='1']"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        page = browser.new_page()
        page.goto(base + LESSON_URL)
        page.wait_for_selector(row, state="attached")
        assert first_action.split("`")[0].strip() in page.inner_text(row)

        # 1. An edit reaches the open page without any action in the browser.
        lesson.write_text(original.replace(first_action, "Livereload probe, the app sends GET /orders"),
                          encoding="utf-8")
        page.wait_for_function("s => document.querySelector(s)?.textContent.includes('Livereload probe')",
                               arg=row, timeout=30_000)

        # 2. A broken lesson: diagnostics on the page and in the terminal; the server lives on.
        broken = original.replace(f"id: {yaml.safe_load(original)['id']}\n",
                                  f"id: {yaml.safe_load(original)['id']}\nbogus_key: 1\n", 1)
        assert broken != original
        lesson.write_text(broken, encoding="utf-8")
        page.wait_for_selector(".sd-diagnostics", timeout=30_000)
        shown = page.inner_text(".sd-diagnostics")
        assert "bogus_key" in shown and "schema.unknown-key" in shown and f"content/{SEED.name}:" in shown
        assert page.locator(row).count() == 0
        wait_for(lambda: "unknown key 'bogus_key'" in log_path.read_text(errors="replace"), 10, "the terminal")
        assert process.poll() is None
        page.screenshot(path=str(root.parent / "serve-error.png"), full_page=False)

        # 3. Fixed again: the lesson comes back, with the latest text.
        lesson.write_text(original, encoding="utf-8")
        page.wait_for_selector(row, state="attached", timeout=30_000)
        page.wait_for_function("s => !document.querySelector('.sd-diagnostics')", arg=row, timeout=30_000)
        assert first_action.split("`")[0].strip() in page.inner_text(row)
        browser.close()


def test_template_change_reloads(server):
    root, base, process, log_path = server
    template = root / "site_templates" / "modes" / "table.html"
    before = quiet(log_path)
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<h2 id="sd-h-table">Execution table</h2>', '<h2 id="sd-h-table">Execution table (edited)</h2>', 1),
        encoding="utf-8")
    wait_for(lambda: b"Execution table (edited)" in urllib.request.urlopen(base + LESSON_URL, timeout=5).read(),
             30, "the template change")
    assert quiet(log_path) - before <= 2
    assert process.poll() is None
