"""The animated view: one copy of the stage, each of its parts shown in the frames where it looks so.

No script, so it plays when opened alone and inside ``<img>``. The frames are restyled copies of one
laid-out stage, so nothing moves between frames and most parts look the same in many of them: a node
stays as it is until its state changes, an arrow is absent, then current, then quiet for the rest of
the story. Each part (node, arrow, lane, the caption band) is written once per run of consecutive
frames in which it looks the same (a window), not once per frame, and a window shows only while
its frames play: one keyframe rule per window length, a negative delay per first frame. A part that
looks the same in every frame is drawn plainly. A progress bar in the caption band fills during
every frame, so the picture is never still while it plays. Under ``prefers-reduced-motion: reduce``
the windows are hidden and one static frame shows instead: the overview with every step numbered on
its actor.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from ..model import ids
from . import svg
from .xmltext import Writer

SECONDS_PER_FRAME = 3.0
_S = svg._S


def css(frame_count: int, windows: set[tuple[int, int]], seconds: float = SECONDS_PER_FRAME) -> str:
    """Rules for the windows ``(first frame, frame count)`` the document holds."""
    total = frame_count * seconds
    rules = [
        f".sd-window {{ opacity: 0; animation: {total:g}s step-end infinite; }}",
        ".sd-static { display: none; }",
        f".sd-progress {{ transform-box: fill-box; transform-origin: 0 0; "
        f"animation: sd-fill {seconds:g}s linear infinite; }}",
        "@keyframes sd-fill { from { transform: scaleX(0); } to { transform: scaleX(1); } }",
    ]
    for length in sorted({length for _, length in windows}):
        rules.append(f".sd-w{length} {{ animation-name: sd-w{length}; }}")
        rules.append(f"@keyframes sd-w{length} {{ 0% {{ opacity: 1; }} {100 * length / frame_count:.4f}% "
                     f"{{ opacity: 0; }} 100% {{ opacity: 0; }} }}")
    for first in sorted({first for first, _ in windows}):
        # A window from frame k starts k slots in: a negative delay puts it mid-cycle at time zero.
        rules.append(f".sd-at{first} {{ animation-delay: {-((frame_count - first) % frame_count) * seconds:g}s; }}")
    rules.append("@media (prefers-reduced-motion: reduce) {\n"
                 ".sd-frames { display: none; }\n"
                 ".sd-progress { animation: none; display: none; }\n"
                 ".sd-static { display: inline; }\n}")
    return "\n".join(rules)


def _split(unit: ET.Element) -> list[tuple[str, ET.Element]]:
    """A node and what a frame draws in it (state pills, the badge) as parts of their own, drawn right
    after it: a node looks the same for long runs while its state and badge change. No rule styles
    them by the node's classes (``theme``), so they look the same beside it as in it."""
    inner = [child for child in unit if child.tag == f"{_S}g"]
    if not inner:
        return [(unit.get("id") or "", unit)]
    bare = ET.Element(unit.tag, dict(unit.attrib))
    bare.text = unit.text
    bare.extend(child for child in unit if child.tag != f"{_S}g")
    return [(unit.get("id") or "", bare), *((f"{unit.get('id')}/{child.get('class')}/{i}", child)
                                            for i, child in enumerate(inner))]


def _parts(frame: ET.Element) -> dict[str, tuple[ET.Element, bool]]:
    """A captioned frame's parts: key -> (element, inside the graph group), in drawing order."""
    found: dict[str, tuple[ET.Element, bool]] = {}
    for index, child in enumerate(child for child in frame if child.tag == f"{_S}g"):
        if "graph" in (child.get("class") or "").split():
            found.update({key: (part, True) for unit in child for key, part in _split(unit)})
        else:
            found[f"band-{index}"] = (child, False)
    return found


def _drawing_order(parts: list[dict]) -> list[str]:
    """Every part's key once, each after the part it follows in the frames that draw it."""
    order: list[str] = []
    for found in reversed(parts):  # the last frame draws the most
        at = 0
        for key in found:
            if key in order:
                at = order.index(key) + 1
            else:
                order.insert(at, key)
                at += 1
    return order


def windows(frames: list[ET.Element], writer: Writer) -> list[tuple[ET.Element, bool, int, int]]:
    """(part, inside the graph, first frame, frame count) for every run of frames a part looks the same in."""
    parts = [_parts(frame) for frame in frames]
    runs = []
    for key in _drawing_order(parts):
        looks = [writer.element(found[key][0], set()) if key in found else None for found in parts]
        start = 0
        for index in range(1, len(looks) + 1):
            if index == len(looks) or looks[index] != looks[start]:
                if looks[start] is not None:
                    element, in_graph = parts[start][key]
                    runs.append((element, in_graph, start, index - start))
                start = index
    return runs


def _window(element: ET.Element, first: int, length: int, frame_count: int) -> ET.Element:
    part = copy.deepcopy(element)
    for inner in part.iter():  # the same part again in other windows: no id, none to keep unique
        inner.attrib.pop("id", None)
    if length == frame_count:
        return part
    holder = ET.Element(f"{_S}g", {"class": f"sd-window sd-w{length} sd-at{first}"})
    holder.append(part)
    return holder


def animated(frames: list[ET.Element], static: ET.Element, title: str, desc: str, writer: Writer,
             seconds: float = SECONDS_PER_FRAME) -> tuple[ET.Element, str]:
    """The animated document and the CSS it needs besides the theme.

    ``frames`` and ``static`` are captioned frames of one layout, so they share one viewBox.
    """
    root = ET.Element(f"{_S}svg", {key: value for key, value in static.attrib.items()
                                    if key in ("width", "height", "viewBox")})
    svg.name_image(root, title, desc)
    still = ET.SubElement(root, f"{_S}g", {"class": "sd-static"})
    still.extend(copy.deepcopy(child) for child in static if child.tag == f"{_S}g")
    svg.prefix_ids(still, ids.STILL_LAYER_PREFIX)
    graph = next(child for child in frames[-1] if child.tag == f"{_S}g")
    layer = ET.SubElement(root, f"{_S}g", {"class": "sd-frames"})
    drawing = ET.SubElement(layer, graph.tag, {k: v for k, v in graph.attrib.items() if k != "id"})
    shown = windows(frames, writer)
    for element, in_graph, first, length in shown:
        (drawing if in_graph else layer).append(_window(element, first, length, len(frames)))
    width, height = svg.size(static)
    ET.SubElement(root, f"{_S}rect", {"class": "sd-progress sd-marker", "x": "12", "y": f"{height - 9:.2f}",
                                      "width": f"{width - 24:.2f}", "height": "3", "rx": "1.5",
                                      "fill": "#d1242f"})
    return root, css(len(frames), {(first, length) for _, _, first, length in shown if length < len(frames)},
                     seconds)
