"""End to end: `stepdeck serve --builder zensical` as a real process, checked by HTTP requests.

StepDeck regenerates into .stepdeck-preview/docs and Zensical's own server (watching that
folder) rebuilds: an edit reaches the served page, a broken lesson serves its diagnostics page
while the server lives on, a fix brings the lesson back, a template edit is picked up, and the
two watchers never feed each other (no regeneration with nothing edited).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from tests.conftest import copy_project
from tests.test_serve import SEED, free_port, wait_for

pytestmark = pytest.mark.slow
LESSON_URL = "lessons/service-mesh-vs-library/"
REGENERATED = "stepdeck: regenerated"


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def log_count(log_path, text: str) -> int:
    return log_path.read_text(encoding="utf-8", errors="replace").count(text)


def settled(log_path, seconds: float = 3.0) -> int:
    """Wait until StepDeck regenerated nothing for ``seconds``; return how often it regenerated."""
    while True:
        before = log_count(log_path, REGENERATED)
        time.sleep(seconds)
        if log_count(log_path, REGENERATED) == before:
            return before


@pytest.fixture
def zensical_server(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED])
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(root), "serve",
                                    "--builder", "zensical", "--port", str(port)], stdout=log,
                                   stderr=subprocess.STDOUT, cwd=root, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "sd-lesson" in page(base + LESSON_URL) or process.poll() is not None, 120, "the first build")
        assert process.poll() is None, log_path.read_text()
        yield root, base, process, log_path
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
    assert not (root / ".stepdeck-serve.yml.new").exists(), "the staged serve config is removed on exit"


def test_edit_break_fix_while_serving_with_zensical(zensical_server):
    root, base, process, log_path = zensical_server
    lesson = root / "content" / SEED.name
    original = lesson.read_text(encoding="utf-8")
    first_action = yaml.safe_load(original)["steps"][0]["action"]
    start = settled(log_path)

    lesson.write_text(original.replace(first_action, "Reload probe, the app sends GET /orders"), encoding="utf-8")
    wait_for(lambda: "Reload probe" in page(base + LESSON_URL), 30, "the edit")

    broken = original.replace("id: service-mesh-vs-library\n", "id: service-mesh-vs-library\nbogus_key: 1\n", 1)
    assert broken != original
    lesson.write_text(broken, encoding="utf-8")
    wait_for(lambda: "sd-diagnostics" in page(base + LESSON_URL), 30, "the diagnostics page")
    shown = page(base + LESSON_URL)
    assert "bogus_key" in shown and "schema.unknown-key" in shown and f"content/{SEED.name}:" in shown
    assert "sd-execution" not in shown
    wait_for(lambda: "unknown key 'bogus_key'" in log_path.read_text(errors="replace"), 10, "the terminal")
    assert process.poll() is None

    lesson.write_text(original, encoding="utf-8")
    wait_for(lambda: "sd-execution" in page(base + LESSON_URL) and "sd-diagnostics" not in page(base + LESSON_URL),
             30, "the fixed lesson")
    assert first_action.split("`")[0].strip() in page(base + LESSON_URL)

    # No loop: three edits cost a few regenerations (a save can land between two polls), then
    # nothing at all while nothing is edited.
    after = settled(log_path, 4.0)
    assert 3 <= after - start <= 6, log_path.read_text()
    time.sleep(4.0)
    assert log_count(log_path, REGENERATED) == after, "StepDeck regenerated with nothing edited"
    assert process.poll() is None
    assert not (root / "docs").exists() and not (root / "site").exists()  # the preview writes only its own folder
    assert "anchor does not exist" not in log_path.read_text(errors="replace")


def test_template_change_reaches_the_zensical_server(zensical_server):
    root, base, process, log_path = zensical_server
    template = root / "site_templates" / "modes" / "table.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<h2 id="sd-h-table">Execution table</h2>', '<h2 id="sd-h-table">Execution table (edited)</h2>', 1),
        encoding="utf-8")
    wait_for(lambda: "Execution table (edited)" in page(base + LESSON_URL), 30, "the template change")
    assert process.poll() is None
