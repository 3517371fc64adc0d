"""Choosing among candidate layouts: legible where it is shown, lanes apart, few crossings, lanes in order.

One scoring serves two places: the overview inline in a page column
(``INLINE``) and the step-through player at 1280 x 800 (``PLAYER``). The
overview's candidates are all laid out (a few ms each) and the best kept; the
player's own only when the overview's pick is not legible there
(``draw.lay_out``). Frames all derive from one kept layout, so nothing moves
between frames.
"""
from __future__ import annotations

import math
from functools import lru_cache
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import svg
from .crossings import Ends, Tangle, tangle


@dataclass(frozen=True)
class Candidate:
    rankdir: str  # "LR" or "TB"
    lanes_reversed: bool = False  # lane clusters written in reverse: flips dot's stacking
    shared_between: bool = False  # components in no lane written between the lanes, not after them
    tight: bool = False  # closer ranks and nodes: a smaller picture at the same text size


def _candidates(*variants: tuple[str, Candidate]) -> dict[str, Candidate]:
    return dict(variants)


# Overview candidates: the first four are the earlier set; ties keep the earlier candidate.
OVERVIEW_CANDIDATES = _candidates(
    ("overview", Candidate("LR")), ("overview-tb", Candidate("TB")),
    ("overview-lr-reversed", Candidate("LR", True)), ("overview-tb-reversed", Candidate("TB", True)),
    ("overview-lr-between", Candidate("LR", False, True)), ("overview-tb-between", Candidate("TB", False, True)),
    ("overview-lr-between-reversed", Candidate("LR", True, True)),
    ("overview-tb-between-reversed", Candidate("TB", True, True)))
# The player's own candidates: the overview's and tighter ones, for a landscape screen.
PLAYER_CANDIDATES = {**OVERVIEW_CANDIDATES, **_candidates(
    *((f"player-{name.removeprefix('overview-') if name != 'overview' else 'lr'}-tight",
       Candidate(c.rankdir, c.lanes_reversed, c.shared_between, True)) for name, c in OVERVIEW_CANDIDATES.items()))}
FLOW_CANDIDATES = {"flow": "LR", "flow-tb": "TB"}
MIN_LABEL_PX = 11.0  # smallest edge-label size (12 pt in the layout) a candidate may show
LABEL_PT = 12.0


@dataclass(frozen=True)
class Viewport:
    """Where a diagram is shown: ``width`` x ``height`` CSS px (height None: it may scroll down)."""

    width: float
    height: float | None = None
    extra_height: float = 0.0  # points the shown SVG adds below the layout (the frames' caption band)

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.6  # 16:10, what slides and columns hold best


INLINE = Viewport(900.0)  # a diagram inline in a lesson page at desktop width
PLAYER = Viewport(960.0, 600.0, 64.0)  # the player's diagram box at 1280 x 800 (see CONTRACT-10 / DESIGN)


def label_px(root: ET.Element, viewport: Viewport) -> float:
    """The size a 12 pt label ends up at, the diagram scaled to fit ``viewport``."""
    return _label_px(*svg.size(root), viewport)


def _label_px(width: float, height: float, viewport: Viewport) -> float:
    scale = viewport.width / width
    if viewport.height:
        scale = min(scale, viewport.height / (height + viewport.extra_height))
    return LABEL_PT * scale


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


def score(root: ET.Element, ends: Ends, viewport: Viewport = INLINE) -> tuple[int, int, int, int, float]:
    """Smaller is better: labels too small, then edges through another lane, then crossings, then lanes
    out of order, then shape off the viewport's.

    Legibility comes first: a readable picture with lanes swapped beats an unreadable one in
    order. A tangle is worse than lanes in the other order: the frames draw the lanes apart anyway.
    """
    return _score(*svg.size(root), tangle(root, ends), lanes_in_order(root), viewport)


def _score(width: float, height: float, knot: Tangle, in_order: bool, viewport: Viewport):
    shown = _label_px(width, height, viewport)
    shape = width / (height + viewport.extra_height)
    return (0 if shown >= MIN_LABEL_PX else math.ceil((MIN_LABEL_PX - shown) * 100), knot.intrusions,
            knot.crossings, 0 if in_order else 1, round(abs(math.log(shape / viewport.aspect)), 4))


@lru_cache(maxsize=128)
def _measured(layout_svg: str, ends: tuple) -> tuple[float, float, Tangle, bool]:
    """What a score needs of one layout, whatever the viewport: one lesson asks for each candidate's
    score several times (the overview's pick, the player's check, the player's pick)."""
    root = svg.parse(layout_svg)
    return (*svg.size(root), tangle(root, dict(ends)), lanes_in_order(root))


def score_of(layout_svg: str, ends: Ends, viewport: Viewport = INLINE) -> tuple[int, int, int, int, float]:
    """``score`` of a layout's SVG text, measured once."""
    return _score(*_measured(layout_svg, tuple(sorted(ends.items()))), viewport)


def choose(layouts: dict[str, str], candidates: dict, ends: Ends | None = None,
           viewport: Viewport = INLINE) -> str:
    """The candidate layout to keep; ties keep the earlier candidate (LR first)."""
    names = [name for name in candidates if name in layouts]
    return min(names, key=lambda name: score_of(layouts[name], ends or {}, viewport))


def scores(layouts: dict[str, str], candidates: dict, ends: Ends, viewport: Viewport = INLINE) -> dict[str, tuple]:
    """Every candidate's score, for the bench and the tests."""
    return {name: score_of(layouts[name], ends, viewport) for name in candidates if name in layouts}
