"""`stepdeck build --builder zensical` against `zensical build` alone on the same generated docs, as ratios.

Run:  .venv/bin/python bench/bench_zensical.py [--repeat 5] [--copies 8]

Everything runs in one command on a throwaway copy of the project. The baseline is Zensical
building the docs StepDeck generated (its `docs/`), with no StepDeck in the process: the cost a
Zensical site pays anyway. "Cold" deletes Zensical's `.cache/` and the output before each run;
"warm" keeps them, as a second build does. `--copies N` adds N renamed copies of every lesson.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_project  # noqa: E402  (a sibling script, not a package)

import yaml  # noqa: E402


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(pairs: list[tuple[list[str], Path, Path]], repeat: int, cold: bool) -> list[float]:
    """Median time of each (command, project, output) pair; the pairs take turns run by run, so a
    change in the machine's load hits both sides alike (the machine is shared)."""
    runs: list[list[float]] = [[] for _ in pairs]
    for command, cwd, _ in pairs:
        run(command, cwd)  # a first run fills the cache (warm) and the compiled-module caches (both)
    for _ in range(repeat):
        for index, (command, cwd, output) in enumerate(pairs):
            if cold:
                for path in (cwd / ".cache", output):
                    shutil.rmtree(path, ignore_errors=True)
            runs[index].append(run(command, cwd))
    return [median(times) for times in runs]


def plain_zensical_config(project: Path) -> Path:
    """mkdocs.yml reading the generated docs/ into its own site folder, without StepDeck."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    config["site_dir"] = "site-zensical"
    path = project / "zensical-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "stepdeck").mkdir()
        project = make_project(Path(tmp) / "stepdeck", args.copies)
        stepdeck = [sys.executable, "-m", "generator", "build", "--builder", "zensical"]
        subprocess.run(stepdeck, cwd=project, check=True, capture_output=True)  # docs/ for the baseline
        baseline = Path(tmp) / "zensical"  # its own copy, so the two never share Zensical's .cache/
        shutil.copytree(project, baseline, ignore=shutil.ignore_patterns(".cache", "site"))
        alone = [sys.executable, "-m", "zensical", "build", "--config-file", str(plain_zensical_config(baseline))]
        lessons = len(list((project / "content").glob("*.yaml")))
        print(f"{lessons} lessons, median of {args.repeat} runs each")
        for label, cold in (("cold", True), ("warm", False)):
            ours, theirs = measure([(stepdeck, project, project / "site"),
                                    (alone, baseline, baseline / "site-zensical")], args.repeat, cold)
            print(f"{label}: stepdeck build --builder zensical {ours:.2f} s / zensical build alone {theirs:.2f} s"
                  f" = {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
