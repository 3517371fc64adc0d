"""Time to render one lesson's diagrams from its layouts (frames, animation, inline copies), this
checkout against another, and the bytes the committed folder gets.

Run:  .venv/bin/python bench/bench_frames.py --before DIR [--repeat 5]

DIR holds another checkout's ``generator/`` (for example ``git archive f3c7885 generator | tar -x -C DIR``).
Each side runs in a process of its own on the same layouts (this checkout's engine, every
candidate), alternating; each figure is a median and the ratio is after / before.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(repeat: int) -> dict:
    """In the child: render every sample lesson ``repeat`` times; milliseconds and committed bytes."""
    import yaml
    from generator.diagrams import draw
    from generator.diagrams.engine import Graphviz
    from generator.model.derive import derive
    from generator.model.lesson import Lesson

    engine = Graphviz()
    lessons = [derive(Lesson.model_validate(yaml.safe_load(p.read_text("utf-8")), strict=False))
               for p in sorted((REPO / "content").glob("*.yaml"))]
    laid = [(facts, {view: engine.layout(dot) for view, dot in draw.sources(facts).items()}) for facts in lessons]
    spent = []
    from generator.diagrams import layout
    for _ in range(repeat):
        if hasattr(layout, "_measured"):
            layout._measured.cache_clear()  # each repeat as cold as the first: scores measured afresh
        started = time.perf_counter()
        results = [draw.render(facts, layouts, "x.yaml") for facts, layouts in laid]
        spent.append(time.perf_counter() - started)
    committed = sum(len(text.encode()) for result in results for text in result.files.values())
    return {"ms": statistics.median(spent) * 1000, "bytes_per_lesson": committed / len(lessons)}


def child(code: Path, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, __file__, "--child", str(repeat)], env=env, cwd=code,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.getcwd())
        print(json.dumps(measure(args.child)))
        return
    if args.before is None:
        parser.error("--before DIR is required")
    before, after = [], []
    for turn in range(3):  # alternate which side goes first
        sides = ((args.before, before), (REPO, after)) if turn % 2 == 0 else ((REPO, after), (args.before, before))
        for code, found in sides:
            found.append(child(code, args.repeat))
    old = statistics.median(r["ms"] for r in before)
    new = statistics.median(r["ms"] for r in after)
    print(f"render, five sample lessons: before {old:.0f} ms, after {new:.0f} ms (ratio {new / old:.2f})")
    print(f"files a lesson (draw's files, the committed ones): before {before[0]['bytes_per_lesson'] / 1000:.0f} KB, "
          f"after {after[0]['bytes_per_lesson'] / 1000:.0f} KB (ratio "
          f"{after[0]['bytes_per_lesson'] / before[0]['bytes_per_lesson']:.2f})")


if __name__ == "__main__":
    main()
