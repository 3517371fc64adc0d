"""Reading the sample lessons: the pure-Python reference parser against libyaml's, and the whole check.

Run:  .venv/bin/python bench/bench_loader.py [--repeat 30]

Each sample lesson under content/ is read by ``check.loading.load_yaml_text`` through (a) the
reference path (PyYAML's pure-Python parser, what every lesson took before) and (b) the libyaml
path (the default), then checked whole by ``check_source`` (reading, schema, references) to show
what share of a lesson's check the reading is. Medians of ``--repeat`` runs, in one command, so
the ratios compare the same machine at the same moment.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.check.loading import LIBYAML, load_yaml_text  # noqa: E402
from generator.check.pipeline import check_source  # noqa: E402
from generator.model.limits import Limits  # noqa: E402

from common import median_seconds  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not LIBYAML:
        sys.exit("PyYAML is installed without libyaml: nothing to compare")
    limits = Limits()
    totals = [0.0, 0.0, 0.0]
    print(f"{'lesson':<40} {'reference':>10} {'libyaml':>9} {'check':>9} {'ref/libyaml':>12}")
    for path in sorted((REPO / "content").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        reference = median_seconds(lambda: load_yaml_text(text, path.name, limits, fast=False), args.repeat)
        fast = median_seconds(lambda: load_yaml_text(text, path.name, limits), args.repeat)
        whole = median_seconds(lambda: check_source(text, path.name, limits), args.repeat)
        for i, value in enumerate((reference, fast, whole)):
            totals[i] += value
        print(f"{path.stem:<40} {reference * 1e3:>8.2f}ms {fast * 1e3:>7.2f}ms {whole * 1e3:>7.2f}ms "
              f"{reference / fast:>11.2f}x")
    reference, fast, whole = totals
    print(f"{'all sample lessons':<40} {reference * 1e3:>8.2f}ms {fast * 1e3:>7.2f}ms {whole * 1e3:>7.2f}ms "
          f"{reference / fast:>11.2f}x")
    print(f"reading is {fast / whole:.0%} of a lesson's check with libyaml "
          f"(it was {reference / (whole - fast + reference):.0%} with the reference parser)")


if __name__ == "__main__":
    main()
