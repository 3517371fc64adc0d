"""Exporting every format of the largest sample lesson, as ratios to exporting its PNGs alone.

Run:  .venv/bin/python bench/bench_export.py [--repeat 3]
      .venv/bin/python bench/bench_export.py --site-size 100 [--downloads "png, pdf"]

In one process, after one layout: each format is exported ``--repeat`` times and the median is
compared with the median of the PNG export of every view (the baseline, the cheapest raster
export a speaker uses). ``--site-size N`` instead makes a synthetic set of N lessons (``bench/sets.py``) in a
temporary project, turns every opt-in download on in stepdeck.yml,
runs ``stepdeck build`` and reports the size of site/ and of its downloads.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, median_seconds  # noqa: E402  (siblings, not a package)
from sets import make_set  # noqa: E402

sys.path.insert(0, str(REPO))

from generator.check.pipeline import check_project  # noqa: E402
from generator.diagrams.draw import draw  # noqa: E402
from generator.diagrams.engine import Graphviz  # noqa: E402
from generator.model.project import load_project  # noqa: E402
from generator.render.environment import environment  # noqa: E402
from generator.site.export import FORMATS, ExportOptions, export_files  # noqa: E402


def formats(repeat: int) -> None:
    checked = check_project(load_project(REPO))
    largest = max(checked.files, key=lambda f: (len(f.lesson.facts.frames), len(f.lesson.facts.components)))
    facts, source = largest.lesson.facts, largest.lesson.source
    diagrams = draw(facts, Graphviz(30), source)
    env = environment(None)

    def export(fmt: str):
        return lambda: export_files(env, facts, diagrams, ExportOptions(fmt=fmt), source)

    baseline = median_seconds(export("png"), repeat)
    print(f"{facts.lesson.id}: {len(facts.frames)} frames, median of {repeat} runs, one process, one layout")
    total = 0.0
    for fmt in FORMATS:
        seconds = baseline if fmt == "png" else median_seconds(export(fmt), repeat)
        total += seconds
        size = sum(len(b) for b in export_files(env, facts, diagrams, ExportOptions(fmt=fmt), source).values())
        print(f"  {fmt:8s} {seconds:7.3f} s  {seconds / baseline:5.2f} x png   {size / 1024:8.0f} KiB")
    print(f"  {'all':8s} {total:7.3f} s  {total / baseline:5.2f} x png")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def site_size(lessons: int, downloads: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        project = make_set(Path(temp), lessons)
        (project / "stepdeck.yml").write_text(f"downloads: [{downloads}]\n", encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stdout + done.stderr)
        seconds = time.perf_counter() - start
        site = project / "site"
        files = sum(folder_size(p) for p in (site / "diagrams").glob("*/slides"))
        print(f"{lessons} lessons, downloads: [{downloads}]: build {seconds:.0f} s, site/ {folder_size(site) / 2**20:.1f} MiB, "
              f"of which downloads {files / 2**20:.1f} MiB ({files / lessons / 2**20:.2f} MiB a lesson)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site-size", type=int, default=0, metavar="N")
    parser.add_argument("--downloads", default="png, pptx, pdf, gif, handout",
                        help="opt-in downloads for --site-size (default: every one)")
    args = parser.parse_args()
    site_size(args.site_size, args.downloads) if args.site_size else formats(args.repeat)


if __name__ == "__main__":
    main()
