"""How tangled each sample lesson's diagrams are: edge crossings and lane intrusions, counted from the
laid-out splines (the SVG paths), and the label size each is shown at.

Run:  .venv/bin/python bench/bench_crossings.py [--before /work/main]

For this checkout it lays out every candidate and prints, per lesson, the overview's and the frames'
chosen layout with its crossings, intrusions (edges of one lane through another lane's box) and the
size 12 pt labels end up at inline (900 px column) and in the player (960 x 600 px box). With
``--before DIR`` it also counts the committed ``DIR/diagrams/<lesson>/overview.svg`` and
``step-NN.svg`` of another checkout (say, main), whose frames were the overview's layout.
"""
from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from generator.diagrams import crossings, draw, layout, svg  # noqa: E402
from generator.diagrams.engine import Graphviz  # noqa: E402
from generator.model.derive import derive  # noqa: E402
from generator.model.lesson import Lesson  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def committed(path: Path) -> ET.Element:
    text = path.read_text("utf-8")
    return ET.fromstring(text[text.index("<svg"):])


def row(label: str, root: ET.Element, ends: crossings.Ends, caption: float) -> str:
    knot = crossings.tangle(root, ends)
    width, height = svg.size(root)
    player = layout.Viewport(layout.PLAYER.width, layout.PLAYER.height, caption)
    return (f"  {label:44s} {width:6.0f} x {height:4.0f} pt  crossings {knot.crossings:2d}  "
            f"intrusions {knot.intrusions}  inline {layout.label_px(root, layout.INLINE):4.1f} px  "
            f"player {layout.label_px(root, player):4.1f} px")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout whose committed diagrams to count")
    args = parser.parse_args()
    graphviz = Graphviz()
    earlier = ("overview", "overview-tb", "overview-lr-reversed", "overview-tb-reversed")  # before issue 10
    spent = {"all": 0.0, "earlier": 0.0}
    for source in sorted((REPO / "content").glob("*.yaml")):
        facts = derive(Lesson.model_validate(yaml.safe_load(source.read_text("utf-8")), strict=False))
        ends = crossings.edge_ends(facts)
        print(facts.lesson.id)
        if args.before:
            folder = args.before / "diagrams" / facts.lesson.id
            print(row("before: overview.svg", committed(folder / "overview.svg"), ends, 0.0))
            last = max(folder.glob("step-*.svg"))  # the last frame: every interaction drawn
            print(row(f"before: {last.name} (frames)", committed(last), ends, 0.0))
        layouts = {}
        for name, text in draw.sources(facts).items():
            if name in layout.PLAYER_CANDIDATES:
                started = time.perf_counter()
                layouts[name] = graphviz.layout(text)
                took = time.perf_counter() - started
                spent["all"] += took
                spent["earlier"] += took if name in earlier else 0.0
        overview, frames = draw.layout_names(facts, layouts)
        print(row(f"after: overview = {overview}", svg.parse(layouts[overview]), ends, 0.0))
        print(row(f"after: frames = {frames}", svg.parse(layouts[frames]), ends, layout.PLAYER.extra_height))
    print(f"layout time, all four lessons: {len(layout.PLAYER_CANDIDATES)} candidates a lesson "
          f"{spent['all'] * 1000:.0f} ms, the {len(earlier)} earlier ones {spent['earlier'] * 1000:.0f} ms "
          f"(x {spent['all'] / spent['earlier']:.1f})")


if __name__ == "__main__":
    main()
