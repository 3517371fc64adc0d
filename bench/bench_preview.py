"""The live preview: one saved lesson until Debian's Chromium shows the new text on the open page.

Run:  .venv/bin/python bench/bench_preview.py [--sizes 10 100] [--repeat 3] [--mkdocs-serve] [--zensical]

For each size, in one command: a synthetic project (renamed copies of content/, as bench_build.py
makes them), the baseline `mkdocs build` alone on the docs `stepdeck generate` wrote (median of
--repeat), then `stepdeck serve` with a lesson page open in Chromium: each edit changes one step's
text, and the time from the file write until the page shows it is measured (median of --repeat),
each edit after the previous one's background full build is done. `--mkdocs-serve` adds plain
`mkdocs serve` with the plugin (MkDocs rebuilds everything on each save), `--zensical` StepDeck's
Zensical preview (Zensical's own server rebuilds what it decides to). Figures are ratios to the
baseline measured in the same run.
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_project, plain_mkdocs_config, timed  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LESSON = "tcp-vs-quic"
ROW = "table.sd-execution tbody tr[data-step='1']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the server did not get there")
        time.sleep(0.05)


def edits_until_visible(command, project: Path, repeat: int, done_marker: str,
                        ready: str = "Serving on") -> tuple[list, list]:
    """Seconds from each write until the open page shows it; the server's own fast-path figures."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    log = project / f"serve-{port}.log"
    lesson = project / "content" / f"{LESSON}.yaml"
    original = lesson.read_text(encoding="utf-8")
    action = re.search(r"(?m)^    action: (.+)$", original).group(1)
    with open(log, "wb") as out:
        server = subprocess.Popen(command(port), cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    text = lambda: log.read_text(errors="replace")  # noqa: E731
    seconds = []
    try:
        wait_until(lambda: ready in text(), 1800)  # the first build is done
        with sync_playwright() as p:
            page = p.chromium.launch(executable_path=CHROMIUM, args=ARGS).new_page()
            page.goto(f"http://127.0.0.1:{port}/lessons/{LESSON}/")
            page.wait_for_selector(ROW, state="attached")
            for n in range(repeat):
                builds = text().count(done_marker)
                probe = f"Preview probe {n}"
                lesson.write_text(original.replace(action, f"{probe} {action}", 1), encoding="utf-8")
                start = time.perf_counter()
                page.wait_for_function("([s, t]) => document.querySelector(s)?.textContent.includes(t)",
                                       arg=[ROW, probe], timeout=120_000, polling="raf")
                seconds.append(time.perf_counter() - start)
                wait_until(lambda: text().count(done_marker) > builds, 600)  # the full build is done
                time.sleep(1.0)
    finally:
        server.terminate()
        server.wait(30)
        lesson.write_text(original, encoding="utf-8")
    fast = [float(x) for x in re.findall(r"re-rendered \S+ in ([0-9.]+) s", text())]
    return seconds, fast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mkdocs-serve", action="store_true")
    parser.add_argument("--zensical", action="store_true", help="also `stepdeck serve --builder zensical`")
    args = parser.parse_args()
    python = sys.executable
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temp:
            project = make_project(Path(temp), max(size // 5 - 1, 0))
            lessons = len(list((project / "content").glob("*.yaml")))
            subprocess.run([python, "-m", "generator", "generate"], cwd=project, check=True, capture_output=True)
            plain = plain_mkdocs_config(project)
            baseline = timed([python, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d",
                              str(Path(temp) / "plain")], project, args.repeat)
            subprocess.run(["rm", "-rf", str(project / "docs")], check=True)  # the preview keeps pages in memory
            (project / "docs").mkdir()
            rows = [("mkdocs build alone (baseline)", baseline)]
            seen, fast = edits_until_visible(lambda port: [python, "-m", "generator", "serve", "--port", str(port)],
                                             project, args.repeat, "full build in")
            rows.append(("stepdeck serve: write -> visible", statistics.median(seen)))
            rows.append(("  of which the server's re-render", statistics.median(fast[-args.repeat:])))
            if args.mkdocs_serve:
                seen, _ = edits_until_visible(lambda port: [python, "-m", "mkdocs", "serve", "-a",
                                                            f"127.0.0.1:{port}"], project, args.repeat,
                                              "Reloading browsers")
                rows.append(("mkdocs serve: write -> visible", statistics.median(seen)))
            if args.zensical:
                seen, _ = edits_until_visible(lambda port: [python, "-m", "generator", "serve", "--builder", "zensical",
                                                            "--port", str(port)], project, args.repeat,
                                              "Build finished", ready="Build finished")
                rows.append(("serve --builder zensical: write -> visible", statistics.median(seen)))
        print(f"N={lessons}: median of {args.repeat}")
        for name, seconds in rows:
            print(f"  {name:44s} {seconds:7.3f} s   {seconds / baseline:5.2f} x baseline")


if __name__ == "__main__":
    main()
