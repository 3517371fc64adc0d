"""The progress bar: drawn on a terminal, silent in CI and in pipes; the build's own output is unchanged."""
from __future__ import annotations

import io
import os
import select
import subprocess
import sys

import pytest

from generator.core.progress import Progress, wanted
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


def run_on_terminal(root, env) -> str:
    """Run `stepdeck generate` with stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", "generate"], cwd=root, env=env,
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
    assert "laying out" not in run_on_terminal(root, {**env, "CI": "true"})
