"""Line and column for a flood of refused characters: the old per-match count against one pass.

Run:  .venv/bin/python bench/bench_positions.py [--sizes 1000 10000 100000 1000000]

For each size, a lesson of that many ``\\x01`` (99 per line) goes through (a) the old method,
counting the newlines from the start of the file for every character (what made 1 MB take about
four minutes), limited to the first 20,000 characters for the larger sizes and extrapolated from
its measured quadratic growth, and (b) ``check.positions.LineIndex``, every character's position,
and (c) the reader as it now runs, which stops after the diagnostics it shows. The baseline is one
``str.count`` over the whole text, so figures compare across machines as ratios.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.check.loading import Problems  # noqa: E402
from generator.check.positions import LineIndex  # noqa: E402
from generator.check.reading import forbidden_characters  # noqa: E402


def old_positions(text: str, limit: int) -> None:
    for offset in range(min(len(text), limit)):
        text.count("\n", 0, offset)
        text.rfind("\n", 0, offset)


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    print(f"{'size':>9} {'baseline':>10} {'old (est.)':>12} {'one pass':>10} {'reader':>10} {'old/one pass':>13}")
    for size in args.sizes:
        text = ("\x01" * 99 + "\n") * (size // 100)
        baseline = timed(lambda: text.count("\n"))
        limit = min(size, 20_000)
        old = timed(lambda: old_positions(text, limit)) * (size / limit) ** 2
        index = LineIndex(text)
        one_pass = timed(lambda: [index.at(o) for o in range(len(text))])
        reader = timed(lambda: forbidden_characters(text, Problems("bench")))
        print(f"{size:>9,} {baseline * 1e3:>8.2f}ms {old:>11.2f}s {one_pass:>9.3f}s {reader * 1e3:>8.2f}ms "
              f"{old / one_pass:>12,.0f}x")


if __name__ == "__main__":
    main()
