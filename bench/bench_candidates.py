"""Layouts run per lesson, and engine time, when every candidate is laid out vs only those that can win.

Run:  .venv/bin/python bench/bench_candidates.py [--repeat 3]

"every" lays out every source ``draw.sources`` writes (the policy before issue 11: 16 overview and
player candidates, the flow's two, lanes, sequence); "when they can win" is ``draw.lay_out``: the
player's own tight candidates only when the overview's pick is not legible in the player, and each
distinct DOT source once. Both run on the same engine in the same process, alternating, and the
figure is the ratio of the medians. It also checks that both pick the same layouts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from generator.diagrams import draw  # noqa: E402
from generator.diagrams.engine import Graphviz  # noqa: E402
from generator.model.derive import derive  # noqa: E402
from generator.model.lesson import Lesson  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class Counted:
    """An engine that counts its layouts and the time they take."""

    def __init__(self, engine: Graphviz) -> None:
        self.engine, self.runs, self.seconds = engine, 0, 0.0

    def layout(self, source: str) -> str:
        started = time.perf_counter()
        try:
            return self.engine.layout(source)
        finally:
            self.seconds += time.perf_counter() - started
            self.runs += 1


def every(facts, engine) -> dict[str, str]:
    return {view: engine.layout(source) for view, source in draw.sources(facts).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = Graphviz()
    lessons = [derive(Lesson.model_validate(yaml.safe_load(p.read_text("utf-8")), strict=False))
               for p in sorted((REPO / "content").glob("*.yaml"))]
    for facts in lessons:  # warm the engine once, outside the timing
        every(facts, engine)
    times = {"every": [], "can win": []}
    runs = {"every": {}, "can win": {}}
    policies = (("every", every), ("can win", lambda f, e: draw.lay_out(f, e)))
    for repeat in range(args.repeat):
        spent = {"every": 0.0, "can win": 0.0}
        for facts in lessons:  # both policies lesson by lesson, in turn first: the load on the machine hits both
            for policy, lay in policies if repeat % 2 == 0 else policies[::-1]:
                counted = Counted(engine)
                layouts = lay(facts, counted)
                spent[policy] += counted.seconds
                runs[policy][facts.lesson.id] = (facts.lesson.id, counted.runs, draw.layout_names(facts, layouts))
        for policy in spent:
            times[policy].append(spent[policy])
    runs = {policy: list(found.values()) for policy, found in runs.items()}
    print(f"{'lesson':36s} {'layouts: every':>15s} {'can win':>8s}  kept (overview, frames)")
    for (lesson, all_runs, picked), (_, few, kept) in zip(runs["every"], runs["can win"]):
        same = "same" if picked == kept else f"DIFFERS: every picks {picked}"
        print(f"{lesson:36s} {all_runs:15d} {few:8d}  {kept[0]}, {kept[1]} ({same})")
    total_every = sum(r for _, r, _ in runs["every"])
    total_few = sum(r for _, r, _ in runs["can win"])
    slow, fast = statistics.median(times["every"]), statistics.median(times["can win"])
    print(f"layouts per lesson: {total_every / len(lessons):.1f} -> {total_few / len(lessons):.1f}; "
          f"engine time, median of {args.repeat}: {slow * 1000:.0f} ms -> {fast * 1000:.0f} ms "
          f"(ratio {fast / slow:.2f})")


if __name__ == "__main__":
    main()
