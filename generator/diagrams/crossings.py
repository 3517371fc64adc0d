"""Geometry of a laid-out diagram, read from its SVG: edge crossings and lane intrusions.

Graphviz draws every edge as one path of cubic Béziers (``M p C p p p ...``).
Each curve is flattened into short segments and segments of two edges are
intersected; crossings close to a node two edges share (where they meet, not
cross) do not count. Everything is in the SVG's own coordinates (points).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import combinations

from ..model import ids
from ..model.facts import LessonFacts
from . import svg

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
SAMPLES = 12  # segments per cubic Bézier
NEAR_END = 10.0  # points: a meeting this close to a shared node's end is not a crossing
SAME_POINT = 3.0  # points: two hits this close are one crossing

Point = tuple[float, float]


@dataclass(frozen=True)
class EdgeLine:
    id: str
    tail: str  # node ids
    head: str
    lane: str | None
    points: tuple[Point, ...]


def flatten(d: str) -> list[Point]:
    """A Graphviz path (M then cubic Bézier runs) as a polyline."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    pts = list(zip(numbers[0::2], numbers[1::2]))
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, SAMPLES + 1):
            t = k / SAMPLES
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


Ends = dict[str, tuple[str, str, str | None]]  # edge id -> tail node, head node, lane (or None)


def edge_ends(facts: LessonFacts) -> Ends:
    """Every interaction edge's two nodes and the one lane its step is in (None: shared or several)."""
    codes = {lane.id: ids.lane(i) for i, lane in enumerate(facts.lesson.lanes, 1)}
    return {arrow.edge: (facts.nodes.get(arrow.source.from_, ""), facts.nodes.get(arrow.source.to, ""),
                         codes[step.lanes[0]] if len(step.lanes) == 1 else None)
            for step in facts.steps for arrow in step.interactions}


def edge_lines(root: ET.Element, ends: Ends) -> list[EdgeLine]:
    """Every edge's polyline, with its nodes and lane from ``ends``."""
    found = []
    for g in svg.groups(root, "edge"):
        path = g.find(f"{svg._S}path")
        if path is None:
            continue
        tail, head, lane = ends.get(g.get("id"), ("", "", None))
        found.append(EdgeLine(g.get("id"), tail, head, lane, tuple(flatten(path.get("d") or ""))))
    return found


def _hit(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if abs(d) < 1e-9:
        return None
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d
    if 0 <= t <= 1 and 0 <= u <= 1:
        return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])
    return None


def _near(a: Point, b: Point, distance: float) -> bool:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 <= distance * distance


Box = tuple[float, float, float, float]
SLACK = 1e-6  # boxes closer than this may still touch: tested, not skipped


def _box(points) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _apart(a: Box, b: Box) -> bool:
    return a[2] < b[0] - SLACK or b[2] < a[0] - SLACK or a[3] < b[1] - SLACK or b[3] < a[1] - SLACK


def _chunks(points: tuple[Point, ...]) -> list[tuple[Box, list[tuple[Point, Point, Box]]]]:
    """The polyline's segments, a Bézier's worth at a time, each run and segment with its box."""
    segments = [(p, q, (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))
                for p, q in zip(points, points[1:])]
    runs = [segments[i:i + SAMPLES] for i in range(0, len(segments), SAMPLES)]
    return [(_box([pt for p, q, _ in run for pt in (p, q)]), run) for run in runs]


def pair_crossings(a: EdgeLine, b: EdgeLine) -> int:
    """How many times two edges cross, not counting where they meet at a shared node.

    Segment pairs are tried in order (every segment of ``a``, against every segment of ``b``), as
    nearby hits merge into the first; pairs whose boxes are apart cannot meet and are skipped."""
    return _pair_crossings(a, b, _chunks(a.points), _chunks(b.points))


def _pair_crossings(a: EdgeLine, b: EdgeLine, mine: list, theirs: list) -> int:
    shared = {a.tail, a.head} & {b.tail, b.head} - {""}
    ends = [p for line in (a, b) for p in (line.points[0], line.points[-1])] if shared else []
    hits: list[Point] = []
    for box, run in mine:
        near = [segments for other, segments in theirs if not _apart(box, other)]
        for p, q, own in run if near else ():
            for segments in near:
                for r, s, other in segments:
                    if _apart(own, other):
                        continue
                    hit = _hit(p, q, r, s)
                    if hit is None or any(_near(hit, end, NEAR_END) for end in ends):
                        continue
                    if not any(_near(hit, seen, SAME_POINT) for seen in hits):
                        hits.append(hit)
    return len(hits)


def crossings(lines: list[EdgeLine]) -> int:
    drawn = [line for line in lines if line.points]
    chunks = [_chunks(line.points) for line in drawn]  # once per line, not once per pair
    return sum(_pair_crossings(drawn[i], drawn[j], chunks[i], chunks[j])
               for i, j in combinations(range(len(drawn)), 2))


def lane_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    return {g.get("id"): svg.shape_box(g) for g in svg.groups(root, "cluster")}


def intrusions(lines: list[EdgeLine], boxes: dict[str, tuple[float, float, float, float]]) -> int:
    """Edges of one lane that pass through another lane's cluster."""
    count = 0
    for line in lines:
        if line.lane is None:
            continue
        for lane, (x0, y0, x1, y1) in boxes.items():
            if lane != line.lane and any(x0 + 2 < x < x1 - 2 and y0 + 2 < y < y1 - 2 for x, y in line.points):
                count += 1
    return count


@dataclass(frozen=True)
class Tangle:
    crossings: int
    intrusions: int


def tangle(root: ET.Element, ends: Ends) -> Tangle:
    """Crossings and lane intrusions of one laid-out diagram."""
    lines = edge_lines(root, ends)
    return Tangle(crossings(lines), intrusions(lines, lane_boxes(root)))
