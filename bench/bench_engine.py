"""Layout time per graph on the sample lessons' own DOT sources: the engine against system ``dot``.

Run:  .venv/bin/python bench/bench_engine.py [--repeat 5] [--against f3c7885]

The sources are every view of every sample lesson (``generator.diagrams.draw.sources``, candidates
included), laid out by
  (a) engine   ``diagrams.engine.Graphviz`` in this process, warm (what a build does);
  (b) one dot  one system ``dot -Tsvg`` process fed every graph on stdin: the limit (each graph
               names its engine: in a stream, dot keeps an earlier graph's ``layout=neato``);
  (c) per pipe one ``dot -Tsvg`` process per graph, what ``graphviz``'s ``pipe()`` does.
``--against REV`` adds (a') the engine module as it was at git revision REV, for a before/after
in the same run (its output is checked byte-identical to (a)'s). (b) and (c) need Debian's ``graphviz`` package (for measuring only; StepDeck never runs it), and
are skipped without it. Medians of ``--repeat`` interleaved runs in one command, wall and CPU time (CPU time is
the steadier figure on a shared machine); the issue's targets are
(a)/(b) at most 2.0 and (c)/(a) at least 5.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.check.pipeline import check_source  # noqa: E402
from generator.diagrams import draw  # noqa: E402
from generator.diagrams.engine import Graphviz  # noqa: E402


def lesson_sources() -> list[str]:
    """Every view's DOT source of every sample lesson, in a fixed order."""
    found = []
    for path in sorted((REPO / "content").glob("*.yaml")):
        result = check_source(path.read_bytes(), f"content/{path.name}")
        for lesson in result.lessons:
            found += list(draw.sources(lesson.facts).values())
    return found


def measured(function) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and its finished children) of one call."""
    before, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    function()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - before + (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return wall, cpu


def engine_at(revision: str):
    """``Graphviz`` from ``generator/diagrams/engine.py`` as it was at a git revision."""
    source = subprocess.run(["git", "show", f"{revision}:generator/diagrams/engine.py"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType("generator.diagrams.engine_before")
    module.__package__ = "generator.diagrams"
    exec(compile(source, f"engine.py@{revision}", "exec"), module.__dict__)
    return module.Graphviz


def engine_named(source: str) -> str:
    """``source`` naming its layout engine: in a stream of graphs, ``dot`` keeps the ``layout`` of an
    earlier graph (the sequence view's neato) for every later graph that names none."""
    if "layout=" in source:
        return source
    head, rest = source.split("{", 1)
    return head + '{\n  graph [layout="dot"]' + rest


def one_dot_process(dot: str, sources: list[str]) -> None:
    stream = "\n".join(engine_named(s) for s in sources)
    subprocess.run([dot, "-Tsvg"], input=stream.encode(), check=True, capture_output=True)


def process_per_graph(dot: str, sources: list[str]) -> None:
    for source in sources:
        subprocess.run([dot, "-Tsvg"], input=source.encode(), check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="also time the engine as it was at this git revision")
    args = parser.parse_args()
    sources = lesson_sources()
    engine = Graphviz()
    for source in sources:  # warm: module compiled and cached, instance made
        engine.layout(source)
    runs = {"(a) engine": lambda: [engine.layout(s) for s in sources]}
    if args.against:
        before = engine_at(args.against)()
        if [before.layout(s) for s in sources] != [engine.layout(s) for s in sources]:
            sys.exit(f"the engine at {args.against} gives other bytes")
        runs[f"(a') {args.against}"] = lambda: [before.layout(s) for s in sources]
    dot = shutil.which("dot")
    if dot is not None:
        runs["(b) one dot"] = lambda: one_dot_process(dot, sources)
        runs["(c) per pipe"] = lambda: process_per_graph(dot, sources)
    figures = {name: [] for name in runs}
    for _ in range(args.repeat):  # interleaved, so a busy moment weighs on every contender alike
        for name, run in runs.items():
            figures[name].append(measured(run))
    per_graph = {name: [statistics.median(column) / len(sources) for column in zip(*values)]
                 for name, values in figures.items()}
    print(f"{len(sources)} graphs from the sample lessons; medians of {args.repeat} interleaved runs")
    for name, (wall, cpu) in per_graph.items():
        print(f"{name:<13} {wall * 1e3:7.3f} ms/graph wall  {cpu * 1e3:7.3f} ms/graph CPU")
    if dot is None:
        print("(b), (c) skipped: no system `dot` (apt-get install graphviz, for measuring only)")
        return
    print(subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip())
    a, b, c = per_graph["(a) engine"], per_graph["(b) one dot"], per_graph["(c) per pipe"]
    if args.against:
        old = per_graph[f"(a') {args.against}"]
        print(f"(a')/(a) = {old[0] / a[0]:.2f} wall, {old[1] / a[1]:.2f} CPU  (before/after)")
        print(f"(a')/(b) = {old[0] / b[0]:.2f} wall, {old[1] / b[1]:.2f} CPU  (before, against the limit)")
    print(f"(a)/(b) = {a[0] / b[0]:.2f} wall, {a[1] / b[1]:.2f} CPU  (target at most 2.0, stretch 1.3)")
    print(f"(c)/(a) = {c[0] / a[0]:.2f} wall, {c[1] / a[1]:.2f} CPU  (target at least 5, stretch 10)")


if __name__ == "__main__":
    main()
