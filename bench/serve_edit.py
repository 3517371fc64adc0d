"""The preview figure: from writing one lesson file until the open page in Chromium shows the edit.

`stepdeck serve` runs on the set in its own process group (stopped by its id at the end); Debian's
Chromium (Playwright) opens the edited lesson's page. Each edit appends a new token to the first
step's action and then polls the page every 50 ms until its text (``textContent``, so a view
hidden behind a tab counts as shown once it is in the page) holds the token, whatever the preview
does to get it there: a live reload, a swapped page, a re-run build. After each edit the bench
waits until the server's log has been quiet for two seconds, so a second rebuild it starts does not
land in the next edit's time.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from common import build_env, stepdeck
from sets import edit_lesson

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READ_TEXT = "() => document.body ? document.body.textContent : ''"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"stepdeck serve exited with {server.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not served within {seconds:.0f} s")


def shows(page, token: str) -> bool:
    try:
        return token in page.evaluate(READ_TEXT)
    except Exception:  # noqa: BLE001 (the page is between two documents during a reload)
        return False


def settle(log: Path, quiet: float = 2.0, longest: float = 90.0) -> None:
    """Wait until ``log`` has not grown for ``quiet`` seconds (at most ``longest``)."""
    deadline, size, since = time.monotonic() + longest, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


EDITS_BUDGET = 180.0  # seconds for all the edits; a loaded machine measures fewer (at least one)


def preview_seconds(project: Path, lesson: Path, cache_dir: Path, log: Path, edits: int = 3,
                    timeout: float = 600.0, budget: float = EDITS_BUDGET) -> list[float]:
    """Seconds from each edit's file write until the open page shows it; after ``budget`` seconds
    of edits no further edit starts."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/lessons/{lesson.stem}/"
    out = open(log, "wb")
    server = subprocess.Popen(stepdeck("serve", "--port", str(port)), cwd=project, env=build_env(cache_dir),
                              stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    times: list[float] = []
    try:
        wait_for(url, 1800, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="load")
            settle(log)
            began = time.perf_counter()
            for n in range(edits):
                if times and time.perf_counter() - began > budget:
                    break
                token = f"bench{n}t{time.time_ns() % 10**8}"
                start = time.perf_counter()
                edit_lesson(lesson, token)
                while not shows(page, token):
                    if time.perf_counter() - start > timeout:
                        raise TimeoutError(f"the edit {token} was not shown within {timeout:.0f} s")
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                settle(log)
            browser.close()
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out.close()
    return times
