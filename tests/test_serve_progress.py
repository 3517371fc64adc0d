"""The progress bar: drawn on a terminal, silent in CI and in pipes; the build's own output is unchanged."""
from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys

import pytest

from generator.core.progress import Progress, Stages, wanted
from tests.conftest import REPO, copy_project


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_drawn_on_a_terminal_and_cleared(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    with Progress(2, "laying out", stream) as bar:
        bar.advance("a")
        bar.advance("b")
    text = stream.getvalue()
    assert "\rlaying out [" + "#" * 12 + "-" * 12 + "] 1/2 a" in text
    assert "[" + "#" * 24 + "] 2/2 b" in text
    assert text.endswith("\r")  # the line is blanked again: nothing is left behind


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_silent_in_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    stream = Terminal()
    with Progress(3, "x", stream) as bar:
        bar.advance()
    assert stream.getvalue() == "" and not wanted(stream)


def test_silent_in_a_pipe(monkeypatch):
    monkeypatch.setenv("CI", "false")
    stream = io.StringIO()
    assert not wanted(stream)
    assert wanted(Terminal())


def run_on_terminal(root, env, *args: str) -> str:
    """Run `stepdeck generate` with stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", "generate", *args], cwd=root, env=env,
                               stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(60)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_generate_on_a_terminal_and_in_ci(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[REPO / "content" / "service-mesh-vs-library.yaml"])
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    shown = run_on_terminal(root, env)
    assert "laying out [" in shown
    assert "stepdeck: check and render (1 of 1 lessons; 0 cached)..." in shown
    assert re.search(r"stepdeck: [0-9.]+ s: check and render [0-9.]+ s, catalog and guide [0-9.]+ s, write ", shown)
    assert "stepdeck: check and render (0 of 1 lessons; 1 cached)" in run_on_terminal(root, env)  # from the cache
    quiet = run_on_terminal(root, {**env, "CI": "true"}, "--no-cache")
    assert "laying out" not in quiet and "stepdeck:" not in quiet


def test_stages_are_timed_and_summed_on_one_line():
    ticks = iter([0.0, 0.0, 1.25, 1.5, 4.0, 4.0])
    stream = io.StringIO()
    stages = Stages(stream, enabled=True, clock=lambda: next(ticks))
    stages.stage("check and render", "2 of 3 lessons")
    stages.stage("write")
    stages.stage("check and render")  # a stage met again adds up
    stages.finish()
    assert stream.getvalue().splitlines() == [
        "stepdeck: check and render (2 of 3 lessons)...", "stepdeck: write...", "stepdeck: check and render...",
        "stepdeck: 4.0 s: check and render 3.75 s, write 0.2 s".replace("3.75", "3.8")]


def test_stages_are_silent_off_a_terminal(monkeypatch):
    monkeypatch.setenv("CI", "1")
    stream = io.StringIO()
    stages = Stages(stream)
    stages.stage("write")
    stages.finish()
    assert stream.getvalue() == "" and "write" in stages.summary()
