"""Choosing among candidate layouts: the most legible at page width, lanes in the author's order."""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from . import svg

# Overview candidates: name -> (rank direction, lane clusters written in reverse). Each is
# laid out (about 2 ms) and one is kept; every frame derives from the one kept.
OVERVIEW_CANDIDATES = {"overview": ("LR", False), "overview-tb": ("TB", False),
                       "overview-lr-reversed": ("LR", True), "overview-tb-reversed": ("TB", True)}
FLOW_CANDIDATES = {"flow": "LR", "flow-tb": "TB"}
PAGE_WIDTH = 900.0  # px: a diagram inline in a lesson page at desktop width
MIN_LABEL_PX = 11.0  # smallest edge-label size (12 pt in the layout) a candidate may show at PAGE_WIDTH
ASPECT = 1.6  # 16:10, what slides and a page column hold best


def lanes_in_order(root: ET.Element) -> bool:
    """Lane clusters read in the author's order: top to bottom, and left to right on a level."""
    boxes = {g.get("id"): svg.shape_box(g) for g in svg.groups(root, "cluster")}
    ordered = [boxes[f"l{i}"] for i in range(1, len(boxes) + 2) if f"l{i}" in boxes]
    for (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) in zip(ordered, ordered[1:]):
        above = ay1 <= by0 + 1  # a entirely above b (SVG y grows downwards)
        beside = not above and by1 > ay0 + 1 and (ax0 + ax1) < (bx0 + bx1)  # overlapping rows, a left
        if not (above or beside):
            return False
    return True


def overview_score(root: ET.Element) -> tuple[int, int, float]:
    """Smaller is better: labels too small inline, then lanes out of order, then off 16:10.

    Legibility comes first: dot's crossing minimisation sometimes stacks the lanes
    against the author's order in every candidate, and a readable picture with
    lanes swapped beats an unreadable one in order.
    """
    width, height = svg.size(root)
    label_px = 12 * PAGE_WIDTH / width
    return (0 if label_px >= MIN_LABEL_PX else round(width), 0 if lanes_in_order(root) else 1,
            round(abs(math.log(width / height / ASPECT)), 4))


def choose(layouts: dict[str, str], candidates: dict) -> str:
    """The candidate layout to keep; ties keep the earlier candidate (LR first)."""
    names = [name for name in candidates if name in layouts]
    return min(names, key=lambda name: overview_score(svg.parse(layouts[name])))
