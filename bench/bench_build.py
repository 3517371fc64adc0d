"""How long the StepDeck stages take, as ratios against plain MkDocs on the same pages.

Run:  .venv/bin/python bench/bench_build.py [--repeat 5] [--copies 8]

Everything runs in one command on a throwaway copy of the project, so the ratios compare runs on
the same machine at the same moment. The baseline is `mkdocs build` of the already generated docs:
the cost every MkDocs site pays. `--copies N` adds N renamed copies of every lesson to see how
generation scales with the number of lessons.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def make_project(folder: Path, copies: int) -> Path:
    for name in ("mkdocs.yml", "content", "site_templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    for lesson in sorted((folder / "content").glob("*.yaml")):
        text = lesson.read_text(encoding="utf-8")
        lesson_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
        for n in range(copies):
            copy = text.replace(f"id: {lesson_id}", f"id: {lesson_id}-copy-{n}", 1)
            (folder / "content" / f"{lesson_id}-copy-{n}.yaml").write_text(copy, encoding="utf-8")
    return folder


def plain_mkdocs_config(project: Path) -> Path:
    """mkdocs.yml without the stepdeck plugin, which would otherwise regenerate every page itself."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if p != "stepdeck" and "stepdeck" not in p]
    config["docs_dir"] = str(project / config.get("docs_dir", "docs"))
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp), args.copies)
        lessons = len(list((project / "content").glob("*.yaml")))
        subprocess.run([python, "-m", "generator", "generate"], cwd=project, check=True, capture_output=True)
        plain = plain_mkdocs_config(project)
        baseline = timed([python, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(Path(temp) / "plain")],
                         project, args.repeat)
        rows = [
            ("mkdocs build (baseline)", baseline),
            ("stepdeck check", timed([python, "-m", "generator", "check"], project, args.repeat)),
            ("stepdeck generate", timed([python, "-m", "generator", "generate"], project, args.repeat)),
            ("stepdeck build", timed([python, "-m", "generator", "build"], project, args.repeat)),
        ]
    print(f"{lessons} lessons, median of {args.repeat} runs, fresh process each run")
    for name, seconds in rows:
        print(f"{name:28s} {seconds:7.3f} s   {seconds / baseline:5.2f} x baseline")


if __name__ == "__main__":
    main()
