"""Threat: two runs in one project (an editor hook during a build, a watcher, two CI jobs).

One exclusive project lock is taken before recovery and held until the swap is done, by
``build``, ``generate``, the preview and the plugin; staging trees carry the process id.
The pause hook (``generator/core/pauses.py``) makes the interleavings deterministic; the
random races show that whatever the timing, every run that exits 0 leaves a complete site.
"""
from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.site import lock, writer

from .conftest import REPO, _env, make_project, stepdeck

GENERATED = ("diagrams", "docs")


def _files(root: Path, names=GENERATED) -> dict[str, str]:
    out = {}
    for name in names:
        for path in sorted((root / name).rglob("*")):
            if path.is_file():
                out[f"{name}/{path.relative_to(root / name).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _strays(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.", ".docs.", ".diagrams.")))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("reference") / "p")
    assert stepdeck(root, "build").returncode == 0
    return {"generate": _files(root), "build": sorted(_files(root, ("diagrams", "docs", "site")))}


def _start(root: Path, command: str, **extra: str) -> subprocess.Popen:
    env = {**_env(), **extra}
    return subprocess.Popen([sys.executable, "-m", "generator", "--project", str(root), command],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=root)


def _line(stream, timeout: float = 60) -> str:
    """One line of a child's stderr, or '' when none comes within ``timeout``."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(stream.readline)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            return ""


@pytest.mark.parametrize("point", ["recover", "swap"])
def test_a_second_build_waits_while_the_first_is_paused(tmp_path, reference, point):
    root = make_project(tmp_path / "p")
    go = tmp_path / "go"
    first = _start(root, "build", STEPDECK_PAUSE_AT=point, STEPDECK_PAUSE_GO=str(go))
    assert _line(first.stderr) == f"stepdeck: paused at {point}\n"
    second = _start(root, "build")
    waiting = _line(second.stderr, timeout=30)
    assert waiting.startswith("stepdeck: waiting for another StepDeck run in this project to finish")
    time.sleep(0.3)
    assert second.poll() is None  # still waiting, so it has not touched the first one's trees
    go.write_text("go", encoding="utf-8")
    first_out, first_err = first.communicate(timeout=120)
    second_out, second_err = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), first_err + second_err
    assert sorted(_files(root, ("diagrams", "docs", "site"))) == reference["build"]
    assert _strays(root) == []


def test_a_waiting_run_gives_up_with_an_error(tmp_path):
    root = make_project(tmp_path / "p")
    go = tmp_path / "go"
    first = _start(root, "generate", STEPDECK_PAUSE_AT="recover", STEPDECK_PAUSE_GO=str(go))
    assert _line(first.stderr) == "stepdeck: paused at recover\n"
    second = _start(root, "generate", STEPDECK_LOCK_SECONDS="0.2")
    _, err = second.communicate(timeout=60)
    go.write_text("go", encoding="utf-8")
    first.communicate(timeout=60)
    assert second.returncode == 1 and "Traceback" not in err
    assert "another StepDeck run has held .stepdeck.lock for 0.2 s" in err
    assert first.returncode == 0


def test_staging_names_are_per_process_and_recovery_removes_dead_ones(tmp_path):
    target = tmp_path / "site"
    assert writer.staging_path(target).name == f".site.new-{os.getpid()}"
    dead = tmp_path / ".site.new-999999"
    dead.mkdir()
    (dead / "half.html").write_text("x", encoding="utf-8")
    writer.recover(target)
    assert not dead.exists()


def test_the_lock_is_reentrant_in_one_process_and_exclusive_across_threads(tmp_path):
    import threading

    order = []
    with lock.project_lock(tmp_path):
        with lock.project_lock(tmp_path):  # the plugin inside `stepdeck build`
            order.append("nested")

        def other():
            with lock.project_lock(tmp_path):
                order.append("other thread")
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.3)
        order.append("first released")
    thread.join(30)
    assert order == ["nested", "first released", "other thread"]


def _race(root: Path, command: str, seed: int) -> list[int]:
    offset = random.Random(seed).uniform(0, 1)
    first = _start(root, command)
    time.sleep(offset)
    second = _start(root, command)
    codes = []
    for process in (first, second):
        process.communicate(timeout=180)
        codes.append(process.returncode)
    return codes


def _run_races(tmp_path, reference, command: str, count: int, names) -> None:
    roots = [make_project(tmp_path / f"r{i}") for i in range(count)]
    # Races in separate projects run side by side: within a race the second run waits on the lock,
    # and the random offsets are sleeps, so six at once keep both cores busy.
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda i: _race(roots[i], command, i), range(count)))
    for root, codes in zip(roots, results):
        assert codes == [0, 0], (root, codes)  # the second waits: neither fails
        got = _files(root, names)
        if command == "generate":
            assert got == reference["generate"], root
        else:
            assert sorted(got) == reference["build"], root
        assert _strays(root) == [], root


def test_thirty_random_generate_races_each_leave_complete_output(tmp_path, reference):
    _run_races(tmp_path, reference, "generate", 30, GENERATED)


def test_five_random_build_races_each_leave_a_complete_site(tmp_path, reference):
    _run_races(tmp_path, reference, "build", 5, ("diagrams", "docs", "site"))
